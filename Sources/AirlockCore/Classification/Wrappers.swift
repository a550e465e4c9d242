/// Programs that run another program: `sudo`, `env`, `timeout`, `nice`, `xargs`, `watch`, …
/// Peeling them finds the program that really runs and its arguments.
enum Wrappers {
    enum Step {
        /// The wrapper was handled entirely (e.g. `command -v git`, `env -S '…'`).
        case done
        /// Analyse these words next, with these extra variables.
        case continueWith([ShellWord], [String: String])
    }

    /// Options of each simple wrapper that take a value, so the value is not taken for the program.
    private static let simple: [String: Set<String>] = [
        "nohup": [], "setsid": [], "time": [], "noglob": [], "builtin": [], "unbuffer": [],
        "caffeinate": [], "torsocks": [], "proxychains": ["-f"], "proxychains4": ["-f"],
        "nice": ["-n", "--adjustment"], "ionice": ["-c", "-n", "-p", "-P", "-u"],
        "stdbuf": ["-i", "-o", "-e"], "exec": ["-a"], "chrt": [], "taskset": ["-c"],
        "flock": ["-w", "-E", "--timeout", "--conflict-exit-code"], "catchsegv": [],
        "strace": ["-o", "-e", "-p", "-s", "-u"], "ltrace": ["-o", "-e", "-p", "-s", "-u"],
    ]

    /// Programs that run a command with secrets injected into its environment.
    private static let secretRunners: Set<String> = [
        "doppler", "op", "infisical", "aws-vault", "chamber", "teller", "envchain",
    ]

    /// Peels one wrapper; nil when `program` is not one.
    static func peel(program: String, words: [ShellWord], analyzer: inout ShellAnalyzer, depth: Int) -> Step? {
        let rest = Array(words.dropFirst())
        switch program {
        case "sudo", "doas", "pkexec", "run0":
            return peelSudo(program: program, rest: rest, analyzer: &analyzer)
        case "env":
            return peelEnv(rest, analyzer: &analyzer, depth: depth)
        case "timeout":
            var args = skipOptions(rest, valued: ["-s", "-k", "--signal", "--kill-after"])
            if !args.isEmpty { args.removeFirst() }  // the duration
            return .continueWith(args, [:])
        case "command":
            if rest.contains(where: { $0.text == "-v" || $0.text == "-V" }) {
                analyzer.add(.read("command -v looks up a program"))
                return .done
            }
            return .continueWith(skipOptions(rest, valued: []), [:])
        case "xargs":
            let args = skipOptions(
                rest,
                valued: [
                    "-I", "-i", "-n", "-P", "-L", "-l", "-d", "-E", "-e", "-a", "-s", "--max-args",
                    "--max-procs", "--delimiter", "--arg-file", "--replace", "--max-lines",
                ])
            // xargs appends words read from stdin: the targets are not known in advance.
            let next = args.isEmpty ? [ShellWord("echo")] : args + [ShellWord("$XARGS_INPUT", hasExpansion: true)]
            return .continueWith(next, [:])
        case "watch":
            let args = skipOptions(rest, valued: ["-n", "--interval", "-d", "--differences"])
            analyzer.analyze(script: args.map(\.text).joined(separator: " "), depth: depth + 1)
            return .done
        case "npx", "bunx", "pnpx":
            let args = skipOptions(rest, valued: ["-p", "--package", "-c", "--call"])
            return .continueWith(args, [:])
        case "java":
            if let jar = rest.firstIndex(where: { $0.text == "-jar" }), jar + 1 < rest.count {
                var name = ShellAnalyzer.programName(rest[jar + 1].text)
                if name.hasSuffix(".jar") { name.removeLast(4) }
                return .continueWith([ShellWord(name)] + rest[(jar + 2)...], [:])
            }
            return nil
        case "airlock":
            if rest.first?.text == "exec" {
                return .continueWith(skipOptions(Array(rest.dropFirst()), valued: []), [:])
            }
            return nil
        default:
            break
        }
        if let runSubcommand = runnerSubcommand(program: program, rest: rest) {
            return runSubcommand
        }
        if secretRunners.contains(program), let dashes = rest.firstIndex(where: { $0.text == "--" }),
            ["run", "exec", "--"].contains(rest.first?.text ?? "") || program == "aws-vault" || program == "envchain"
        {
            analyzer.add(.secrets("\(program) runs a command with secrets in its environment", risk: .medium))
            return .continueWith(Array(rest[(dashes + 1)...]), [:])
        }
        if let valued = simple[program] {
            var args = skipOptions(rest, valued: valued)
            if program == "chrt", let first = args.first, Int(first.text) != nil { args.removeFirst() }
            if program == "taskset", !rest.contains(where: { $0.text == "-c" }), !args.isEmpty { args.removeFirst() }
            if program == "nice", let first = rest.first, first.text.hasPrefix("-"), Int(first.text.dropFirst()) != nil
            {
                args = Array(rest.dropFirst())
            }
            if program == "flock", !args.isEmpty {
                args.removeFirst()  // the lock file
                if let c = args.firstIndex(where: { $0.text == "-c" || $0.text == "--command" }), c + 1 < args.count {
                    analyzer.analyze(script: args[c + 1].text, depth: depth + 1)
                    return .done
                }
            }
            return .continueWith(args, [:])
        }
        return nil
    }

    /// `uv run`, `poetry run`, `bundle exec`, … run the rest as a program.
    private static let runners: [String: Set<String>] = [
        "uv": ["run"], "poetry": ["run"], "pipenv": ["run"], "pdm": ["run"], "hatch": ["run"],
        "bundle": ["exec"], "pnpm": ["exec", "dlx"], "yarn": ["exec", "dlx"], "npm": ["exec"],
        "rye": ["run"], "conda": ["run"], "mise": ["exec", "x"], "asdf": ["exec"], "direnv": ["exec"],
        "dotnet": ["exec"],
    ]

    private static func runnerSubcommand(program: String, rest: [ShellWord]) -> Step? {
        guard let verbs = runners[program], let verb = rest.first, verbs.contains(verb.text) else { return nil }
        var args = skipOptions(
            Array(rest.dropFirst()), valued: ["--with", "-p", "--package", "--python", "-n", "--name"])
        if program == "direnv", !args.isEmpty { args.removeFirst() }  // the directory
        return .continueWith(args, [:])
    }

    private static func peelSudo(program: String, rest: [ShellWord], analyzer: inout ShellAnalyzer) -> Step {
        let valued: Set<String> = ["-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U", "-T", "--user", "--group"]
        if rest.contains(where: { $0.text == "-e" || $0.text == "--edit" }) {
            analyzer.add(.privilege("\(program) -e edits files as root", risk: .high))
            return .done
        }
        let args = skipOptions(rest, valued: valued)
        if args.isEmpty {
            let shell = rest.contains { $0.text == "-i" || $0.text == "-s" }
            analyzer.add(
                .privilege(
                    shell ? "\(program) opens a root shell" : "\(program) with no command",
                    risk: shell ? .high : .medium))
            return .done
        }
        analyzer.add(.privilege("runs as root through \(program)", risk: .medium))
        return .continueWith(args, [:])
    }

    private static func peelEnv(_ rest: [ShellWord], analyzer: inout ShellAnalyzer, depth: Int) -> Step {
        var environment: [String: String] = [:]
        var index = 0
        while index < rest.count {
            let text = rest[index].text
            if text == "-S" || text == "--split-string", index + 1 < rest.count {
                analyzer.analyze(script: rest[(index + 1)...].map(\.text).joined(separator: " "), depth: depth + 1)
                return .done
            } else if text == "-u" || text == "-C" || text == "--unset" || text == "--chdir" {
                index += 2
            } else if text == "--" {
                index += 1
                break
            } else if text.hasPrefix("-") {
                index += 1
            } else if let equals = text.firstIndex(of: "="), text.first != "=" {
                environment[String(text[..<equals])] = String(text[text.index(after: equals)...])
                index += 1
            } else {
                break
            }
        }
        let args = index < rest.count ? Array(rest[index...]) : []
        if args.isEmpty {
            analyzer.add(.secrets("env prints every environment variable, secrets included", risk: .high))
            return .done
        }
        analyzer.noteProductionMarkers(in: environment.map { "\($0.key)=\($0.value)" })
        return .continueWith(args, environment)
    }

    /// Drops leading options (and the values of `valued` ones) up to the first operand.
    static func skipOptions(_ words: [ShellWord], valued: Set<String>) -> [ShellWord] {
        var index = 0
        while index < words.count {
            let text = words[index].text
            if text == "--" { return Array(words[(index + 1)...]) }
            guard text.hasPrefix("-"), text.count > 1 else { break }
            index += valued.contains(text) ? 2 : 1
        }
        return index < words.count ? Array(words[index...]) : []
    }

    /// For pipe analysis: the words of an upstream command without its wrappers.
    static func strippedForPipe(_ words: [ShellWord]) -> [ShellWord] {
        var words = words
        var rounds = 0
        while let first = words.first, rounds < 8 {
            rounds += 1
            let program = ShellAnalyzer.programName(first.text)
            guard ["sudo", "env", "command", "nice", "nohup", "time", "timeout", "stdbuf"].contains(program) else {
                break
            }
            words = skipOptions(Array(words.dropFirst()), valued: ["-u", "-n", "-o", "-s", "-k"])
            while let next = words.first, next.text.contains("="), !next.text.hasPrefix("-") { words.removeFirst() }
            if program == "timeout", !words.isEmpty { words.removeFirst() }
        }
        return words
    }
}
