/// Hand-written JSON for the reply every agent waits for, byte for byte what `WireCodec`'s
/// JSONEncoder writes (sorted keys, unescaped slashes), at a fraction of the cost.
enum JSONText {
    /// `{"id":…,"jsonrpc":"2.0","result":{"decision":…,"exceptionID":…,"id":…,"reason":…,"ruleID":…,"source":…}}\n`
    static func submitResponse(_ result: SubmitResult, id: RequestID) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(128 + result.reason.utf8.count)
        out += #"{"id":"#.utf8
        append(id, to: &out)
        out += #","jsonrpc":"2.0","result":{"decision":"#.utf8
        appendString(result.decision.rawValue, to: &out)
        if let exceptionID = result.exceptionID {
            out += #","exceptionID":"#.utf8
            appendString(exceptionID, to: &out)
        }
        out += #","id":"#.utf8
        appendString(result.id, to: &out)
        out += #","reason":"#.utf8
        appendString(result.reason, to: &out)
        if let ruleID = result.ruleID {
            out += #","ruleID":"#.utf8
            appendString(ruleID, to: &out)
        }
        out += #","source":"#.utf8
        appendString(result.source, to: &out)
        out += "}}\n".utf8
        return out
    }

    static func append(_ id: RequestID, to out: inout [UInt8]) {
        switch id {
        case .number(let number): out += String(number).utf8
        case .string(let string): appendString(string, to: &out)
        case .null: out += "null".utf8
        }
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped the way
    /// JSONEncoder does; everything else, `/` and non-ASCII included, as is.
    static func appendString(_ string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += #"\""#.utf8
            case UInt8(ascii: "\\"): out += #"\\"#.utf8
            case 0x0A: out += #"\n"#.utf8
            case 0x0D: out += #"\r"#.utf8
            case 0x09: out += #"\t"#.utf8
            case 0x08: out += #"\b"#.utf8
            case 0x0C: out += #"\f"#.utf8
            case 0x00..<0x20:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                out += #"\u00"#.utf8
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
