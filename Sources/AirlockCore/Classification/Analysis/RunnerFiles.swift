/// Which files define what a build, test, lint or install step runs, for one invocation.
enum RunnerFiles {
    /// Categories of a step whose program runs code the repository defines.
    static let stepCategories: Set<Category> = [.build, .test, .formatLint, .packageInstall]

    static func files(
        for invocation: Invocation, spec: ProgramSpec, findings: ArraySlice<Finding>, registry: ProgramRegistry
    ) -> [RunnerFile] {
        let categories = Set(findings.flatMap(\.categories))
        guard !categories.isDisjoint(with: stepCategories) else { return [] }
        var program = invocation.program
        var args = invocation.args
        var definition = spec.definedBy
        // `python -m pytest`, `python manage.py test`: the module or script is the runner.
        if spec.role == .interpreter, definition == nil {
            if let index = args.firstIndex(of: "-m"), index + 1 < args.count {
                program = args[index + 1]
                args = Array(args[(index + 2)...])
            } else if let script = args.first(where: { !$0.hasPrefix("-") }) {
                program = script.split(separator: "/").last.map(String.init) ?? script
                args = Array(args.drop { $0 != script }.dropFirst())
            }
            definition = registry.spec(for: program)?.definedBy
        }
        guard let definition else { return [] }
        let cwd = invocation.context.cwd.flatMap { $0 == "$PWD" ? nil : $0 } ?? invocation.context.workspaceRoot
        let host = invocation.context.host
        var base = cwd.map { PathClassifier.resolve($0, cwd: nil, host: host) }
        var named: [String] = []
        for (name, value) in options(args) {
            if definition.directoryOptions.contains(name) {
                base = PathClassifier.resolve(value, cwd: base, host: host)
            } else if definition.manifestOptions.contains(name) {
                let manifest = PathClassifier.resolve(value, cwd: base, host: host)
                base = manifest.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
            } else if definition.fileOptions.contains(name) {
                named.append(value)
            }
        }
        // A directory known only at run time: anything under the workspace could be it.
        let unknownBase = invocation.context.cwd == "$PWD" || base?.contains("$") == true
        func anchor(_ pattern: String) -> String {
            if pattern.hasPrefix("/") { return pattern }
            if unknownBase, let root = invocation.context.workspaceRoot {
                return PathClassifier.resolve(root, cwd: nil, host: host) + "/**/" + pattern
            }
            guard let base else { return pattern }
            return PathClassifier.resolve(pattern, cwd: base, host: host)
        }
        var files = (definition.files + named).map { RunnerFile(pattern: anchor($0), role: .definition, program: program) }
        if categories.contains(.test) {
            files += definition.testFiles.map { RunnerFile(pattern: anchor($0), role: .test, program: program) }
        }
        return files
    }

    /// `-C dir`, `-Cdir`, `--directory=dir`, `--directory dir`: (name, value) pairs, taking the
    /// next word as a value for every option (only the names a definition lists are used).
    static func options(_ args: [String]) -> [(String, String)] {
        var pairs: [(String, String)] = []
        var index = 0
        while index < args.count {
            let arg = args[index]
            defer { index += 1 }
            if arg == "--" { break }
            guard arg.hasPrefix("-"), arg.count > 1 else { continue }
            if let equals = arg.firstIndex(of: "=") {
                pairs.append((String(arg[..<equals]), String(arg[arg.index(after: equals)...])))
            } else if index + 1 < args.count, !args[index + 1].hasPrefix("-") {
                pairs.append((arg, args[index + 1]))
                if !arg.hasPrefix("--"), arg.count > 2 { pairs.append((String(arg.prefix(2)), String(arg.dropFirst(2)))) }
            } else if !arg.hasPrefix("--"), arg.count > 2 {
                pairs.append((String(arg.prefix(2)), String(arg.dropFirst(2))))
            }
        }
        return pairs
    }
}

extension Classifier {
    /// The files whose content decides what a command line's build, test, lint or install steps
    /// run: the Makefile of `make`, package.json and its lockfile for `npm test`, every
    /// conftest.py and test file for `pytest`, every build.rs for `cargo build`, the config a
    /// linter loads code from.
    ///
    /// The contract, for the broker that will not auto-allow a step whose definition the agent
    /// has just written in this session:
    /// - Pure: it reads no file and runs nothing; the answer depends only on the text and the
    ///   context (working directory, workspace root, home).
    /// - Only steps the classifier rates as `build`, `test`, `format_lint` or `package_install`
    ///   name files, each simple command on its own after unwrapping (`timeout 60 make`,
    ///   `cd sub && npm test`, `python -m pytest`, `uv run pytest` all count). An empty answer
    ///   means no such step, or a program with no known definition files.
    /// - Patterns are absolute and normalised, resolved against the working directory the
    ///   step runs in (after `cd`, `make -C`, `npm --prefix`, `cargo --manifest-path`); files
    ///   an option names (`make -f`, `jest -c`, `pip -r`) are included. When that directory is
    ///   known only at run time, patterns match anywhere under the workspace (`ROOT/**/Makefile`).
    ///   Relative patterns are returned only when neither the working directory nor the
    ///   workspace is known.
    /// - `RunnerFile.matches(path:)` compares an absolute path the agent wrote against a
    ///   pattern; `role` tells a definition (always read) from a test file (read by test steps).
    /// - It over-approximates: a match means the step may run the agent's code, not that it will.
    public static func runnerFiles(command: String, context: ClassificationContext = ClassificationContext()) -> [RunnerFile] {
        var analyzer = ShellAnalyzer(context: context)
        analyzer.collectsRunnerFiles = true
        analyzer.analyze(script: command, depth: 0)
        var seen = Set<RunnerFile>()
        return analyzer.runnerFiles.filter { seen.insert($0).inserted }
    }
}
