/// What a program's options mean, written once per program: which take a value, which name a
/// file it writes, which run a command, which make it rewrite its operands in place.
///
/// Options are written as the user types them: `-o` for a short option, `--output` for a long
/// one. Short options cluster (`-xvf`); a short option that takes a value takes the rest of its
/// cluster or the next word (`-ofile`, `-o file`); a long one takes `--name=value` or the next word.
public struct ArgumentFacts: Sendable {
    /// Options that take a value.
    public var valued: Set<String>
    /// Options whose value is a file the program writes (`-o`, `--output`).
    public var writes: Set<String>
    /// Options whose value is a command the program runs (`--to-command`, `-I`).
    public var executes: Set<String>
    /// Options that make the program write its file operands in place (`sed -i`, `yq -i`).
    public var inPlace: Set<String>
    /// Options that, alone, make the program run code other than its own (`--ext-diff`).
    public var runsCode: Set<String>
    /// Options whose value is a credential the program uses (`ssh -i KEY`): a use, not a read.
    public var credentials: Set<String>
    /// False for programs whose long options take one dash (`find -name`, `java -jar`): no clusters.
    public var clusters: Bool
    /// The first operand is a program the tool interprets (`sed 's/a/b/' file`, `jq '.x' f`),
    /// unless one of `scriptOptions` gave it.
    public var scriptOperand: Bool
    /// Options whose value is the program the tool interprets (`sed -e`, `awk -f`).
    public var scriptOptions: Set<String>
    /// Options whose value only narrows which files are acted on (`find -name`, `-inum`, `-mtime`):
    /// a value known only at run time there does not change where the program acts.
    public var selects: Set<String>

    public init(
        valued: Set<String> = [], writes: Set<String> = [], executes: Set<String> = [],
        inPlace: Set<String> = [], runsCode: Set<String> = [], credentials: Set<String> = [],
        clusters: Bool = true, scriptOperand: Bool = false, scriptOptions: Set<String> = [], selects: Set<String> = []
    ) {
        // Every option with a meaningful value takes one.
        self.valued = valued.union(writes).union(executes).union(credentials).union(scriptOptions)
        self.scriptOperand = scriptOperand
        self.scriptOptions = scriptOptions
        self.writes = writes
        self.executes = executes
        self.inPlace = inPlace
        self.runsCode = runsCode
        self.credentials = credentials
        self.clusters = clusters
        self.selects = selects
    }

    /// The first argument known only at run time that aims the program: a value given to one
    /// of `selects` only narrows what it acts on, so it is passed over.
    func firstAimingExpansion(_ arguments: [ShellWord]) -> ShellWord? {
        for (index, word) in arguments.enumerated() where word.hasExpansion {
            if !selects.isEmpty, index > 0, selects.contains(arguments[index - 1].text) { continue }
            return word
        }
        return nil
    }

    /// No option takes a value.
    public static let none = ArgumentFacts()

    /// True when no option writes, runs code or rewrites operands: nothing for `ArgumentEffects` to do.
    public var hasNoEffects: Bool {
        writes.isEmpty && executes.isEmpty && inPlace.isEmpty && runsCode.isEmpty
    }

    /// The operands that name files, the interpreted program (when there is one) left out.
    public func fileOperands(_ parsed: ParsedArguments) -> [String] {
        var operands = parsed.operands
        if scriptOperand, !parsed.has(anyOf: scriptOptions) {
            // BSD `sed -i '' …` gives the backup suffix as an empty operand.
            while operands.first == "" { operands.removeFirst() }
            if !operands.isEmpty { operands.removeFirst() }
        }
        return operands
    }

    /// Splits `args` into options (with their values) and operands by this grammar.
    public func parse(_ args: [String]) -> ParsedArguments {
        var parsed = ParsedArguments()
        var index = 0
        var afterDashes = false
        while index < args.count {
            let arg = args[index]
            defer { index += 1 }
            if afterDashes || arg.utf8.count < 2 || arg.utf8.first != UInt8(ascii: "-") {
                parsed.operands.append(arg)
                parsed.operandIndices.append(index)
                continue
            }
            if arg == "--" {
                afterDashes = true
                continue
            }
            if arg.hasPrefix("--") || !clusters {
                if let equals = arg.firstIndex(of: "=") {
                    parsed.options.append(.init(name: String(arg[..<equals]), value: String(arg[arg.index(after: equals)...]), index: index))
                } else if valued.contains(arg), index + 1 < args.count {
                    parsed.options.append(.init(name: arg, value: args[index + 1], index: index))
                    index += 1
                } else {
                    parsed.options.append(.init(name: arg, value: nil, index: index))
                }
                continue
            }
            // A cluster of short options: `-xvf archive`, `-ofile`.
            var rest = arg.dropFirst()
            while let letter = rest.first {
                let name = "-" + String(letter)
                rest = rest.dropFirst()
                if valued.contains(name) {
                    if !rest.isEmpty {
                        parsed.options.append(.init(name: name, value: String(rest.drop { $0 == "=" }), index: index))
                    } else if index + 1 < args.count {
                        parsed.options.append(.init(name: name, value: args[index + 1], index: index))
                        index += 1
                    } else {
                        parsed.options.append(.init(name: name, value: nil, index: index))
                    }
                    break
                }
                parsed.options.append(.init(name: name, value: nil, index: index))
            }
        }
        return parsed
    }
}

/// Arguments split by an `ArgumentFacts` grammar.
public struct ParsedArguments: Sendable, Equatable {
    public struct Option: Sendable, Equatable {
        /// As written before any `=`: `-o`, `--output`.
        public var name: String
        public var value: String?
        /// Index of the word that named it.
        public var index: Int
    }

    public var options: [Option] = []
    public var operands: [String] = []
    /// Index of each operand in the arguments.
    public var operandIndices: [Int] = []

    /// True when any of `names` was given.
    public func has(_ names: String...) -> Bool {
        options.contains { names.contains($0.name) }
    }

    public func has(anyOf names: Set<String>) -> Bool {
        options.contains { names.contains($0.name) }
    }

    /// The last value given to any of `names`.
    public func value(_ names: String...) -> String? {
        options.last { names.contains($0.name) && $0.value != nil }?.value
    }

    /// Every value given to any of `names`, in order.
    public func values(_ names: Set<String>) -> [String] {
        options.compactMap { names.contains($0.name) ? $0.value : nil }
    }
}
