/// Writing a `JSONValue` with the standard library alone: one spelling per value, so equal
/// values are equal bytes. Object keys are sorted, there is no whitespace, whole numbers below
/// 10^15 have no fraction, and strings escape only `"`, `\`, and control characters (`\n`,
/// `\r`, `\t`, else `\u00XX`; or all as `\u00XX`); `/` and non-ASCII are written as they are.
///
/// The text fingerprints MCP arguments (exceptions match on it) and, with every control
/// character as `\u00XX`, is what the decision log hashes: neither may ever change. It is also
/// the bytes the hook sends and the broker's submit replies.
extension JSONValue {
    /// How control characters in strings are written.
    public enum ControlEscapes: Sendable {
        /// `\n`, `\r`, `\t`, the others `\u00XX`.
        case short
        /// All as `\u00XX` (the decision log's hashed form).
        case unicode
    }

    /// The value as text.
    public var canonicalText: String {
        String(decoding: jsonBytes, as: UTF8.self)
    }

    /// The value as UTF-8 bytes.
    public var jsonBytes: [UInt8] {
        var out: [UInt8] = []
        write(to: &out)
        return out
    }

    /// Appends the value's bytes to `out`.
    public func write(to out: inout [UInt8], controls: ControlEscapes = .short) {
        switch self {
        case .null: out += "null".utf8
        case .bool(let value): out += (value ? "true" : "false").utf8
        case .number(let value):
            if abs(value) < 1e15, Double(Int64(value)) == value {
                out += String(Int64(value)).utf8
            } else {
                out += String(value).utf8
            }
        case .string(let value): Self.write(string: value, to: &out, controls: controls)
        case .array(let values):
            out.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                value.write(to: &out, controls: controls)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.write(string: key, to: &out, controls: controls)
                out.append(UInt8(ascii: ":"))
                members[key, default: .null].write(to: &out, controls: controls)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private static func write(string: String, to out: inout [UInt8], controls: ControlEscapes) {
        out.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { bytes in
            // Runs that need no escape (nearly all text) are copied whole.
            var runStart = 0
            for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                out += UnsafeBufferPointer(rebasing: bytes[runStart..<index])
                runStart = index + 1
                switch byte {
                case UInt8(ascii: "\""): out += #"\""#.utf8
                case UInt8(ascii: "\\"): out += #"\\"#.utf8
                case 0x0A where controls == .short: out += #"\n"#.utf8
                case 0x0D where controls == .short: out += #"\r"#.utf8
                case 0x09 where controls == .short: out += #"\t"#.utf8
                default:
                    out += #"\u00"#.utf8
                    out.append(hexDigits[Int(byte >> 4)])
                    out.append(hexDigits[Int(byte & 0xF)])
                }
            }
            out += UnsafeBufferPointer(rebasing: bytes[runStart...])
        }
        out.append(UInt8(ascii: "\""))
    }
}
