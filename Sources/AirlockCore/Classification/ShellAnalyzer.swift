/// Turns shell text into findings.
///
/// It walks the simple commands of a line in the order the shell runs them, keeping the
/// line's state (variables, the working directory, functions, downloaded files), expands the
/// variables it knows, peels wrappers with the one `Unwrapper`, follows code into `bash -c`,
/// `eval`, heredocs, pipes into shells and interpreter one-liners, and asks the registry what
/// each program does. Text that is only data (echo's arguments, commit messages, grep
/// patterns) is never analysed as code.
struct ShellAnalyzer {
    /// Where the line starts; `state.cwd` follows its `cd`s.
    let context: ClassificationContext
    let registry: ProgramRegistry
    var state: LineState
    private(set) var findings: [Finding] = []
    private(set) var commands: [[String]] = []
    private(set) var productionMarkers: [String] = []
    /// What an exception scope must know beyond the findings (`Assessment.scopeHazards`).
    var hazards: Set<ScopeHazard> = []
    /// Invocations left to analyse: a guard against exponential nesting.
    private var budget = 4_000
    /// Files fed to the command being analysed through `xargs` or `find -exec` (`{}`).
    var input: InputScope?
    /// The name patterns of the `find` that produced `input` (`-name '*.pem'`).
    var inputNames: [String] = []
    /// The `-maxdepth` of the `find` that produced `input`, when it gave one.
    var inputDepth: Int?
    /// The command downstream in the pipe of the one being analysed (`env | grep X`).
    var downstream: SimpleCommand?
    /// The script and pipe neighbours of the command being analysed, so a consumer can look
    /// further down its pipe (`env | sort | grep X`) without any work for commands that do not.
    var pipeContext: (script: ShellScript, neighbours: [(upstream: Int?, downstream: Int?)], index: Int)?

    /// The stages after the command being analysed in its pipe, in order, at most `limit`.
    func laterStages(limit: Int) -> [SimpleCommand] {
        guard let (script, neighbours, index) = pipeContext else { return [downstream].compactMap { $0 } }
        var stages: [SimpleCommand] = []
        var next = neighbours[index].downstream
        while let current = next, stages.count < limit {
            stages.append(script.commands[current])
            next = neighbours[current].downstream
        }
        return stages
    }
    /// The redirections of the command being analysed (`curl … > file` saves a download).
    var redirections: [Redirection] = []
    /// Set by `Classifier.runnerFiles`: note the files that define each build or test step.
    var collectsRunnerFiles = false
    private(set) var runnerFiles: [RunnerFile] = []
    /// What the edge should look at so a second pass judges real targets (`EdgeFacts`).
    var wanted = EdgeFactRequest()

    static let maxDepth = 8

    init(context: ClassificationContext, registry: ProgramRegistry = .shared) {
        self.context = context
        self.registry = registry
        self.state = LineState(cwd: context.cwd ?? context.workspaceRoot)
    }

    mutating func add(_ finding: Finding) { findings.append(finding) }
    mutating func add(_ new: [Finding]) { findings.append(contentsOf: new) }

    /// The context for the command being analysed: the line's working directory.
    var current: ClassificationContext {
        var context = self.context
        // A directory known only at run time: relative paths land somewhere unknown.
        context.cwd = state.cwdIsUnknown ? "$PWD" : state.cwd
        return context
    }

    // MARK: Scripts

    /// Analyses shell text at a nesting depth (0 for the command itself).
    mutating func analyze(script text: String, depth: Int) {
        guard depth <= Self.maxDepth else {
            add(.unknown("shell code nested more than \(Self.maxDepth) levels deep", risk: .high, rule: "shell.too-deep"))
            return
        }
        let script = ShellParser.parse(text)
        if script.isTruncated {
            add(.unknown("nesting too deep to analyse completely", risk: .high, rule: "shell.too-deep"))
        }
        for problem in script.problems where problem.hasPrefix("unterminated") || problem.hasPrefix("unbalanced") {
            add(.unknown("shell syntax problem: \(problem)", risk: .medium, rule: "shell.syntax"))
        }
        walk(script, depth: depth)
    }

    /// Runs through a parsed script's commands in order; function bodies run where they are called.
    mutating func walk(_ script: ShellScript, depth: Int) {
        var bodies: [String: [Int]] = [:]
        for (index, command) in script.commands.enumerated() {
            if let name = command.functionName { bodies[name, default: []].append(index) }
        }
        let neighbours = script.pipeNeighbours()
        // A definition here is a new function even when one of that name is being expanded
        // (`f() { bash -c 'f() { rm -rf /; }; f'; }; f`): calling it runs the new body, not a recursion.
        // (Most lines define none: no set is built for them.)
        let shadowed = bodies.isEmpty || state.expanding.isEmpty ? [] : state.expanding.intersection(bodies.keys)
        if !shadowed.isEmpty { state.expanding.subtract(shadowed) }
        defer { if !shadowed.isEmpty { state.expanding.formUnion(shadowed) } }
        if !bodies.isEmpty {
            hazards.insert(.definesFunction)
            for (name, indices) in bodies {
                state.functions[name] = LineState.FunctionBody(script: script, indices: indices, neighbours: neighbours)
            }
        }
        for (index, command) in script.commands.enumerated() where command.functionName == nil {
            let savedPipe = pipeContext
            pipeContext = neighbours[index].downstream == nil ? nil : (script, neighbours, index)
            analyze(command: command, at: index, in: script, neighbours: neighbours[index], depth: depth)
            pipeContext = savedPipe
        }
        // A function never called here may still run (a trap, `export -f`): judge its body anyway.
        for name in bodies.keys.sorted() where !state.calledFunctions.contains(name) {
            callFunction(name, depth: depth)
        }
    }

    /// Runs a function's body commands as if called now; false when `name` is no function.
    @discardableResult
    mutating func callFunction(_ name: String, depth: Int) -> Bool {
        guard let body = state.functions[name] else { return false }
        state.calledFunctions.insert(name)
        if state.expanding.contains(name) {
            add(
                Finding(
                    [.processControl], risk: .high, blast: .machine, reversibility: .partial,
                    reason: "the function \(name) calls itself: it recurses without end (a fork bomb when piped or put in the background)",
                    rule: "shell.recursive-function"))
            return true
        }
        guard depth < Self.maxDepth else { return true }
        state.expanding.insert(name)
        for index in body.indices {
            let savedPipe = pipeContext
            pipeContext = body.neighbours[index].downstream == nil ? nil : (body.script, body.neighbours, index)
            analyze(
                command: body.script.commands[index], at: index, in: body.script, neighbours: body.neighbours[index],
                depth: depth + 1)
            pipeContext = savedPipe
        }
        state.expanding.remove(name)
        return true
    }

    mutating func analyze(
        command: SimpleCommand, at index: Int, in script: ShellScript,
        neighbours: (upstream: Int?, downstream: Int?), depth: Int
    ) {
        if let loop = command.forLoop {
            bindLoop(loop)
            return
        }
        var environment: [String: String] = [:]
        for assignment in command.assignments {
            analyze(assignment: assignment, standalone: command.words.isEmpty, into: &environment)
        }
        if !command.assignments.isEmpty { noteProductionMarkers(in: command.assignments.map(\.text)) }
        for redirection in command.redirections {
            analyze(redirection: redirection)
        }
        guard !command.words.isEmpty else { return }
        let upstream = neighbours.upstream.map { script.commands[$0] }
        var stdin = StdinSource.of(upstream: upstream, isPiped: command.pipelineIndex > 0)
        if let literal = command.redirections.compactMap(\.stdinText).last {
            stdin = .literal(literal)
        } else if let file = command.redirections.last(where: { $0.op == .input }) {
            // `bash < <(curl …)`: input redirected from a process substitution is its output.
            stdin = file.target.hasCommandSubstitution
                ? StdinSource.ofSubstitution(file.target) ?? .command("?") : .file(file.target.text)
        }
        let savedDownstream = downstream
        let savedInput = input
        let savedRedirections = redirections
        redirections = command.redirections
        downstream = neighbours.downstream.map { script.commands[$0] }
        // A command fed by a pipe or a redirect takes its input from there; one that is not keeps
        // the files `find -exec` or `xargs` pass around it.
        let savedNames = inputNames, savedDepth = inputDepth
        if let own = InputScope.of(stdin: stdin, upstream: upstream) {
            input = own
            inputNames = InputScope.names(of: upstream)
            inputDepth = nil
            if case .files = own, let upstream, upstream.words.contains(where: { $0.text == "-maxdepth" }) {
                inputDepth = FindProgram.maxDepth(upstream.words.map(\.text))
            }
        }
        if command.isSubstitution || command.words.contains(where: \.hasCommandSubstitution) {
            hazards.insert(.substitution)
        }
        // `TMPDIR=/x rm -rf $TMPDIR/y`: the shell expands `$TMPDIR` before the assignment takes
        // effect, so which value the writer meant is unclear; the words see it as unknown.
        var shadowed: [(String, String??)] = []
        for name in environment.keys where command.words.contains(where: { $0.hasExpansion && ($0.text.contains("$" + name) || $0.text.contains("${" + name)) }) {
            shadowed.append((name, state.variables[name]))
            state.variables[name] = .some(nil)
        }
        let before = findings.count
        analyze(words: command.words, environment: environment, stdin: stdin, depth: depth)
        if command.inHeredoc, let hidden = Self.hiddenChange(findings[before...]) { add(hidden) }
        for (name, value) in shadowed { state.variables[name] = value }
        downstream = savedDownstream
        input = savedInput
        inputNames = savedNames
        inputDepth = savedDepth
        redirections = savedRedirections
    }

    /// `NAME=value`: remembered for later commands when it stands alone, else set for this one.
    mutating func analyze(assignment: ShellWord, standalone: Bool, into environment: inout [String: String]) {
        let text = assignment.text
        guard let equals = text.firstIndex(of: "=") else { return }
        var name = String(text[..<equals])
        if name.hasSuffix("+") { name.removeLast() }
        let raw = ShellWord(
            String(text[text.index(after: equals)...]), hasExpansion: assignment.hasExpansion,
            hasCommandSubstitution: assignment.hasCommandSubstitution)
        let value = ShellExpansion.expand(raw, state: state, host: context.host)
        if standalone {
            state.variables[name] = value.hasExpansion ? .some(nil) : .some(value.text)
        } else {
            environment[name] = value.text
        }
        add(EnvironmentPoisoning.findings(name: name, value: value, context: current))
        if let erased = History.assignment(name: name, value: value.text) { add(erased) }
        if EnvironmentPoisoning.affectsExecution(name) { hazards.insert(.executionVariable) }
    }

    /// `for x in a b c`: the variable takes each value; more than one value means run-time.
    mutating func bindLoop(_ loop: SimpleCommand.ForLoop) {
        guard let values = loop.values else {
            state.variables[loop.variable] = .some(nil)
            return
        }
        let expanded = values.map { value -> ShellWord in
            let word = ShellExpansion.expand(value, state: state, host: context.host)
            guard word.hasCommandSubstitution, let standIn = InputScope.ofSubstitution(word)?.standIn else { return word }
            return standIn
        }
        if expanded.count == 1, let only = expanded.first, !only.hasExpansion {
            state.variables[loop.variable] = .some(only.text)
        } else {
            state.variables[loop.variable] = .some(nil)
            state.loopValues[loop.variable] = expanded
        }
    }

    /// Output redirections write files; `/dev/tcp` opens a connection.
    mutating func analyze(redirection: Redirection) {
        let target = ShellExpansion.expand(redirection.target, state: state, host: context.host)
        let text = target.text
        // `> >(tee log)`: a pipe into commands the parser found and judges on their own.
        if text.hasPrefix(">(") || text.hasPrefix("<(") { return }
        if text.hasPrefix("/dev/tcp/") || text.hasPrefix("/dev/udp/") {
            add(
                Finding(
                    [.remoteExec, .network], risk: .critical, blast: .production, reversibility: .irreversible,
                    reason: "redirects a shell to a network socket (\(text))", targets: [text],
                    rule: "shell.network-socket"))
            return
        }
        if redirection.op == .input || redirection.op == .duplicateInput {
            guard redirection.op == .input else { return }
            let path = current.classifySecrets(path: text)
            if path.isSecret {
                add(.secrets("feeds \(path.reason) to a command", risk: path.secretRisk, targets: [text], rule: "path.secret-read"))
            }
            return
        }
        guard redirection.writesFile, !FileTargets.isDevice(text) else { return }
        if target.hasExpansion {
            add(
                Finding(
                    [.fileWrite], risk: .medium, blast: .machine, reversibility: .unknown,
                    reason: "redirects output to a path built at run time (\(text.prefix(60)))", targets: [text],
                    isUnsure: true, rule: "shell.redirect-dynamic"))
            hazards.insert(.writesOutsideWorkspace)
            return
        }
        // `>>` adds to a file and keeps what was there; `>` replaces it.
        let appends = redirection.op == .append || redirection.op == .appendAll
        let written = FileTargets.write(text, verb: appends ? "appends to" : "writes", context: current, overwrites: !appends)
        noteWrites(written)
        add(written)
    }

    /// Remembers writes an exception scope must not wave through.
    mutating func noteWrites(_ written: [Finding]) {
        for finding in written {
            if finding.categories.contains(.outsideWorkspace) || finding.blastRadius >= .machine {
                hazards.insert(.writesOutsideWorkspace)
            }
        }
    }

    // MARK: Invocations

    /// Expands, unwraps, then classifies the program that really runs.
    mutating func analyze(words given: [ShellWord], environment: [String: String], stdin: StdinSource, depth: Int) {
        guard budget > 0 else {
            if budget == 0 {
                add(.unknown("too many commands to analyse", risk: .high, rule: "shell.too-many"))
                budget -= 1
            }
            return
        }
        budget -= 1
        // A loop variable with several values: judge the command once per value.
        if let name = loopVariable(in: given), let values = state.loopValues[name] {
            state.loopValues[name] = nil
            for value in values.prefix(8) {
                state.variables[name] = value.hasExpansion ? .some(nil) : .some(value.text)
                analyze(words: given, environment: environment, stdin: stdin, depth: depth)
            }
            state.loopValues[name] = values
            state.variables[name] = .some(nil)
            return
        }
        var words = given.map { ShellExpansion.expand($0, state: state, host: context.host) }
        // `rm $(find . -name '*.pyc')`: the files a lister prints stand in for the substitution.
        if words.contains(where: \.hasCommandSubstitution) {
            words = words.map { word in
                guard word.hasCommandSubstitution, let scope = InputScope.ofSubstitution(word), let standIn = scope.standIn
                else { return word }
                return standIn
            }
        }
        if let first = words.first, first.hasExpansion, let resolved = Self.staticEchoOutput(of: first) {
            words = resolved + words.dropFirst()
        }
        var unwrapped = Unwrapper.unwrap(words, environment: environment, registry: registry)
        if !unwrapped.layers.isEmpty, unwrapped.environment.keys.contains(where: EnvironmentPoisoning.affectsExecution) {
            hazards.insert(.executionVariable)
            // `env GIT_SSH_COMMAND=… git fetch`: variables a wrapper sets are judged like prefix ones.
            for (name, value) in unwrapped.environment where environment[name] != value {
                add(EnvironmentPoisoning.findings(name: name, value: ShellWord(value), context: current))
            }
        }
        // `xargs cmd`: the input it appends may be empty, so the command alone runs too.
        if unwrapped.words.last?.text == InputScope.appendedMarker, unwrapped.words.count > 1, unwrapped.script == nil {
            let before = findings.count
            analyze(words: Array(unwrapped.words.dropLast()), environment: unwrapped.environment, stdin: stdin, depth: depth)
            // `xargs rm -rf` with no input deletes nothing: only the run with input speaks of targets.
            if let empty = findings[before...].firstIndex(where: { $0.rule == "delete.dynamic" && $0.targets.isEmpty }) {
                findings.remove(at: empty)
            }
        } else if unwrapped.words.count == 1, unwrapped.words[0].text == InputScope.appendedMarker,
            let last = unwrapped.layers.last, last.program != "xargs"
        {
            // `xargs env`: with no input the inner wrapper runs alone.
            analyze(words: [ShellWord(last.program)], environment: unwrapped.environment, stdin: stdin, depth: depth)
        }
        // `find -exec … {}` and `xargs`: the files they pass stand in for the marker.
        let takesInput = unwrapped.words.contains(where: {
            $0.text.contains(InputScope.marker) || $0.text == InputScope.appendedMarker
        })
        if takesInput {
            unwrapped.words = (input ?? .unknown).substitute(into: unwrapped.words)
        }
        var savedCwd: (String?, Bool)?
        if let directory = unwrapped.workingDirectory {
            savedCwd = (state.cwd, state.cwdIsUnknown)
            changeDirectory(to: directory)
        }
        defer {
            if let (cwd, unknown) = savedCwd {
                state.cwd = cwd
                state.cwdIsUnknown = unknown
            }
        }
        let before = findings.count
        let reachesHost = addWrapperFindings(unwrapped)
        defer { if reachesHost { Flows.checkContainerEscape(since: before, analyzer: &self) } }
        if let finding = unwrapped.done {
            add(finding)
            return
        }
        if let script = unwrapped.script {
            if script.hasExpansion,
                let finding = Flows.dynamicScript(script, via: unwrapped.layers.last?.program ?? "a wrapper", analyzer: self)
            {
                add(finding)
            }
            analyze(script: script.text, depth: depth + 1)
            return
        }
        guard let first = unwrapped.words.first else {
            if let layer = unwrapped.layers.last, layer.program == "env" {
                commands.append(["env"])
                add(EnvironmentDump.findings(program: "env", analyzer: self))
            } else if let layer = unwrapped.layers.last, layer.effect != .privilege {
                add(.read("\(layer.program) with no command runs nothing", rule: "shell.wrapper-alone"))
            }
            return
        }
        if first.hasExpansion {
            add(Flows.dynamicProgram(first, analyzer: self))
            return
        }
        if first.hasGlob {
            add(
                .unknown(
                    "the program name is a glob the shell expands at run time (\(first.text.prefix(60)))",
                    risk: .high, rule: "shell.glob-program"))
            return
        }
        var program = Unwrapper.programName(first.text)
        if state.functions[program] != nil, first.text == program {
            commands.append(unwrapped.words.map(\.text))
            add(.read("calls the shell function \(program) defined on this line", rule: "shell.function-call"))
            callFunction(program, depth: depth)
            return
        }
        if let alias = state.aliases[program], !state.expanding.contains(program) {
            state.expanding.insert(program)
            analyze(script: ([alias] + unwrapped.words.dropFirst().map(\.text)).joined(separator: " "), depth: depth + 1)
            state.expanding.remove(program)
            return
        }
        // The unwrapper looked this name up when it stopped at it: no second lookup.
        var spec = unwrapped.stoppedAt?.name == program ? unwrapped.stoppedAt?.spec : registry.spec(for: program)
        if spec == nil || first.text.utf8.contains(UInt8(ascii: "/")), isAirlockByContent(first.text) {
            program = "airlock"
            spec = registry.spec(for: program)
        }
        var invocation = Invocation(
            program: program, arguments: Array(unwrapped.words.dropFirst()), environment: unwrapped.environment,
            stdinText: stdin.literalText)
        invocation.context = current
        invocation.stdinSource = stdin
        invocation.path = first.text
        // A prefix exception compares the words as written: `sudo true` is not `true`.
        commands.append(unwrapped.layers.isEmpty ? [invocation.program] + invocation.args : [Unwrapper.programName(words[0].text)] + words.dropFirst().map(\.text))
        if spec?.role != .data {
            // The arguments as they are (no copy joined with the environment: this runs for every command).
            noteProductionMarkers(in: invocation.args)
            if !unwrapped.environment.isEmpty {
                noteProductionMarkers(in: unwrapped.environment.map { "\($0.key)=\($0.value)" })
            }
        }
        if unwrapped.layers.contains(where: { $0.effect == .privilege }), spec?.role == .shell,
            Shells.isInteractive(invocation, stdin: stdin)
        {
            add(.privilege("opens a root shell through \(unwrapped.layers.last?.program ?? "sudo")", risk: .high, rule: "sudo.root-shell"))
        }
        classify(invocation, spec: spec, stdin: stdin, depth: depth)
        if takesInput, !inputNames.isEmpty, case .files(let root, _) = input, spec?.access == .content {
            add(InputScope.secretReads(names: inputNames, root: root, program: program, context: current))
        }
        // Readers only: an interpreter or editor handed the files is judged by what it does to them.
        if spec?.access == .content, spec?.role == .reader || spec?.role == .decoder {
            if takesInput, inputNames.isEmpty, case .files(let root, _) = input,
                let finding = RecursiveReads.wholeTree(root: root, maxDepth: inputDepth, program: program, context: current)
            {
                add(finding)
            } else if let finding = RecursiveReads.finding(invocation, context: current) {
                add(finding)
            }
        }
    }

    /// Whether the program word runs Airlock's own executable under another name (a renamed
    /// copy): known only from the edge, which compares contents; asked for when not known yet.
    /// Called for program words that are paths or unknown names.
    mutating func isAirlockByContent(_ word: String) -> Bool {
        let isPath = word.utf8.contains(UInt8(ascii: "/"))
        let key = isPath ? PathClassifier.resolve(word, cwd: current.cwd, host: context.host) : word
        let edge = context.host.edge
        if edge.airlockExecutables.contains(key) { return true }
        if !edge.checkedExecutables.contains(key), !key.contains("$") { wanted.add(executable: key) }
        return false
    }

    /// The first loop variable with several values that `words` refer to.
    private func loopVariable(in words: [ShellWord]) -> String? {
        guard !state.loopValues.isEmpty else { return nil }
        for word in words where word.hasExpansion {
            for name in state.loopValues.keys where word.text.contains("$" + name) || word.text.contains("${" + name) {
                return name
            }
        }
        return nil
    }

    /// What running through the wrappers adds: root, another host, injected secrets, a container
    /// with the host's files. True when a container can reach the host.
    mutating func addWrapperFindings(_ unwrapped: Unwrapper.Result) -> Bool {
        var reachesHost = false
        for layer in unwrapped.layers {
            switch layer.effect {
            case .privilege:
                add(.privilege("runs as root through \(layer.program)", risk: .medium, rule: "sudo.run-as-root"))
            case .secrets:
                add(
                    .secrets(
                        "\(layer.program) runs a command with secrets in its environment", risk: .medium,
                        rule: "secrets.injected-env"))
            case .container:
                let (found, host) = InfraPrograms.containerLayer(layer.program, layer.rest)
                add(found.map { $0.rule.isEmpty ? $0.ruled("container.run") : $0 })
                reachesHost = reachesHost || host
            case .remoteHost, .none:
                break
            }
        }
        return reachesHost
    }

    /// Dispatches to the handler the registry names, or the role's default.
    mutating func classify(_ invocation: Invocation, spec: ProgramSpec?, stdin: StdinSource, depth: Int) {
        guard let spec else {
            add(Self.unrecognised(invocation))
            add(FileTargets.pathArguments(of: invocation, access: .content, role: .custom, context: invocation.context))
            Flows.checkRunsDownload(invocation, spec: nil, analyzer: &self)
            return
        }
        if invocation.program == "cd" || invocation.program == "pushd" || invocation.program == "popd" {
            changeDirectory(invocation)
        }
        noteExternalCode(invocation)
        let before = findings.count
        if HelpRequest.isHelp(invocation, role: spec.role) {
            add(.read("\(invocation.program) only prints its help or version", rule: "program.help"))
            return
        }
        switch spec.role {
        case .shell:
            Shells.analyze(invocation, stdin: stdin, analyzer: &self, depth: depth)
        case .interpreter:
            if let language = spec.language {
                InterpreterCode.analyze(invocation, language: language, stdin: stdin, analyzer: &self, depth: depth)
            }
        default:
            var found = spec.handler.map { $0(invocation, &self, depth) } ?? RoleDefaults.findings(invocation, spec: spec)
            if found.isEmpty && findings.count == before { found = [Self.unrecognised(invocation)] }
            add(found)
            add(ArgumentEffects.findings(invocation, spec: spec, analyzer: &self, depth: depth))
            add(FileTargets.pathArguments(of: invocation, access: spec.access, role: spec.role, context: invocation.context))
            Flows.noteDownloads(invocation, spec: spec, analyzer: &self)
        }
        for index in before..<findings.count where findings[index].rule.isEmpty {
            findings[index].rule = spec.defaultRule(for: findings[index].categories.first ?? .unknown)
        }
        if findings[before...].contains(where: { $0.rule == "archive.create" && $0.risk == .low })
            || downstream != nil && StreamUpload.packsToStandardOutput(invocation.program, invocation.args),
            let upload = StreamUpload.finding(packer: invocation.program, analyzer: self)
        {
            add(upload)
        }
        if spec.role != .shell, spec.role != .interpreter, let word = spec.arguments.firstAimingExpansion(invocation.arguments),
            let finding = Self.dynamicArgument(word, program: invocation.program, findings: findings[before...])
        {
            add(finding)
        }
        if collectsRunnerFiles {
            runnerFiles += RunnerFiles.files(for: invocation, spec: spec, findings: findings[before...], registry: registry)
        }
        Flows.checkRunsDownload(invocation, spec: spec, analyzer: &self)
    }

    /// Option names that point a program at code or config to load (`--prefix`, `--globalSetup`).
    private static let codeOptionWords = [
        "prefix", "config", "setup", "teardown", "require", "loader", "import", "plugin", "preset", "rcfile",
        "init-file", "rootdir", "root-dir", "module", "reporter", "resolver", "transform", "environment", "hook",
        "script", "registry", "index-url", "extra-index-url", "find-links", "userconfig", "globalconfig",
    ]

    /// Notes options that point the program at code outside the repository: an exception for
    /// the command must not cover them (`npm test --prefix /tmp/x`, `jest --globalSetup=/tmp/s.js`).
    mutating func noteExternalCode(_ invocation: Invocation) {
        guard !hazards.contains(.externalCode) else { return }
        let args = invocation.args
        for (index, arg) in args.enumerated() {
            // Bytes first: this runs for every argument of every command.
            let bytes = arg.utf8
            guard bytes.count >= 2, bytes.first == UInt8(ascii: "-") else { continue }
            let second = bytes[bytes.index(after: bytes.startIndex)]
            guard second == UInt8(ascii: "-") || second == UInt8(ascii: "r") || (second == UInt8(ascii: "C") && bytes.count == 2)
            else { continue }
            // The value next, as bytes: it is cheap to check and rarely a path.
            let equals = bytes.firstIndex(of: UInt8(ascii: "="))
            let valueBytes = equals.map { bytes[bytes.index(after: $0)...] } ?? (index + 1 < args.count ? args[index + 1].utf8[...] : nil)
            guard let valueBytes, valueBytes.contains(UInt8(ascii: "/")) || valueBytes.first == UInt8(ascii: "~") else { continue }
            let value = String(Substring(valueBytes))
            let nameStart = bytes.index(bytes.startIndex, offsetBy: 2)
            let name = Substring(bytes[nameStart..<(equals ?? bytes.endIndex)])
            let lower = name.lowercased()
            guard arg == "-C" || Self.codeOptionWords.contains(where: lower.contains) else { continue }
            if value.contains("://") {
                hazards.insert(.externalCode)
                return
            }
            let path = invocation.context.classify(path: value)
            if !path.isInsideWorkspace {
                hazards.insert(.externalCode)
                return
            }
        }
    }

    /// `cd DIR`, `pushd DIR`, `popd`: later commands resolve paths against the new directory.
    mutating func changeDirectory(_ invocation: Invocation) {
        let operands = invocation.args.filter { !$0.hasPrefix("-") || $0 == "-" }
        if invocation.program == "popd" || operands.first == "-" || invocation.arguments.contains(where: \.hasExpansion) {
            state.cwdIsUnknown = true
            hazards.insert(.leavesWorkspace)
            return
        }
        changeDirectory(to: operands.first ?? "~")
    }

    mutating func changeDirectory(to directory: String) {
        let resolved = PathClassifier.resolve(directory, cwd: state.cwd, host: context.host)
        state.cwd = resolved
        state.cwdIsUnknown = !resolved.hasPrefix("/")
        let path = current.classify(path: resolved)
        if !path.isInsideWorkspace { hazards.insert(.leavesWorkspace) }
    }

    /// A program no table knows: named scripts hint at what they do; otherwise unknown.
    /// `git branch $(cat f)`, `mkdir "$DIR"`: a command that changes something, aimed by a word
    /// known only at run time, is unsure (never allowed unseen); high when it destroys. Nil when
    /// the command only reads, or a finding already says what is unsure.
    static func dynamicArgument(_ word: ShellWord, program: String, findings: ArraySlice<Finding>) -> Finding? {
        // Already unsure, or already high: the run-time word changes nothing a reviewer sees.
        guard !findings.contains(where: { $0.isUnsure || $0.risk >= .high }) else { return nil }
        let mutating = findings.contains { finding in
            !finding.categories.allSatisfy { nonMutating.contains($0) }
        }
        guard mutating else { return nil }
        // A destroy that cannot lose content whatever it is aimed at (`rmdir`, `-empty -delete`:
        // only empty folders) is not made high by not knowing where.
        let destroys = findings.contains { finding in
            finding.risk >= .medium && finding.categories.contains { [.destructiveFS, .dataDelete, .vcsRewrite].contains($0) }
        }
        return .unknown(
            "\(program) is aimed by a word known only at run time (\(word.text.prefix(60))): what it changes is unsure",
            risk: destroys ? .high : .medium, rule: "shell.dynamic-argument")
    }

    /// `git commit -F - <<EOF … $(rm -rf …) … EOF`: a command that changes something, run from
    /// inside a heredoc body, hides its change in what reads as a message or a file's text. At
    /// least high, whatever it changes (a quoted delimiter, `<<'EOF'`, runs nothing: no finding).
    static func hiddenChange(_ found: ArraySlice<Finding>) -> Finding? {
        guard let change = found.filter({ $0.risk >= .medium && !$0.categories.allSatisfy { nonMutating.contains($0) } })
            .max(by: { $0.risk < $1.risk }), change.risk < .high
        else { return nil }
        return Finding(
            change.categories, risk: .high, blast: change.blastRadius, reversibility: change.reversibility,
            reason: "runs from inside a heredoc body, where it reads as text: \(change.reason)", targets: change.targets,
            rule: "shell.heredoc-substitution")
    }

    private static let nonMutating: Set<Category> = [.read, .network, .build, .test, .formatLint, .unknown, .secretsAccess]

    static func unrecognised(_ invocation: Invocation) -> Finding {
        let name = invocation.program.lowercased()
        // `$ cmd` (a pasted prompt), `14313 pts/0 …` (pasted output): the shell finds no such program.
        if name == "$" || name == "#" || name.allSatisfy(\.isNumber) {
            return .read("\(invocation.program) is no program: the shell runs nothing here", rule: "shell.not-a-program")
        }
        if name.hasPrefix("%") {
            return .read("\(invocation.program) resumes a background job of this shell", rule: "shell.not-a-program")
        }
        let path = invocation.path ?? invocation.program
        if path.contains("/") || name.hasSuffix(".sh") || name.hasSuffix(".py") || name.hasSuffix(".rb")
            || name.hasSuffix(".js")
        {
            // The finding is made only for the hint that matches (this runs for every unknown program).
            for (hint, kind) in scriptHints where name.contains(hint) {
                let program = invocation.program
                var finding: Finding
                switch kind {
                case "migration":
                    finding = .migration("runs the script \(program), named like a migration", rule: "script.named-migration")
                case "teardown":
                    finding = .dataDelete("runs the script \(program), named like a teardown", rule: "script.named-teardown")
                default:
                    finding = .deploy("runs the script \(program), named like a \(kind)", rule: "script.named-deploy")
                }
                finding.isUnsure = true
                return finding
            }
            // The name, not the whole word: a pasted key's body with a `/` in it parses as a path.
            return .unknown("runs the script \(invocation.program)", rule: "script.unknown")
        }
        if let verb = GenericVerbs.destructiveVerb(in: invocation) {
            return .dataDelete(
                "\(invocation.program) \(verb): a destructive verb in an unrecognised tool",
                rule: "program.unknown-destructive-verb")
        }
        return .unknown("unrecognised program \(invocation.program.prefix(60))", rule: "program.unknown")
    }

    /// Words in a script's name that say what it does, and the kind of finding they make, in order.
    private static let scriptHints: [(String, String)] = [
        ("deploy", "deploy"), ("release", "release"), ("publish", "publish"), ("migrat", "migration"),
        ("destroy", "teardown"), ("teardown", "teardown"), ("nuke", "teardown"),
    ]

    /// `$(echo ls)`, `` `echo pwd` ``, `$(date +%s)`: a substitution whose output is fixed text
    /// (`StdinSource.describe` knows which commands print it).
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
            command.words.dropFirst().allSatisfy({ !$0.hasExpansion && !$0.hasGlob }),
            case .literal(let output) = StdinSource.describe(command)
        else { return nil }
        let words = output.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map {
            ShellWord(String($0))
        }
        return words.isEmpty ? nil : words
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
