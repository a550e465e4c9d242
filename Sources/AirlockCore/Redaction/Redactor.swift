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

private enum ASCII {
    static let tab = UInt8(ascii: "\t"), newline = UInt8(ascii: "\n")
    static let space = UInt8(ascii: " "), dquote = UInt8(ascii: "\""), squote = UInt8(ascii: "'")
    static let dollar = UInt8(ascii: "$"), dash = UInt8(ascii: "-"), dot = UInt8(ascii: ".")
    static let slash = UInt8(ascii: "/"), colon = UInt8(ascii: ":"), equals = UInt8(ascii: "=")
    static let at = UInt8(ascii: "@"), backslash = UInt8(ascii: "\\"), underscore = UInt8(ascii: "_")
    static let lbrace = UInt8(ascii: "{"), rbracket = UInt8(ascii: "]"), lt = UInt8(ascii: "<")
    static let gt = UInt8(ascii: ">"), backtick = UInt8(ascii: "`")

    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    static func isUpper(_ c: UInt8) -> Bool { c >= 0x41 && c <= 0x5A }
    static func isLower(_ c: UInt8) -> Bool { c >= 0x61 && c <= 0x7A }
    static func isLetter(_ c: UInt8) -> Bool { isUpper(c) || isLower(c) }
    static func isAlnum(_ c: UInt8) -> Bool { isLetter(c) || isDigit(c) }
    static func isUpperAlnum(_ c: UInt8) -> Bool { isUpper(c) || isDigit(c) }
    static func isWordByte(_ c: UInt8) -> Bool { isAlnum(c) || c == underscore }
    static func isBase64URL(_ c: UInt8) -> Bool { isWordByte(c) || c == dash }
    static func isSlackByte(_ c: UInt8) -> Bool { isAlnum(c) || c == dash }
    /// Bytes of variable, key and flag names: `aws_secret_access_key`, `--api-key`, `db.password`.
    static func isNameByte(_ c: UInt8) -> Bool { isBase64URL(c) || c == dot }
    static func isQuote(_ c: UInt8) -> Bool { c == dquote || c == squote }
    static func isSpace(_ c: UInt8) -> Bool { c == space || c == tab }
    static func isWhitespace(_ c: UInt8) -> Bool { isSpace(c) || (c >= 0x0A && c <= 0x0D) }
    static func lower(_ c: UInt8) -> UInt8 { isUpper(c) ? c | 0x20 : c }
    static func upper(_ c: UInt8) -> UInt8 { isLower(c) ? c & ~0x20 : c }
    /// RFC 6750 token68 bytes, which bearer and basic credentials are made of.
    static func isCredentialByte(_ c: UInt8) -> Bool {
        isBase64URL(c) || "./=~+".utf8.contains(c)
    }
    /// Where an unquoted value ends; quotes too, so `-H "X-Api-Key: abc"` keeps its closing quote.
    static func endsBareValue(_ c: UInt8) -> Bool {
        isWhitespace(c) || isQuote(c) || c == 0 || c == backslash || c == backtick || ";&|,}".utf8.contains(c)
    }
    /// Where the authority of a URL ends; the userinfo can only be before it.
    static func endsAuthority(_ c: UInt8) -> Bool {
        isWhitespace(c) || isQuote(c) || c == 0 || c == backslash || c == backtick || "/?#<>".utf8.contains(c)
    }
}

/// Finds the byte ranges of secrets, in order and without overlap.
private struct SecretScanner {
    /// One secret: the bytes to replace and what they are.
    struct Span {
        var start: Int
        var end: Int
        var label: String
    }

    let bytes: [UInt8]

    /// Name words that describe a secret rather than hold one: `PASSWORD_MIN_LENGTH`, `API_KEY_ID`.
    private static let descriptorWords: Set<String> = [
        "LENGTH", "LEN", "COUNT", "MIN", "MAX", "SIZE", "FILE", "PATH", "DIR", "NAME", "TYPE", "ID", "ARN",
        "ENABLED", "REQUIRED", "POLICY", "FORMAT", "PROMPT", "HINT", "STDIN", "ENV", "FIELD", "HEADER",
        "PARAM", "LABEL", "URL", "URI", "HOST", "PORT", "USER", "USERNAME", "REGION", "VERSION", "EXPIRY",
        "EXPIRES", "TTL", "COMMAND", "CMD", "HELPER",
    ]
    private static let secretLastWords: Set<String> = [
        "TOKEN", "SECRET", "PASSWORD", "PASSWD", "PASSPHRASE", "CREDENTIAL", "CREDENTIALS", "APIKEY",
    ]
    /// Last words that name a secret only after another word: bare `KEY` and `PWD` (the working
    /// directory) do not.
    private static let qualifiedLastWords: Set<String> = ["KEY", "PWD", "PASS"]
    private static let secretFragments = [
        "SECRET", "PASSWORD", "PASSWD", "CREDENTIAL", "APIKEY", "API_KEY", "ACCESS_KEY", "PRIVATE_KEY",
    ]
    /// Unquoted values that say "nothing here" rather than hold a secret.
    private static let emptyLiterals: Set<String> = ["null", "nil", "none", "true", "false", "undefined"]

    /// What a detector found, if anything, and where scanning resumes after it.
    struct Hit {
        var span: Span?
        var resume: Int

        init(_ span: Span) { (self.span, resume) = (span, span.end) }
        /// A recognised name or header whose value is not a secret: skipping it like a redacted
        /// one keeps both passes of `redact(redact(x))` looking at the same bytes.
        init(skipTo resume: Int) { (span, self.resume) = (nil, resume) }
    }

    func spans() -> [Span] {
        var found: [Span] = []
        // A URL password lies after its user part, which is scanned first like any other text.
        var pending: Span?
        var i = 0
        while i < bytes.count {
            if let password = pending, i >= password.start {
                // Past its start means a longer secret already covered it.
                if i == password.start {
                    found.append(password)
                    i = password.end
                }
                pending = nil
                continue
            }
            if pending == nil, bytes[i] == ASCII.colon { pending = urlPassword(at: i) }
            if let hit = detect(at: i) {
                if let span = hit.span { found.append(span) }
                i = max(hit.resume, i + 1)
            } else {
                i += 1
            }
        }
        return found
    }

    /// What begins at `i`, or nil when nothing does.
    private func detect(at i: Int) -> Hit? {
        let c = bytes[i]
        if c == ASCII.dash, let span = privateKey(at: i) { return Hit(span) }
        guard ASCII.isNameByte(c) else { return nil }
        // `]` counts as part of a word so that a placeholder, which ends in `]`, sees the same
        // boundaries as the secret it replaced: that keeps `redact` idempotent.
        let prev = byte(i - 1)
        if !(ASCII.isBase64URL(prev) || prev == ASCII.rbracket), let span = token(at: i) { return Hit(span) }
        guard !(ASCII.isNameByte(prev) || prev == ASCII.rbracket) else { return nil }
        return authorization(at: i) ?? bearer(at: i).map(Hit.init) ?? assignment(at: i)
    }

    // MARK: Detectors

    /// Vendor tokens recognised by their prefix, and JWTs.
    private func token(at i: Int) -> Span? {
        func prefixed(_ length: Int, min: Int, _ label: String, _ body: (UInt8) -> Bool) -> Span? {
            let end = run(from: i + length, while: body)
            return end - (i + length) >= min ? Span(start: i, end: end, label: label) : nil
        }
        // A fixed-length body may be followed by anything but a letter or digit. Refusing `-` too
        // would flip on a second pass when a PEM block starts right there and becomes a placeholder.
        func exactly(_ count: Int, after length: Int, _ label: String, _ body: (UInt8) -> Bool) -> Span? {
            let end = i + length + count
            guard end <= bytes.count, bytes[(i + length)..<end].allSatisfy(body), !ASCII.isAlnum(byte(end))
            else { return nil }
            return Span(start: i, end: end, label: label)
        }
        switch bytes[i] {
        case UInt8(ascii: "A"):
            if has("AKIA", at: i) || has("ASIA", at: i) {
                return exactly(16, after: 4, "aws-access-key", ASCII.isUpperAlnum)
            }
            if has("AIza", at: i) { return exactly(35, after: 4, "google-api-key", ASCII.isBase64URL) }
        case UInt8(ascii: "g"):
            if has("github_pat_", at: i) { return prefixed(11, min: 20, "github-token", ASCII.isWordByte) }
            if has("glpat-", at: i) { return prefixed(6, min: 20, "gitlab-token", ASCII.isBase64URL) }
            if has("gh", at: i), "pousr".utf8.contains(byte(i + 2)), byte(i + 3) == ASCII.underscore {
                return prefixed(4, min: 20, "github-token", ASCII.isAlnum)
            }
        case UInt8(ascii: "x"):
            if has("xox", at: i), "bpars".utf8.contains(byte(i + 3)), byte(i + 4) == ASCII.dash {
                return prefixed(5, min: 10, "slack-token", ASCII.isSlackByte)
            }
        case UInt8(ascii: "s"), UInt8(ascii: "r"):
            if has("k_live_", at: i + 1) || has("k_test_", at: i + 1) {
                return prefixed(8, min: 10, "stripe-key", ASCII.isAlnum)
            }
            if has("sk-", at: i) {
                // Real keys are random; this spares branch names like `sk-fix-the-login-flow`.
                let end = run(from: i + 3, while: ASCII.isBase64URL)
                guard end - (i + 3) >= 20, looksRandom(i + 3..<end) else { return nil }
                return Span(start: i, end: end, label: "api-key")
            }
        case UInt8(ascii: "e"):
            return jwt(at: i)
        case UInt8(ascii: "n"):
            if has("npm_", at: i) { return exactly(36, after: 4, "npm-token", ASCII.isAlnum) }
        default:
            break
        }
        return nil
    }

    /// Three base64url segments joined by dots, the first a JSON header (`eyJ` is `{"`).
    private func jwt(at i: Int) -> Span? {
        guard has("eyJ", at: i) else { return nil }
        let header = run(from: i, while: ASCII.isBase64URL)
        guard header - i >= 10, byte(header) == ASCII.dot else { return nil }
        let payload = run(from: header + 1, while: ASCII.isBase64URL)
        guard payload > header + 1, byte(payload) == ASCII.dot else { return nil }
        let signature = run(from: payload + 1, while: ASCII.isBase64URL)
        guard signature > payload + 1 else { return nil }
        return Span(start: i, end: signature, label: "jwt")
    }

    /// A PEM private key from its BEGIN line through its END line, or to the end when unterminated.
    private func privateKey(at i: Int) -> Span? {
        guard has("-----BEGIN ", at: i) else { return nil }
        // The label is upper case (`RSA PRIVATE KEY`); bounding it by its alphabet rather than a
        // length keeps a failed attempt from being rescanned by the next `-----BEGIN`.
        let labelStart = i + 11
        let labelEnd = run(from: labelStart) { ASCII.isUpperAlnum($0) || $0 == ASCII.space }
        guard has("-----", at: labelEnd), find("PRIVATE KEY", from: labelStart, before: labelEnd) != nil else {
            return nil
        }
        guard let endLine = find("-----END ", from: labelEnd + 5, before: bytes.count) else {
            return Span(start: i, end: bytes.count, label: "private-key")
        }
        let lineEnd = run(from: endLine) { $0 != ASCII.newline }
        let close = find("-----", from: endLine + 9, before: min(lineEnd, endLine + 9 + 64))
        return Span(start: i, end: close.map { $0 + 5 } ?? lineEnd, label: "private-key")
    }

    /// The password in `scheme://user:password@host`.
    private func urlPassword(at i: Int) -> Span? {
        guard byte(i + 1) == ASCII.slash, byte(i + 2) == ASCII.slash else { return nil }
        let start = i + 3
        var j = start, lastAt = -1
        // A placeholder ends the authority: the secret it replaced may have held a space or `/`
        // that ended it on the first pass.
        while j < bytes.count, !ASCII.endsAuthority(bytes[j]), !has("[REDACTED:", at: j) {
            if bytes[j] == ASCII.at { lastAt = j }
            j += 1
        }
        guard lastAt > start, let colon = find(":", from: start, before: lastAt), colon + 1 < lastAt,
            !isPlaceholder(colon + 1..<lastAt)
        else { return nil }
        return Span(start: colon + 1, end: lastAt, label: "password-in-url")
    }

    /// The credential of an `Authorization: <scheme> <credential>` header, in any quoting.
    private func authorization(at i: Int) -> Hit? {
        guard has("authorization", at: i, ignoringCase: true) else { return nil }
        var j = skipSpaces(afterQuote(i + 13))
        guard byte(j) == ASCII.colon || byte(j) == ASCII.equals else { return nil }
        j = skipSpaces(j + 1)
        j = afterQuote(j)
        let scheme = run(from: j, while: ASCII.isLetter)
        guard scheme > j, ASCII.isSpace(byte(scheme)) else { return nil }
        let start = skipSpaces(scheme)
        let end = run(from: start) { !ASCII.endsBareValue($0) }
        guard !isPlaceholder(start..<end) else { return Hit(skipTo: start) }
        return Hit(Span(start: start, end: end, label: "bearer-token"))
    }

    /// `Bearer <token>` outside a header; the token must look random so prose like
    /// "Bearer authentication" survives.
    private func bearer(at i: Int) -> Span? {
        guard has("bearer", at: i, ignoringCase: true), ASCII.isSpace(byte(i + 6)) else { return nil }
        let start = skipSpaces(i + 6)
        let end = run(from: start, while: ASCII.isCredentialByte)
        guard end - start >= 16, bytes[start..<end].contains(where: ASCII.isDigit) else { return nil }
        return Span(start: start, end: end, label: "bearer-token")
    }

    /// The value of `NAME=value`, `NAME: value`, `"name": "value"` or `--name value` when the name
    /// says it holds a secret.
    private func assignment(at i: Int) -> Hit? {
        let nameEnd = run(from: i, while: ASCII.isNameByte)
        // `$SECRET_KEY` reads a variable, it does not set one.
        guard nameEnd - i <= 128, byte(i - 1) != ASCII.dollar else { return nil }
        let keyEnd = afterQuote(nameEnd)
        var j = skipSpaces(keyEnd)
        let isFlagWithSpace: Bool
        switch byte(j) {
        case ASCII.equals:
            j += 1
            // `==` compares and `=>` maps (Ruby, PHP); both still hold the literal after them.
            if byte(j) == ASCII.equals || byte(j) == ASCII.gt { j += 1 }
            isFlagWithSpace = false
        case ASCII.colon:
            let next = byte(j + 1)
            if next == ASCII.equals {
                j += 2
            } else if ASCII.isWhitespace(next) || ASCII.isQuote(next) || next == ASCII.backslash || next == 0 {
                j += 1  // A space or quote must follow, which spares `${PASSWORD:-x}` and `user:pass`.
            } else {
                return nil
            }
            isFlagWithSpace = false
        default:
            guard bytes[i] == ASCII.dash, keyEnd == nameEnd, j > nameEnd else { return nil }
            isFlagWithSpace = true
        }
        let words = nameWords(i..<nameEnd)
        guard isSecretName(words), !(isFlagWithSpace && words.first == "NO") else { return nil }
        let valueStart = skipSpaces(j)
        if isFlagWithSpace, byte(valueStart) == ASCII.dash { return nil }
        guard let value = value(at: valueStart) else { return Hit(skipTo: valueStart) }
        if let token = token(at: value.lowerBound), token.end == value.upperBound { return Hit(token) }
        let isAWS = contains(words.joined(separator: "_"), "SECRET_ACCESS_KEY")
        let label = isAWS ? "aws-secret-key" : "secret-assignment"
        return Hit(Span(start: value.lowerBound, end: value.upperBound, label: label))
    }

    // MARK: Values and names

    /// The secret part of a value at `j`: inside its quotes (`"…"`, `'…'`, or `\"…\"` in JSON-encoded
    /// text), else up to a delimiter. Nil for empty values, references and placeholders.
    private func value(at j: Int) -> Range<Int>? {
        var quote: UInt8 = 0, isEscapedQuote = false, start = j
        if byte(j) == ASCII.backslash, ASCII.isQuote(byte(j + 1)) {
            (quote, isEscapedQuote, start) = (byte(j + 1), true, j + 2)
        } else if ASCII.isQuote(byte(j)) {
            (quote, start) = (byte(j), j + 1)
        }
        // Refused before scanning, so a refused value costs nothing.
        if isReference(at: start) { return nil }
        var end = start
        if quote == 0 {
            end = run(from: start) { !ASCII.endsBareValue($0) }
        } else {
            // An unterminated quote ends at the line, so one stray quote cannot swallow the rest.
            while end < bytes.count, bytes[end] != ASCII.newline {
                let c = bytes[end]
                if c == ASCII.backslash, isEscapedQuote, byte(end + 1) == quote { break }
                if c == quote, !isEscapedQuote { break }
                let skipsEscaped = c == ASCII.backslash && quote == ASCII.dquote && !isEscapedQuote
                end += skipsEscaped && byte(end + 1) != ASCII.newline ? 2 : 1
            }
            end = min(end, bytes.count)
        }
        guard !isPlaceholder(start..<end) else { return nil }
        let literal = end - start <= 9 ? String(decoding: bytes[start..<end], as: UTF8.self).lowercased() : ""
        return quote == 0 && Self.emptyLiterals.contains(literal) ? nil : start..<end
    }

    /// True for values that hold no secret: empty, `$VAR`, `${VAR}`, `<redacted>`, `***`, placeholders.
    private func isPlaceholder(_ range: Range<Int>) -> Bool {
        guard let first = range.first, !isReference(at: first) else { return true }
        return !bytes[range].contains { ASCII.isAlnum($0) || $0 >= 0x80 }
    }

    /// Whether a value starting at `j` names a secret instead of holding one: `$VAR`, `${VAR}`, a
    /// template, a `<placeholder>` or `< file` redirection, or an earlier redaction. Only the first
    /// byte decides, since the rest may change when a first pass redacts inside it.
    private func isReference(at j: Int) -> Bool {
        let c = byte(j)
        return c == ASCII.dollar || c == ASCII.lbrace || c == ASCII.lt || has("[REDACTED", at: j)
    }

    /// The upper-cased words of a name, split at `_ - .` and camelCase: `--api-key` and `apiKey` give API, KEY.
    private func nameWords(_ range: Range<Int>) -> [String] {
        var words: [String] = [], word: [UInt8] = [], prev: UInt8 = 0
        func flush() {
            if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
            word.removeAll(keepingCapacity: true)
        }
        for c in bytes[range] {
            if c == ASCII.underscore || c == ASCII.dash || c == ASCII.dot {
                flush()
            } else {
                if ASCII.isUpper(c), ASCII.isLower(prev) { flush() }
                word.append(ASCII.upper(c))
            }
            prev = c
        }
        flush()
        return words
    }

    /// Whether a name holds a secret: it ends with TOKEN, SECRET, PASSWORD, `_KEY`, `_PWD`…, or contains
    /// SECRET, PASSWORD, API_KEY… without ending in a describing word such as LENGTH or FILE.
    private func isSecretName(_ words: [String]) -> Bool {
        guard let last = words.last, !Self.descriptorWords.contains(last) else { return false }
        if Self.secretLastWords.contains(last) { return true }
        if words.count > 1, Self.qualifiedLastWords.contains(last) { return true }
        let name = words.joined(separator: "_")
        return Self.secretFragments.contains { contains(name, $0) }
    }

    // MARK: Byte helpers

    /// The byte at `i`, or 0 outside the text, so lookahead needs no bounds checks.
    private func byte(_ i: Int) -> UInt8 { i >= 0 && i < bytes.count ? bytes[i] : 0 }

    /// The first index from `start` whose byte fails `body` (or the end of the text).
    private func run(from start: Int, while body: (UInt8) -> Bool) -> Int {
        var j = start
        while j < bytes.count, body(bytes[j]) { j += 1 }
        return j
    }

    private func has(_ literal: String, at i: Int, ignoringCase: Bool = false) -> Bool {
        var j = i
        for c in literal.utf8 {
            let b = ignoringCase ? ASCII.lower(byte(j)) : byte(j)
            guard b == c else { return false }
            j += 1
        }
        return true
    }

    private func find(_ literal: String, from start: Int, before limit: Int) -> Int? {
        guard let first = literal.utf8.first else { return nil }
        var j = start
        while j < limit {
            if bytes[j] == first, has(literal, at: j) { return j }
            j += 1
        }
        return nil
    }

    private func skipSpaces(_ j: Int) -> Int { run(from: j, while: ASCII.isSpace) }

    /// Past a quote (or JSON-escaped `\"`) at `j`, if there is one.
    private func afterQuote(_ j: Int) -> Int {
        if byte(j) == ASCII.backslash, ASCII.isQuote(byte(j + 1)) { return j + 2 }
        return ASCII.isQuote(byte(j)) ? j + 1 : j
    }

    /// Digits or mixed case, as random keys have and words do not.
    private func looksRandom(_ range: Range<Int>) -> Bool {
        let slice = bytes[range]
        return slice.contains(where: ASCII.isDigit)
            || (slice.contains(where: ASCII.isUpper) && slice.contains(where: ASCII.isLower))
    }

    private func contains(_ haystack: String, _ needle: String) -> Bool {
        let hay = Array(haystack.utf8)
        return hay.indices.contains { hay[$0...].starts(with: needle.utf8) }
    }
}
