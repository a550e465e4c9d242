/// Programs that read, write or delete files and manage processes on this machine.
enum LocalPrograms {
    static let readers: [String] = [
        "ls", "ll", "la", "dir", "vdir", "cat", "tac", "head", "tail", "less", "more", "bat", "batcat", "wc",
        "grep", "egrep", "fgrep", "rg", "ag", "ack", "fd", "fdfind", "tree", "file", "stat", "du", "df", "diff",
        "cmp", "comm", "sort", "uniq", "cut", "tr", "jq", "yq", "xq", "xxd", "od", "hexdump", "base64", "base32",
        "md5sum", "sha1sum", "sha256sum", "sha512sum", "b2sum", "cksum", "sum", "column", "fold", "fmt", "nl",
        "rev", "paste", "join", "strings", "nm", "objdump", "readelf", "ldd", "otool", "ps", "pgrep", "pstree",
        "top", "htop", "btop", "free", "vmstat", "iostat", "lsof", "lscpu", "lsblk", "lsusb", "lspci",
        "realpath", "readlink", "getconf", "env-check", "printenv-safe", "zcat-safe", "look", "wdiff",
        "colordiff", "delta", "difft", "tokei", "cloc", "scc", "exa", "eza", "lsd", "glow", "mdcat", "zless",
        "zgrep", "xmllint", "tidy", "iconv", "numfmt", "shuf", "expand", "unexpand", "watchman-check", "ctags",
        "locate", "mlocate", "findmnt", "lsattr", "getfacl", "namei", "which-safe", "id3", "exiftool", "identify",
        "ffprobe", "pdfinfo", "pdftotext", "sqlite3_analyzer", "journalctl", "dmesg", "last", "w", "who",
        "netstat", "ss", "ip", "ifconfig", "route", "arp", "lsmod", "systemd-analyze", "timedatectl", "hostnamectl",
        "awk-safe",
    ]

    /// `readers` as a set, for quick membership tests.
    static let readerNames = Set(readers)

    static let table: [String: ProgramClassifier] = {
        var table: [String: ProgramClassifier] = [:]
        for name in readers { table[name] = { .init(arrayLiteral: .read("\($0.program) reads")) } }
        table["printenv"] = { _ in [.secrets("printenv prints environment variables, secrets included")] }
        table["awk"] = awk
        table["gawk"] = awk
        table["mawk"] = awk
        table["sed"] = sed
        table["tee"] = tee
        for name in ["touch", "mkdir", "ln", "install", "mktemp", "split", "csplit", "truncate-safe"] {
            table[name] = { inv in
                writes(inv, targets: inv.positionals(valued: ["-m", "-t", "-d", "-S", "-o", "-g", "--mode"]))
            }
        }
        table["cp"] = copyOrMove
        table["mv"] = copyOrMove
        table["patch"] = { inv in [.fileWrite("patch applies a patch to files")] }
        for name in ["tar", "unzip", "gunzip", "gzip", "zip", "bunzip2", "bzip2", "xz", "unxz", "7z", "zstd", "unrar"] {
            table[name] = { inv in [.fileWrite("\(inv.program) packs or unpacks files")] }
        }
        table["rm"] = rm
        table["unlink"] = { inv in
            inv.positionals().map { DeletionTargets.assess($0, recursive: false, via: "unlink", context: inv.context) }
        }
        table["rmdir"] = { inv in
            [
                Finding(
                    [.destructiveFS], risk: .low, blast: .workspace, reason: "rmdir removes empty directories",
                    targets: inv.positionals())
            ]
        }
        for name in ["shred", "srm", "wipe"] {
            table[name] = { inv in
                let recursive = inv.has(short: "rR", long: ["--recursive"])
                return inv.positionals(valued: ["-n", "-s", "--iterations"]).map {
                    var finding = DeletionTargets.assess(
                        $0, recursive: recursive, via: inv.program, context: inv.context)
                    finding.reason += " beyond recovery"
                    return finding
                }
            }
        }
        table["truncate"] = { inv in
            [
                .destructive(
                    "truncate cuts files to a size", risk: .medium, blast: .workspaceUnrecoverable,
                    targets: inv.positionals(valued: ["-s", "-r", "--size"]))
            ]
        }
        table["dd"] = dd
        for name in [
            "fdisk", "sfdisk", "cfdisk", "parted", "gdisk", "sgdisk", "wipefs", "mkswap", "cryptsetup", "lvremove",
            "vgremove", "pvremove", "zpool", "zfs",
        ] {
            table[name] = { inv in
                inv.args.contains("list") || inv.args == ["-l"] || inv.args.contains("status")
                    ? [.read("\(inv.program) lists disks")]
                    : [.destructive("\(inv.program) changes disks or partitions", risk: .critical, blast: .machine)]
            }
        }
        for name in ["kill", "pkill", "killall", "xkill"] { table[name] = kill }
        for name in ["reboot", "shutdown", "halt", "poweroff"] {
            table[name] = { inv in
                [
                    Finding(
                        [.processControl, .privilege], risk: .critical, blast: .machine, reversibility: .partial,
                        reason: "\(inv.program) stops the machine")
                ]
            }
        }
        table["systemctl"] = services
        table["service"] = services
        table["launchctl"] = services
        table["crontab"] = crontab
        table["chmod"] = chmodChown
        table["chown"] = chmodChown
        table["chgrp"] = chmodChown
        table["chattr"] = { inv in [.privilege("chattr changes file attributes", risk: .medium)] }
        for name in [
            "useradd", "userdel", "usermod", "adduser", "deluser", "groupadd", "groupdel", "passwd", "chpasswd",
            "visudo", "setcap", "setfacl", "gpasswd", "newgrp", "sudoers",
        ] {
            table[name] = { inv in [.privilege("\(inv.program) changes users, groups or permissions")] }
        }
        for name in [
            "iptables", "ip6tables", "nft", "ufw", "firewall-cmd", "sysctl", "modprobe", "insmod", "rmmod", "mount",
            "umount", "swapon", "swapoff", "setenforce",
        ] {
            table[name] = { inv in
                inv.args.isEmpty || inv.args.contains("-L") || inv.args.contains("status") || inv.args.contains("list")
                    ? [.read("\(inv.program) shows system settings")]
                    : [.privilege("\(inv.program) changes system settings")]
            }
        }
        for name in [
            "vim", "vi", "nvim", "nano", "emacs", "code", "subl", "micro", "hx", "ed", "pico", "joe", "mcedit",
        ] {
            table[name] = { inv in [.unknown("\(inv.program) opens an interactive editor")] }
        }
        for name in ["security"] {
            table[name] = { inv in
                inv.args.contains(where: { $0.hasPrefix("find-") || $0 == "dump-keychain" || $0.hasPrefix("export") })
                    ? [.secrets("security reads the keychain")] : [.unknown("security changes the keychain")]
            }
        }
        for name in ["pass", "gopass"] {
            table[name] = { inv in
                ["ls", "list", "find", "search", "grep"].contains(inv.positionals().first ?? "ls") && !inv.args.isEmpty
                    ? [.read("\(inv.program) lists entries")] : [.secrets("\(inv.program) reads a password")]
            }
        }
        table["gpg"] = { inv in
            inv.has(short: "d", long: ["--decrypt", "--export-secret-keys", "--export-secret-subkeys"])
                ? [.secrets("gpg decrypts or exports secret material")] : [.read("gpg")]
        }
        table["age"] = { inv in
            inv.has(short: "d", long: ["--decrypt"])
                ? [.secrets("age decrypts a file")] : [.fileWrite("age encrypts a file")]
        }
        table["ssh-keygen"] = { inv in [.fileWrite("ssh-keygen manages keys")] }
        table["ssh-add"] = { inv in [.secrets("ssh-add loads a private key into the agent", risk: .medium)] }
        table["ssh-copy-id"] = { inv in [.privilege("ssh-copy-id grants this key access to another host")] }
        table["tmux"] = { inv in
            let verb = inv.positionals(valued: ["-t", "-s", "-n", "-c", "-F", "-L", "-S"]).first ?? ""
            return verb.hasPrefix("kill")
                ? [Finding([.processControl], risk: .medium, blast: .machine, reason: "tmux \(verb) ends sessions")]
                : [.read("tmux \(verb)")]
        }
        return table
    }()

    static func writes(_ inv: Invocation, targets: [String]) -> [Finding] {
        let context = inv.context
        var findings = targets.prefix(16).flatMap {
            FileTargets.write($0, verb: "\(inv.program) writes", context: context)
        }
        if findings.isEmpty { findings = [.fileWrite("\(inv.program) writes files")] }
        return findings
    }

    static func copyOrMove(_ inv: Invocation) -> [Finding] {
        let operands = inv.positionals(valued: ["-t", "--target-directory", "-S", "--suffix"])
        var findings: [Finding] = []
        if let destination = inv.value(of: "-t", "--target-directory") ?? operands.last {
            if destination == "/dev/null", inv.program == "mv" {
                return [
                    .destructive(
                        "mv into /dev/null destroys \(operands.dropLast().joined(separator: " "))",
                        risk: .high, blast: .workspaceUnrecoverable)
                ]
            }
            findings += FileTargets.write(destination, verb: "\(inv.program) writes", context: inv.context)
        }
        if inv.program == "mv" {
            for source in operands.dropLast() {
                let kind = DeletionTargets.kind(of: source, context: inv.context)
                if kind == .catastrophic || kind == .selfModification {
                    findings.append(DeletionTargets.assess(source, recursive: true, via: "mv", context: inv.context))
                }
            }
        }
        return findings.isEmpty ? [.fileWrite("\(inv.program) copies files")] : findings
    }

    static func rm(_ inv: Invocation) -> [Finding] {
        let recursive = inv.has(short: "rR", long: ["--recursive"])
        let force = inv.has(short: "f", long: ["--force"])
        if inv.has(long: ["--help", "--version"]) { return [.read("rm \(inv.args.first ?? "")")] }
        let targets = inv.positionals()
        if targets.isEmpty {
            return recursive && force
                ? [.destructive("rm -rf with no target named", risk: .high, blast: .workspaceUnrecoverable)]
                : [.read("rm with nothing to remove")]
        }
        var findings = targets.prefix(32).map {
            DeletionTargets.assess(
                $0, recursive: recursive, via: recursive && force ? "rm -rf" : "rm", context: inv.context)
        }
        if inv.has(long: ["--no-preserve-root"]) {
            findings.append(.destructive("rm --no-preserve-root allows deleting /", risk: .critical, blast: .machine))
        }
        return findings
    }

    static func awk(_ inv: Invocation) -> [Finding] {
        let program = inv.positionals(valued: ["-F", "-v", "-f"]).first ?? ""
        if program.contains("system(") || program.contains("| \"") || program.contains("|\"") || program.contains("|&")
        {
            return [.unknown("awk program runs shell commands", risk: .high)]
        }
        if program.contains("> \"") || program.contains(">\"") || program.contains(">> ") {
            return [.fileWrite("awk program writes files")]
        }
        return [.read("awk reads")]
    }

    static func sed(_ inv: Invocation) -> [Finding] {
        let inPlace = inv.args.contains {
            $0 == "-i" || $0.hasPrefix("-i") || $0.hasPrefix("--in-place")
                || ($0.hasPrefix("-") && !$0.hasPrefix("--") && $0.contains("i"))
        }
        let script = inv.positionals(valued: ["-e", "-f", "--expression", "--file", "-l"]).first ?? ""
        if script.contains("e") && (script.hasSuffix("/e") || script.contains("/e;")) {
            return [.unknown("sed script runs shell commands (e flag)", risk: .high)]
        }
        guard inPlace else { return [.read("sed filters text")] }
        let files = Array(inv.positionals(valued: ["-e", "-f", "--expression", "--file", "-l"]).dropFirst())
        return writes(inv, targets: files)
    }

    static func tee(_ inv: Invocation) -> [Finding] {
        let targets = inv.positionals()
        return targets.isEmpty ? [.read("tee copies stdin to stdout")] : writes(inv, targets: targets)
    }

    static func dd(_ inv: Invocation) -> [Finding] {
        guard let output = inv.args.first(where: { $0.hasPrefix("of=") })?.dropFirst(3) else {
            return [.read("dd copies to stdout")]
        }
        if output.hasPrefix("/dev/") && !output.hasPrefix("/dev/null") {
            return [
                .destructive(
                    "dd overwrites the device \(output)", risk: .critical, blast: .machine, targets: [String(output)])
            ]
        }
        return writes(inv, targets: [String(output)])
    }

    static func kill(_ inv: Invocation) -> [Finding] {
        let targets = inv.positionals(valued: ["-s", "-n", "-u", "-signal"])
        if targets.contains(where: { $0.lowercased().contains("airlock") }) {
            return [
                Finding(
                    [.selfModification], risk: .critical, blast: .machine, reversibility: .partial,
                    reason: "\(inv.program) stops Airlock itself")
            ]
        }
        if inv.program == "kill", inv.args.contains("-l") { return [.read("kill -l lists signals")] }
        let all = targets.contains("1") || targets.contains("-1") || inv.program == "killall" && inv.args.contains("-u")
        return [
            Finding(
                [.processControl], risk: all ? .high : .medium, blast: .machine, reversibility: .partial,
                reason: "\(inv.program) stops processes", targets: targets)
        ]
    }

    static func services(_ inv: Invocation) -> [Finding] {
        let verbs = inv.positionals()
        let readVerbs: Set<String> = [
            "status", "list-units", "list-unit-files", "show", "cat", "is-active", "is-enabled", "list", "print",
            "--status-all", "list-timers",
        ]
        if verbs.isEmpty || verbs.contains(where: readVerbs.contains) {
            return [.read("\(inv.program) shows services")]
        }
        return [
            Finding(
                [.processControl, .privilege], risk: .medium, blast: .machine, reversibility: .partial,
                reason: "\(inv.program) \(verbs.prefix(2).joined(separator: " ")) changes system services")
        ]
    }

    static func crontab(_ inv: Invocation) -> [Finding] {
        if inv.args.contains("-l") { return [.read("crontab -l lists scheduled jobs")] }
        if inv.args.contains("-r") { return [.dataDelete("crontab -r deletes every scheduled job")] }
        return [
            Finding(
                [.agentConfig], risk: .high, blast: .machine, reversibility: .partial,
                reason: "crontab schedules commands that run later, outside any gate")
        ]
    }

    static func chmodChown(_ inv: Invocation) -> [Finding] {
        let recursive = inv.has(short: "R", long: ["--recursive"])
        let operands = inv.positionals(valued: ["--reference"])
        let mode = operands.first ?? ""
        let targets = Array(operands.dropFirst())
        let context = inv.context
        for target in targets {
            let kind = DeletionTargets.kind(of: target, context: context)
            if kind == .selfModification {
                return [
                    Finding(
                        [.selfModification], risk: .critical, blast: .machine, reversibility: .partial,
                        reason: "\(inv.program) changes Airlock's or a harness's own files", targets: [target])
                ]
            }
            if kind == .catastrophic, recursive || target.hasPrefix("/") {
                return [
                    .privilege(
                        "\(inv.program) \(recursive ? "-R " : "")on \(target)", risk: .critical, targets: [target])
                ]
            }
            if target.contains(".ssh") || target.hasPrefix("/etc") || target.hasPrefix("/usr") {
                return [.privilege("\(inv.program) on a sensitive path \(target)", targets: [target])]
            }
        }
        if inv.program == "chmod",
            mode.contains("s") || mode.hasPrefix("4") && mode.count == 4 || mode.hasPrefix("2") && mode.count == 4
        {
            return [.privilege("chmod sets setuid/setgid bits", targets: targets)]
        }
        if inv.program == "chmod", mode.hasSuffix("777") || mode == "a+w" || mode == "o+w" {
            return [.privilege("chmod makes files writable by everyone", risk: .medium, targets: targets)]
        }
        if inv.program != "chmod" {
            return [.privilege("\(inv.program) changes file ownership", risk: .medium, targets: targets)]
        }
        return [.fileWrite("chmod changes file modes", targets: targets)]
    }
}

/// `find`: a read, unless it deletes (`-delete`) or runs commands (`-exec`, `-ok`).
enum FindProgram {
    static func classify(
        _ inv: Invocation, context: ClassificationContext, analyzer: inout ShellAnalyzer,
        depth: Int
    ) -> [Finding] {
        let args = inv.arguments
        let roots = inv.args.prefix { !$0.hasPrefix("-") && $0 != "(" && $0 != "!" }
        var findings: [Finding] = []
        var index = 0
        while index < args.count {
            let text = args[index].text
            if text == "-delete" {
                let targets = roots.isEmpty ? ["."] : Array(roots)
                for root in targets {
                    var finding = DeletionTargets.assess(root, recursive: true, via: "find -delete", context: context)
                    finding.risk = max(finding.risk, .high)
                    findings.append(finding)
                }
            } else if ["-exec", "-execdir", "-ok", "-okdir"].contains(text) {
                var end = index + 1
                while end < args.count, args[end].text != ";", args[end].text != "+" { end += 1 }
                let command = args[(index + 1)..<end].map { word in
                    word.text == "{}" ? ShellWord("$FOUND_FILE", hasExpansion: true) : word
                }
                if !command.isEmpty {
                    analyzer.analyze(words: Array(command), environment: [:], stdin: .terminal, depth: depth + 1)
                }
                index = end
            } else if ["-fprint", "-fprintf", "-fls", "-fprint0"].contains(text), index + 1 < args.count {
                findings += FileTargets.write(args[index + 1].text, verb: "find writes", context: context)
            }
            index += 1
        }
        return findings.isEmpty ? [.read("find lists files")] : findings
    }
}
