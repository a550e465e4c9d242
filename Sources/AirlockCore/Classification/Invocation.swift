/// One program the shell would run, with wrappers (`sudo`, `env`, `timeout`, …) peeled off.
public struct Invocation: Sendable {
    /// The program's base name as the shell resolves it: quotes, a leading `\` and the
    /// directory are removed (`"/usr/bin/git"` → `git`).
    public var program: String
    public var arguments: [ShellWord] {
        didSet { args = arguments.map(\.text) }
    }
    /// The argument texts (kept alongside the words: the tables read them constantly).
    public private(set) var args: [String]
    /// Variables set for this command (`FOO=1 cmd`, `env FOO=1 cmd`), values as written.
    public var environment: [String: String]
    /// Literal text fed to standard input by a heredoc or here-string.
    public var stdinText: String?
    /// Where standard input comes from when it is not literal text: a file redirected in, a
    /// pipe, a download (`psql < f.sql`, `cat f.sql | mysql`).
    var stdinSource: StdinSource = .terminal
    /// Where it runs, for resolving the paths it names.
    public var context = ClassificationContext()
    /// The program word as written (`./deploy.sh`, `/usr/bin/git`), when it came from a command line.
    public var path: String?

    public init(
        program: String, arguments: [ShellWord], environment: [String: String] = [:],
        stdinText: String? = nil
    ) {
        self.program = program
        self.arguments = arguments
        self.args = arguments.map(\.text)
        self.environment = environment
        self.stdinText = stdinText
    }

    /// A convenience for tests and tables: words without quoting.
    public init(_ argv: [String]) {
        self.program = argv.first ?? ""
        self.arguments = argv.dropFirst().map { ShellWord($0) }
        self.args = Array(argv.dropFirst())
        self.environment = [:]
        self.stdinText = nil
    }

    /// The arguments before a `--` end-of-options marker.
    public var optionArgs: ArraySlice<String> {
        let all = args
        if let end = all.firstIndex(of: "--") { return all[..<end] }
        return all[...]
    }

    /// True when any of the flags is present. Short flags are single letters and match
    /// inside clusters (`-rf` has `r` and `f`); long flags match `--name` and `--name=…`.
    public func has(short: String = "", long: [String] = []) -> Bool {
        for arg in args {
            let bytes = arg.utf8
            guard bytes.first == UInt8(ascii: "-"), bytes.count > 1 else { continue }
            if arg == "--" { return false }
            if bytes.dropFirst().first == UInt8(ascii: "-") {
                guard !long.isEmpty else { continue }
                let name = bytes.firstIndex(of: UInt8(ascii: "=")).map { bytes[..<$0] } ?? bytes[...]
                if long.contains(where: { $0.utf8.elementsEqual(name) }) { return true }
            } else if !short.isEmpty {
                if arg.dropFirst().contains(where: { short.contains($0) }) { return true }
            }
        }
        return false
    }

    /// The value of an option written `--name value`, `--name=value` or `-n value`.
    public func value(of names: String...) -> String? {
        let all = optionArgs
        for index in all.indices {
            let arg = all[index]
            guard arg.utf8.first == UInt8(ascii: "-") else { continue }
            for name in names {
                if arg == name, index + 1 < all.endIndex { return all[index + 1] }
                if name.hasPrefix("--"), arg.hasPrefix(name + "=") {
                    return String(arg.dropFirst(name.count + 1))
                }
            }
        }
        return nil
    }

    /// Arguments that are not options. Options named in `valued` consume the next word.
    public func positionals(valued: Set<String> = []) -> [String] {
        var result: [String] = []
        var skipNext = false
        var afterDashes = false
        for arg in args {
            if skipNext {
                skipNext = false
                continue
            }
            if afterDashes {
                result.append(arg)
            } else if arg == "--" {
                afterDashes = true
            } else if arg.hasPrefix("-"), arg.count > 1 {
                if valued.contains(arg) { skipNext = true }
            } else {
                result.append(arg)
            }
        }
        return result
    }

    /// The whole command line as text, for reasons and markers.
    public var commandLine: String { ([program] + args).joined(separator: " ") }
}

/// Classifies one program's invocation; an empty result means "not recognised".
public typealias ProgramClassifier = @Sendable (Invocation) -> [Finding]
