/// Shell builtins, data programs, and the coreutils-style readers and writers: the everyday
/// vocabulary of one-liners, so that "unknown" alone rarely makes a human look.
enum CorePrograms {
    static let builtins = "Shell builtins and data"
    static let reading = "Reading files"
    static let writing = "Writing files"

    /// Programs whose arguments are only data: text to print, names to look up.
    static let dataNames = [
        "echo", "printf", "true", "false", ":", "info", "help", "apropos", "whatis", "which", "type", "whereis",
        "hash", "sleep", "wait", "cd", "pushd", "popd", "dirs", "pwd", "basename", "dirname", "seq", "yes", "cal",
        "clear", "tput", "reset", "exit", "return", "shift", "unalias", "let", "test", "[", "[[", "getopts",
        "umask", "ulimit", "jobs", "fg", "bg", "disown", "logout", "shopt", "whoami", "id", "groups", "uname",
        "uptime", "nproc", "arch", "locale", "tty", "expr", "bc", "dc", "factor", "times", "caller", "compgen",
        "complete", "compopt", "bind", "enable", "suspend", "users", "lsb_release", "sw_vers", "getconf",
        "logname", "notify-send", "sync", "stty", "mesg", "dircolors", "numfmt", "tsort", "cowsay", "figlet",
        "banner", "toilet", "lolcat", "fortune",
        "vmstat", "free", "lscpu", "lsusb", "lspci", "lshw", "lsmod", "lsblk", "lsns", "lslocks", "lsipc",
        "findmnt", "blkid", "ps", "pgrep", "pstree", "top", "htop", "btop", "atop", "iostat", "mpstat", "sar",
        "lsof", "who", "w", "last", "lastlog", "finger", "netstat", "ss", "route", "arp", "dmesg", "journalctl",
        "systemd-analyze", "hostnamectl", "pinky", "xdpyinfo", "nvidia-smi", "sensors",
        "uuidgen", "mcookie", "pidof", "tload", "slabtop", "date",
    ]

    /// Programs that read the files their operands name and show the content.
    static let contentReaders = [
        "cat", "tac", "head", "tail", "bat", "batcat", "grep", "egrep", "fgrep", "zgrep",
        "zegrep", "zfgrep", "bzgrep", "xzgrep", "rg", "ag", "ack", "diff", "diff3", "sdiff", "cmp", "comm", "uniq",
        "cut", "xq", "od", "hexdump", "hd", "strings", "nm", "objdump", "readelf", "ldd", "otool", "column",
        "fold", "fmt", "nl", "paste", "join", "look", "wdiff", "colordiff", "delta", "difft", "glow",
        "mdcat", "zless", "zmore", "xmllint", "tidy", "shuf", "expand", "unexpand", "pr", "ptx", "csvlook",
        "csvcut", "csvgrep", "csvstat", "xsv", "mlr", "miller", "tabview", "view", "pdftotext",
        "pdfinfo", "exiftool", "identify", "ffprobe", "mediainfo", "id3", "tokei", "cloc", "scc", "jless", "fx",
        "gron", "htmlq", "pup", "xpath", "dasel", "toml", "hexyl", "iconv",
        "uuencode", "recode", "enca", "chardetect", "zipinfo",
        "zipgrep", "lsar",
    ]

    /// Programs that look at names, sizes or hashes only: a secret's content is not shown.
    static let metadataReaders = [
        "ls", "ll", "la", "dir", "vdir", "stat", "du", "df", "wc", "md5sum", "sha1sum", "sha224sum", "sha256sum",
        "sha384sum", "sha512sum", "b2sum", "b3sum", "cksum", "sum", "shasum", "md5", "sha1", "sha256", "realpath",
        "readlink", "exa", "eza", "lsd", "locate", "mlocate", "plocate", "lsattr", "getfacl", "namei", "ncdu", "dust", "duf", "fswatch", "inotifywait", "pathchk", "tree", "file",
    ]

    static func register(into builder: inout RegistryBuilder) {
        builder.add(dataNames.filter { !specialBuiltins.contains($0) }.uniqued()) {
            ProgramSpec($0, role: .data, section: builtins, summary: "only prints or looks up")
        }
        registerSpecialBuiltins(into: &builder)
        builder.add(contentReaders.uniqued()) { name in
            ProgramSpec(
                name, role: .reader, section: reading, summary: "reads files and shows their content",
                arguments: readerArguments[name] ?? .none)
        }
        builder.add(metadataReaders.uniqued()) {
            ProgramSpec($0, role: .reader, section: reading, summary: "looks at names, sizes or hashes of files", access: .metadata)
        }
        builder.add(
            ProgramSpec(
                "sort", role: .reader, section: reading, summary: "sorts lines; -o writes a file",
                arguments: ArgumentFacts(valued: ["-k", "-t", "-S", "-T", "--field-separator", "--key"], writes: ["-o", "--output"])))
        builder.add(
            ProgramSpec(
                "jq", role: .reader, section: reading, summary: "filters JSON (the filter is code jq runs, not a file)",
                arguments: ArgumentFacts(
                    valued: ["--arg", "--argjson", "--slurpfile", "--rawfile", "--indent", "-L"],
                    scriptOperand: true, scriptOptions: ["-f", "--from-file"])))
        for name in ["yq", "gojq", "jaq"] {
            builder.add(
                ProgramSpec(
                    name, role: .reader, section: reading,
                    summary: "filters YAML or JSON; -i rewrites the file in place",
                    arguments: ArgumentFacts(
                        valued: ["--arg", "-o", "--output-format", "-p", "--input-format", "--indent", "-I"],
                        inPlace: ["-i", "--inplace", "--in-place"], scriptOperand: true,
                        scriptOptions: ["--from-file"])))
        }
        builder.add(
            ProgramSpec(
                "tee", role: .writer, section: writing, summary: "copies its input into the files named",
                handler: { invocation, _, _ in
                    let targets = invocation.args.filter { !$0.hasPrefix("-") }
                    return targets.isEmpty
                        ? [.read("tee copies stdin to stdout", rule: "data.print")]
                        : RoleDefaults.findings(invocation, spec: ProgramSpec("tee", role: .writer, section: writing, summary: ""))
                }))
        builder.add(decoders) { name in
            ProgramSpec(
                name, role: .decoder, section: reading,
                summary: "decodes or unpacks data: piped into a shell, its content is hidden",
                arguments: ArgumentFacts(valued: ["-w", "-c", "-l", "-s", "-g"]))
        }
        builder.add(compressors) { name in
            ProgramSpec(
                name, role: .decoder, section: writing,
                summary: "compresses or decompresses files in place (to standard output with -c)",
                arguments: ArgumentFacts(valued: ["-S", "--suffix", "-b", "-T", "--threads"]),
                handler: { invocation, _, _ in
                    let toStdout = invocation.args.contains {
                        $0 == "--stdout" || $0 == "--to-stdout" || $0 == "--test" || $0 == "--list"
                            || $0.hasPrefix("-") && !$0.hasPrefix("--") && ($0.contains("c") || $0.contains("t") || $0.contains("l"))
                    }
                    if toStdout { return [.read("\(invocation.program) writes to standard output", rule: "reader.decode")] }
                    let files = invocation.args.filter { !$0.hasPrefix("-") }
                    return files.isEmpty
                        ? [.read("\(invocation.program) filters standard input", rule: "reader.decode")]
                        : files.prefix(16).flatMap {
                            FileTargets.write($0, verb: "\(invocation.program) replaces", context: invocation.context)
                        }
                })
        }
        builder.add(["touch", "mkdir", "mktemp", "mkfifo", "mknod", "dos2unix", "unix2dos", "ctags", "etags", "csplit"])
        { name in
            ProgramSpec(
                name, role: .writer, section: writing, summary: "creates or changes the files named",
                arguments: ArgumentFacts(valued: ["-m", "--mode", "-t", "-d", "-S", "-o", "-f", "-n", "--suffix", "-r"]))
        }
        builder.add(
            ProgramSpec(
                "rename", role: .writer, section: writing,
                summary: "renames files by a Perl expression (the first operand)",
                arguments: ArgumentFacts(scriptOperand: true)))
        builder.add(
            ProgramSpec(
                "split", role: .writer, section: writing, summary: "splits a file into pieces; --filter runs a command",
                arguments: ArgumentFacts(
                    valued: ["-l", "-b", "-C", "-n", "-a", "--additional-suffix", "-t"], executes: ["--filter"]),
                handler: { invocation, _, _ in
                    [.fileWrite("split writes pieces of a file", rule: "path.workspace-write")]
                }))
    }

    /// Programs whose output hides what went in: piped into a shell, nobody can read the code.
    static let decoders = [
        "base64", "base32", "basenc", "xxd", "uudecode", "zcat", "bzcat", "xzcat", "zstdcat", "lzcat", "gzcat",
        "lz4cat", "rev", "tr",
    ]
    static let compressors = [
        "gzip", "gunzip", "bzip2", "bunzip2", "xz", "unxz", "zstd", "unzstd", "lz4", "compress", "uncompress", "pigz",
        "unpigz", "lzma", "unlzma", "brotli",
    ]

    /// Arguments of readers that write or run something.
    static let readerArguments: [String: ArgumentFacts] = [
        "cut": ArgumentFacts(valued: ["-d", "-f", "-c", "-b", "--delimiter", "--fields"]),
        "grep": ArgumentFacts(valued: ["-e", "-f", "-m", "-A", "-B", "-C", "--include", "--exclude", "--color"]),
        "rg": ArgumentFacts(valued: ["-e", "-g", "-t", "-T", "-m", "-A", "-B", "-C", "--glob", "--type"], runsCode: ["--pre"]),
        "tr": ArgumentFacts(),
        "iconv": ArgumentFacts(valued: ["-f", "-t"], writes: ["-o", "--output"]),
        "xxd": ArgumentFacts(valued: ["-c", "-l", "-s", "-g"]),
        "less": ArgumentFacts(valued: ["-p", "-P", "-x", "-y", "-z", "-b", "-h", "-j", "-k", "-o", "-O", "-T"], writes: ["-o", "-O", "--log-file"]),
        "diff": ArgumentFacts(valued: ["-U", "-C", "-x", "-X", "-I", "--label"]),
        "uniq": ArgumentFacts(valued: ["-f", "-s", "-w"]),
        "tidy": ArgumentFacts(writes: ["-o", "-output"], inPlace: ["-m", "-modify"]),
        "xmllint": ArgumentFacts(writes: ["--output", "-o"]),
        "pdftotext": ArgumentFacts(),
    ]

    private static let specialBuiltins: Set<String> = [
        "echo", "printf", "export", "declare", "typeset", "local", "readonly", "alias", "trap", "history", "unset",
        "set", "read", "readarray", "mapfile", "printenv", "fc", "date", "hostname", "cd",
    ]

    /// Builtins that change the line's state, run code later, or print secrets.
    private static func registerSpecialBuiltins(into builder: inout RegistryBuilder) {
        builder.add(["echo", "printf"]) { name in
            ProgramSpec(
                name, role: .data, section: builtins, summary: "prints text; a secret variable printed is a secret read",
                rules: name == "echo"
                    ? [
                        Rule(
                            "data.echo-secret", .secretsAccess, .high, "prints a variable named like a secret",
                            example: "echo $AWS_SECRET_ACCESS_KEY"),
                        Rule("data.print", .read, .low, "prints text or looks up a name", example: "echo hello"),
                    ] : [],
                handler: { invocation, _, _ in
                    if invocation.arguments.contains(where: { $0.hasExpansion && namesSecret($0.text) }) {
                        return [.secrets("\(invocation.program) prints a secret variable", risk: .high, rule: "data.echo-secret")]
                    }
                    return [.read("\(invocation.program) only prints", rule: "data.print")]
                })
        }
        builder.add(
            ProgramSpec(
                "cd", role: .data, section: builtins, summary: "changes the directory later commands run in",
                rules: [Rule("shell.cd", .read, .low, "changes the working directory of the line", example: "cd src")],
                handler: { invocation, _, _ in [.read("cd changes directory", rule: "shell.cd")] }))
        builder.add(["export", "declare", "typeset", "local", "readonly"]) { name in
            ProgramSpec(
                name, role: .data, section: builtins,
                summary: "sets variables (checked like assignments) or prints them all",
                rules: name == "export"
                    ? [
                        Rule(
                            "data.print-variables", .secretsAccess, .medium,
                            "prints every shell variable, secrets included", example: "export -p"),
                        Rule(
                            "env.poisoning", .envPoisoning, .high,
                            "sets a variable that makes later programs load or run other code",
                            example: "export LD_PRELOAD=/tmp/x.so"),
                    ] : [],
                handler: { invocation, analyzer, _ in
                    let operands = invocation.arguments.filter { !$0.text.hasPrefix("-") && !$0.text.hasPrefix("+") }
                    if operands.isEmpty {
                        return [
                            .secrets(
                                "\(invocation.program) prints shell variables, secrets included", risk: .medium,
                                rule: "data.print-variables")
                        ]
                    }
                    var environment: [String: String] = [:]
                    for word in operands where word.text.contains("=") {
                        analyzer.analyze(assignment: word, standalone: true, into: &environment)
                    }
                    return [.read("\(invocation.program) sets variables", rule: "data.print")]
                })
        }
        builder.add(
            ProgramSpec(
                "set", role: .data, section: builtins, summary: "sets shell options; alone, prints every variable",
                handler: { invocation, _, _ in
                    if invocation.args.isEmpty || invocation.args == ["-p"] {
                        return [.secrets("set prints shell variables, secrets included", risk: .medium, rule: "data.print-variables")]
                    }
                    if invocation.args.contains("history"), invocation.args.contains("+o") {
                        return [History.erase("set +o history stops recording commands")]
                    }
                    return [.read("set changes shell options", rule: "data.print")]
                }))
        builder.add(
            ProgramSpec(
                "unset", role: .data, section: builtins, summary: "removes variables; HISTFILE hides history",
                handler: { invocation, analyzer, _ in
                    for name in invocation.args where !name.hasPrefix("-") {
                        analyzer.state.variables[name] = nil
                    }
                    if invocation.args.contains(where: { $0.hasPrefix("HIST") }) {
                        return [History.erase("unset \(invocation.args.joined(separator: " ")) stops recording history")]
                    }
                    return [.read("unset removes variables", rule: "data.print")]
                }))
        builder.add(
            ProgramSpec(
                "read", role: .data, section: builtins, summary: "reads a line into variables (known only at run time)",
                handler: { invocation, analyzer, _ in
                    // `find … | while read f`: the variable holds one found entry at a time.
                    let standIn = analyzer.input.flatMap { scope -> String? in
                        if case .files(let root, _) = scope { return InputScope.files(root: root, filtered: true).standIn?.text }
                        return scope.standIn?.text
                    }
                    let names = invocation.args.filter { !$0.hasPrefix("-") && $0.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) }
                    for (index, name) in names.enumerated() {
                        // Only the last variable takes the rest of the line.
                        analyzer.state.variables[name] = index == names.count - 1 ? standIn.map { .some($0) } ?? .some(nil) : .some(nil)
                    }
                    return [.read("read reads input into variables", rule: "data.print")]
                }), aliases: ["readarray", "mapfile"])
        builder.add(
            ProgramSpec(
                "alias", role: .data, section: builtins, summary: "defines a command name that runs other text",
                rules: [
                    Rule(
                        "shell.alias", .read, .low, "defines an alias; calling it runs its text, judged there",
                        example: "alias ll='ls -la'")
                ],
                handler: { invocation, analyzer, _ in
                    var defined: [String] = []
                    for word in invocation.arguments {
                        guard let equals = word.text.firstIndex(of: "=") else { continue }
                        let name = String(word.text[..<equals])
                        analyzer.state.aliases[name] = String(word.text[word.text.index(after: equals)...])
                        defined.append(name)
                    }
                    if !defined.isEmpty { analyzer.hazards.insert(.definesFunction) }
                    return [.read("alias \(defined.joined(separator: " ")) defines a shortcut", rule: "shell.alias")]
                }))
        builder.add(
            ProgramSpec(
                "trap", role: .data, section: builtins, summary: "runs its first argument as shell code on a signal",
                rules: [
                    Rule(
                        "shell.trap", .unknown, .medium, "runs shell code later, when a signal or the shell's exit comes",
                        example: "trap 'rm -rf /tmp/x' EXIT")
                ],
                handler: { invocation, analyzer, depth in
                    let operands = invocation.arguments.filter { !$0.text.hasPrefix("-") }
                    guard operands.count >= 2, let code = operands.first, !code.text.isEmpty, code.text != "-" else {
                        return [.read("trap lists or resets handlers", rule: "data.print")]
                    }
                    if code.hasExpansion, let finding = Flows.dynamicScript(code, via: "trap", analyzer: analyzer) {
                        analyzer.add(finding)
                    }
                    analyzer.analyze(script: code.text, depth: depth + 1)
                    return [
                        .unknown(
                            "trap runs \(code.text.prefix(60)) when the shell gets a signal or exits", risk: .low,
                            isUnsure: false, rule: "shell.trap")
                    ]
                }))
        builder.add(
            ProgramSpec(
                "history", role: .data, section: builtins, summary: "lists history; -c and -d erase it",
                rules: [
                    Rule(
                        "history.erase", .destructiveFS, .high, "erases or stops shell history (hides what ran)",
                        example: "history -c")
                ],
                handler: { invocation, _, _ in
                    if invocation.args.contains(where: { $0.hasPrefix("-c") || $0 == "-w" && invocation.args.contains("/dev/null") }) {
                        return [History.erase("history \(invocation.args.joined(separator: " ")) erases shell history")]
                    }
                    if invocation.args.contains("-d") {
                        var finding = History.erase("history -d removes one entry from shell history")
                        finding.risk = .medium
                        return [finding]
                    }
                    return [.read("history lists past commands", rule: "data.print")]
                }))
        builder.add(
            ProgramSpec(
                "fc", role: .data, section: builtins, summary: "lists history; -s and -e run past commands again",
                handler: { invocation, _, _ in
                    if invocation.args.contains("-l") { return [.read("fc lists past commands", rule: "data.print")] }
                    return [
                        .unknown(
                            "fc runs earlier commands again: what they are is not in this text", risk: .high,
                            rule: "shell.history-rerun")
                    ]
                }))
        builder.add(
            ProgramSpec(
                "printenv", role: .data, section: builtins,
                summary: "prints environment variables; one named like a secret is a secret read",
                rules: [
                    Rule(
                        "env.print-all", .secretsAccess, .high, "prints every environment variable, secrets included",
                        example: "printenv")
                ],
                handler: { invocation, analyzer, _ in
                    let names = invocation.args.filter { !$0.hasPrefix("-") }
                    if names.isEmpty { return EnvironmentDump.findings(program: "printenv", analyzer: analyzer) }
                    if names.contains(where: namesSecret) {
                        // Under a secret manager (`doppler run -- printenv X`) the value is the one the
                        // manager injected: a manager read, medium like `doppler secrets get`.
                        let managed = analyzer.findings.contains { $0.rule == "secrets.injected-env" }
                        return [
                            .secrets(
                                "printenv prints \(names.joined(separator: " ")), a secret", risk: managed ? .medium : .high,
                                rule: "env.print-secret")
                        ]
                    }
                    return [.read("printenv prints \(names.joined(separator: " "))", rule: "data.print")]
                }))
        builder.add(
            ProgramSpec(
                "date", role: .data, section: builtins, summary: "prints the date; -s sets the clock",
                handler: { invocation, _, _ in
                    invocation.args.contains(where: { $0 == "-s" || $0.hasPrefix("--set") })
                        ? [.privilege("date -s sets the system clock", risk: .medium, rule: "system.settings")]
                        : [.read("date prints the date", rule: "data.print")]
                }))
        builder.add(
            ProgramSpec(
                "hostname", role: .data, section: builtins, summary: "prints the host name; with a name, sets it",
                handler: { invocation, _, _ in
                    invocation.args.contains(where: { !$0.hasPrefix("-") })
                        ? [.privilege("hostname renames this machine", risk: .medium, rule: "system.settings")]
                        : [.read("hostname prints the host name", rule: "data.print")]
                }))
    }

    /// `$AWS_SECRET_ACCESS_KEY`, `${GITHUB_TOKEN}`, `DATABASE_URL`, …
    static func namesSecret(_ text: String) -> Bool {
        let upper = text.uppercased()
        return [
            "SECRET", "TOKEN", "PASSWORD", "PASSWD", "API_KEY", "APIKEY", "PRIVATE_KEY", "ACCESS_KEY", "CREDENTIAL",
            "DATABASE_URL", "DB_URL", "_DSN", "AUTH", "SESSION_KEY", "SIGNING_KEY", "ENCRYPTION_KEY",
        ]
        .contains(where: upper.contains)
    }
}

/// Erasing or switching off shell history: it hides what ran.
enum History {
    /// `HISTFILE=/dev/null`, `export HISTSIZE=0`, `HISTIGNORE='*'`: the shell stops keeping a
    /// record, the same as `unset HISTFILE` — whether standalone, exported or declared.
    static func assignment(name: String, value: String) -> Finding? {
        let stripped = value.trimmingCharacters()
        switch name {
        case "HISTFILE":
            guard stripped.isEmpty || stripped == "/dev/null" else { return nil }
            return erase("\(name)=\(stripped) stops saving shell history")
        case "HISTSIZE", "HISTFILESIZE", "SAVEHIST":
            guard stripped == "0" || stripped.hasPrefix("-") == false && Int(stripped) == 0 else { return nil }
            return erase("\(name)=0 stops keeping shell history")
        case "HISTIGNORE":
            guard stripped == "*" || stripped.hasPrefix("*:") || stripped.hasSuffix(":*") else { return nil }
            return erase("HISTIGNORE=\(stripped) keeps every command out of shell history")
        default:
            return nil
        }
    }

    static func erase(_ reason: String) -> Finding {
        Finding(
            [.destructiveFS], risk: .high, blast: .machine, reversibility: .irreversible, reason: reason,
            rule: "history.erase")
    }
}

/// `env`, `printenv`, `set`: every variable printed, unless a filter downstream keeps only some.
/// Stages that only reorder, trim or dedupe lines (`sort`, `uniq`, `cut`) pass every variable on,
/// so the first filter after them decides.
enum EnvironmentDump {
    static func findings(program: String, analyzer: ShellAnalyzer) -> [Finding] {
        var rewritten = false
        for stage in analyzer.laterStages(limit: 8) {
            let words = Unwrapper.unwrap(stage.words).words
            guard let filter = words.first else { break }
            let filterName = Unwrapper.programName(filter.text)
            let rest = words.dropFirst().map(\.text)
            if ["grep", "egrep", "fgrep", "rg", "ag"].contains(filterName) {
                let pattern = rest.first { !$0.hasPrefix("-") } ?? ""
                if !pattern.isEmpty, !CorePrograms.namesSecret(pattern), !rest.contains("-v"),
                    !rest.contains("--invert-match")
                {
                    return [
                        Finding(
                            [.read], risk: .medium, blast: .none,
                            reason: "\(program) prints the environment, filtered to \(pattern.prefix(40))",
                            rule: "env.print-filtered")
                    ]
                }
                break
            }
            if filterName == "wc" {
                return [.read("\(program) counts environment variables", rule: "env.print-filtered")]
            }
            // Names only, when no earlier stage moved the `=`. A value spanning lines (a PEM key)
            // has lines with no `=`, which pass whole unless `cut -s` drops them: medium.
            if !rewritten, keepsNamesOnly(filterName, Array(rest)) {
                let whole = !(filterName == "cut" && rest.contains { $0 == "-s" || $0 == "--only-delimited" })
                return [
                    Finding(
                        [.read], risk: whole ? .medium : .low, blast: .none,
                        reason: "\(program) prints the names of environment variables"
                            + (whole ? "; a value spanning lines would pass whole" : ", not their values"),
                        rule: "env.print-names")
                ]
            }
            rewritten = rewritten || filterName == "tr" || filterName == "cut"
            guard passThrough.contains(filterName) else { break }
        }
        return [.secrets("\(program) prints every environment variable, secrets included", risk: .high, rule: "env.print-all")]
    }

    /// A stage that keeps only what comes before the first `=` of each `NAME=value` line:
    /// `cut -d= -f1`, `awk -F= '{print $1}'`, `sed 's/=.*//'`. Values never get past it.
    static func keepsNamesOnly(_ program: String, _ args: [String]) -> Bool {
        switch program {
        case "cut":
            let parsed = ArgumentFacts(valued: ["-d", "-f", "--delimiter", "--fields"]).parse(args)
            return splitsOnEquals(parsed, args, short: "-d", long: "--delimiter") && parsed.value("-f", "--fields") == "1"
                && parsed.operands.isEmpty
                && !parsed.options.contains { !["-d", "--delimiter", "-f", "--fields", "-s", "--only-delimited"].contains($0.name) }
        case "awk", "gawk", "mawk", "nawk":
            let parsed = ArgumentFacts(valued: ["-F", "-v", "-f"]).parse(args)
            guard splitsOnEquals(parsed, args, short: "-F", long: nil), !parsed.has("-f"), parsed.operands.count == 1, let code = parsed.operands.first
            else { return false }
            // Every field named is the first: `$1`, never `$0`, `$2`, `$NF` or `$i`.
            var fields = 0
            var index = code.startIndex
            while let dollar = code[index...].firstIndex(of: "$") {
                let after = code.index(after: dollar)
                guard after < code.endIndex, code[after] == "1" else { return false }
                let next = code.index(after: after)
                if next < code.endIndex, code[next].isNumber { return false }
                fields += 1
                index = next
            }
            return fields > 0 && !code.contains("system") && !code.contains("getline") && !code.contains(">")
        case "sed":
            let parsed = ArgumentFacts(valued: ["-e", "--expression"]).parse(args)
            guard !parsed.options.contains(where: { $0.name != "-e" && $0.name != "--expression" }) else { return false }
            let scripts = parsed.has("-e", "--expression") ? parsed.values(["-e", "--expression"]) : Array(parsed.operands.prefix(1))
            guard scripts.count == 1, parsed.operands.count == (parsed.has("-e", "--expression") ? 0 : 1),
                let script = scripts.first, script.hasPrefix("s"), script.count > 1
            else { return false }
            let body = script.dropFirst()
            guard let delimiter = body.first else { return false }
            let d = String(delimiter)
            return ["=.*", "=.*$"].contains { body == Substring(d + $0 + d + d) || body == Substring(d + $0 + d + d + "g") }
        default:
            return false
        }
    }

    /// `-d =`, `-d=` (the cluster's rest, which the parser reads as `-d` with an empty value),
    /// `--delimiter==`.
    private static func splitsOnEquals(_ parsed: ParsedArguments, _ args: [String], short: String, long: String?) -> Bool {
        if args.contains(short + "=") { return true }
        let value = long.map { parsed.value(short, $0) } ?? parsed.value(short)
        return value == "="
    }

    /// Stages that hand on every line they get, reordered, trimmed or deduplicated.
    private static let passThrough: Set<String> = ["sort", "uniq", "cut", "tr", "cat", "column", "nl", "expand", "tac"]
}

extension Array where Element == String {
    /// The names in order, each once.
    func uniqued() -> [String] {
        var seen = Set<String>()
        return filter { seen.insert($0).inserted }
    }
}
