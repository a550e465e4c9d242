import AirlockCore

/// Reads the common shape of a `submit` line without Codable, which costs most of a policy
/// hit's time otherwise (DESIGN §9).
///
/// It is an accelerator, not a second parser with its own rules: it returns nil for anything
/// it is not sure about (an unusual action kind, a duplicate key, a number with a fraction, an
/// escape it does not know, …) and the caller then decodes the line with JSONDecoder, which
/// also produces any error. Whatever it does accept decodes to exactly what JSONDecoder would
/// produce (tests compare both on a corpus of lines).
struct SubmitFastPath {
    private let bytes: [UInt8]
    private var index = 0

    private init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The request on `line`, or nil to take the general path.
    static func decode(_ line: [UInt8]) -> RequestEnvelope? {
        var parser = SubmitFastPath(line)
        return parser.request()
    }

    // MARK: Shape

    private mutating func request() -> RequestEnvelope? {
        var jsonrpc: String?, method: String?, id: RequestID?, params: SubmitParams?
        var seen = Seen()
        guard
            object({ key, parser in
                switch key {
                case "jsonrpc": jsonrpc = seen.first(0) ? parser.string() : nil
                case "method": method = seen.first(1) ? parser.string() : nil
                case "id": id = seen.first(2) ? parser.requestID() : nil
                case "params": params = seen.first(3) ? parser.submitParams() : nil
                default: return parser.skipValue()
                }
                return true
            })
        else { return nil }
        skipWhitespace()
        guard index == bytes.count, jsonrpc == WireProtocol.jsonRPC, method == RPCMethod.submit.rawValue,
            let id, let params
        else { return nil }
        return RequestEnvelope(id: id, request: .submit(params))
    }

    private mutating func submitParams() -> SubmitParams? {
        var partial: PartialAction?
        var harness: String?, session: String?, cwd: String?, agentPID: Int32?, deadlineMs: Int?
        var toolUseID: String?
        var seen = Seen()
        guard
            object({ key, parser in
                switch key {
                case "action":
                    guard seen.first(0) else { return false }
                    partial = parser.partialAction()
                    return partial != nil
                case "harness": return seen.first(1) && parser.optionalString(&harness)
                case "session": return seen.first(2) && parser.optionalString(&session)
                case "cwd": return seen.first(3) && parser.optionalString(&cwd)
                case "agentPID": return seen.first(4) && parser.optionalInteger(&agentPID)
                case "deadlineMs": return seen.first(5) && parser.optionalInteger(&deadlineMs)
                case "toolUseID": return seen.first(7) && parser.optionalString(&toolUseID)
                case "airlock":
                    // Only the version this build speaks; anything else gets its answer on the general path.
                    return seen.first(6) && parser.integer() == Int64(WireProtocol.version)
                default:
                    return parser.skipValue()
                }
            }), let partial
        else { return nil }
        let directory = cwd ?? partial.cwd
        let action = Action(
            harness: harness ?? partial.harness ?? "unknown",
            session: session ?? partial.session,
            agentPID: agentPID ?? partial.agentPID,
            cwd: directory,
            workspaceRoot: partial.workspaceRoot ?? directory,
            kind: partial.kind,
            raw: partial.raw)
        return SubmitParams(action: action, deadlineMs: deadlineMs, toolUseID: toolUseID)
    }

    private struct PartialAction {
        var harness: String?
        var session: String?
        var agentPID: Int32?
        var cwd: String?
        var workspaceRoot: String?
        var kind: Action.Kind
        var raw: String?
    }

    /// Which known keys an object has had, to decline duplicates (JSONDecoder is the judge).
    private struct Seen {
        private var bits: UInt16 = 0

        /// True the first time `key` is seen.
        mutating func first(_ key: Int) -> Bool {
            let bit: UInt16 = 1 << key
            defer { bits |= bit }
            return bits & bit == 0
        }
    }

    private mutating func partialAction() -> PartialAction? {
        var kind: Action.Kind?
        var action = PartialAction(kind: .other(tool: "", input: ""))
        var seen = Seen()
        guard
            object({ key, parser in
                switch key {
                case "kind":
                    guard seen.first(0) else { return false }
                    kind = parser.kind()
                    return kind != nil
                case "harness": return seen.first(1) && parser.optionalString(&action.harness)
                case "session": return seen.first(2) && parser.optionalString(&action.session)
                case "cwd": return seen.first(3) && parser.optionalString(&action.cwd)
                case "workspaceRoot": return seen.first(4) && parser.optionalString(&action.workspaceRoot)
                case "raw": return seen.first(5) && parser.optionalString(&action.raw)
                case "agentPID": return seen.first(6) && parser.optionalInteger(&action.agentPID)
                default: return parser.skipValue()
                }
            }), let kind
        else { return nil }
        action.kind = kind
        return action
    }

    /// The kinds hooks send most; `mcp` and anything else take the general path.
    private mutating func kind() -> Action.Kind? {
        var kind: Action.Kind?
        var count = 0
        guard
            object({ key, parser in
                count += 1
                switch key {
                case "shell": kind = parser.fields(["command"]).map { .shell(command: $0[0]) }
                case "fileRead": kind = parser.fields(["path"]).map { .fileRead(path: $0[0]) }
                case "fileWrite":
                    kind = parser.fields(["path", "content"]).map { .fileWrite(path: $0[0], content: $0[1]) }
                case "patch": kind = parser.fields(["text"]).map { .patch(text: $0[0]) }
                case "web": kind = parser.fields(["url"]).map { .web(url: $0[0]) }
                case "other": kind = parser.fields(["tool", "input"]).map { .other(tool: $0[0], input: $0[1]) }
                default: return false
                }
                return kind != nil
            }), count == 1
        else { return nil }
        return kind
    }

    /// An object whose named fields are all strings (others ignored); nil if one is missing.
    private mutating func fields(_ names: [String]) -> [String]? {
        var values = [String?](repeating: nil, count: names.count)
        guard
            object({ key, parser in
                guard let slot = names.firstIndex(of: key) else { return parser.skipValue() }
                guard values[slot] == nil, let value = parser.string() else { return false }
                values[slot] = value
                return true
            })
        else { return nil }
        let found = values.compactMap { $0 }
        return found.count == names.count ? found : nil
    }

    // MARK: JSON

    /// Reads an object, calling `member` with each key while positioned at its value; the
    /// member reads (or skips) the value and returns false to give up.
    private mutating func object(_ member: (String, inout SubmitFastPath) -> Bool) -> Bool {
        skipWhitespace()
        guard take(UInt8(ascii: "{")) else { return false }
        skipWhitespace()
        if take(UInt8(ascii: "}")) { return true }
        while true {
            skipWhitespace()
            guard let key = string() else { return false }
            skipWhitespace()
            guard take(UInt8(ascii: ":")) else { return false }
            skipWhitespace()
            guard member(key, &self) else { return false }
            skipWhitespace()
            if take(UInt8(ascii: ",")) { continue }
            return take(UInt8(ascii: "}"))
        }
    }

    /// A string or null (as decodeIfPresent reads it) into `value`; false when it is neither.
    private mutating func optionalString(_ value: inout String?) -> Bool {
        if literal("null") { return true }
        value = string()
        return value != nil
    }

    /// An integer or null that fits `T` into `value`; false otherwise.
    private mutating func optionalInteger<T: FixedWidthInteger>(_ value: inout T?) -> Bool {
        if literal("null") { return true }
        value = integer().flatMap(T.init(exactly:))
        return value != nil
    }

    private mutating func requestID() -> RequestID? {
        if literal("null") { return .null }
        if peek() == UInt8(ascii: "\"") { return string().map(RequestID.string) }
        return integer().map(RequestID.number)
    }

    /// A plain integer (no fraction or exponent, which the general path judges).
    private mutating func integer() -> Int64? {
        let start = index
        if peek() == UInt8(ascii: "-") { index += 1 }
        let digits = index
        while let byte = peek(), byte >= 0x30, byte <= 0x39 { index += 1 }
        guard index > digits, index - digits <= 18, !(bytes[digits] == 0x30 && index - digits > 1) else { return nil }
        if let next = peek(), next == UInt8(ascii: ".") || next == UInt8(ascii: "e") || next == UInt8(ascii: "E") {
            return nil
        }
        var value: Int64 = 0
        for byte in bytes[digits..<index] { value = value * 10 + Int64(byte - 0x30) }
        return bytes[start] == UInt8(ascii: "-") ? -value : value
    }

    private mutating func string() -> String? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = index
        var isPlain = true
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let content = bytes[start..<index]
                index += 1
                if isPlain { return String(decoding: content, as: UTF8.self) }
                return String(validating: content, as: UTF8.self)
            }
            // Escapes and raw control characters are for the general path.
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            if byte >= 0x80 { isPlain = false }
            index += 1
        }
        return nil
    }

    /// Skips a value of a field this path does not read, without building it.
    private mutating func skipValue(depth: Int = 0) -> Bool {
        guard depth < 32, let byte = peek() else { return false }
        switch byte {
        case UInt8(ascii: "\""): return skipString()
        case UInt8(ascii: "{"):
            return object { _, parser in parser.skipValue(depth: depth + 1) }
        case UInt8(ascii: "["):
            index += 1
            skipWhitespace()
            if take(UInt8(ascii: "]")) { return true }
            while true {
                skipWhitespace()
                guard skipValue(depth: depth + 1) else { return false }
                skipWhitespace()
                if take(UInt8(ascii: ",")) { continue }
                return take(UInt8(ascii: "]"))
            }
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        default: return skipNumber()
        }
    }

    private mutating func skipString() -> Bool {
        guard take(UInt8(ascii: "\"")) else { return false }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "\"") { return true }
            if byte == UInt8(ascii: "\\") {
                guard index < bytes.count else { return false }
                index += 1
            } else if byte < 0x20 {
                return false
            }
        }
        return false
    }

    private mutating func skipNumber() -> Bool {
        let start = index
        while let byte = peek(), (byte >= 0x30 && byte <= 0x39) || "+-.eE".utf8.contains(byte) { index += 1 }
        return Double(String(decoding: bytes[start..<index], as: UTF8.self)) != nil
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        let matches = word.withUTF8Buffer { expected in
            (0..<count).allSatisfy { bytes[index + $0] == expected[$0] }
        }
        if matches { index += count }
        return matches
    }

    private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        index += 1
        return true
    }

    private mutating func skipWhitespace() {
        while let byte = peek(), WireCodec.isJSONWhitespace(byte) { index += 1 }
    }
}
