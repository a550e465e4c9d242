/// Interpreter one-liners (`python -c`, `node -e`, `perl -e`, `ruby -e`, …) and code on stdin.
///
/// The code is not executed or fully parsed: it is scanned for the APIs that delete files, run
/// shell commands, reach the network or evaluate hidden code, and the string literals handed to
/// shell-running APIs are analysed as shell commands.
enum InterpreterCode {
    enum Language: String { case python, node, perl, ruby, php, lua, powershell, deno, bun, osascript }

    static func language(of program: String) -> Language? {
        if program.hasPrefix("python") || program == "pypy" || program == "pypy3" { return .python }
        switch program {
        case "node", "nodejs": return .node
        case "deno": return .deno
        case "bun": return .bun
        case "perl": return .perl
        case "ruby": return .ruby
        case "php": return .php
        case "lua", "luajit": return .lua
        case "pwsh", "powershell": return .powershell
        case "osascript": return .osascript
        default: return nil
        }
    }

    /// Options that carry code, per language.
    private static func codeOptions(_ language: Language) -> Set<String> {
        switch language {
        case .python: return ["-c"]
        case .node, .bun: return ["-e", "--eval", "-p", "--print"]
        case .deno: return ["eval"]
        case .perl: return ["-e", "-E"]
        case .ruby: return ["-e"]
        case .php: return ["-r"]
        case .lua: return ["-e"]
        case .powershell: return ["-Command", "-c", "-command", "-EncodedCommand", "-enc", "-e"]
        case .osascript: return ["-e"]
        }
    }

    /// Script operands that name standard input.
    static let stdinNames: Set<String> = ["-", "/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"]

    static func analyze(
        _ invocation: Invocation, language: Language, stdin: StdinSource,
        analyzer: inout ShellAnalyzer, depth: Int
    ) {
        let program = invocation.program
        let args = invocation.args
        if language == .powershell, args.contains(where: { ["-EncodedCommand", "-enc", "-e"].contains($0) }) {
            analyzer.add(
                .unknown(
                    "\(program) runs a base64-encoded command: its content is hidden", risk: .high,
                    rule: "shell.hidden-payload"))
            return
        }
        let options = codeOptions(language)
        var codes: [String] = []
        var index = 0
        while index < args.count {
            let arg = args[index]
            if options.contains(arg), index + 1 < args.count {
                codes.append(args[index + 1])
                index += 2
                continue
            }
            // perl -pe, -ne, -lane, -lnE'code': clustered flags up to `e`/`E`, the code attached or next.
            if language == .perl || language == .ruby, arg.hasPrefix("-"), !arg.hasPrefix("--"),
                let (attached, inPlace) = clusteredCode(arg)
            {
                let code = attached.isEmpty ? (index + 1 < args.count ? args[index + 1] : "") : attached
                let filesFrom = index + (attached.isEmpty ? 2 : 1)
                if inPlace {
                    for file in args.dropFirst(filesFrom).prefix(16) where !file.hasPrefix("-") {
                        analyzer.add(FileTargets.write(file, verb: "\(program) -i edits in place", context: analyzer.current))
                    }
                }
                codes.append(code)
                index = filesFrom
                continue
            }
            if language == .python, arg == "-m", index + 1 < args.count {
                analyzer.add(pythonModule(args[index + 1], rest: Array(args[(index + 2)...]), invocation: invocation))
                return
            }
            if language == .python, arg.hasPrefix("-m"), arg.count > 2 {
                analyzer.add(pythonModule(String(arg.dropFirst(2)), rest: Array(args[(index + 1)...]), invocation: invocation))
                return
            }
            if ["--version", "-V", "--help", "-h"].contains(arg), codes.isEmpty {
                analyzer.add(.read("\(program) \(arg)", rule: "interpreter.help"))
                return
            }
            if !arg.hasPrefix("-") { break }
            index += 1
        }
        if codes.isEmpty {
            if index < args.count {
                let word = invocation.arguments[index]
                // `python3 <(curl …)`, `node <(wget -qO- …)`: the script is another command's output.
                if word.hasCommandSubstitution {
                    analyzer.add(
                        Flows.dynamicScript(word, via: program, analyzer: analyzer)
                            ?? .unknown("\(program) runs a script built at run time", risk: .high, rule: "interpreter.dynamic-code"))
                    return
                }
                // `curl … | python3 /dev/stdin` (or `-`): the script is what is piped in.
                if Self.stdinNames.contains(args[index]) {
                    if let code = Shells.analyzeStdin(program: program, stdin: stdin, analyzer: &analyzer) {
                        scan(code: code, program: program, analyzer: &analyzer, depth: depth)
                    }
                    return
                }
                analyzer.add(script(args[index], program: program, rest: Array(args[(index + 1)...])))
                return
            }
            if let code = Shells.analyzeStdin(program: program, stdin: stdin, analyzer: &analyzer) {
                scan(code: code, program: program, analyzer: &analyzer, depth: depth)
            }
            return
        }
        if let dynamic = invocation.arguments.first(where: { $0.hasExpansion && codes.contains($0.text) }),
            let hidden = Flows.dynamicScript(dynamic, via: program, analyzer: analyzer), hidden.risk == .critical
        {
            // `ruby -e "$(curl …)"`: downloaded code.
            analyzer.add(hidden)
        } else if let dynamic = invocation.arguments.first(where: { $0.hasExpansion && codes.contains($0.text) }) {
            // `print relpath("$(readlink x)")`: run-time text inside the code's own strings is data
            // (unsure); outside them it is code.
            let insideStrings = expansionsOnlyInStrings(dynamic.text)
            analyzer.add(
                .unknown(
                    "\(program) runs code built at run time\(insideStrings ? " (only inside its strings)" : "")",
                    risk: insideStrings ? .medium : .high, rule: "interpreter.dynamic-code"))
        }
        for code in codes { scan(code: code, program: program, analyzer: &analyzer, depth: depth) }
        // `perl -ne print ~/.pgpass`, `python -c '…' ~/.netrc`: the words after the code are the
        // files it reads (`-n`/`-p`, `<>`) or its argv; a secret there is read.
        for operand in args.dropFirst(index).prefix(16) where FileTargets.looksLikePath(operand) {
            let path = analyzer.current.classifySecrets(path: operand)
            if path.isSecret {
                analyzer.add(
                    .secrets(
                        "\(program) is handed \(path.reason) to read", risk: path.secretRisk, targets: [operand],
                        rule: "path.secret-read"))
            }
        }
    }

    /// The code in a perl/ruby option cluster (`-lnE'…'` → `…`, `-pe` → "" for "the next word"),
    /// and whether `-i` came before it; nil when the cluster carries no `-e`/`-E`.
    static func clusteredCode(_ arg: String) -> (code: String, inPlace: Bool)? {
        var inPlace = false
        var rest = arg.dropFirst()
        while let letter = rest.first {
            rest = rest.dropFirst()
            switch letter {
            case "e", "E": return (String(rest), inPlace)
            case "i":
                inPlace = true
                // `-i.bak`: a backup suffix takes the rest.
                if rest.first == "." { return nil }
            case "M", "m", "I", "F", "x", "C", "0", "d", "D", "V":
                // These take the rest of the word as their value.
                return nil
            default:
                continue
            }
        }
        return nil
    }

    /// `python -m module …`
    private static func pythonModule(_ module: String, rest: [String], invocation: Invocation) -> Finding {
        switch module {
        case "pytest", "unittest", "nose2", "doctest", "tox", "nox": return .test("python -m \(module) runs tests")
        case "black", "ruff", "isort", "flake8", "pylint", "mypy", "pyright", "autopep8", "yapf", "pycodestyle":
            return .formatLint("python -m \(module)")
        case "pip", "pip3":
            return BuildPrograms.packageManager(Invocation(["pip"] + rest)) ?? .packageInstall("python -m pip")
        case "venv", "virtualenv", "build", "compileall", "py_compile": return .build("python -m \(module)")
        case "http.server", "SimpleHTTPServer":
            return Finding([.network], risk: .medium, blast: .external, reason: "serves files over HTTP")
        case "json.tool", "site", "platform", "sysconfig", "pydoc", "this", "timeit", "tabnanny", "pyclbr", "dis",
            "tokenize", "calendar", "zipfile", "tarfile", "base64", "uuid", "ensurepip", "pstats", "cProfile",
            "trace", "mimetypes", "quopri", "locale", "encodings":
            return .read("python -m \(module)")
        case "twine": return .deploy("python -m twine uploads a package")
        case "django": return BuildPrograms.djangoManage(rest, program: "python -m django")
        default: return .unknown("python -m \(module) runs a module")
        }
    }

    /// Laravel's artisan commands in the words `scriptVerb` reads: `migrate:fresh` drops every table.
    private static func laravel(_ rest: [String]) -> String {
        let command = rest.first { !$0.hasPrefix("-") } ?? ""
        switch command {
        case "migrate:fresh", "migrate:reset", "migrate:refresh", "db:wipe": return "db:drop " + command
        case "migrate", "migrate:rollback": return "migrate"
        case "db:seed": return "seed"
        case "serve", "tinker": return "serve"
        default: return command
        }
    }

    /// `python script.py …`: a file, named like what it does when we can tell.
    private static func script(_ path: String, program: String, rest: [String]) -> Finding {
        let name = Unwrapper.programName(path)
        if name == "manage.py" { return BuildPrograms.djangoManage(rest, program: "manage.py") }
        if name == "artisan" { return BuildPrograms.scriptVerb(laravel(rest), tool: "php artisan") }
        if name.hasPrefix("test_") || name.hasSuffix("_test.py") || name.hasSuffix(".test.js") {
            return .test("\(program) runs the test file \(name)")
        }
        var invocation = Invocation(program: name, arguments: rest.map { ShellWord($0) })
        invocation.path = path
        return ShellAnalyzer.unrecognised(invocation)
    }

    // MARK: Scanning code

    private static let shellAPIs = [
        "system(", "exec(", "execsync", "execfile", "spawn", "popen", "subprocess", "os.system",
        "child_process", "shell_exec", "passthru", "proc_open", "%x(", "%x{", "open3", "io.popen",
        "os.exec", "deno.run", "deno.command", "bun.spawn", "bun.$", "runtime.getruntime", "do shell script",
        "invoke-expression", "iex ", "start-process", "qx(", "qx{", "check_output", "check_call", "getoutput",
    ]
    private static let deleteAPIs = [
        "rmtree", "rm_rf", "rm_r", "remove_dir_all", "os.remove", "os.unlink", "os.rmdir", "removedirs",
        "unlinksync", "rmsync", "rmdirsync", "fs.rm(", "fs.rmdir", "fs.unlink", "rimraf", "fileutils.rm",
        "file.delete", "unlink(", ".unlink(", "remove-item", "deletefile", "rmdir(", "fs.promises.rm",
        "shutil.move", "truncate(",
    ]
    private static let networkAPIs = [
        "requests.", "urllib", "http.client", "httpx", "fetch(", "axios", "http.get", "https.get",
        "http.request", "https.request", "net::http", "lwp::", "socket", "invoke-webrequest", "iwr ",
        "invoke-restmethod", "curl", "smtplib", "ftplib", "websocket", "open-uri", "urlopen",
    ]
    private static let hiddenCodeAPIs = [
        "b64decode", "base64.decode", "atob(", "'base64'", "\"base64\"", "decode_base64", "unpack(\"m",
        "frombase64string", "codecs.decode", "eval(", "exec(compile", "marshal.loads", "pickle.loads",
        "zlib.decompress", "function(", "new function",
    ]
    private static let environmentAPIs = ["os.environ", "process.env", "env[", "getenv", "%env", "$env:"]

    static func scan(code: String, program: String, analyzer: inout ShellAnalyzer, depth: Int) {
        let lower = code.lowercased()
        let literals = stringLiterals(in: code)
        var recognised = false
        let language = InterpreterCode.language(of: program)
        // Backticks run a shell in Ruby, Perl and PHP; in JavaScript they are template strings.
        let backticks = [.ruby, .perl, .php].contains(language) ? backtickBodies(in: code) : []
        let calls = shellCalls(in: code, lower: lower)
        if !calls.isEmpty || !backticks.isEmpty {
            recognised = true
            // Only the strings handed to a shell-running call are commands; other strings are data.
            for command in calls.compactMap({ $0 }) + backticks {
                analyzer.analyze(script: command, depth: depth + 1)
            }
            if calls.contains(where: { $0 == nil }) {
                analyzer.add(
                    .unknown(
                        "\(program) code runs a shell command built at run time", risk: .high,
                        rule: "interpreter.dynamic-code"))
            }
        }
        if deleteAPIs.contains(where: lower.contains) {
            recognised = true
            let recursive = [
                "rmtree", "rm_rf", "rm_r", "remove_dir_all", "recursive", "rimraf", "removedirs", "-recurse",
            ]
            .contains(where: lower.contains)
            let targets = literals.filter { $0.contains("/") || $0.contains(".") || $0 == "~" }
            if targets.isEmpty {
                analyzer.add(
                    .destructive(
                        "\(program) code deletes files at paths built at run time",
                        risk: .high, blast: .workspaceUnrecoverable, rule: "delete.dynamic"))
            }
            for target in targets {
                analyzer.add(
                    DeletionTargets.assess(
                        target, recursive: recursive, via: "\(program) code",
                        context: analyzer.context))
            }
        }
        let reachesNetwork = networkAPIs.contains(where: lower.contains)
        if reachesNetwork {
            recognised = true
            analyzer.add(
                Finding(
                    [.network], risk: .medium, blast: .external, reversibility: .partial,
                    reason: "\(program) code reaches the network", rule: "interpreter.network"))
        }
        if reachesNetwork, environmentAPIs.contains(where: lower.contains) {
            analyzer.add(
                Finding(
                    [.secretsAccess, .network], risk: .critical, blast: .production,
                    reversibility: .irreversible,
                    reason: "\(program) code reads environment variables and reaches the network",
                    rule: "flow.exfiltration"))
        }
        if hiddenCodeAPIs.contains(where: lower.contains) {
            recognised = true
            analyzer.add(
                .unknown(
                    "\(program) code decodes or evaluates more code at run time", risk: .high,
                    rule: "shell.hidden-payload"))
        }
        for literal in literals {
            let path = analyzer.context.classifySecrets(path: literal)
            if path.isSelfModification, lower.contains("open(") || lower.contains("write") {
                analyzer.add(
                    Finding(
                        [.selfModification], risk: .critical, blast: .machine, reversibility: .partial,
                        reason: "\(program) code writes \(path.reason)", targets: [literal],
                        rule: "path.self-modification"))
                recognised = true
            } else if path.isSecret, literal.contains(".") || literal.contains("/") {
                analyzer.add(.secrets("\(program) code reads \(path.reason)", targets: [literal], rule: "path.secret-read"))
                recognised = true
            }
        }
        if lower.contains("open(") && (lower.contains("'w'") || lower.contains("\"w\"") || lower.contains("'a'"))
            || lower.contains("writefile") || lower.contains("file.write") || lower.contains("write_text")
        {
            recognised = true
            analyzer.add(.fileWrite("\(program) code writes files", rule: "interpreter.writes"))
        }
        if !recognised {
            analyzer.add(
                .unknown(
                    "\(program) one-liner with no recognised effect", risk: .low, isUnsure: false,
                    rule: "interpreter.plain"))
        }
    }

    /// True when every `$` expansion in `code` sits inside one of its '…' or "…" literals.
    static func expansionsOnlyInStrings(_ code: String) -> Bool {
        var quote: Character?
        var escaped = false
        for c in code {
            if escaped {
                escaped = false
                continue
            }
            if c == "\\" {
                escaped = true
            } else if let q = quote {
                if c == q { quote = nil }
            } else if c == "'" || c == "\"" {
                quote = c
            } else if c == "$" || c == "`" {
                return false
            }
        }
        return true
    }

    /// The command each shell-running call is given: its string literals (a list literal joined
    /// into one line), or nil when it is given no literal (a variable, a computed string).
    static func shellCalls(in code: String, lower: String) -> [String?] {
        var commands: [String?] = []
        let lowerBytes = Array(lower.utf8)
        let bytes = Array(code.utf8)
        for api in shellAPIs {
            let needle = Array(api.utf8)
            var start = 0
            while start + needle.count <= lowerBytes.count, commands.count < 32 {
                guard let hit = find(needle, in: lowerBytes, from: start) else { break }
                start = hit + needle.count
                // The argument list: from the call's `(` (the API may already end with it) to its `)`.
                var open = hit + needle.count - 1
                if bytes[open] != UInt8(ascii: "(") {
                    open = hit + needle.count
                    while open < bytes.count, bytes[open] == UInt8(ascii: " ") || bytes[open] == UInt8(ascii: ".") || isIdentifier(bytes[open]) {
                        open += 1
                    }
                    if open < bytes.count, bytes[open] == UInt8(ascii: "\"") || bytes[open] == UInt8(ascii: "'"),
                        api == "do shell script" || api == "iex " || api == "system(" || api.hasSuffix(" ")
                    {
                        // `do shell script "…"`, `iex "…"`: the string right after.
                        let line = String(decoding: bytes[open...].prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
                        commands.append(stringLiterals(in: line).first)
                        continue
                    }
                    guard open < bytes.count, bytes[open] == UInt8(ascii: "(") || bytes[open] == UInt8(ascii: "{") else {
                        // `import subprocess`, `require('child_process')`: a name, not a call here.
                        continue
                    }
                }
                let close = matchingClose(bytes, from: open)
                let arguments = String(decoding: bytes[(open + 1)..<close], as: UTF8.self)
                let lists = joinedListLiterals(in: arguments)
                let strings = stringLiterals(in: arguments)
                if let list = lists.first {
                    commands.append(list)
                } else if let first = strings.first {
                    // `"mv \"" + a + "\" x"`: the literal parts with the run-time parts standing in.
                    commands.append(strings.count > 1 ? strings.joined(separator: "$X") : first)
                } else {
                    commands.append(nil)
                }
                start = close
            }
        }
        return commands
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, needle.count <= haystack.count else { return nil }
        var index = start
        while index + needle.count <= haystack.count {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    private static func isIdentifier(_ byte: UInt8) -> Bool {
        (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57) || byte == 95
    }

    /// The index of the bracket closing the one at `open`, skipping quoted text; the end when unclosed.
    private static func matchingClose(_ bytes: [UInt8], from open: Int) -> Int {
        let opener = bytes[open]
        let closer = opener == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: ")")
        var level = 0
        var index = open
        var quote: UInt8?
        while index < bytes.count {
            let byte = bytes[index]
            if let q = quote {
                if byte == UInt8(ascii: "\\") { index += 1 } else if byte == q { quote = nil }
            } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                quote = byte
            } else if byte == opener {
                level += 1
            } else if byte == closer {
                level -= 1
                if level == 0 { return index }
            }
            index += 1
        }
        return bytes.count
    }

    /// The contents of '…' and "…" literals in code (escapes kept simple: \x is x).
    static func stringLiterals(in code: String) -> [String] {
        var result: [String] = []
        var current: [Character] = []
        var quote: Character?
        var escaped = false
        for c in code {
            if let q = quote {
                if escaped {
                    current.append(c)
                    escaped = false
                } else if c == "\\" {
                    escaped = true
                } else if c == q {
                    result.append(String(current))
                    current.removeAll()
                    quote = nil
                } else {
                    current.append(c)
                }
            } else if c == "'" || c == "\"" {
                quote = c
            }
            if result.count > 200 { break }
        }
        return result
    }

    /// `["rm", "-rf", "/"]` list literals joined into one command line.
    static func joinedListLiterals(in code: String) -> [String] {
        var result: [String] = []
        var rest = Substring(code)
        while let open = rest.firstIndex(of: "[") {
            guard let close = rest[open...].firstIndex(of: "]") else { break }
            let items = stringLiterals(in: String(rest[rest.index(after: open)..<close]))
            if items.count > 1 { result.append(items.joined(separator: " ")) }
            rest = rest[rest.index(after: close)...]
            if result.count > 50 { break }
        }
        return result
    }

    /// Ruby/Perl/PHP backtick commands.
    static func backtickBodies(in code: String) -> [String] {
        let parts = code.split(separator: "`", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return [] }
        return stride(from: 1, to: parts.count - 1, by: 2).map { String(parts[$0]) }
    }
}
