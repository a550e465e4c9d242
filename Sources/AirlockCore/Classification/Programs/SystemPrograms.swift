/// Processes, services, schedulers, firewall and kernel settings, users, keys, terminals,
/// pagers and editors: the machine itself.
enum SystemPrograms {
    static let section = "The machine: processes, services, users, keys"

    static func register(into builder: inout RegistryBuilder) {
        builder.add(["kill", "pkill", "killall", "xkill", "skill", "slay"]) { name in
            ProgramSpec(
                name, role: .custom, section: section, summary: "signals processes: all of them, or pid 1, is the machine",
                arguments: ArgumentFacts(valued: ["-s", "-n", "-u", "-U", "-g", "-G", "-P", "-t", "--signal"]), access: .ignored,
                rules: name == "kill"
                    ? [
                        Rule("process.kill", .processControl, .medium, "stops processes", example: "kill 4242"),
                        Rule(
                            "process.kill-all", .processControl, .high,
                            "stops every process, pid 1, or processes matched by a broad name", example: "kill -9 -1"),
                        Rule("process.kill-airlock", .selfModification, .critical, "stops Airlock itself", example: "pkill airlock"),
                    ] : [],
                handler: { inv, _, _ in kill(inv) })
        }
        builder.add(["systemctl", "service", "launchctl", "rc-service", "sv", "initctl"]) { name in
            ProgramSpec(
                name, role: .custom, section: section, summary: "starts, stops or changes system services; status reads",
                access: .ignored,
                rules: name == "systemctl"
                    ? [
                        Rule(
                            "service.change", .processControl, .high, "stops, disables, masks or kills a service",
                            example: "systemctl stop nginx"),
                        Rule("service.status", .read, .low, "shows services", example: "systemctl is-active nginx"),
                    ] : [],
                handler: { inv, _, _ in services(inv) })
        }
        builder.add(["reboot", "shutdown", "halt", "poweroff", "init", "telinit"]) { name in
            ProgramSpec(
                name, role: .custom, section: section, summary: "stops or restarts the machine", access: .ignored,
                rules: name == "shutdown"
                    ? [Rule("machine.stop", .processControl, .critical, "stops or restarts the machine", example: "shutdown -h now")] : [],
                handler: { inv, _, _ in
                    if inv.args.contains("--help") || inv.program == "shutdown" && inv.args.contains("-c") {
                        return [.read("\(inv.program) \(inv.args.joined(separator: " "))", rule: "data.print")]
                    }
                    return [
                        Finding(
                            [.processControl, .privilege], risk: .critical, blast: .machine, reversibility: .partial,
                            reason: "\(inv.program) stops the machine", rule: "machine.stop")
                    ]
                })
        }
        builder.add(
            ProgramSpec(
                "crontab", role: .custom, section: section, summary: "schedules commands: -l reads, -r deletes, else persists",
                access: .ignored,
                rules: [
                    Rule("cron.list", .read, .low, "lists scheduled jobs", example: "crontab -l"),
                    Rule("cron.remove", .dataDelete, .high, "deletes every scheduled job", example: "crontab -r"),
                    Rule(
                        "cron.install", .persistence, .high, "schedules commands that run later, outside any gate",
                        example: "crontab jobs.txt"),
                ],
                handler: { inv, _, _ in crontab(inv) }))
        builder.add(["at", "batch"]) { name in
            ProgramSpec(
                name, role: .custom, section: section, summary: "runs commands later, like crontab", access: .ignored,
                rules: name == "at"
                    ? [Rule("at.schedule", .persistence, .high, "runs commands later, outside this review", example: "echo 'make' | at now + 1 hour")] : [],
                handler: atJob)
        }
        builder.add(["atrm", "atq"]) { name in
            ProgramSpec(
                name, role: .custom, section: section, summary: name == "atq" ? "lists queued jobs" : "removes queued jobs",
                access: .ignored,
                handler: { inv, _, _ in
                    inv.program == "atq"
                        ? [.read("atq lists queued jobs", rule: "cron.list")]
                        : [.dataDelete("atrm removes queued jobs", risk: .medium, rule: "cron.remove")]
                })
        }
        builder.add(["iptables", "ip6tables", "nft", "ufw", "firewall-cmd", "pfctl", "iptables-restore", "ebtables"]) { name in
            ProgramSpec(
                name, role: .custom, section: section, summary: "firewall rules: listing reads, flushing opens the machine",
                access: .ignored,
                rules: name == "iptables"
                    ? [
                        Rule(
                            "firewall.flush", .privilege, .critical, "flushes or disables the firewall",
                            example: "iptables -F"),
                        Rule("system.settings", .privilege, .high, "changes system settings", example: "sysctl -w net.ipv4.ip_forward=1"),
                        Rule("system.show", .read, .low, "shows system settings", example: "iptables -L"),
                    ] : [],
                handler: { inv, _, _ in firewall(inv) })
        }
        builder.add(["sysctl", "modprobe", "insmod", "rmmod", "mount", "umount", "swapon", "swapoff", "setenforce",
            "ifconfig", "ip", "hwclock", "timedatectl", "localectl", "update-alternatives", "ldconfig",
            "setsebool", "auditctl", "tc", "ethtool", "nmcli", "iwconfig", "scutil", "networksetup", "pmset", "defaults",
            "csrutil", "spctl", "kextload"])
        { name in
            ProgramSpec(
                name, role: .custom, section: section, summary: "kernel, network and system settings: shows read, sets change",
                access: .ignored, handler: { inv, _, _ in settings(inv) })
        }
        builder.add([
            "useradd", "userdel", "usermod", "adduser", "deluser", "groupadd", "groupdel", "groupmod", "passwd",
            "chpasswd", "visudo", "setcap", "setfacl", "gpasswd", "newgrp", "chsh", "chfn", "vipw", "pwck", "dscl",
            "sysadminctl", "dseditgroup",
        ]) { name in
            ProgramSpec(
                name, role: .custom, section: section, summary: "changes users, groups or permissions", access: .ignored,
                rules: name == "useradd"
                    ? [Rule("users.change", .privilege, .high, "changes users, groups or permissions", example: "useradd -m eve")] : [],
                handler: { inv, _, _ in
                    if inv.program == "visudo", inv.args.contains("-c") || inv.args.contains("--check") {
                        return [.read("visudo -c checks the sudoers syntax", rule: "system.show")]
                    }
                    if ["getfacl", "pwck"].contains(inv.program) || inv.args.contains("-S") && inv.program == "passwd"
                        || inv.program == "dscl" && inv.args.contains(where: { ["-read", "-list", "read", "list"].contains($0) })
                    {
                        return [.read("\(inv.program) shows accounts", rule: "system.show")]
                    }
                    if inv.program == "setfacl" {
                        // Like chmod: on a system path (`/etc/passwd`) high, inside the repo medium.
                        let operands = inv.positionals(valued: [
                            "-m", "-M", "-x", "-X", "--modify", "--modify-file", "--remove", "--remove-file", "--set", "--set-file",
                        ])
                        // Granting only read (`u:app:r`) under a system folder is medium; write or
                        // run rights there, or any right on a secret, are high.
                        let entries = inv.value(of: "-m", "--modify", "--set") ?? ""
                        let readOnly = !entries.isEmpty && entries.split(separator: ",").allSatisfy { entry in
                            (entry.split(separator: ":").last ?? "").allSatisfy { $0 == "r" || $0 == "-" }
                        }
                        let system = operands.contains { operand in
                            let kind = DeletionTargets.kind(of: operand, context: inv.context)
                            return kind == .secret || !readOnly && [.system, .catastrophic, .dynamic].contains(kind)
                        }
                        return [
                            .privilege(
                                "setfacl changes who may access \(operands.prefix(2).joined(separator: " "))",
                                risk: system ? .high : .medium, rule: "users.change")
                        ]
                    }
                    return [.privilege("\(inv.program) changes users, groups or permissions", rule: "users.change")]
                })
        }
        registerEditorsAndPagers(into: &builder)
        registerKeys(into: &builder)
        registerTerminals(into: &builder)
    }

    // MARK: Processes

    /// Mounts the system runs from.
    private static let systemMounts: Set<String> = [
        "/boot", "/boot/efi", "/home", "/usr", "/var", "/etc", "/opt", "/proc", "/sys", "/dev", "/run", "/tmp", "/srv",
        "/nix", "/System/Volumes/Data", "/Users",
    ]

    static func kill(_ inv: Invocation) -> [Finding] {
        let program = inv.program
        let args = inv.args
        if args.contains("-l") || args.contains("-L") || args.contains("--list") || args.contains("--help") {
            return [.read("\(program) lists signals", rule: "data.print")]
        }
        if program == "kill", args.first == "-0" || args.first == "-s" && args.dropFirst().first == "0" {
            return [.read("kill -0 only checks that a process exists", rule: "data.print")]
        }
        var targets: [String] = []
        var index = 0
        while index < args.count {
            let arg = args[index]
            if ["-s", "-n", "--signal", "-u", "-U", "-g", "-G", "-P", "-t"].contains(arg) {
                if program != "kill", ["-u", "-U"].contains(arg), index + 1 < args.count { targets.append("user:" + args[index + 1]) }
                index += 2
                continue
            }
            if arg.hasPrefix("-"), arg != "-1", !(program == "kill" && Int(arg) != nil && arg.count > 2) {
                index += 1
                continue
            }
            targets.append(arg)
            index += 1
        }
        if targets.contains(where: { $0.lowercased().contains("airlock") }) {
            return [
                Finding(
                    [.selfModification], risk: .critical, blast: .machine, reversibility: .partial,
                    reason: "\(program) stops Airlock itself", rule: "process.kill-airlock")
            ]
        }
        let broadNames: Set<String> = [
            "sh", "bash", "zsh", "python", "python3", "node", "java", "ruby", "perl", "sshd", "ssh", "init", "systemd",
            "launchd", "docker", "dockerd", "containerd", "kubelet", "postgres", "mysqld", "nginx", "httpd", "apache2",
            "sudo", "login", "xorg", "gnome-shell", "kwin", "Finder", "loginwindow", "WindowServer", "code", "tmux",
            "screen", "agent", "claude", "codex", "cursor", "gemini", "copilot",
        ]
        let all =
            targets.contains("-1") || targets.contains("1") || targets.contains(where: { $0.hasPrefix("user:") })
            || (program != "kill" && (targets.contains(where: broadNames.contains) || args.contains("-u") && targets.isEmpty))
            || (program == "killall" && targets.isEmpty)
            || (program == "pkill" && args.contains("-f") && targets.contains(where: { $0.count <= 3 || broadNames.contains($0) }))
            // `pkill -9`, `killall -KILL`: every matching process dies at once, without cleaning up.
            || (program != "kill" && args.contains { ["-9", "-KILL", "-SIGKILL", "--signal=KILL", "--signal=9"].contains($0) })
            || (program != "kill" && args.indices.contains { index in
                ["-s", "--signal"].contains(args[index]) && index + 1 < args.count && ["9", "KILL", "SIGKILL"].contains(args[index + 1])
            })
        return [
            Finding(
                [.processControl], risk: all ? .high : .medium, blast: .machine, reversibility: .partial,
                reason: all
                    ? "\(program) \(targets.joined(separator: " ")): every process, pid 1 or a broad name"
                    : "\(program) stops processes", targets: targets, rule: all ? "process.kill-all" : "process.kill")
        ]
    }

    static func services(_ inv: Invocation) -> [Finding] {
        let verbs = inv.args.filter { !$0.hasPrefix("-") }
        let readVerbs: Set<String> = [
            "status", "list-units", "list-unit-files", "show", "cat", "is-active", "is-enabled", "is-failed", "list",
            "print", "--status-all", "list-timers", "list-sockets", "list-dependencies", "help", "blame", "get-default",
            "show-environment", "list-jobs", "version", "print-service", "print-disabled", "blame",
        ]
        if verbs.isEmpty || inv.args.contains("--status-all") || inv.args.contains("--help") || verbs.contains(where: readVerbs.contains)
            || inv.program == "launchctl" && verbs.first.map({ ["list", "print", "blame", "dumpstate", "procinfo"].contains($0) }) == true
        {
            return [.read("\(inv.program) shows services", rule: "service.status")]
        }
        let stopping: Set<String> = [
            "stop", "disable", "mask", "kill", "restart", "reload", "isolate", "poweroff", "reboot", "halt", "rescue",
            "emergency", "unload", "bootout", "remove", "disable-now", "try-restart", "force-reload", "daemon-reexec",
        ]
        let changes = verbs.contains(where: stopping.contains) || inv.args.contains("--now")
        let persists = verbs.contains(where: { ["enable", "load", "bootstrap", "link", "submit"].contains($0) })
        if persists {
            return [
                Finding(
                    [.persistence, .processControl], risk: .high, blast: .machine, reversibility: .partial,
                    reason: "\(inv.program) \(verbs.prefix(2).joined(separator: " ")) makes a service start by itself",
                    rule: "service.change")
            ]
        }
        return [
            Finding(
                [.processControl, .privilege], risk: changes ? .high : .medium, blast: .machine, reversibility: .partial,
                reason: "\(inv.program) \(verbs.prefix(2).joined(separator: " ")) changes system services",
                rule: "service.change")
        ]
    }

    static func crontab(_ inv: Invocation) -> [Finding] {
        let args = inv.args
        if args.contains("-l") || args.contains("-v") || args.contains("-V") {
            return [.read("crontab -l lists scheduled jobs", rule: "cron.list")]
        }
        if args.contains(where: { $0 == "-r" || $0.hasPrefix("-") && !$0.hasPrefix("--") && $0.contains("r") }) {
            return [.dataDelete("crontab -r deletes every scheduled job", rule: "cron.remove")]
        }
        return [
            Finding(
                [.persistence], risk: .high, blast: .machine, reversibility: .partial,
                reason: "crontab schedules commands that run later, outside any gate", rule: "cron.install")
        ]
    }

    static let atJob: ProgramHandler = { inv, analyzer, depth in
        if inv.args.contains("-l") || inv.args.contains("-c") && inv.program == "at" {
            return [.read("\(inv.program) lists queued jobs", rule: "cron.list")]
        }
        if inv.args.contains("-r") || inv.args.contains("-d") {
            return [.dataDelete("\(inv.program) removes queued jobs", risk: .medium, rule: "cron.remove")]
        }
        if let text = inv.stdinText { analyzer.analyze(script: text, depth: depth + 1) }
        return [
            Finding(
                [.persistence], risk: .high, blast: .machine, reversibility: .partial,
                reason: "\(inv.program) runs commands later, outside this review", isUnsure: inv.stdinText == nil,
                rule: "at.schedule")
        ]
    }

    static func firewall(_ inv: Invocation) -> [Finding] {
        let args = inv.args
        let shows = args.isEmpty || args.contains(where: {
            ["-L", "-S", "--list", "--list-rules", "list", "status", "show", "-nL", "-nvL", "-vnL", "-Ln", "-s", "--state",
                "--list-all", "-sr", "save", "iptables-save"].contains($0)
        })
        let flushes = args.contains(where: {
            ["-F", "--flush", "-X", "flush", "disable", "reset", "--panic-off", "-P", "stop", "-d"].contains($0)
        }) || inv.program == "nft" && args.contains("flush")
        if flushes, !(inv.program == "pfctl" && !args.contains("-d") && !args.contains("-F")) {
            return [.privilege("\(inv.program) \(args.prefix(3).joined(separator: " ")) flushes or disables the firewall", risk: .critical, rule: "firewall.flush")]
        }
        if shows { return [.read("\(inv.program) shows firewall rules", rule: "system.show")] }
        return [.privilege("\(inv.program) changes firewall rules", rule: "system.settings")]
    }

    static func settings(_ inv: Invocation) -> [Finding] {
        let args = inv.args
        let program = inv.program
        let showVerbs: Set<String> = [
            "show", "list", "status", "-a", "--all", "-l", "-L", "print", "get", "-p", "--print", "addr", "a", "link",
            "route", "r", "neigh", "n", "rule", "-s", "read", "-n", "--help", "-V", "--version", "timesync-status",
            "show-timesync", "-r", "-P", "query", "--display", "--list", "-h",
        ]
        let setWords: Set<String> = [
            "add", "del", "delete", "set", "change", "replace", "flush", "up", "down", "-w", "--write", "write",
            "enable", "disable", "set-time", "set-timezone", "set-ntp", "--install", "--set", "--remove", "load",
            "unload", "-s", "--systohc", "--hctosys", "-r",
        ]
        if program == "mount" || program == "umount" {
            // `mount`, `mount -l`, `mount -t ext4`: listings; a device or a directory makes it a mount.
            let operands = ArgumentFacts(valued: ["-t", "--types", "-o", "--options", "-L", "-U", "-O"]).parse(args).operands
            if program == "mount", operands.isEmpty, !args.contains("-a") {
                return [.read("mount lists mounted filesystems", rule: "system.show")]
            }
            // Mounting can hide or replace any folder (`mount --bind x /etc`): high. Unmounting a
            // removable or scratch mount is medium; the root, a system mount or every mount (`-a`)
            // takes the machine's files away from under it: high.
            let systemMount = args.contains("-a") || args.contains("--all") || operands.contains { operand in
                let trimmed = operand.count > 1 && operand.hasSuffix("/") ? String(operand.dropLast()) : operand
                return trimmed == "/" || systemMounts.contains(trimmed)
            }
            return [
                .privilege(
                    "\(program) \(operands.prefix(2).joined(separator: " ")) changes what is mounted",
                    risk: program == "mount" || systemMount ? .high : .medium, rule: "system.settings")
            ]
        }
        if program == "ldconfig", args.contains("-p") || args.contains("--print-cache") {
            return [.read("ldconfig -p lists libraries", rule: "system.show")]
        }
        if program == "defaults", let verb = args.first, ["read", "read-type", "domains", "find", "help"].contains(verb) {
            return [.read("defaults \(verb) reads settings", rule: "system.show")]
        }
        let changes = ["ip", "ifconfig", "timedatectl", "localectl", "nmcli", "tc", "hwclock"].contains(program)
            ? args.contains(where: setWords.contains) || program == "ifconfig" && args.count >= 2
            : !(args.isEmpty || args.contains(where: showVerbs.contains))
        if !changes { return [.read("\(program) shows system settings", rule: "system.show")] }
        if ["sysctl", "setenforce", "csrutil", "spctl", "insmod", "modprobe", "rmmod", "kextload", "auditctl"].contains(program) {
            return [
                .privilege(
                    "\(program) \(args.prefix(2).joined(separator: " ")) changes kernel or security settings", risk: .high,
                    rule: "system.settings")
            ]
        }
        return [.privilege("\(program) \(args.prefix(2).joined(separator: " ")) changes system settings", risk: .medium, rule: "system.settings")]
    }

    // MARK: Editors and pagers

    /// Pagers and editors read files; `+!cmd`, `-c '!cmd'`, `:!` and `LESSOPEN` make them run commands.
    private static func registerEditorsAndPagers(into builder: inout RegistryBuilder) {
        builder.add(["less", "more", "most", "man", "pg"]) { name in
            ProgramSpec(
                name, role: .reader, section: section, summary: "shows a file; `+!cmd`, -P and LESSOPEN run commands",
                arguments: ArgumentFacts(
                    valued: ["-p", "-x", "-y", "-z", "-b", "-h", "-j", "-k", "-T", "-S", "-M", "-C", "-L"],
                    writes: name == "less" ? ["-o", "-O", "--log-file", "--LOG-FILE"] : [],
                    executes: name == "man" ? ["-P", "--pager", "-H", "--html"] : []),
                access: name == "man" ? .none : .content,
                rules: name == "less"
                    ? [
                        Rule(
                            "pager.runs-command", .unknown, .high, "a pager told to run a shell command",
                            example: "less '+!id' README.md")
                    ] : [],
                handler: { inv, analyzer, depth in pager(inv, analyzer: &analyzer, depth: depth) })
        }
        builder.add([
            "vim", "vi", "nvim", "ex", "nano", "emacs", "code", "subl", "micro", "hx", "ed", "pico", "joe",
            "mcedit", "kak", "gedit", "kate", "mate", "cursor", "zed", "idea", "open", "xdg-open",
        ]) { name in
            ProgramSpec(
                name, role: .custom, section: section, summary: "opens an editor; -c/+ commands with ! run a shell",
                handler: { inv, analyzer, depth in editor(inv, analyzer: &analyzer, depth: depth) })
        }
    }

    static func pager(_ inv: Invocation, analyzer: inout ShellAnalyzer, depth: Int) -> [Finding] {
        for arg in inv.args where arg.hasPrefix("+") && arg.contains("!") {
            let command = String(arg.drop { $0 == "+" || $0 == "!" || $0 == ":" })
            analyzer.analyze(script: command, depth: depth + 1)
            return [.unknown("\(inv.program) runs the shell command \(command.prefix(60))", risk: .high, rule: "pager.runs-command")]
        }
        if inv.environment.keys.contains(where: { $0 == "LESSOPEN" || $0 == "LESSCLOSE" || $0 == "MANPAGER" || $0 == "PAGER" }) {
            return [.unknown("\(inv.program) runs the command in LESSOPEN or MANPAGER", risk: .high, rule: "pager.runs-command")]
        }
        return [.read("\(inv.program) shows text", rule: inv.program == "man" ? "data.print" : "reader.read")]
    }

    static func editor(_ inv: Invocation, analyzer: inout ShellAnalyzer, depth: Int) -> [Finding] {
        let program = inv.program
        if program == "open" || program == "xdg-open" {
            let target = inv.args.first { !$0.hasPrefix("-") } ?? ""
            if target.contains("://") { return [.remoteRead("\(program) opens \(target.prefix(80)) in a browser", rule: "network.fetch")] }
            return [.unknown("\(program) opens \(target.prefix(80)) with its default application", rule: "editor.open")]
        }
        var commands: [String] = []
        var index = 0
        let args = inv.args
        while index < args.count {
            let arg = args[index]
            if (arg == "-c" || arg == "--cmd" || arg == "-e" && program == "emacs" || arg == "--eval") && index + 1 < args.count {
                commands.append(args[index + 1])
                index += 2
                continue
            }
            if arg.hasPrefix("+"), arg.count > 1 { commands.append(String(arg.dropFirst())) }
            if ["-s", "-S", "-u"].contains(arg), index + 1 < args.count, program != "emacs" {
                // A script of editor commands from a file: unseen.
                return [.unknown("\(program) runs editor commands from \(args[index + 1].prefix(60))", risk: .high, rule: "editor.runs-command")]
            }
            index += 1
        }
        for command in commands {
            let trimmed = command.drop { $0 == ":" || $0 == " " }
            if trimmed.hasPrefix("!") || trimmed.hasPrefix("r !") || trimmed.hasPrefix("r!") || trimmed.hasPrefix("w !")
                || trimmed.hasPrefix("w!") || trimmed.hasPrefix("call system") || trimmed.hasPrefix("shell-command")
                || trimmed.contains("system(")
            {
                var rest = Substring(trimmed)
                for prefix in ["call system(", "shell-command", "r !", "r!", "w !", "w!", "!"] where rest.hasPrefix(prefix) {
                    rest = rest.dropFirst(prefix.count)
                    break
                }
                let shell = String(rest.drop { $0 == " " || $0 == "\"" || $0 == "'" })
                analyzer.analyze(script: shell, depth: depth + 1)
                return [.unknown("\(program) runs the shell command \(shell.prefix(60))", risk: .high, rule: "editor.runs-command")]
            }
            if trimmed.hasPrefix("w") || trimmed.hasPrefix("x") || trimmed.hasPrefix("%s") || trimmed.hasPrefix("wq") {
                return [.fileWrite("\(program) -c edits and writes files", rule: "path.workspace-write")]
            }
        }
        return [.unknown("\(program) opens an interactive editor", rule: "editor.open")]
    }

    // MARK: Keys and credentials

    private static func registerKeys(into builder: inout RegistryBuilder) {
        builder.add(
            ProgramSpec(
                "security", role: .custom, section: section, summary: "macOS keychain: finding or dumping secrets reads them",
                access: .ignored,
                handler: { inv, _, _ in
                    let verb = inv.args.first ?? ""
                    if verb.hasPrefix("find-") && (inv.args.contains("-w") || inv.args.contains("-g")) || verb == "dump-keychain"
                        || verb.hasPrefix("export")
                    {
                        return [.secrets("security \(verb) reads the keychain", rule: "keys.read")]
                    }
                    if verb.hasPrefix("find-") || verb.hasPrefix("list-") || verb == "show-keychain-info" {
                        return [.read("security \(verb) looks up keychain items", rule: "system.show")]
                    }
                    if verb.hasPrefix("delete-") { return [.dataDelete("security \(verb) deletes keychain items", rule: "keys.delete")] }
                    return [.secrets("security \(verb) changes the keychain", risk: .medium, rule: "keys.write")]
                }))
        builder.add(["pass", "gopass"]) { name in
            ProgramSpec(
                name, role: .custom, section: section, summary: "password store: showing an entry reads a secret",
                access: .ignored,
                handler: { inv, _, _ in
                    let verb = inv.args.first { !$0.hasPrefix("-") } ?? "ls"
                    if ["ls", "list", "find", "search", "grep", "help", "version"].contains(verb) && !inv.args.isEmpty || inv.args.isEmpty {
                        return [.read("\(inv.program) lists entries", rule: "system.show")]
                    }
                    if ["rm", "remove", "delete"].contains(verb) { return [.dataDelete("\(inv.program) rm deletes a password", rule: "keys.delete")] }
                    if ["insert", "add", "edit", "generate", "mv", "cp", "init"].contains(verb) {
                        return [.secrets("\(inv.program) \(verb) changes a password", risk: .medium, rule: "keys.write")]
                    }
                    return [.secrets("\(inv.program) reads a password", rule: "keys.read")]
                })
        }
        builder.add(
            ProgramSpec(
                "gpg", role: .decoder, section: section,
                summary: "GnuPG: decrypting or exporting secret keys reads secrets; deleting keys is critical",
                access: .ignored,
                rules: [
                    Rule("keys.read", .secretsAccess, .high, "decrypts, or exports secret key material", example: "gpg --export-secret-keys -a me"),
                    Rule("keys.delete", .dataDelete, .critical, "deletes keys", example: "gpg --delete-secret-keys me"),
                    Rule("keys.use", .secretsAccess, .medium, "signs or encrypts with a private key", example: "gpg --sign notes.txt"),
                    Rule("keys.write", .secretsAccess, .medium, "creates or changes keys or keychain items", example: "gpg --gen-key"),
                ],
                handler: { inv, _, _ in gpg(inv) }), aliases: ["gpg2"])
        builder.add(
            ProgramSpec(
                "age", role: .decoder, section: section, summary: "encrypts; -d decrypts a file", access: .ignored,
                handler: { inv, _, _ in
                    inv.args.contains(where: { $0 == "-d" || $0 == "--decrypt" })
                        ? [.secrets("age decrypts a file", rule: "keys.read")]
                        : [.fileWrite("age encrypts a file", rule: "path.workspace-write")]
                }))
        builder.add(
            ProgramSpec(
                "ssh-keygen", role: .custom, section: section,
                summary: "makes or changes SSH keys (in ~/.ssh by default); -R edits known_hosts", access: .ignored,
                rules: [
                    Rule(
                        "keys.ssh-keygen", .secretsAccess, .high, "creates or rewrites SSH keys outside the repository",
                        example: "ssh-keygen -t ed25519")
                ],
                handler: { inv, _, _ in sshKeygen(inv) }))
        builder.add(
            ProgramSpec(
                "ssh-add", role: .custom, section: section, summary: "loads private keys into the agent", access: .ignored,
                handler: { inv, _, _ in
                    inv.args.contains("-l") || inv.args.contains("-L")
                        ? [.read("ssh-add lists loaded keys", rule: "system.show")]
                        : [.secrets("ssh-add loads a private key into the agent", risk: .medium, rule: "keys.use")]
                }))
        builder.add(
            ProgramSpec(
                "ssh-copy-id", role: .custom, section: section, summary: "grants a key access to another host", access: .ignored,
                handler: { inv, _, _ in [.privilege("ssh-copy-id grants this key access to another host", rule: "users.change")] }))
    }

    static func gpg(_ inv: Invocation) -> [Finding] {
        let args = inv.args
        func has(_ names: String...) -> Bool { args.contains(where: names.contains) }
        // Every `--delete-…` spelling (`--delete-key`, `--delete-secret-and-public-key`, …).
        if args.contains(where: { $0.hasPrefix("--delete-") }) {
            return [.dataDelete("gpg deletes keys", risk: .critical, rule: "keys.delete")]
        }
        if has("-d", "--decrypt", "--export-ownertrust") || args.contains(where: { $0.hasPrefix("--export-secret") })
            || args.contains(where: { $0.hasPrefix("-") && !$0.hasPrefix("--") && $0.contains("d") && $0.count <= 4 })
        {
            return [.secrets("gpg decrypts or exports secret material", rule: "keys.read")]
        }
        if has("-s", "--sign", "--clearsign", "--clear-sign", "-b", "--detach-sign", "-e", "--encrypt", "-c", "--symmetric") {
            return [.secrets("gpg signs or encrypts with a private key", risk: .medium, rule: "keys.use")]
        }
        if has("--gen-key", "--full-generate-key", "--generate-key", "--quick-gen-key", "--import", "--edit-key", "--quick-add-key", "--recv-keys", "--receive-keys") {
            return [.secrets("gpg creates, imports or changes keys", risk: .medium, rule: "keys.write")]
        }
        return [.read("gpg lists or verifies", rule: "system.show")]
    }

    static func sshKeygen(_ inv: Invocation) -> [Finding] {
        let args = inv.args
        let letters = Set(args.filter { $0.hasPrefix("-") && !$0.hasPrefix("--") }.flatMap { $0.dropFirst() })
        if !letters.isDisjoint(with: ["l", "F", "y", "L", "Q", "B", "H"]) && !letters.contains("R") {
            if letters.contains("y") { return [.secrets("ssh-keygen -y reads a private key", risk: .medium, rule: "keys.read")] }
            return [.read("ssh-keygen shows a fingerprint or lists keys", rule: "system.show")]
        }
        if args.contains("-R") {
            // known_hosts decides which servers ssh trusts: removing an entry makes the next
            // connection accept whatever key the host (or a man in the middle) shows.
            return [
                Finding(
                    [.fileWrite, .outsideWorkspace], risk: .high, blast: .machine, reversibility: .partial,
                    reason: "ssh-keygen -R removes a host's trusted key from ~/.ssh/known_hosts",
                    targets: ["~/.ssh/known_hosts"], rule: "keys.ssh-keygen")
            ]
        }
        let file = args.firstIndex(of: "-f").flatMap { $0 + 1 < args.count ? args[$0 + 1] : nil }
        if let file, (!file.hasPrefix("~") && !file.hasPrefix("/")) || file.hasPrefix("/tmp") {
            return [.fileWrite("ssh-keygen writes a new key to \(file)", targets: [file], rule: "path.workspace-write")]
        }
        return [
            Finding(
                [.secretsAccess, .outsideWorkspace], risk: .high, blast: .machine, reversibility: .partial,
                reason: "ssh-keygen creates or rewrites an SSH key in \(file ?? "~/.ssh") (it may replace the default key)",
                targets: [file ?? "~/.ssh/id_*"], rule: "keys.ssh-keygen")
        ]
    }

    // MARK: Terminals

    private static func registerTerminals(into builder: inout RegistryBuilder) {
        builder.add(
            ProgramSpec(
                "tmux", role: .custom, section: section,
                summary: "terminal multiplexer: ls, list-*, display, show-*, capture-pane read; the rest runs or sends commands",
                access: .ignored,
                rules: [
                    Rule(
                        "terminal.runs-command", .unknown, .high, "starts a session, window or pane running a command, or types into one",
                        example: "tmux send-keys -t 0 'rm -rf ~' Enter")
                ],
                handler: { inv, analyzer, depth in tmux(inv, analyzer: &analyzer, depth: depth) }))
        builder.add(
            ProgramSpec(
                "screen", role: .custom, section: section, summary: "terminal multiplexer: -ls reads, the rest runs commands",
                access: .ignored,
                handler: { inv, analyzer, depth in
                    if inv.args.contains("-ls") || inv.args.contains("-list") || inv.args.contains("-v") {
                        return [.read("screen lists sessions", rule: "system.show")]
                    }
                    let command = inv.args.drop { $0.hasPrefix("-") }
                    if !command.isEmpty { analyzer.analyze(script: command.joined(separator: " "), depth: depth + 1) }
                    return [.unknown("screen runs a command in a detached terminal", risk: .medium, rule: "terminal.runs-command")]
                }))
    }

    static func tmux(_ inv: Invocation, analyzer: inout ShellAnalyzer, depth: Int) -> [Finding] {
        let valued: Set<String> = ["-t", "-s", "-n", "-c", "-F", "-L", "-S", "-f", "-x", "-y", "-e", "-l", "-p", "-T", "-b"]
        var words: [String] = []
        var index = 0
        let args = inv.args
        // Global options before the command.
        while index < args.count, args[index].hasPrefix("-") {
            index += ["-L", "-S", "-f", "-c", "-T"].contains(args[index]) ? 2 : 1
        }
        let verb = index < args.count ? args[index] : ""
        index += 1
        while index < args.count {
            let arg = args[index]
            if valued.contains(arg) { index += 2; continue }
            if !arg.hasPrefix("-") { words.append(arg) }
            index += 1
        }
        let reads: Set<String> = [
            "ls", "list-sessions", "list-windows", "list-panes", "list-clients", "list-buffers", "list-keys",
            "list-commands", "display", "display-message", "show", "show-options", "show-environment", "show-buffer",
            "show-messages", "show-hooks", "capture-pane", "capturep", "has-session", "has", "info", "server-info",
            "start-server", "lsp", "lsw", "lscm", "showb", "showenv", "showw", "show-window-options", "-V", "",
        ]
        if reads.contains(verb) { return [.read("tmux \(verb) reads", rule: "system.show")] }
        if verb.hasPrefix("kill") {
            return [Finding([.processControl], risk: .medium, blast: .machine, reason: "tmux \(verb) ends sessions", rule: "process.kill")]
        }
        let runs: Set<String> = [
            "new-session", "new", "new-window", "neww", "split-window", "splitw", "respawn-pane", "respawnp",
            "respawn-window", "respawnw", "run-shell", "run", "if-shell", "if", "send-keys", "send", "pipe-pane",
            "pipep", "set-hook", "source-file", "source", "bind-key", "bind", "command-prompt",
        ]
        if runs.contains(verb) {
            if !words.isEmpty, verb != "bind-key", verb != "bind" {
                let text = verb.hasPrefix("send") ? words.filter { !["Enter", "C-m", "C-c", "Escape"].contains($0) }.joined(separator: " ") : words.joined(separator: " ")
                analyzer.analyze(script: text, depth: depth + 1)
            }
            return [
                .unknown(
                    "tmux \(verb) runs or types a command\(words.isEmpty ? " (a shell)" : ": " + words.joined(separator: " ").prefix(60))",
                    risk: words.isEmpty && verb.hasPrefix("new") ? .medium : .high,
                    isUnsure: !(words.isEmpty && verb.hasPrefix("new")), rule: "terminal.runs-command")
            ]
        }
        return [.unknown("tmux \(verb) changes the terminal server", risk: .low, isUnsure: false, rule: "terminal.change")]
    }
}
