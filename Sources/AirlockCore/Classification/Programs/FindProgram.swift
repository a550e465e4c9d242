/// `find` and `fd`: a read, unless they delete or run a command for every file they find. The
/// search root, and whether a test narrows the files, decide the scope of what they do.
enum FindProgram {
    /// Tests that narrow which files are found (`-type` alone does not: every file is a file).
    static let narrowingTests: Set<String> = [
        "-name", "-iname", "-path", "-ipath", "-wholename", "-iwholename", "-regex", "-iregex", "-lname", "-ilname",
        "-mtime", "-mmin", "-atime", "-amin", "-ctime", "-cmin", "-newer", "-anewer", "-cnewer", "-size", "-empty",
        "-user", "-group", "-uid", "-gid", "-perm", "-links", "-inum", "-samefile", "-used", "-nouser", "-nogroup",
        "-newermt", "-newerct", "-newerat", "-context",
    ]
    private static let actions: Set<String> = ["-exec", "-execdir", "-ok", "-okdir"]

    static let rules = [
        Rule("find.list", .read, .low, "lists files", example: "find . -name '*.swift'"),
        Rule(
            "find.delete-empty", .destructiveFS, .low, "removes only empty files and folders",
            example: "find . -type d -empty -delete"),
        Rule(
            "find.exec", .read, .low, "runs a command for each file found; the command is judged with {} as a file under the root",
            example: "find . -name '*.tmp' -exec rm {} +"),
    ]

    /// The search roots and whether a test narrows what is found.
    static func rootsAndFilter(_ args: [String], program: String) -> ([String], Bool) {
        if program != "find" {
            // fd [options] [pattern] [path…]
            let valued: Set<String> = [
                "-e", "--extension", "-t", "--type", "-d", "--max-depth", "-E", "--exclude", "-x", "--exec", "-X",
                "--exec-batch", "-S", "--size", "--changed-within", "--changed-before", "-o", "--owner", "-j",
                "--threads", "--search-path", "--base-directory",
            ]
            var operands: [String] = []
            var filtered = false
            var index = 0
            while index < args.count {
                let arg = args[index]
                if arg == "-x" || arg == "--exec" || arg == "-X" || arg == "--exec-batch" { break }
                if valued.contains(arg) {
                    if ["-e", "--extension", "-S", "--size", "--changed-within", "--changed-before", "-o", "--owner"]
                        .contains(arg)
                    {
                        filtered = true
                    }
                    index += 2
                    continue
                }
                if !arg.hasPrefix("-") { operands.append(arg) }
                index += 1
            }
            if let pattern = operands.first, !["", ".", "^", ".*"].contains(pattern) { filtered = true }
            return (operands.count > 1 ? Array(operands.dropFirst()) : ["."], filtered)
        }
        var index = 0
        while index < args.count, ["-H", "-L", "-P"].contains(args[index]) || args[index].hasPrefix("-O") {
            index += 1
        }
        var roots: [String] = []
        while index < args.count, !args[index].hasPrefix("-"), args[index] != "(", args[index] != "!",
            args[index] != "\\(", args[index] != ","
        {
            roots.append(args[index])
            index += 1
        }
        var filtered = false
        var depth = 0
        while index < args.count {
            let arg = args[index]
            if actions.contains(arg) { depth += 1 }
            if depth == 0, narrowingTests.contains(arg) { filtered = true }
            if depth > 0, arg == ";" || arg == "+" { depth -= 1 }
            index += 1
        }
        return (roots.isEmpty ? ["."] : roots, filtered)
    }

    static let classify: ProgramHandler = { inv, analyzer, depth in
        let args = inv.arguments
        let program = inv.program
        let (roots, filtered) = rootsAndFilter(inv.args, program: program)
        let context = inv.context
        var findings: [Finding] = []
        let onlyEmpty = inv.args.contains("-empty")
        if program != "find" {
            // fd … -x CMD / -X CMD: the rest of the line is the command.
            if let exec = inv.args.firstIndex(where: { $0 == "-x" || $0 == "--exec" || $0 == "-X" || $0 == "--exec-batch" }),
                exec + 1 < args.count
            {
                var command = Array(args[(exec + 1)...])
                if !command.contains(where: { $0.text.contains("{") }) {
                    command.append(ShellWord(InputScope.marker))
                }
                runForEach(command, roots: roots, filtered: filtered, analyzer: &analyzer, depth: depth)
            }
            return findings.isEmpty ? [.read("\(program) lists files", rule: "find.list")] : findings
        }
        var index = 0
        while index < args.count {
            let text = args[index].text
            if text == "-delete" {
                for root in roots.prefix(4) {
                    if onlyEmpty {
                        findings.append(
                            Finding(
                                [.destructiveFS], risk: .low, blast: .workspace,
                                reason: "find -empty -delete removes only empty files and folders under \(root)",
                                targets: [root], rule: "find.delete-empty"))
                        continue
                    }
                    let base = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
                    let target = filtered ? base + "/{}" : (base == "/" ? "/*" : base + "/*")
                    var finding = DeletionTargets.assess(
                        target, recursive: !filtered, via: "find -delete", context: context)
                    finding.reason += filtered ? " (each file the tests match under \(root))" : ""
                    findings.append(finding)
                }
            } else if actions.contains(text) {
                var end = index + 1
                while end < args.count, args[end].text != ";", args[end].text != "+" { end += 1 }
                let command = args[(index + 1)..<end].map { word -> ShellWord in
                    guard word.text.contains("{}") else { return word }
                    var copy = word
                    copy.text = word.text.replacingOccurrences("{}", with: InputScope.marker)
                    return copy
                }
                if !command.isEmpty {
                    findings.append(
                        .read(
                            "find runs \(command.map(\.text).joined(separator: " ").prefix(60)) on each file it finds",
                            rule: "find.exec"))
                    runForEach(
                        Array(command), roots: roots, filtered: filtered, names: namePatterns(inv.args),
                        maxDepth: maxDepth(inv.args), analyzer: &analyzer, depth: depth)
                }
                index = end
            } else if ["-fprint", "-fprintf", "-fls", "-fprint0"].contains(text), index + 1 < args.count {
                findings += FileTargets.write(args[index + 1].text, verb: "find writes", context: context)
            }
            index += 1
        }
        return findings.isEmpty ? [.read("find lists files", rule: "find.list")] : findings
    }

    /// Judges `command` as run on the files found under each root.
    private static func runForEach(
        _ command: [ShellWord], roots: [String], filtered: Bool, names: [String] = [], maxDepth: Int? = nil,
        analyzer: inout ShellAnalyzer, depth: Int
    ) {
        let saved = (analyzer.input, analyzer.inputNames, analyzer.inputDepth)
        analyzer.inputNames = names
        analyzer.inputDepth = maxDepth
        for root in roots.prefix(4) {
            analyzer.input = .files(root: root, filtered: filtered)
            analyzer.analyze(words: command, environment: [:], stdin: .terminal, depth: depth + 1)
        }
        (analyzer.input, analyzer.inputNames, analyzer.inputDepth) = saved
    }

    /// `-maxdepth N`: how deep below its roots `find` looks, when the line says.
    static func maxDepth(_ args: [String]) -> Int? {
        guard let index = args.firstIndex(of: "-maxdepth"), index + 1 < args.count else { return nil }
        return Int(args[index + 1])
    }

    /// The name patterns of `find`'s tests (`-name id_rsa`, `-iname '*.pem'`, the last part of
    /// `-path`): what the files it passes on are called.
    static func namePatterns(_ args: [String]) -> [String] {
        var names: [String] = []
        var index = 0
        while index + 1 < args.count {
            if ["-name", "-iname", "-path", "-ipath", "-wholename", "-iwholename"].contains(args[index]) {
                let pattern = args[index + 1].split(separator: "/").last.map(String.init) ?? args[index + 1]
                if !pattern.isEmpty { names.append(pattern) }
                index += 1
            }
            index += 1
        }
        return names
    }
}
