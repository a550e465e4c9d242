/// Reading JSON text into a `JSONValue` with the standard library alone.
///
/// The hook runs once per agent tool call and its start-up is on the hot path: linking
/// Foundation's JSONDecoder into it measured about 0.9 ms of start-up and another 0.8 ms for
/// the first decode, more than the rest of the hook together (docs/decisions.md). This reader
/// accepts exactly RFC 8259 JSON (no comments, no trailing commas, no NaN), and yields what
/// `JSONDecoder().decode(JSONValue.self, …)` yields for it (tests compare the two), numbers as
/// `Double`, with one deliberate difference: of duplicate keys the last wins (JSONDecoder keeps
/// the first), as in JavaScript and Python, so the hook reads what the harness itself read.
extension JSONValue {
    /// Why a text is not JSON; `offset` is the byte where reading stopped.
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public var offset: Int
        public var problem: String

        public var description: String { "not valid JSON at byte \(offset): \(problem)" }
    }

    /// Nesting deeper than this is refused rather than recursed into.
    public static let maximumDepth = 512

    /// The value `bytes` hold: one JSON value with optional whitespace around it.
    public static func parse(_ bytes: some Collection<UInt8>) throws(ParseError) -> JSONValue {
        // Read in place when the bytes are contiguous (an array, a slice of one), else copied once.
        let result =
            bytes.withContiguousStorageIfAvailable(parse(buffer:))
            ?? Array(bytes).withUnsafeBufferPointer(parse(buffer:))
        return try result.get()
    }

    private static func parse(buffer: UnsafeBufferPointer<UInt8>) -> Result<JSONValue, ParseError> {
        var reader = JSONReader(buffer)
        do throws(ParseError) {
            reader.skipWhitespace()
            let value = try reader.value(depth: 0)
            reader.skipWhitespace()
            guard reader.isAtEnd else { throw reader.error("text after the value") }
            return .success(value)
        } catch {
            return .failure(error)
        }
    }

    /// The value `text` holds.
    public static func parse(_ text: String) throws(ParseError) -> JSONValue {
        try parse(Array(text.utf8))
    }
}

/// A recursive-descent JSON reader over bytes, valid while the buffer is.
private struct JSONReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { index >= bytes.count }

    func error(_ problem: String) -> JSONValue.ParseError {
        JSONValue.ParseError(offset: index, problem: problem)
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    mutating func value(depth: Int) throws(JSONValue.ParseError) -> JSONValue {
        guard depth < JSONValue.maximumDepth else { throw error("nested too deeply") }
        guard index < bytes.count else { throw error("unexpected end") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: return .number(try number())
        }
    }

    private mutating func object(depth: Int) throws(JSONValue.ParseError) -> JSONValue {
        index += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if take(UInt8(ascii: "}")) { return .object(members) }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a key") }
            let key = try string()
            skipWhitespace()
            guard take(UInt8(ascii: ":")) else { throw error("expected ':'") }
            skipWhitespace()
            members[key] = try value(depth: depth + 1)
            skipWhitespace()
            if take(UInt8(ascii: ",")) { continue }
            guard take(UInt8(ascii: "}")) else { throw error("expected ',' or '}'") }
            return .object(members)
        }
    }

    private mutating func array(depth: Int) throws(JSONValue.ParseError) -> JSONValue {
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if take(UInt8(ascii: "]")) { return .array(elements) }
        while true {
            skipWhitespace()
            elements.append(try value(depth: depth + 1))
            skipWhitespace()
            if take(UInt8(ascii: ",")) { continue }
            guard take(UInt8(ascii: "]")) else { throw error("expected ',' or ']'") }
            return .array(elements)
        }
    }

    private mutating func string() throws(JSONValue.ParseError) -> String {
        index += 1
        // Most strings have no escape and many are ASCII: those are made in place, without a
        // copy or (for ASCII) a validation pass.
        var out: [UInt8]?
        var start = index
        var isASCII = true
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let piece = UnsafeBufferPointer(rebasing: bytes[start..<index])
                let text: String?
                if var escaped = out {
                    escaped += piece
                    text = String(validating: escaped, as: UTF8.self)
                } else if isASCII {
                    text = String(decoding: piece, as: UTF8.self)
                } else {
                    text = String(validating: piece, as: UTF8.self)
                }
                index += 1
                guard let text else { throw error("invalid UTF-8 in a string") }
                return text
            }
            if byte < 0x20 { throw error("control character in a string") }
            if byte >= 0x80 { isASCII = false }
            if byte == UInt8(ascii: "\\") {
                var escaped = out ?? []
                escaped += UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                try escape(into: &escaped)
                out = escaped
                start = index
                continue
            }
            index += 1
        }
        throw error("unterminated string")
    }

    /// One escape after its backslash, appended as UTF-8.
    private mutating func escape(into out: inout [UInt8]) throws(JSONValue.ParseError) {
        guard index < bytes.count else { throw error("unterminated escape") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(byte)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if (0xD800..<0xDC00).contains(scalar) {
                // A high surrogate must be followed by an escaped low one.
                guard take(UInt8(ascii: "\\")), take(UInt8(ascii: "u")) else { throw error("lone surrogate") }
                let low = try hex4()
                guard (0xDC00..<0xE000).contains(low) else { throw error("lone surrogate") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00..<0xE000).contains(scalar) {
                throw error("lone surrogate")
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw error("invalid \\u escape") }
            out += Array(String(Character(unicode)).utf8)
        default:
            throw error("unknown escape")
        }
    }

    private mutating func hex4() throws(JSONValue.ParseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("short \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x41...0x46: digit = byte - 0x41 + 10
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: throw error("invalid \\u escape")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    /// A number in the RFC's grammar: whole numbers of up to 15 digits directly, the rest
    /// converted by the standard library.
    private mutating func number() throws(JSONValue.ParseError) -> Double {
        let start = index
        let isNegative = take(UInt8(ascii: "-"))
        let first = index
        let count = digits()
        guard count > 0 else { throw error("expected a value") }
        guard bytes[first] != 0x30 || count == 1 else { throw error("leading zero") }
        var isWhole = true
        if take(UInt8(ascii: ".")) {
            isWhole = false
            guard digits() > 0 else { throw error("expected digits after '.'") }
        }
        if take(UInt8(ascii: "e")) || take(UInt8(ascii: "E")) {
            isWhole = false
            if !take(UInt8(ascii: "+")) { _ = take(UInt8(ascii: "-")) }
            guard digits() > 0 else { throw error("expected an exponent") }
        }
        if isWhole && count <= 15 {
            var value: Int64 = 0
            for offset in first..<(first + count) { value = value * 10 + Int64(bytes[offset] - 0x30) }
            return isNegative ? -Double(value) : Double(value)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else { throw error("number out of range") }
        return value
    }

    private mutating func digits() -> Int {
        let start = index
        while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
        return index - start
    }

    private mutating func literal(_ word: StaticString) throws(JSONValue.ParseError) {
        let count = word.utf8CodeUnitCount
        let matches =
            index + count <= bytes.count
            && word.withUTF8Buffer { expected in (0..<count).allSatisfy { bytes[index + $0] == expected[$0] } }
        guard matches else { throw error("expected a value") }
        index += count
    }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }
}
