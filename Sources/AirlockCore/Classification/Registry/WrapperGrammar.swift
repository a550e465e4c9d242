/// How a wrapper program finds the command it runs: its own options, the operands before the
/// command (`timeout 10`, `flock FILE`, `chroot DIR`), options whose value is shell code
/// (`su -c`, `flock -c`), and what running through it adds (root, another host, a container).
public struct WrapperGrammar: Sendable {
    /// What running a command through the wrapper adds to it.
    public enum Effect: String, Sendable {
        /// Nothing: `nice`, `timeout`, `nohup`, `stdbuf`.
        case none
        /// Runs as another user, usually root: `sudo`, `doas`, `su`, `chroot`.
        case privilege
        /// Runs on another machine: `ssh host cmd`.
        case remoteHost
        /// Runs inside a container or pod: `docker exec`, `kubectl exec`.
        case container
        /// Runs with secrets injected into its environment: `doppler run`, `op run`.
        case secrets
    }

    /// The wrapper's own options; option parsing stops at its first operand.
    public var options: ArgumentFacts
    /// Operands that come before the command.
    public var leadingOperands: Int
    /// Options whose value is shell code it runs (`su -c`, `flock -c`, `script -c`).
    public var scriptOptions: Set<String>
    /// The command words are joined and run by a shell (`watch`, `sudo -s`).
    public var joinsScript: Bool
    /// `NAME=value` words may come before the command (`env`, `sudo`).
    public var takesAssignments: Bool
    /// It wraps only behind one of these subcommands (`uv run`, `npm exec`, `airlock exec`).
    public var subcommands: Set<String>
    public var effect: Effect
    /// Wrappers whose grammar does not fit the fields above (`xargs`, `env -S`, `sudo -s`).
    public var peel: (@Sendable (_ program: String, _ rest: [ShellWord]) -> WrapperStep)?

    public init(
        options: ArgumentFacts = .none, leadingOperands: Int = 0, scriptOptions: Set<String> = [],
        joinsScript: Bool = false, takesAssignments: Bool = false, subcommands: Set<String> = [],
        effect: Effect = .none, peel: (@Sendable (_ program: String, _ rest: [ShellWord]) -> WrapperStep)? = nil
    ) {
        var options = options
        options.valued.formUnion(scriptOptions)
        self.options = options
        self.leadingOperands = leadingOperands
        self.scriptOptions = scriptOptions
        self.joinsScript = joinsScript
        self.takesAssignments = takesAssignments
        self.subcommands = subcommands
        self.effect = effect
        self.peel = peel
    }

    /// The step for `rest` (the words after the wrapper's name) by the fields above.
    public func step(program: String, rest: [ShellWord]) -> WrapperStep {
        if let peel { return peel(program, rest) }
        var index = 0
        if !subcommands.isEmpty {
            guard let first = rest.first, subcommands.contains(first.text) else { return .notWrapping }
            index = 1
        }
        var seen: [ParsedArguments.Option] = []
        index = WrapperGrammar.skipOptions(rest, from: index, options: options, into: &seen)
        if let script = seen.last(where: { scriptOptions.contains($0.name) }) {
            return .script(rest[script.index + 1 < rest.count ? script.index + 1 : script.index], seen: seen)
        }
        var environment: [String: String] = [:]
        if takesAssignments {
            while index < rest.count, let (name, value) = WrapperGrammar.assignment(rest[index]) {
                environment[name] = value
                index += 1
            }
        }
        var leading = leadingOperands
        while leading > 0, index < rest.count {
            index += 1
            leading -= 1
        }
        // `flock FILE -c 'cmd'`: a script option may follow the operands.
        if index + 1 < rest.count, scriptOptions.contains(rest[index].text) {
            return .script(rest[index + 1], seen: seen)
        }
        let command = index < rest.count ? Array(rest[index...]) : []
        if joinsScript, !command.isEmpty {
            return .script(WrapperGrammar.joined(command), seen: seen)
        }
        return .run(command, environment: environment, seen: seen)
    }

    /// Skips options from `start` up to the first operand (or past `--`), recording them.
    static func skipOptions(
        _ words: [ShellWord], from start: Int, options: ArgumentFacts, into seen: inout [ParsedArguments.Option]
    ) -> Int {
        var index = start
        while index < words.count {
            let text = words[index].text
            if text == "--" { return index + 1 }
            guard text.utf8.count > 1, text.utf8.first == UInt8(ascii: "-") else {
                return index
            }
            if text.hasPrefix("--") || !options.clusters {
                if let equals = text.firstIndex(of: "=") {
                    seen.append(.init(name: String(text[..<equals]), value: String(text[text.index(after: equals)...]), index: index))
                } else if options.valued.contains(text) {
                    seen.append(.init(name: text, value: index + 1 < words.count ? words[index + 1].text : nil, index: index))
                    index += 1
                } else {
                    seen.append(.init(name: text, value: nil, index: index))
                }
                index += 1
                continue
            }
            var rest = text.dropFirst()
            var consumedNext = false
            while let letter = rest.first {
                let name = "-" + String(letter)
                rest = rest.dropFirst()
                if options.valued.contains(name) {
                    if !rest.isEmpty {
                        seen.append(.init(name: name, value: String(rest), index: index))
                    } else {
                        seen.append(.init(name: name, value: index + 1 < words.count ? words[index + 1].text : nil, index: index))
                        consumedNext = true
                    }
                    break
                }
                seen.append(.init(name: name, value: nil, index: index))
            }
            index += consumedNext ? 2 : 1
        }
        return index
    }

    /// `NAME=value` as a name and a value; nil for anything else.
    static func assignment(_ word: ShellWord) -> (String, String)? {
        let text = word.text
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else { return nil }
        let name = text[..<equals]
        guard let first = name.utf8.first, first == UInt8(ascii: "_") || (first | 0x20) >= 97 && (first | 0x20) <= 122,
            name.utf8.allSatisfy({ $0 == UInt8(ascii: "_") || ($0 | 0x20) >= 97 && ($0 | 0x20) <= 122 || $0 >= 48 && $0 <= 57 })
        else { return nil }
        return (String(name), String(text[text.index(after: equals)...]))
    }

    /// Words joined into the shell text a wrapper hands to `sh -c`.
    static func joined(_ words: [ShellWord]) -> ShellWord {
        ShellWord(
            words.map(\.text).joined(separator: " "), hasExpansion: words.contains(where: \.hasExpansion),
            hasCommandSubstitution: words.contains(where: \.hasCommandSubstitution))
    }
}

/// One step of unwrapping: what a wrapper runs.
public enum WrapperStep: Sendable {
    /// These words run next (a program and its arguments), with these variables set.
    case run([ShellWord], environment: [String: String], seen: [ParsedArguments.Option])
    /// This text runs as shell code.
    case script(ShellWord, seen: [ParsedArguments.Option])
    /// Nothing else runs; the finding says what the wrapper itself does (`command -v git`).
    case done(Finding)
    /// Used here without wrapping anything (`uv pip install`): classify the program itself.
    case notWrapping
}
