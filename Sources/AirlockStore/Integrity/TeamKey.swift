import Crypto
import Foundation

/// The team's seal key as it travels between machines (`airlock team key export` and
/// `import`): one line, `airlock-team-key-v1:` and the 32 bytes in base64, so it survives a
/// terminal, a password manager or a paste. A copy of the key file itself (the 32 raw bytes)
/// is read too. The fingerprint (the first 16 hex digits of the key's SHA-256) lets two
/// machines compare keys without showing them.
public struct TeamKey: Equatable, Sendable {
    public let bytes: [UInt8]

    static let prefix = "airlock-team-key-v1:"

    public init?(bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        self.bytes = bytes
    }

    /// Reads the text form, or a key file's 32 raw bytes; nil for anything else.
    public init?(reading data: Data) {
        if let text = String(data: data, encoding: .utf8) {
            let line = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.hasPrefix(Self.prefix) {
                guard let decoded = Data(base64Encoded: String(line.dropFirst(Self.prefix.count))) else { return nil }
                self.init(bytes: Array(decoded))
                return
            }
        }
        self.init(bytes: Array(data))
    }

    /// The line `export` writes.
    public var text: String { Self.prefix + Data(bytes).base64EncodedString() + "\n" }

    public var fingerprint: String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined().prefix(16).description
    }
}
