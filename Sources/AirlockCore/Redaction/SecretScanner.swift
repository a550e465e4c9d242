/// Finds the byte ranges of secrets, in order and without overlap, from the shapes in `SecretShapes`.
///
/// One left-to-right pass. Each detector either consumes what it scanned or gives up after a
/// run that later positions cannot restart inside, so megabyte inputs stay linear. Two facts
/// carry along the pass: the program whose password options apply (until the command ends)
/// and whether a `.netrc` entry has begun.
struct SecretScanner {
    /// One secret: the bytes to replace and what they are.
    struct Span {
        var start: Int
        var end: Int
        var label: String
    }

    typealias B = TextBytes

    let bytes: [UInt8]

    /// What a detector found, if anything, and where scanning resumes after it.
    struct Hit {
        var span: Span?
        var resume: Int

        init(_ span: Span) { (self.span, resume) = (span, span.end) }
        /// A recognised name or header whose value is not a secret: skipping it like a redacted
        /// one keeps both passes of `redact(redact(x))` looking at the same bytes.
        init(skipTo resume: Int) { (span, self.resume) = (nil, resume) }
    }

    /// What the pass has seen so far that changes how later bytes read.
    struct Context {
        /// The `SecretShapes.passwordOptions` entry of the current command's program.
        var program: Int?
        var isInNetrcEntry = false
    }

    func spans() -> [Span] {
        var found: [Span] = []
        // A URL password lies after its user part, which is scanned first like any other text.
        var pending: Span?
        var context = Context()
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
            let c = bytes[i]
            if B.endsCommand(c) { context.program = nil }
            if pending == nil, c == B.colon { pending = urlPassword(at: i) }
            if let hit = detect(at: i, &context) {
                if let span = hit.span {
                    found.append(span)
                    // An access key id is often followed by its secret key (`id,secret`, `id secret`).
                    if span.label == "aws-access-key", let secret = awsSecret(after: span.end) {
                        found.append(secret)
                        i = secret.end
                        continue
                    }
                }
                i = max(hit.resume, i + 1)
            } else {
                i += 1
            }
        }
        return found
    }

    /// What begins at `i`, or nil when nothing does.
    private func detect(at i: Int, _ context: inout Context) -> Hit? {
        let c = bytes[i]
        let prev = byte(i - 1)
        let beginsLine = startsLine(i)
        if c == B.dash {
            if let span = privateKey(at: i) { return Hit(span) }
            if let program = context.program, isWordStart(i), let hit = passwordOption(at: i, program: program) {
                return hit
            }
        }
        // `]` counts as part of a word so that a placeholder, which ends in `]`, sees the same
        // boundaries as the secret it replaced: that keeps `redact` idempotent.
        if B.isNameByte(c), !(B.isBase64URL(prev) || prev == B.rbracket) || beginsLine, let span = token(at: i) {
            return Hit(span)
        }
        // A bare AWS secret key may start with `/` or `+`, which no name does.
        if !(B.isBase64(prev) || B.isNameByte(prev) || prev == B.rbracket) || beginsLine,
            let span = bareAWSSecret(at: i)
        {
            return Hit(span)
        }
        guard B.isNameByte(c), !(B.isNameByte(prev) || prev == B.rbracket) || beginsLine else { return nil }
        if isWordStart(i) || prev == B.slash { noteWord(at: i, &context) }
        if context.isInNetrcEntry, let hit = netrcPassword(at: i) { return hit }
        return authorization(at: i) ?? bearer(at: i).map(Hit.init) ?? assignment(at: i)
    }

    /// Whether `i` starts a line's text where the byte before it would otherwise join a word: after
    /// a JSON escape such as `\\n` (JSON-encoded text), or after a diff's `+`/`-` line marker.
    private func startsLine(_ i: Int) -> Bool {
        if isAfterEscape(i) { return true }
        let prev = byte(i - 1)
        guard prev == B.plus || prev == B.dash else { return false }
        return i == 1 || byte(i - 2) == B.newline || isAfterEscape(i - 1)
    }

    /// Whether `i` follows `\\n`, `\\t` or `\\r`.
    private func isAfterEscape(_ i: Int) -> Bool {
        let prev = byte(i - 1)
        return byte(i - 2) == B.backslash
            && (prev == UInt8(ascii: "n") || prev == UInt8(ascii: "t") || prev == UInt8(ascii: "r"))
    }

    // MARK: Context

    /// Whether `i` begins a shell word: after a blank, a quote, a separator, or nothing.
    private func isWordStart(_ i: Int) -> Bool {
        let prev = byte(i - 1)
        return prev == 0 || B.isWhitespace(prev) || B.isQuote(prev) || B.endsCommand(prev) || prev == B.equals
            || startsLine(i)
    }

    /// Notes a program with password options, or the start of a `.netrc` entry.
    private func noteWord(at i: Int, _ context: inout Context) {
        let end = run(from: i, while: B.isNameByte)
        guard B.isWhitespace(byte(end)) || B.isQuote(byte(end)) || end == bytes.count else { return }
        for candidate in SecretShapes.programsByFirstByte[Int(bytes[i])] where has(candidate.program, at: i) {
            context.program = candidate.option
            return
        }
        if SecretShapes.netrcEntryWords.contains(where: { end - i == $0.utf8.count && has($0, at: i) }) {
            context.isInNetrcEntry = true
        }
    }

    // MARK: Detectors

    /// Vendor tokens recognised by their prefix, and JWTs.
    private func token(at i: Int) -> Span? {
        if bytes[i] == UInt8(ascii: "e") { return jwt(at: i) }
        for shape in SecretShapes.tokensByFirstByte[Int(bytes[i])] where has(shape.prefix, at: i) {
            let start = i + shape.prefix.utf8.count
            switch shape.length {
            case .exactly(let count):
                // Anything but a letter or digit may follow. Refusing `-` too would flip on a
                // second pass when a PEM block starts right there and becomes a placeholder.
                let end = start + count
                guard end <= bytes.count, bytes[start..<end].allSatisfy(shape.body.contains), !B.isAlnum(byte(end))
                else { continue }
                return Span(start: i, end: end, label: shape.label)
            case .atLeast(let count):
                let end = run(from: start, while: shape.body.contains)
                guard end - start >= count, !shape.mustLookRandom || looksRandom(start..<end) else { continue }
                return Span(start: i, end: end, label: shape.label)
            }
        }
        return nil
    }

    /// Three base64url segments joined by dots, the first a JSON header (`eyJ` is `{"`).
    private func jwt(at i: Int) -> Span? {
        guard has("eyJ", at: i) else { return nil }
        let header = run(from: i, while: B.isBase64URL)
        guard header - i >= 10, byte(header) == B.dot else { return nil }
        let payload = run(from: header + 1, while: B.isBase64URL)
        guard payload > header + 1, byte(payload) == B.dot else { return nil }
        let signature = run(from: payload + 1, while: B.isBase64URL)
        guard signature > payload + 1 else { return nil }
        return Span(start: i, end: signature, label: "jwt")
    }

    /// A 40-byte standard-base64 run that reads as random: an AWS secret key with nothing around
    /// it to say so. Runs of any other length (base64 blobs, digests) are left alone.
    private func bareAWSSecret(at i: Int) -> Span? {
        guard let end = awsSecretRun(at: i) else { return nil }
        var hasUpper = false, hasLower = false, hasDigit = false, switches = 0, previousClass = -1
        for c in bytes[i..<end] {
            let kind = B.isUpper(c) ? 0 : B.isLower(c) ? 1 : B.isDigit(c) ? 2 : 3
            (hasUpper, hasLower, hasDigit) = (hasUpper || kind == 0, hasLower || kind == 1, hasDigit || kind == 2)
            if previousClass >= 0, kind != previousClass { switches += 1 }
            previousClass = kind
        }
        guard hasUpper, hasLower, hasDigit, switches >= SecretShapes.awsSecretMinimumSwitches else { return nil }
        return Span(start: i, end: end, label: "aws-secret-key")
    }

    /// The end of an exactly 40-byte base64 run at `i`, bounded on the right by something that
    /// cannot continue a key, a longer blob (`=` padding) or a name (`_`). A `-` may follow: a PEM
    /// block starting right there becomes a placeholder, and a second pass must see the same run.
    private func awsSecretRun(at i: Int) -> Int? {
        let length = SecretShapes.awsSecretLength
        let limit = min(bytes.count, i + length + 1)
        var end = i
        while end < limit, B.isBase64(bytes[end]) { end += 1 }
        if end - i == length + 1 {
            // The run goes on, but a token starting right after its `+` or `/` becomes a
            // placeholder, which would end the run there on a second pass: end it there now.
            let boundary = i + length
            guard !B.isBase64URL(bytes[boundary - 1]), token(at: boundary) != nil else { return nil }
            end = boundary
        }
        let next = byte(end)
        guard end - i == length, next != B.equals, next != B.underscore else { return nil }
        return end
    }

    /// The secret key right after an access key id, whatever it looks like.
    private func awsSecret(after end: Int) -> Span? {
        var j = end
        while j < bytes.count, j - end <= SecretShapes.awsPairDistance,
            SecretShapes.awsPairSeparators.contains(bytes[j])
        {
            j += 1
        }
        guard j > end else { return nil }
        // Up to 40 bytes: a reason or a clipped line may have cut the key short, and what is
        // left of it is still secret.
        let limit = min(bytes.count, j + SecretShapes.awsSecretLength + 1)
        var secretEnd = j
        while secretEnd < limit, B.isBase64(bytes[secretEnd]) { secretEnd += 1 }
        let next = byte(secretEnd)
        guard secretEnd - j >= SecretShapes.awsPairMinimumLength, secretEnd - j <= SecretShapes.awsSecretLength,
            next != B.equals, next != B.underscore
        else { return nil }
        return Span(start: j, end: secretEnd, label: "aws-secret-key")
    }

    /// A PEM private key from its BEGIN line through its END line, or to the end when unterminated.
    private func privateKey(at i: Int) -> Span? {
        guard has("-----BEGIN ", at: i) else { return nil }
        // The label is upper case (`RSA PRIVATE KEY`); bounding it by its alphabet rather than a
        // length keeps a failed attempt from being rescanned by the next `-----BEGIN`.
        let labelStart = i + 11
        let labelEnd = run(from: labelStart) { B.isUpperAlnum($0) || $0 == B.space }
        guard has("-----", at: labelEnd), find("PRIVATE KEY", from: labelStart, before: labelEnd) != nil else {
            return nil
        }
        guard let endLine = find("-----END ", from: labelEnd + 5, before: bytes.count) else {
            return Span(start: i, end: bytes.count, label: "private-key")
        }
        let lineEnd = run(from: endLine) { $0 != B.newline }
        let close = find("-----", from: endLine + 9, before: min(lineEnd, endLine + 9 + 64))
        return Span(start: i, end: close.map { $0 + 5 } ?? lineEnd, label: "private-key")
    }

    /// The password in `scheme://user:password@host`.
    private func urlPassword(at i: Int) -> Span? {
        guard byte(i + 1) == B.slash, byte(i + 2) == B.slash else { return nil }
        let start = i + 3
        var j = start, lastAt = -1
        // A placeholder ends the authority: the secret it replaced may have held a space or `/`
        // that ended it on the first pass.
        while j < bytes.count, !B.endsAuthority(bytes[j]), !has("[REDACTED:", at: j) {
            if bytes[j] == B.at { lastAt = j }
            j += 1
        }
        guard lastAt > start, let colon = find(":", from: start, before: lastAt), colon + 1 < lastAt,
            !isPlaceholder(colon + 1..<lastAt)
        else { return nil }
        return Span(start: colon + 1, end: lastAt, label: "password-in-url")
    }

    /// The password a program takes in an option: `mysql -pSECRET`, `curl -u user:SECRET`.
    private func passwordOption(at i: Int, program: Int) -> Hit? {
        let entry = SecretShapes.passwordOptions[program]
        for option in entry.options where has(option, at: i) {
            let after = i + option.utf8.count
            let next = byte(after)
            var valueStart: Int
            if next == B.equals, entry.forms.contains(.equals) {
                valueStart = after + 1
            } else if B.isSpace(next), entry.forms.contains(.separate) {
                valueStart = skipSpaces(after)
                if byte(valueStart) == B.dash { return nil }
            } else if !B.isWhitespace(next), next != 0, next != B.equals, entry.forms.contains(.attached),
                !option.hasPrefix("--")
            {
                valueStart = after
            } else {
                continue
            }
            guard let value = value(at: valueStart) else { return Hit(skipTo: valueStart) }
            var secret = value
            if entry.part == .afterColon {
                guard let colon = find(":", from: value.lowerBound, before: value.upperBound),
                    !isPlaceholder(colon + 1..<value.upperBound)
                else { return Hit(skipTo: value.upperBound) }
                secret = colon + 1..<value.upperBound
            }
            // A vendor token keeps its own label (`curl -u me:ghp_…` is a GitHub token).
            if let token = token(at: secret.lowerBound), token.end == secret.upperBound { return Hit(token) }
            return Hit(Span(start: secret.lowerBound, end: secret.upperBound, label: SecretShapes.passwordOptionLabel))
        }
        return nil
    }

    /// `password <secret>` inside a `.netrc` entry.
    private func netrcPassword(at i: Int) -> Hit? {
        let word = SecretShapes.netrcPasswordWord
        let end = i + word.utf8.count
        guard has(word, at: i), B.isSpace(byte(end)) else { return nil }
        let start = skipSpaces(end)
        // `password = x` and `password: x` are assignments, read as such.
        if byte(start) == B.equals || byte(start) == B.colon { return nil }
        guard let value = value(at: start) else { return Hit(skipTo: start) }
        return Hit(Span(start: value.lowerBound, end: value.upperBound, label: SecretShapes.netrcLabel))
    }

    /// The credential of an `Authorization: <scheme> <credential>` header, in any quoting.
    private func authorization(at i: Int) -> Hit? {
        guard let header = SecretShapes.authorizationHeaders.first(where: { has($0, at: i, ignoringCase: true) })
        else { return nil }
        var j = skipSpaces(afterQuote(i + header.utf8.count))
        guard byte(j) == B.colon || byte(j) == B.equals else { return nil }
        j = skipSpaces(j + 1)
        j = afterQuote(j)
        let scheme = run(from: j, while: B.isLetter)
        guard scheme > j, B.isSpace(byte(scheme)) else { return nil }
        let start = skipSpaces(scheme)
        let end = run(from: start) { !B.endsBareValue($0) }
        guard !isPlaceholder(start..<end) else { return Hit(skipTo: start) }
        return Hit(Span(start: start, end: end, label: "bearer-token"))
    }

    /// `Bearer <token>` outside a header; the token must look random so prose like
    /// "Bearer authentication" survives.
    private func bearer(at i: Int) -> Span? {
        guard has("bearer", at: i, ignoringCase: true), B.isSpace(byte(i + 6)) else { return nil }
        let start = skipSpaces(i + 6)
        let end = run(from: start, while: B.isCredentialByte)
        guard end - start >= 16, bytes[start..<end].contains(where: B.isDigit) else { return nil }
        return Span(start: start, end: end, label: "bearer-token")
    }

    /// The value of `NAME=value`, `NAME: value`, `"name": "value"` or `--name value` when the name
    /// says it holds a secret.
    private func assignment(at i: Int) -> Hit? {
        let nameEnd = run(from: i, while: B.isNameByte)
        // `$SECRET_KEY` reads a variable, it does not set one.
        guard nameEnd - i <= 128, byte(i - 1) != B.dollar else { return nil }
        let keyEnd = afterQuote(nameEnd)
        var j = skipSpaces(keyEnd)
        let isFlagWithSpace: Bool
        switch byte(j) {
        case B.equals:
            j += 1
            // `==` compares and `=>` maps (Ruby, PHP); both still hold the literal after them.
            if byte(j) == B.equals || byte(j) == B.gt { j += 1 }
            isFlagWithSpace = false
        case B.colon:
            let next = byte(j + 1)
            if next == B.equals {
                j += 2
            } else if B.isWhitespace(next) || B.isQuote(next) || next == B.backslash || next == 0 {
                j += 1  // A space or quote must follow, which spares `${PASSWORD:-x}` and `user:pass`.
            } else {
                return nil
            }
            isFlagWithSpace = false
        default:
            guard bytes[i] == B.dash, keyEnd == nameEnd, j > nameEnd else { return nil }
            isFlagWithSpace = true
        }
        let words = nameWords(i..<nameEnd)
        guard isSecretName(words), !(isFlagWithSpace && words.first == "NO") else { return nil }
        let valueStart = skipSpaces(j)
        if isFlagWithSpace, byte(valueStart) == B.dash { return nil }
        guard let value = value(at: valueStart) else { return Hit(skipTo: valueStart) }
        if let token = token(at: value.lowerBound), token.end == value.upperBound { return Hit(token) }
        let isAWS = words.joined(separator: "_").contains(SecretShapes.awsSecretName)
        let label = isAWS ? "aws-secret-key" : "secret-assignment"
        return Hit(Span(start: value.lowerBound, end: value.upperBound, label: label))
    }

    // MARK: Values and names

    /// The secret part of a value at `j`: inside its quotes (`"…"`, `'…'`, or `\"…\"` in JSON-encoded
    /// text), else up to a delimiter. Nil for empty values, references and placeholders.
    private func value(at j: Int) -> Range<Int>? {
        var quote: UInt8 = 0, isEscapedQuote = false, start = j
        if byte(j) == B.backslash, B.isQuote(byte(j + 1)) {
            (quote, isEscapedQuote, start) = (byte(j + 1), true, j + 2)
        } else if B.isQuote(byte(j)) {
            (quote, start) = (byte(j), j + 1)
        }
        // Refused before scanning, so a refused value costs nothing.
        if isReference(at: start) { return nil }
        var end = start
        if quote == 0 {
            end = run(from: start) { !B.endsBareValue($0) }
        } else {
            // An unterminated quote ends at the line, so one stray quote cannot swallow the rest.
            while end < bytes.count, bytes[end] != B.newline {
                let c = bytes[end]
                if c == B.backslash, isEscapedQuote, byte(end + 1) == quote { break }
                if c == quote, !isEscapedQuote { break }
                let skipsEscaped = c == B.backslash && quote == B.dquote && !isEscapedQuote
                end += skipsEscaped && byte(end + 1) != B.newline ? 2 : 1
            }
            end = min(end, bytes.count)
        }
        guard !isPlaceholder(start..<end) else { return nil }
        let literal = end - start <= 9 ? String(decoding: bytes[start..<end], as: UTF8.self).lowercased() : ""
        return quote == 0 && SecretShapes.emptyLiterals.contains(literal) ? nil : start..<end
    }

    /// True for values that hold no secret: empty, `$VAR`, `${VAR}`, `<redacted>`, `***`, placeholders.
    private func isPlaceholder(_ range: Range<Int>) -> Bool {
        guard let first = range.first, !isReference(at: first) else { return true }
        return !bytes[range].contains { B.isAlnum($0) || $0 >= 0x80 }
    }

    /// Whether a value starting at `j` names a secret instead of holding one: `$VAR`, `${VAR}`, a
    /// template, a `<placeholder>` or `< file` redirection, or an earlier redaction. Only the first
    /// byte decides, since the rest may change when a first pass redacts inside it.
    private func isReference(at j: Int) -> Bool {
        let c = byte(j)
        return c == B.dollar || c == B.lbrace || c == B.lt || has("[REDACTED", at: j)
    }

    /// The upper-cased words of a name, split at `_ - .` and camelCase: `--api-key` and `apiKey` give API, KEY.
    private func nameWords(_ range: Range<Int>) -> [String] {
        var words: [String] = [], word: [UInt8] = [], prev: UInt8 = 0
        func flush() {
            if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
            word.removeAll(keepingCapacity: true)
        }
        for c in bytes[range] {
            if c == B.underscore || c == B.dash || c == B.dot {
                flush()
            } else {
                if B.isUpper(c), B.isLower(prev) { flush() }
                word.append(B.upper(c))
            }
            prev = c
        }
        flush()
        return words
    }

    /// Whether a name holds a secret: it ends with TOKEN, SECRET, PASSWORD, `_KEY`, `_PWD`…, or contains
    /// SECRET, PASSWORD, API_KEY… without ending in a describing word such as LENGTH or FILE.
    private func isSecretName(_ words: [String]) -> Bool {
        guard let last = words.last, !SecretShapes.descriptorWords.contains(last) else { return false }
        if SecretShapes.secretLastWords.contains(last) { return true }
        if words.count > 1, SecretShapes.qualifiedLastWords.contains(last) { return true }
        let name = words.joined(separator: "_")
        return SecretShapes.secretFragments.contains { name.contains($0) }
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
            let b = ignoringCase ? B.lower(byte(j)) : byte(j)
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

    private func skipSpaces(_ j: Int) -> Int { run(from: j, while: B.isSpace) }

    /// Past a quote (or JSON-escaped `\"`) at `j`, if there is one.
    private func afterQuote(_ j: Int) -> Int {
        if byte(j) == B.backslash, B.isQuote(byte(j + 1)) { return j + 2 }
        return B.isQuote(byte(j)) ? j + 1 : j
    }

    /// Digits or mixed case, as random keys have and words do not.
    private func looksRandom(_ range: Range<Int>) -> Bool {
        let slice = bytes[range]
        return slice.contains(where: B.isDigit)
            || (slice.contains(where: B.isUpper) && slice.contains(where: B.isLower))
    }
}
