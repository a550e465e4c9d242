/// Turns shell text into findings.
///
/// It walks every simple command the parser found, peels wrappers (`sudo`, `env`,
/// `timeout`, `xargs`, …), follows code into `bash -c`, `eval`, heredocs, pipes into shells and
/// interpreter one-liners, and asks the program tables what each program does. Text that is
/// only data (echo's arguments, commit messages, grep patterns) is never analysed as code.
struct ShellAnalyzer {
    let context: ClassificationContext
    private(set) var findings: [Finding] = []
    private(set) var commands: [[String]] = []
    private(set) var productionMarkers: [String] = []
    /// Invocations left to analyse: a guard against exponential nesting.
    private var budget = 4_000

    static let maxDepth = 8

    init(context: ClassificationContext) {
        self.context = context
    }

    mutating func add(_ finding: Finding) { findings.append(finding) }
    mutating func add(_ new: [Finding]) { findings.append(contentsOf: new) }

    // MARK: Scripts

    /// Analyses shell text at a nesting depth (0 for the command itself).
    mutating func analyze(script text: String, depth: Int) {
        guard depth <= Self.maxDepth else {
            add(.unknown("shell code nested more than \(Self.maxDepth) levels deep", risk: .high))
            return
        }
        let script = ShellParser.parse(text)
        if script.isTruncated {
            add(.unknown("nesting too deep to analyse completely", risk: .high))
        }
        for problem in script.problems where problem.hasPrefix("unterminated") || problem.hasPrefix("unbalanced") {
            add(.unknown("shell syntax problem: \(problem)", risk: .medium))
        }
        for (index, command) in script.commands.enumerated() {
            let stdin = StdinSource.of(command: command, at: index, in: script)
            analyze(command: command, stdin: stdin, depth: depth)
        }
    }

    mutating func analyze(command: SimpleCommand, stdin: StdinSource, depth: Int) {
        var environment: [String: String] = [:]
        for assignment in command.assignments {
            let parts = assignment.text.split(separator: "=", maxSplits: 1)
            let name = parts.first.map(String.init) ?? ""
            environment[name.hasSuffix("+") ? String(name.dropLast()) : name] = parts.count > 1 ? String(parts[1]) : ""
        }
        noteProductionMarkers(in: command.assignments.map(\.text))
        for redirection in command.redirections {
            analyze(redirection: redirection)
        }
        guard !command.words.isEmpty else { return }
        var stdin = stdin
        if let literal = command.redirections.compactMap(\.stdinText).last {
            stdin = .literal(literal)
        }
        analyze(words: command.words, environment: environment, stdin: stdin, depth: depth)
    }

    /// Output redirections write files; `/dev/tcp` opens a connection.
    mutating func analyze(redirection: Redirection) {
        let target = redirection.target.text
        if target.hasPrefix("/dev/tcp/") || target.hasPrefix("/dev/udp/") {
            add(
                Finding(
                    [.remoteExec, .network], risk: .critical, blast: .production, reversibility: .irreversible,
                    reason: "redirects a shell to a network socket (\(target))", targets: [target]))
            return
        }
        if redirection.op == .input {
            let path = context.classify(path: target)
            if path.isSecret {
                add(.secrets("feeds \(path.reason) to a command", targets: [target]))
            }
            return
        }
        guard redirection.writesFile, !Self.isDevice(target) else { return }
        add(FileTargets.write(target, verb: "writes", context: context))
    }

    static func isDevice(_ path: String) -> Bool {
        path == "/dev/null" || path == "/dev/stdout" || path == "/dev/stderr" || path.hasPrefix("/dev/fd/")
    }

    // MARK: Invocations

    /// Peels wrappers off `words`, then classifies the program that really runs.
    mutating func analyze(words: [ShellWord], environment: [String: String], stdin: StdinSource, depth: Int) {
        guard budget > 0 else {
            if budget == 0 {
                add(.unknown("too many commands to analyse", risk: .high))
                budget -= 1
            }
            return
        }
        budget -= 1
        var words = words
        var environment = environment
        var peeled = 0
        while let first = words.first, peeled < 32 {
            peeled += 1
            if first.hasExpansion {
                if let resolved = Self.staticEchoOutput(of: first) {
                    words = resolved + words.dropFirst()
                    continue
                }
                add(.unknown("the program name is built at run time (\(first.text.prefix(60)))", risk: .high))
                return
            }
            let program = Self.programName(first.text)
            guard let step = Wrappers.peel(program: program, words: words, analyzer: &self, depth: depth) else { break }
            switch step {
            case .done:
                return
            case .continueWith(let rest, let env):
                words = rest
                environment.merge(env) { _, new in new }
            }
        }
        guard let first = words.first else { return }
        var invocation = Invocation(
            program: Self.programName(first.text), arguments: Array(words.dropFirst()),
            environment: environment, stdinText: stdin.literalText)
        invocation.context = context
        commands.append([invocation.program] + invocation.args)
        if !DataPrograms.names.contains(invocation.program) {
            noteProductionMarkers(in: invocation.args + environment.map { "\($0.key)=\($0.value)" })
        }
        classify(invocation, stdin: stdin, depth: depth)
    }

    /// Dispatches to code-running programs (shells, eval, interpreters) or the program tables.
    mutating func classify(_ invocation: Invocation, stdin: StdinSource, depth: Int) {
        let program = invocation.program
        if Shells.names.contains(program) {
            Shells.analyze(invocation, stdin: stdin, analyzer: &self, depth: depth)
            return
        }
        if let language = InterpreterCode.language(of: program) {
            InterpreterCode.analyze(invocation, language: language, stdin: stdin, analyzer: &self, depth: depth)
            return
        }
        var found = ProgramTable.classify(invocation, context: context, analyzer: &self, depth: depth)
        if found.isEmpty {
            found = [Self.unrecognised(invocation)]
        }
        add(found)
        add(FileTargets.pathArguments(of: invocation, context: context))
    }

    /// A program no table knows: named scripts hint at what they do; otherwise unknown.
    static func unrecognised(_ invocation: Invocation) -> Finding {
        let name = invocation.program.lowercased()
        let hints: [(String, Finding)] = [
            ("deploy", .deploy("runs the script \(invocation.program), named like a deploy")),
            ("release", .deploy("runs the script \(invocation.program), named like a release")),
            ("publish", .deploy("runs the script \(invocation.program), named like a publish")),
            ("migrat", .migration("runs the script \(invocation.program), named like a migration")),
            ("destroy", .dataDelete("runs the script \(invocation.program), named like a teardown")),
            ("teardown", .dataDelete("runs the script \(invocation.program), named like a teardown")),
            ("nuke", .dataDelete("runs the script \(invocation.program), named like a teardown")),
        ]
        if name.contains("/") || name.hasSuffix(".sh") || name.hasSuffix(".py") || name.hasSuffix(".rb")
            || name.hasSuffix(".js")
        {
            for (hint, finding) in hints where name.contains(hint) {
                var finding = finding
                finding.isUnsure = true
                return finding
            }
            return .unknown("runs the script \(invocation.program)")
        }
        if let verb = GenericVerbs.destructiveVerb(in: invocation) {
            return .dataDelete("\(invocation.program) \(verb): a destructive verb in an unrecognised tool")
        }
        return .unknown("unrecognised program \(invocation.program.prefix(60))")
    }

    /// `$(echo ls)` and `` `echo pwd` ``: a substitution whose output is fixed text.
    static func staticEchoOutput(of word: ShellWord) -> [ShellWord]? {
        var text = word.text
        if text.hasPrefix("$("), text.hasSuffix(")") {
            text = String(text.dropFirst(2).dropLast())
        } else if text.hasPrefix("`"), text.hasSuffix("`"), text.count >= 2 {
            text = String(text.dropFirst().dropLast())
        } else {
            return nil
        }
        let inner = ShellParser.parse(text)
        guard inner.commands.count == 1, let command = inner.commands.first,
            command.redirections.isEmpty, command.assignments.isEmpty,
            let program = command.words.first, program.text == "echo" || program.text == "printf",
            command.words.dropFirst().allSatisfy({ !$0.hasExpansion && !$0.hasGlob })
        else { return nil }
        let output = command.words.dropFirst().map(\.text).joined(separator: " ")
        let words = output.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map {
            ShellWord(String($0))
        }
        return words.isEmpty ? nil : words
    }

    /// The program the shell runs: quotes are gone already; drop a leading `\` and the directory.
    static func programName(_ text: String) -> String {
        var name = Substring(text)
        while name.hasPrefix("\\") { name = name.dropFirst() }
        if let slash = name.lastIndex(of: "/"), slash != name.index(before: name.endIndex) {
            name = name[name.index(after: slash)...]
        }
        return String(name)
    }

    mutating func noteProductionMarkers(in texts: [String]) {
        for text in texts {
            if let marker = ProductionMarkers.marker(in: text), !productionMarkers.contains(marker),
                productionMarkers.count < 8
            {
                productionMarkers.append(marker)
            }
        }
    }
}

/// Where a command's standard input comes from, for commands that run it as code.
enum StdinSource: Equatable {
    case terminal
    /// Literal text: a heredoc, a here-string, or an `echo` upstream in the pipe.
    case literal(String)
    /// Bytes downloaded by curl, wget, … upstream in the pipe.
    case network(String)
    /// Bytes decoded by base64, xxd, openssl, … upstream: their meaning is hidden.
    case decoded(String)
    /// Output of some other command.
    case command(String)

    var literalText: String? {
        if case .literal(let text) = self { return text }
        return nil
    }

    var isPiped: Bool { self != .terminal }

    static let fetchers: Set<String> = ["curl", "wget", "fetch", "http", "https", "xh", "aria2c", "nc", "ncat", "lynx"]
    static let decoders: Set<String> = [
        "base64", "base32", "xxd", "openssl", "gunzip", "zcat", "gzip", "rev", "uudecode", "bzcat", "xz", "unxz", "tr",
    ]

    /// What flows into `command` from the previous command of its pipeline.
    static func of(command: SimpleCommand, at index: Int, in script: ShellScript) -> StdinSource {
        guard command.pipelineIndex > 0 else { return .terminal }
        var j = index - 1
        while j >= 0 {
            let upstream = script.commands[j]
            if upstream.pipelineID == command.pipelineID, upstream.pipelineIndex == command.pipelineIndex - 1 {
                return describe(upstream)
            }
            j -= 1
        }
        return .command("?")
    }

    private static func describe(_ upstream: SimpleCommand) -> StdinSource {
        let words = Wrappers.strippedForPipe(upstream.words)
        guard let first = words.first else { return .command("?") }
        let program = ShellAnalyzer.programName(first.text)
        if fetchers.contains(program) { return .network(program) }
        if decoders.contains(program) { return .decoded(program) }
        if program == "echo" || program == "printf" {
            let args = words.dropFirst().filter { !($0.text.hasPrefix("-") && $0.text.count <= 3 && !$0.isQuoted) }
            if args.allSatisfy({ !$0.hasExpansion }) {
                return .literal(args.map(\.text).joined(separator: " "))
            }
            return .command(program)
        }
        if program == "cat", words.count == 1, let body = upstream.redirections.compactMap(\.stdinText).last {
            return .literal(body)
        }
        return .command(program)
    }
}
