/// Parameter expansion as the shell would do it for the variables a line's state knows:
/// `$NAME`, `${NAME}`, `${NAME:-default}`, `${NAME-default}`. Anything else (a command
/// substitution, an unknown variable, `${NAME#pattern}`) stays as written and keeps the word
/// marked as built at run time.
enum ShellExpansion {
    /// The word with the variables `state` knows replaced by their values.
    static func expand(_ word: ShellWord, state: LineState, host: HostFacts) -> ShellWord {
        guard word.hasExpansion, !word.hasCommandSubstitution else { return word }
        let bytes = Array(word.text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var index = 0
        var unresolved = false
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "$"), index + 1 < bytes.count else {
                out.append(byte)
                index += 1
                continue
            }
            let next = bytes[index + 1]
            if next == UInt8(ascii: "{") {
                guard let close = bytes[(index + 2)...].firstIndex(of: UInt8(ascii: "}")) else {
                    unresolved = true
                    out.append(contentsOf: bytes[index...])
                    break
                }
                let inner = bytes[(index + 2)..<close]
                if let value = braced(inner, state: state, host: host) {
                    out.append(contentsOf: value.utf8)
                } else {
                    unresolved = true
                    out.append(contentsOf: bytes[index...close])
                }
                index = close + 1
            } else if isNameStart(next) {
                var end = index + 1
                while end < bytes.count, isNameChar(bytes[end]) { end += 1 }
                let name = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
                if case .some(.some(let value)) = state.value(of: name, host: host) {
                    out.append(contentsOf: value.utf8)
                } else {
                    unresolved = true
                    out.append(contentsOf: bytes[index..<end])
                }
                index = end
            } else {
                // `$1`, `$@`, `$?`, `$$`: positional and special parameters are run-time values.
                unresolved = true
                out.append(byte)
                index += 1
            }
        }
        var result = word
        result.text = String(decoding: out, as: UTF8.self)
        result.hasExpansion = unresolved
        return result
    }

    /// `NAME`, `NAME:-default`, `NAME-default`, `NAME:=default` → the value, or nil when unknown.
    private static func braced(_ inner: ArraySlice<UInt8>, state: LineState, host: HostFacts) -> String? {
        var nameEnd = inner.startIndex
        while nameEnd < inner.endIndex, isNameChar(inner[nameEnd]) { nameEnd += 1 }
        guard nameEnd > inner.startIndex, isNameStart(inner[inner.startIndex]) else { return nil }
        let name = String(decoding: inner[inner.startIndex..<nameEnd], as: UTF8.self)
        let value = state.value(of: name, host: host)
        let rest = inner[nameEnd...]
        if rest.isEmpty {
            if case .some(.some(let known)) = value { return known }
            return nil
        }
        // A default applies when the variable is unset (or, with `:`, empty).
        var operatorEnd = rest.startIndex
        if rest[operatorEnd] == UInt8(ascii: ":") { operatorEnd += 1 }
        guard operatorEnd < rest.endIndex, rest[operatorEnd] == UInt8(ascii: "-") || rest[operatorEnd] == UInt8(ascii: "=")
        else { return nil }
        let fallback = rest[(operatorEnd + 1)...]
        guard !fallback.contains(UInt8(ascii: "$")), !fallback.contains(UInt8(ascii: "`")) else { return nil }
        switch value {
        case .some(.some(let known)) where !known.isEmpty: return known
        case .some(.some), .none: return String(decoding: fallback, as: UTF8.self)
        case .some(.none): return nil
        }
    }

    static func isNameStart(_ b: UInt8) -> Bool {
        (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == UInt8(ascii: "_")
    }

    static func isNameChar(_ b: UInt8) -> Bool { isNameStart(b) || (b >= 48 && b <= 57) }
}
