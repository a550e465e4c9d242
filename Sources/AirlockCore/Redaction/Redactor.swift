/// Replaces secrets in text with labelled placeholders such as `[REDACTED:github-token]`.
///
/// One left-to-right pass over the UTF-8 bytes. Each detector either consumes what it scanned
/// or gives up after a run that later positions cannot restart inside, so megabyte inputs stay
/// linear. Only the secret itself is replaced: names, quotes, schemes and hosts stay readable.
public struct Redactor: Sendable {
    public init() {}

    /// The text with each secret replaced by `[REDACTED:<label>]`, the rest kept byte for byte.
    public func redact(_ text: String) -> String {
        let bytes = Array(text.utf8)
        let spans = SecretScanner(bytes: bytes).spans()
        if spans.isEmpty { return text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var copied = 0
        for span in spans {
            out.append(contentsOf: bytes[copied..<span.start])
            out.append(contentsOf: "[REDACTED:\(span.label)]".utf8)
            copied = span.end
        }
        out.append(contentsOf: bytes[copied...])
        // Spans start and end next to ASCII bytes, so the result is valid UTF-8 whenever the input was.
        return String(decoding: out, as: UTF8.self)
    }

    /// The labels of what was found, in order (e.g. ["aws-access-key", "password-in-url"]),
    /// for tests and reports.
    public func findings(in text: String) -> [String] {
        SecretScanner(bytes: Array(text.utf8)).spans().map(\.label)
    }
}
