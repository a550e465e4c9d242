/// Programs that run another command: their grammars, for the one `Unwrapper`. A wrapper never
/// lowers the risk of what it runs; some add to it (root, secrets in the environment).
enum WrapperPrograms {
    static let section = "Wrappers: programs that run another command"

    static func register(into builder: inout RegistryBuilder) {
        func wrapper(_ name: String, _ summary: String, _ grammar: WrapperGrammar) -> ProgramSpec {
            ProgramSpec(name, role: .wrapper, section: section, summary: summary, wrapper: grammar)
        }
        builder.add(
            ProgramSpec(
                "sudo", role: .wrapper, section: section, summary: "runs a command as root (-s/-i through a root shell)",
                wrapper: WrapperGrammar(effect: .privilege, peel: sudo),
                rules: [
                    Rule("sudo.run-as-root", .privilege, .medium, "runs a command as root: the command is judged too", example: "sudo apt-get update"),
                    Rule("sudo.root-shell", .privilege, .high, "opens a root shell", example: "sudo -i"),
                    Rule(
                        "sudo.history", .unknown, .high, "repeats an earlier command that is not in this text",
                        example: "sudo !!"),
                ]))
        for name in ["doas", "pkexec", "run0"] {
            builder.add(wrapper(name, "runs a command as root", WrapperGrammar(effect: .privilege, peel: sudo)))
        }
        builder.add(["su", "runuser", "sg"]) { name in
            wrapper(name, "runs a shell or a command (-c) as another user", WrapperGrammar(effect: .privilege, peel: su))
        }
        builder.add(
            ProgramSpec(
                "env", role: .wrapper, section: section,
                summary: "runs a command with variables set; alone, prints every variable",
                wrapper: WrapperGrammar(peel: env)))
        builder.add(
            wrapper(
                "timeout", "runs a command with a time limit",
                WrapperGrammar(
                    options: ArgumentFacts(valued: ["-s", "-k", "--signal", "--kill-after"]), leadingOperands: 1)))
        builder.add(wrapper("nice", "runs a command at another priority", WrapperGrammar(options: ArgumentFacts(valued: ["-n", "--adjustment"]))))
        builder.add(
            wrapper("ionice", "runs a command at another I/O priority", WrapperGrammar(options: ArgumentFacts(valued: ["-c", "-n", "-p", "-P", "-u", "--class", "--classdata"]))))
        builder.add(wrapper("stdbuf", "runs a command with other buffering", WrapperGrammar(options: ArgumentFacts(valued: ["-i", "-o", "-e", "--input", "--output", "--error"])))) 
        builder.add(
            ProgramSpec(
                "time", role: .wrapper, section: section, summary: "times a command (-o writes the timing to a file)",
                arguments: ArgumentFacts(valued: ["-f", "--format"], writes: ["-o", "--output"]),
                wrapper: WrapperGrammar(options: ArgumentFacts(valued: ["-f", "--format", "-o", "--output"]))))
        for name in ["nohup", "builtin", "unbuffer", "torsocks", "catchsegv", "caffeinate", "firejail", "xvfb-run", "dbus-run-session"] {
            builder.add(
                wrapper(
                    name, "runs a command", WrapperGrammar(options: ArgumentFacts(valued: ["-t", "-w", "-s", "-n", "-e", "--profile"]))))
        }
        builder.add(wrapper("setsid", "runs a command in a new session", WrapperGrammar()))
        builder.add(["proxychains", "proxychains4"]) { wrapper($0, "runs a command through a proxy", WrapperGrammar(options: ArgumentFacts(valued: ["-f"]))) }
        builder.add(["strace", "ltrace"]) { name in
            ProgramSpec(
                name, role: .wrapper, section: section, summary: "traces a command (-o writes the trace)",
                arguments: ArgumentFacts(valued: ["-e", "-p", "-s", "-u", "-a", "-O", "-S", "-P"], writes: ["-o"]),
                wrapper: WrapperGrammar(options: ArgumentFacts(valued: ["-o", "-e", "-p", "-s", "-u", "-a", "-O", "-S", "-P", "-E"])))
        }
        builder.add(wrapper("chrt", "runs a command with a real-time priority", WrapperGrammar(options: ArgumentFacts(valued: ["-T", "-P", "-D"]), leadingOperands: 1)))
        builder.add(wrapper("taskset", "runs a command on chosen CPUs", WrapperGrammar(leadingOperands: 1)))
        builder.add(
            wrapper(
                "numactl", "runs a command with a memory policy",
                WrapperGrammar(options: ArgumentFacts(valued: ["-C", "-N", "-m", "-p", "-i", "--physcpubind", "--cpunodebind", "--membind", "--preferred", "--interleave"]))))
        builder.add(
            wrapper(
                "flock", "runs a command holding a lock",
                WrapperGrammar(
                    options: ArgumentFacts(valued: ["-w", "-E", "--timeout", "--conflict-exit-code"]), leadingOperands: 1,
                    scriptOptions: ["-c", "--command"])))
        builder.add(
            wrapper(
                "chroot", "runs a command with another root directory",
                WrapperGrammar(options: ArgumentFacts(valued: ["--userspec", "--groups"]), leadingOperands: 1, effect: .privilege)))
        builder.add(
            wrapper(
                "nsenter", "runs a command in other namespaces",
                WrapperGrammar(options: ArgumentFacts(valued: ["-t", "--target", "-S", "-G", "--setuid", "--setgid", "-n", "-m", "-p"]), effect: .privilege)))
        builder.add(wrapper("unshare", "runs a command in new namespaces", WrapperGrammar(options: ArgumentFacts(valued: ["--map-user", "--map-group", "-S", "-G"]))))
        builder.add(
            ProgramSpec(
                "script", role: .wrapper, section: section, summary: "records a shell session; -c runs a command in it",
                wrapper: WrapperGrammar(
                    options: ArgumentFacts(valued: scriptValued), scriptOptions: ["-c", "--command"], peel: script)))
        builder.add(
            ProgramSpec(
                "watch", role: .wrapper, section: section, summary: "runs a command over and over (through sh -c)",
                wrapper: WrapperGrammar(peel: watch)))
        builder.add(
            ProgramSpec(
                "command", role: .wrapper, section: section, summary: "runs a program, skipping functions; -v looks it up",
                wrapper: WrapperGrammar(peel: command)))
        builder.add(
            ProgramSpec(
                "exec", role: .wrapper, section: section, summary: "replaces the shell with a command",
                wrapper: WrapperGrammar(options: ArgumentFacts(valued: ["-a"]))))
        builder.add(
            ProgramSpec(
                "xargs", role: .wrapper, section: section,
                summary: "runs a command on the words of its input; the input's source decides the scope",
                wrapper: WrapperGrammar(peel: xargs)))
        builder.add(
            ProgramSpec(
                "parallel", role: .wrapper, section: section, summary: "runs a command for each argument after ::: (or of its input)",
                wrapper: WrapperGrammar(peel: parallel)))
        builder.add(
            ProgramSpec(
                "busybox", role: .wrapper, section: section, summary: "runs one of its built-in applets",
                wrapper: WrapperGrammar()))
        builder.add(
            ProgramSpec(
                "systemd-run", role: .wrapper, section: section, summary: "runs a command as a transient unit (timers persist)",
                wrapper: WrapperGrammar(
                    options: ArgumentFacts(valued: [
                        "-u", "--unit", "-p", "--property", "-E", "--setenv", "--on-calendar", "--on-active", "--on-boot",
                        "--on-startup", "--on-unit-active", "--on-unit-inactive", "--description", "--slice", "-M", "--machine",
                        "--uid", "--gid", "--working-directory", "--timer-property", "--path-property", "--socket-property",
                    ]),
                    effect: .privilege)))
        for (name, _, _, _) in runners where !registeredElsewhere.contains(name) {
            if let grammar = runnerGrammar(for: name) {
                builder.add(wrapper(name, "runs a command in an environment it prepares", grammar))
            }
        }
    }

    /// Programs whose spec lives with their other behaviour; `runnerGrammar(for:)` gives them a wrapper grammar.
    static let registeredElsewhere: Set<String> = [
        "uv", "poetry", "pipenv", "pdm", "hatch", "rye", "conda", "mamba", "micromamba", "bundle", "pnpm", "yarn",
        "npm", "mise", "asdf", "opam", "airlock",
    ]

    /// `uv run`, `npm exec`, `bundle exec`, `nix-shell --run`, … : a command in a prepared environment.
    static let runnersByName = Dictionary(runners.map { ($0.0, $0) }, uniquingKeysWith: { first, _ in first })
    static let runners: [(String, Set<String>, Set<String>, Set<String>)] = [
        ("uv", ["run"], ["--with", "-p", "--package", "--python", "--project", "--directory", "--extra", "--group", "--env-file"], []),
        ("poetry", ["run"], ["-C", "--directory", "-P", "--project"], []),
        ("pipenv", ["run"], [], []),
        ("pdm", ["run"], ["-p", "--project"], []),
        ("hatch", ["run"], ["-e", "--env"], []),
        ("rye", ["run"], [], []),
        ("conda", ["run"], ["-n", "--name", "-p", "--prefix", "--cwd"], []),
        ("mamba", ["run"], ["-n", "--name", "-p", "--prefix"], []),
        ("micromamba", ["run"], ["-n", "--name", "-p", "--prefix"], []),
        ("bundle", ["exec"], ["--gemfile"], []),
        ("pnpm", ["exec", "dlx"], ["-C", "--dir", "--filter", "-F", "--package"], ["-c", "--shell-mode"]),
        ("yarn", ["exec", "dlx"], ["-p", "--package"], []),
        ("npm", ["exec"], ["-p", "--package", "-w", "--workspace"], ["-c", "--call"]),
        ("npx", [], ["-p", "--package"], ["-c", "--call"]),
        ("bunx", [], ["-p", "--package"], []),
        ("pnpx", [], ["-p", "--package"], []),
        ("mise", ["exec", "x"], ["-C", "--cd", "-E", "--env"], ["-c", "--command"]),
        ("asdf", ["exec"], [], []),
        ("direnv", ["exec"], [], []),
        ("nix-shell", [], ["-p", "--packages", "-I", "--arg", "--argstr", "-A", "--attr"], ["--run", "--command"]),
        ("pixi", ["run", "exec"], ["-e", "--environment", "--manifest-path"], []),
        ("devbox", ["run"], ["-c", "--config"], []),
        ("opam", ["exec"], ["--switch"], []),
        ("rbenv", ["exec"], [], []),
        ("pyenv", ["exec"], [], []),
        ("nvm", ["exec", "run"], [], []),
        ("fnm", ["exec"], ["--using"], []),
        ("volta", ["run"], ["--node", "--npm", "--yarn"], []),
        ("airlock", ["exec"], ["--timeout-ms", "--socket", "--harness"], []),
    ]

    /// The wrapper grammar of a program that also does other things (`uv`, `npm`, `airlock`).
    static func runnerGrammar(for name: String) -> WrapperGrammar? {
        guard let (_, subcommands, valued, scripts) = runnersByName[name] else { return nil }
        if name == "direnv" {
            return WrapperGrammar(leadingOperands: 1, subcommands: subcommands)
        }
        return WrapperGrammar(options: ArgumentFacts(valued: valued), scriptOptions: scripts, subcommands: subcommands)
    }

    /// A secrets manager that runs a command with secrets in its environment (`doppler run -- cmd`).
    static func secretRunnerGrammar(for name: String) -> WrapperGrammar? {
        switch name {
        case "doppler", "infisical", "teller":
            return WrapperGrammar(
                options: ArgumentFacts(valued: ["-p", "--project", "-c", "--config", "-t", "--token", "--env", "--path", "--projectId", "--scope"]),
                scriptOptions: ["--command"], subcommands: ["run"], effect: .secrets)
        case "op":
            return WrapperGrammar(
                options: ArgumentFacts(valued: ["--env-file", "--account", "--session", "--config"]), subcommands: ["run"],
                effect: .secrets)
        case "aws-vault":
            return WrapperGrammar(options: ArgumentFacts(valued: ["-d", "--duration", "--region", "--mfa-token"]), leadingOperands: 1, subcommands: ["exec"], effect: .secrets)
        case "envchain":
            return WrapperGrammar(leadingOperands: 1, effect: .secrets)
        case "chamber":
            return WrapperGrammar(effect: .secrets, peel: { _, rest in
                guard rest.first?.text == "exec", let dashes = rest.firstIndex(where: { $0.text == "--" }) else { return .notWrapping }
                return .run(Array(rest[(dashes + 1)...]), environment: [:], seen: [])
            })
        default:
            return nil
        }
    }

    // MARK: Custom grammars

    /// `sudo`, `doas`, `pkexec`, `run0`: options, `VAR=x` assignments, then the command; `-s`/`-i`
    /// with a command run it through a root shell; `!!` repeats history.
    static let sudo: @Sendable (String, [ShellWord]) -> WrapperStep = { program, rest in
        let options = ArgumentFacts(valued: [
            "-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U", "-T", "--user", "--group", "--chdir", "--host", "--prompt",
            "--role", "--type", "--other-user", "--command-timeout", "--close-from", "--setenv", "--config",
        ])
        var seen: [ParsedArguments.Option] = []
        var index = WrapperGrammar.skipOptions(rest, from: 0, options: options, into: &seen)
        let names = Set(seen.map(\.name))
        if !names.isDisjoint(with: ["-e", "--edit"]) || program == "sudoedit" {
            return .done(.privilege("\(program) -e edits files as root", risk: .high, rule: "sudo.root-shell"))
        }
        if !names.isDisjoint(with: ["-l", "--list", "-v", "--validate", "-k", "-K", "--reset-timestamp", "--remove-timestamp", "-V", "--version", "--help", "-L"]),
            index >= rest.count
        {
            return .done(.read("\(program) \(seen.first?.name ?? "") manages or lists its own grants", rule: "data.print"))
        }
        let viaShell = !names.isDisjoint(with: ["-s", "-i", "--shell", "--login"])
        // Through a shell sudo escapes each word it passes on, so several words run as those very
        // words (`sudo -i bash -c 'rm -rf /srv'`). A single word, or a first word with spaces in it,
        // is judged as the shell text it reads as (`sudo -s 'A=1 cmd'`): the worse reading.
        let asText = viaShell && index < rest.count
            && (rest.count - index == 1 || rest[index].text.contains(where: { $0 == " " || $0 == "\t" }))
        var environment: [String: String] = [:]
        while !asText, index < rest.count, let (name, value) = WrapperGrammar.assignment(rest[index]) {
            environment[name] = value
            index += 1
        }
        let command = index < rest.count ? Array(rest[index...]) : []
        if let first = command.first, first.text.hasPrefix("!") {
            return .done(
                .unknown(
                    "\(program) \(first.text) repeats an earlier command that is not in this text", risk: .high,
                    rule: "sudo.history"))
        }
        if command.isEmpty {
            return .done(
                .privilege(
                    viaShell ? "\(program) opens a root shell" : "\(program) with no command", risk: viaShell ? .high : .medium,
                    rule: viaShell ? "sudo.root-shell" : "sudo.run-as-root"))
        }
        if asText { return .script(WrapperGrammar.joined(command), seen: seen) }
        return .run(command, environment: environment, seen: seen)
    }

    /// `su [-] [user] [-c cmd]`: without `-c`, a shell.
    static let su: @Sendable (String, [ShellWord]) -> WrapperStep = { program, rest in
        if program == "sg" {
            // sg GROUP [-c] COMMAND
            let words = Array(rest.dropFirst())
            if words.first?.text == "-c", words.count > 1 { return .script(words[1], seen: []) }
            return words.isEmpty
                ? .done(.privilege("sg opens a shell with another group", risk: .medium, rule: "sudo.root-shell"))
                : .script(WrapperGrammar.joined(words), seen: [])
        }
        // su's own options end at `--`; `runuser -u app -- cmd` runs the words after it.
        let own = rest.prefix { $0.text != "--" }
        for (index, word) in own.enumerated() {
            if (word.text == "-c" || word.text == "--command" || word.text == "--session-command"), index + 1 < own.count {
                return .script(rest[index + 1], seen: [])
            }
            if word.text.hasPrefix("--command=") {
                var script = word
                script.text = String(word.text.dropFirst("--command=".count))
                return .script(script, seen: [])
            }
        }
        // `runuser -u app -- cmd`: the words after `--` run.
        if let dashes = rest.firstIndex(where: { $0.text == "--" }), dashes + 1 < rest.count {
            return .run(Array(rest[(dashes + 1)...]), environment: [:], seen: [])
        }
        return .done(.privilege("\(program) opens a shell as another user", risk: .high, rule: "sudo.root-shell"))
    }

    /// `env [-i] [-u NAME] [-C DIR] [NAME=value…] [command…]`; `-S` splits a string into the command.
    static let env: @Sendable (String, [ShellWord]) -> WrapperStep = { _, rest in
        var environment: [String: String] = [:]
        var seen: [ParsedArguments.Option] = []
        var index = 0
        while index < rest.count {
            let text = rest[index].text
            if text == "-S" || text == "--split-string" || text.hasPrefix("-S") && text.count > 2 || text.hasPrefix("--split-string=") {
                var script = text.hasPrefix("--split-string=") ? String(text.dropFirst(15)) : text.count > 2 && text.hasPrefix("-S") ? String(text.dropFirst(2)) : ""
                let after = script.isEmpty ? rest.dropFirst(index + 1) : rest.dropFirst(index + 1)
                script = ([script] + after.map(\.text)).filter { !$0.isEmpty }.joined(separator: " ")
                return .script(ShellWord(script, hasExpansion: rest.contains(where: \.hasExpansion)), seen: seen)
            } else if ["-u", "--unset", "-C", "--chdir", "-P"].contains(text), index + 1 < rest.count {
                seen.append(.init(name: text, value: rest[index + 1].text, index: index))
                index += 2
            } else if text.hasPrefix("--chdir=") {
                seen.append(.init(name: "--chdir", value: String(text.dropFirst(8)), index: index))
                index += 1
            } else if text == "--" {
                index += 1
                break
            } else if text.hasPrefix("-"), text.count > 1 {
                index += 1
            } else if let (name, value) = WrapperGrammar.assignment(rest[index]) {
                environment[name] = value
                index += 1
            } else {
                break
            }
        }
        while index < rest.count, let (name, value) = WrapperGrammar.assignment(rest[index]) {
            environment[name] = value
            index += 1
        }
        return .run(index < rest.count ? Array(rest[index...]) : [], environment: environment, seen: seen)
    }

    /// `watch [options] command…`: joined and run by `sh -c`, unless `-x` runs it directly.
    static let watch: @Sendable (String, [ShellWord]) -> WrapperStep = { _, rest in
        var seen: [ParsedArguments.Option] = []
        let options = ArgumentFacts(valued: ["-n", "--interval", "-q", "--equexit", "--differences-style"])
        let index = WrapperGrammar.skipOptions(rest, from: 0, options: options, into: &seen)
        let command = index < rest.count ? Array(rest[index...]) : []
        if seen.contains(where: { $0.name == "-x" || $0.name == "--exec" }) {
            return .run(command, environment: [:], seen: seen)
        }
        return command.isEmpty
            ? .done(.read("watch with no command", rule: "shell.wrapper-alone"))
            : .script(WrapperGrammar.joined(command), seen: seen)
    }

    /// `command -v X` looks a name up; `command X` runs it.
    static let command: @Sendable (String, [ShellWord]) -> WrapperStep = { _, rest in
        var seen: [ParsedArguments.Option] = []
        let index = WrapperGrammar.skipOptions(rest, from: 0, options: .none, into: &seen)
        if seen.contains(where: { $0.name == "-v" || $0.name == "-V" }) {
            return .done(.read("command -v looks up a program", rule: "data.print"))
        }
        return .run(index < rest.count ? Array(rest[index...]) : [], environment: [:], seen: seen)
    }

    /// script's options that take a value (besides `-c`/`--command`, the command it runs).
    static let scriptValued: Set<String> = [
        "-t", "-T", "-I", "-O", "-B", "-E", "-m", "--timing", "--log-in", "--log-out", "--log-io", "--echo", "--logging-format",
    ]

    /// `script [options] [file]`: only `-c` runs a given command.
    static let script: @Sendable (String, [ShellWord]) -> WrapperStep = { program, rest in
        // Options as script reads them, so a cluster (`-qc 'cmd'`, `-qccmd`) gives its command too;
        // GNU script also takes options after its file operand (`script log -c cmd`).
        let options = ArgumentFacts(valued: scriptValued.union(["-c", "--command"]))
        var seen: [ParsedArguments.Option] = []
        var index = 0
        while index < rest.count {
            index = WrapperGrammar.skipOptions(rest, from: index, options: options, into: &seen) + 1
        }
        if let command = seen.last(where: { $0.name == "-c" || $0.name == "--command" }), let text = command.value {
            let word = rest.first { $0.text == text } ?? ShellWord(text)
            return .script(word, seen: [])
        }
        return .done(.unknown("\(program) records an interactive shell session", rule: "shell.interactive"))
    }

    /// `xargs [options] [command [args]]`: the input's words are appended (or replace `-I` text).
    static let xargs: @Sendable (String, [ShellWord]) -> WrapperStep = { _, rest in
        let options = ArgumentFacts(valued: [
            "-I", "-n", "-P", "-L", "-l", "-d", "-E", "-e", "-a", "-s", "--max-args", "--max-procs", "--delimiter",
            "--arg-file", "--replace", "--max-lines", "--max-chars", "--eof", "--process-slot-var",
        ])
        var seen: [ParsedArguments.Option] = []
        let index = WrapperGrammar.skipOptions(rest, from: 0, options: options, into: &seen)
        var command = index < rest.count ? Array(rest[index...]) : [ShellWord("echo")]
        let fromFile = seen.contains { $0.name == "-a" || $0.name == "--arg-file" }
        let marker = fromFile ? "{input}" : InputScope.marker
        let replace = seen.last(where: { $0.name == "-I" || $0.name == "--replace" || $0.name == "-i" })
        if let replace {
            let token = replace.value.flatMap { $0.isEmpty ? nil : $0 } ?? "{}"
            command = command.map { word in
                guard word.text.contains(token) else { return word }
                var copy = word
                copy.text = word.text.replacingOccurrences(token, with: marker)
                copy.hasExpansion = copy.hasExpansion || fromFile
                return copy
            }
        } else {
            // Appended input may be empty: `InputScope.appendedMarker` lets the analyser judge both.
            command.append(ShellWord(fromFile ? marker : InputScope.appendedMarker, hasExpansion: fromFile))
        }
        return .run(command, environment: [:], seen: seen)
    }

    /// GNU `parallel [options] command ::: args…` (or `::::` files, or its input).
    static let parallel: @Sendable (String, [ShellWord]) -> WrapperStep = { _, rest in
        let options = ArgumentFacts(valued: ["-j", "--jobs", "-S", "--sshlogin", "--joblog", "-a", "--arg-file", "--delay", "--timeout", "-N", "-n", "--max-args", "--colsep", "-d", "--delimiter", "--results", "--tmpdir", "-I"])
        var seen: [ParsedArguments.Option] = []
        let index = WrapperGrammar.skipOptions(rest, from: 0, options: options, into: &seen)
        var words = index < rest.count ? Array(rest[index...]) : []
        var items: [ShellWord] = []
        var unknownItems = seen.contains { $0.name == "-a" || $0.name == "--arg-file" }
        if let separator = words.firstIndex(where: { $0.text == ":::" || $0.text == "::::" || $0.text == ":::+" }) {
            if words[separator].text == "::::" { unknownItems = true }
            items = words[(separator + 1)...].filter { !$0.text.hasPrefix(":::") }
            words = Array(words[..<separator])
        }
        let marker = unknownItems ? "{input}" : InputScope.marker
        let stand: [ShellWord] = unknownItems || items.isEmpty ? [ShellWord(marker, hasExpansion: unknownItems)] : items
        var usedPlaceholder = false
        var command: [ShellWord] = []
        for word in words {
            if word.text.contains("{}") || word.text == "{.}" || word.text == "{/}" {
                usedPlaceholder = true
                command += stand.map { item in
                    var copy = word
                    copy.text = word.text.replacingOccurrences("{}", with: item.text)
                    copy.hasExpansion = copy.hasExpansion || item.hasExpansion
                    return copy
                }
            } else {
                command.append(word)
            }
        }
        if !usedPlaceholder { command += stand }
        if command.count == stand.count {
            // `parallel ::: 'cmd a' 'cmd b'`: each item is a command.
            return .script(ShellWord(items.map(\.text).joined(separator: "; "), hasExpansion: unknownItems), seen: seen)
        }
        return .run(command, environment: [:], seen: seen)
    }

    // MARK: Containers

    /// `docker|podman exec [options] CONTAINER cmd…`, `docker run [options] IMAGE [cmd…]`.
    static let container: @Sendable (String, [ShellWord]) -> WrapperStep = { program, rest in
        var words = rest
        // Global options (`-H host`, `--context x`); compose's own (`-f file`, `-p project`).
        func skipGlobalOptions() {
            while let first = words.first, first.text.hasPrefix("-") {
                words.removeFirst()
                if globalValued.contains(first.text), !words.isEmpty { words.removeFirst() }
            }
        }
        skipGlobalOptions()
        if !program.hasSuffix("-compose") {
            guard words.first?.text == "compose" else { return containerCommand(words) }
            words.removeFirst()
            skipGlobalOptions()
        }
        return containerCommand(words)
    }

    /// Global options of docker, podman and compose that take a value.
    private static let globalValued: Set<String> = [
        "-H", "--host", "--context", "-c", "--config", "-l", "--log-level", "-f", "--file", "-p", "--project-name",
        "--profile", "--env-file", "--project-directory", "--ansi", "--progress", "--parallel",
    ]

    /// `exec|run [options] CONTAINER-OR-SERVICE cmd…` after the program and its global options.
    private static func containerCommand(_ start: [ShellWord]) -> WrapperStep {
        var words = start
        guard var verb = words.first?.text else { return .notWrapping }
        words.removeFirst()
        if verb == "container", let next = words.first?.text {
            verb = next
            words.removeFirst()
        }
        guard verb == "exec" || verb == "run" else { return .notWrapping }
        let options = ArgumentFacts(valued: InfraPrograms.dockerValued.union(["-u", "--user", "-w", "--workdir", "-e", "--env", "--env-file", "--detach-keys", "--index", "--entrypoint"]))
        var seen: [ParsedArguments.Option] = []
        let index = WrapperGrammar.skipOptions(words, from: 0, options: options, into: &seen)
        // The container (exec) or the image (run), then the command.
        guard index + 1 < words.count else { return .notWrapping }
        return .run(Array(words[(index + 1)...]), environment: [:], seen: seen)
    }

    /// `kubectl|oc exec [options] POD -- cmd…`.
    static let kubeExec: @Sendable (String, [ShellWord]) -> WrapperStep = { _, rest in
        guard let verbIndex = rest.firstIndex(where: { !$0.text.hasPrefix("-") }), rest[verbIndex].text == "exec" else {
            return .notWrapping
        }
        if let dashes = rest.firstIndex(where: { $0.text == "--" }), dashes + 1 < rest.count {
            return .run(Array(rest[(dashes + 1)...]), environment: [:], seen: [])
        }
        let options = ArgumentFacts(valued: ["-n", "--namespace", "-c", "--container", "--context", "-f", "--filename", "--kubeconfig", "--pod-running-timeout"])
        var seen: [ParsedArguments.Option] = []
        let index = WrapperGrammar.skipOptions(Array(rest.dropFirst(verbIndex + 1)), from: 0, options: options, into: &seen) + verbIndex + 1
        guard index + 1 < rest.count else { return .notWrapping }
        return .run(Array(rest[(index + 1)...]), environment: [:], seen: seen)
    }
}
