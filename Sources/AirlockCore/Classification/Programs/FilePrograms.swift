/// Programs that delete, copy, move, link, change modes, archive and edit files, and the disk
/// tools: where their operands land decides the risk.
enum FilePrograms {
    static let section = "Files and disks"

    static func register(into builder: inout RegistryBuilder) {
        builder.add(
            ProgramSpec(
                "rm", role: .custom, section: section, summary: "deletes files; the targets decide the risk",
                arguments: ArgumentFacts(), access: .ignored, rules: deletionRules, handler: { inv, _, _ in rm(inv) }))
        builder.add(
            ProgramSpec(
                "unlink", role: .custom, section: section, summary: "deletes one file", access: .ignored,
                handler: { inv, _, _ in
                    inv.args.filter { !$0.hasPrefix("-") }.map {
                        DeletionTargets.assess($0, recursive: false, via: "unlink", context: inv.context)
                    }
                }))
        builder.add(
            ProgramSpec(
                "rmdir", role: .custom, section: section, summary: "removes empty directories", access: .ignored,
                rules: [Rule("delete.empty-dirs", .destructiveFS, .low, "removes only empty directories", example: "rmdir old")],
                handler: { inv, _, _ in
                    [
                        Finding(
                            [.destructiveFS], risk: .low, blast: .workspace, reason: "rmdir removes empty directories",
                            targets: inv.args.filter { !$0.hasPrefix("-") }, rule: "delete.empty-dirs")
                    ]
                }))
        builder.add(["shred", "srm", "wipe"]) { name in
            ProgramSpec(
                name, role: .custom, section: section, summary: "overwrites then deletes files beyond recovery",
                arguments: ArgumentFacts(valued: ["-n", "-s", "--iterations", "--size", "--random-source"]), access: .ignored,
                handler: { inv, _, _ in shred(inv) })
        }
        builder.add(
            ProgramSpec(
                "truncate", role: .custom, section: section, summary: "cuts files to a size",
                arguments: ArgumentFacts(valued: ["-s", "-r", "--size", "--reference"]), access: .ignored,
                rules: [
                    Rule(
                        "file.truncate", .destructiveFS, .medium, "cuts a file to a size, losing its content",
                        example: "truncate -s 0 app.log")
                ],
                handler: { inv, _, _ in truncate(inv) }))
        builder.add(["cp", "mv"]) { name in
            ProgramSpec(
                name, role: .custom, section: section,
                summary: name == "cp" ? "copies files: where they land decides" : "moves files: the source goes away",
                arguments: ArgumentFacts(valued: ["-t", "--target-directory", "-S", "--suffix", "--backup", "--reflink"]),
                access: .ignored, handler: { inv, analyzer, _ in copyOrMove(inv, analyzer: &analyzer) })
        }
        builder.add(
            ProgramSpec(
                "ln", role: .custom, section: section, summary: "makes links: the link's place decides",
                arguments: ArgumentFacts(valued: ["-t", "--target-directory", "-S", "--suffix"]), access: .ignored,
                handler: { inv, analyzer, _ in link(inv, analyzer: &analyzer) }))
        builder.add(
            ProgramSpec(
                "install", role: .custom, section: section,
                summary: "copies files and sets modes: into a $PATH directory it persists",
                arguments: ArgumentFacts(valued: ["-m", "--mode", "-o", "--owner", "-g", "--group", "-t", "--target-directory", "-S", "--suffix"]),
                handler: { inv, analyzer, _ in install(inv, analyzer: &analyzer) }))
        builder.add(
            ProgramSpec(
                "dd", role: .custom, section: section, summary: "copies raw bytes: of= to a device destroys it",
                access: .ignored,
                rules: [
                    Rule("disk.overwrite", .destructiveFS, .critical, "overwrites a disk or partition", example: "dd if=/dev/zero of=/dev/sda"),
                    Rule("disk.raw-read", .secretsAccess, .high, "reads a raw disk: every file and key on it", example: "dd if=/dev/sda of=disk.img"),
                ],
                handler: { inv, _, _ in dd(inv) }))
        builder.add(["chmod", "chown", "chgrp"]) { name in
            ProgramSpec(
                name, role: .custom, section: section,
                summary: "changes modes or owners: on home or system paths it is a privilege change",
                arguments: ArgumentFacts(valued: ["--reference", "--from"]), access: .ignored,
                rules: name == "chmod"
                    ? [
                        Rule(
                            "perm.system", .privilege, .high, "changes modes or owners under home or system folders",
                            example: "chmod -R 755 /etc"),
                        Rule(
                            "perm.setuid", .privilege, .high, "sets setuid or setgid bits", example: "chmod u+s ./tool"),
                        Rule(
                            "perm.workspace", .fileWrite, .low, "changes modes or owners inside the workspace",
                            example: "chmod +x scripts/build.sh"),
                    ] : [],
                handler: { inv, _, _ in permissions(inv) })
        }
        builder.add(
            ProgramSpec(
                "chattr", role: .custom, section: section, summary: "changes file attributes (immutable, append-only)",
                access: .ignored,
                handler: { inv, _, _ in [.privilege("chattr changes file attributes", risk: .medium, rule: "perm.system")] }))
        builder.add(["find", "fd", "fdfind"]) { name in
            ProgramSpec(
                name, role: .custom, section: section,
                summary: "lists files; -delete and -exec act on every file found under its roots",
                arguments: ArgumentFacts(clusters: name != "find", selects: name == "find" ? FindProgram.narrowingTests : []),
                access: .ignored,
                rules: name == "find" ? FindProgram.rules : [], handler: FindProgram.classify)
        }
        builder.add(
            ProgramSpec(
                "tar", role: .custom, section: section,
                summary: "packs and unpacks archives; some options run commands",
                arguments: ArchivePrograms.tarArguments, rules: ArchivePrograms.rules, handler: ArchivePrograms.tar))
        builder.add(
            ProgramSpec(
                "zip", role: .custom, section: section, summary: "packs files; -TT runs a command to test the archive",
                arguments: ArgumentFacts(
                    valued: ["-x", "-i", "-b", "-n", "-t", "-tt", "-P", "--password"], executes: ["-TT", "--unzip-command"],
                    clusters: false),
                handler: ArchivePrograms.zip))
        builder.add(["unzip", "7z", "7za", "7zz", "unrar", "cpio", "ar", "pax", "bsdtar", "unar", "jar"]) { name in
            ProgramSpec(
                name, role: .custom, section: section, summary: "unpacks archives: what it writes is not known here",
                arguments: ArgumentFacts(valued: ["-d", "-x", "-o", "-p", "-P", "-C", "-F", "-E", "-I", "-O"]),
                handler: ArchivePrograms.unpack)
        }
        builder.add(
            ProgramSpec(
                "patch", role: .custom, section: section,
                summary: "applies a patch: the files it names (read from a heredoc when given)",
                arguments: ArgumentFacts(valued: ["-p", "-d", "-i", "-o", "-r", "-B", "-D", "-F", "-V", "-z", "--directory", "--input"]),
                handler: ArchivePrograms.patch))
        builder.add(
            ProgramSpec(
                "sed", role: .reader, section: section,
                summary: "filters text; -i rewrites files, and the `e` and `w` commands run or write",
                arguments: ArgumentFacts(
                    valued: ["-l", "--line-length"], inPlace: ["-i", "--in-place"], scriptOperand: true,
                    scriptOptions: ["-e", "-f", "--expression", "--file"]),
                rules: TextPrograms.sedRules, handler: TextPrograms.sed))
        builder.add(["awk", "gawk", "mawk", "nawk"]) { name in
            ProgramSpec(
                name, role: .reader, section: section,
                summary: "runs an awk program: system(), pipes and > redirections in it run or write",
                arguments: ArgumentFacts(valued: ["-F", "-v", "--assign", "--field-separator"], scriptOperand: true, scriptOptions: ["-f", "--file", "-e", "--source"]),
                rules: name == "awk" ? TextPrograms.awkRules : [], handler: TextPrograms.awk)
        }
        DiskPrograms.register(into: &builder)
    }

    static let deletionRules = [
        Rule(
            "delete.catastrophic", .destructiveFS, .critical,
            "deletes /, a system folder, a home directory or the whole working tree", example: "rm -rf ~"),
        Rule("delete.system", .destructiveFS, .high, "deletes under a system folder", example: "rm -rf /etc/nginx"),
        Rule("delete.outside", .destructiveFS, .high, "deletes outside the workspace", example: "rm -rf ~/projects/old"),
        Rule(
            "delete.dynamic", .destructiveFS, .high, "deletes a path known only at run time (a variable, piped input)",
            example: "rm -rf \"$DIR\""),
        Rule("delete.temp", .destructiveFS, .medium, "deletes a temp path", example: "rm -rf /tmp/build"),
        Rule(
            "delete.shared-temp", .destructiveFS, .high,
            "empties a shared temp directory: other programs' and users' files go with it", example: "rm -rf /tmp/*"),
        Rule(
            "delete.regenerable", .destructiveFS, .medium, "deletes a folder a build or install makes again",
            example: "rm -rf node_modules"),
        Rule("delete.workspace-tree", .destructiveFS, .high, "deletes a directory tree in the workspace", example: "rm -rf src"),
        Rule("delete.workspace-file", .destructiveFS, .medium, "deletes a file in the workspace", example: "rm notes.txt"),
        Rule("delete.secret", .destructiveFS, .high, "deletes a secrets file", example: "rm .env"),
    ]

    private static let rmOptions: Set<String> = ["-f", "-i", "-I", "-r", "-R", "-d", "-v", "-P", "-W", "-x"]

    static func rm(_ inv: Invocation) -> [Finding] {
        let parsed = ArgumentFacts().parse(inv.args)
        if parsed.has("--help", "--version") { return [.read("rm \(inv.args.first ?? "")", rule: "data.print")] }
        // rm refuses an option it does not know (`rm -name x`): it deletes nothing.
        if let bad = parsed.options.first(where: { !$0.name.hasPrefix("--") && !rmOptions.contains($0.name) }) {
            return [.read("rm rejects the option \(bad.name) and deletes nothing", rule: "data.print")]
        }
        let recursive = parsed.has("-r", "-R", "--recursive")
        let force = parsed.has("-f", "--force")
        // An empty operand (`rm ""`, a stray line-end `\`) deletes nothing.
        let targets = parsed.operands.filter { !$0.isEmpty }
        if targets.isEmpty {
            return recursive && force
                ? [
                    .destructive(
                        "rm -rf with no target named: what it would delete is not in the text", risk: .high,
                        blast: .workspaceUnrecoverable, rule: "delete.dynamic")
                ]
                : [.read("rm with nothing to remove", rule: "data.print")]
        }
        var findings: [Finding] = []
        for (index, target) in parsed.operands.prefix(32).enumerated() where !target.isEmpty {
            // `rm -rf *.log`: a filtered glob deletes matching entries, not a whole tree.
            let word = inv.arguments[parsed.operandIndices[index]]
            let filtered = word.hasGlob && Self.isFilteredGlob(target)
            findings.append(
                DeletionTargets.assess(
                    target, recursive: recursive && !filtered, via: recursive && force ? "rm -rf" : "rm",
                    context: inv.context))
        }
        if parsed.has("--no-preserve-root") {
            findings.append(
                .destructive("rm --no-preserve-root allows deleting /", risk: .critical, blast: .machine, rule: "delete.catastrophic"))
        }
        return findings
    }

    /// `*.log`, `build-*`: a glob in the last component that is more than `*`.
    static func isFilteredGlob(_ target: String) -> Bool {
        let last = target.split(separator: "/").last.map(String.init) ?? target
        return last != "*" && last != ".*" && (last.contains("*") || last.contains("?") || last.contains("["))
    }

    static func shred(_ inv: Invocation) -> [Finding] {
        let parsed = ArgumentFacts(valued: ["-n", "-s", "--iterations", "--size"]).parse(inv.args)
        let recursive = parsed.has("-r", "-R", "--recursive")
        return parsed.operands.prefix(16).map { target in
            if target.hasPrefix("/dev/"), !FileTargets.isDevice(target) {
                return .destructive("\(inv.program) overwrites the device \(target)", risk: .critical, blast: .machine, targets: [target], rule: "disk.overwrite")
            }
            if isHistoryFile(target) { return History.erase("\(inv.program) destroys shell history \(target)") }
            var finding = DeletionTargets.assess(target, recursive: recursive, via: inv.program, context: inv.context)
            finding.reason += " beyond recovery"
            // Overwritten first: not even git or a file-recovery tool brings it back.
            finding.risk = max(finding.risk, inv.context.classify(path: target).isTemporary ? .medium : .high)
            return finding
        }
    }

    static func isHistoryFile(_ path: String) -> Bool {
        path.hasSuffix("_history") || path.hasSuffix("/.history")
    }

    static func truncate(_ inv: Invocation) -> [Finding] {
        let operands = ArgumentFacts(valued: ["-s", "-r", "--size", "--reference"]).parse(inv.args).operands
        return operands.prefix(16).map { truncation(of: $0, context: inv.context) }
    }

    /// `truncate -s 0 x`, `cp /dev/null x`: the file's content is gone.
    static func truncation(of target: String, via program: String = "truncate", context: ClassificationContext) -> Finding {
        if target.hasPrefix("/dev/"), !FileTargets.isDevice(target) {
            return .destructive("\(program) cuts the device \(target)", risk: .critical, blast: .machine, targets: [target], rule: "disk.overwrite")
        }
        if isHistoryFile(target) { return History.erase("\(program) empties shell history \(target)") }
        if DeletionTargets.kind(of: target, context: context) == .dynamic {
            var finding = Finding.destructive(
                "\(program) cuts a path known only at run time (\(target.prefix(60)))", risk: .high,
                blast: .machine, targets: [target], rule: "file.truncate")
            finding.isUnsure = true
            return finding
        }
        let path = context.classify(path: target)
        if path.isSelfModification {
            return Finding(
                [.selfModification], risk: .critical, blast: .machine, reversibility: .irreversible,
                reason: "\(program) empties \(path.reason)", targets: [target], rule: "path.self-modification")
        }
        let outside = !path.isInsideWorkspace && !path.isTemporary
        return .destructive(
            "\(program) cuts \(target) to a size\(path.isSystem ? ", a system file" : "")",
            risk: path.isSystem || path.isSecret || path.isPersistence ? .high : outside ? .high : path.isTemporary ? .low : .medium,
            blast: outside ? .machine : .workspaceUnrecoverable, targets: [target], rule: "file.truncate")
    }

    static func copyOrMove(_ inv: Invocation, analyzer: inout ShellAnalyzer) -> [Finding] {
        let facts = ArgumentFacts(valued: ["-t", "--target-directory", "-S", "--suffix"])
        let parsed = facts.parse(inv.args)
        var operands = parsed.operands
        var findings: [Finding] = []
        let explicitTarget = parsed.value("-t", "--target-directory")
        let destination = explicitTarget ?? operands.last
        if explicitTarget == nil, !operands.isEmpty { operands.removeLast() }
        if let destination {
            if inv.program == "cp", operands == ["/dev/null"] {
                return [truncation(of: destination, via: "cp /dev/null", context: inv.context)]
            }
            if destination == "/dev/null", inv.program == "mv" {
                return [
                    .destructive(
                        "mv into /dev/null destroys \(operands.joined(separator: " "))", risk: .high,
                        blast: .workspaceUnrecoverable, rule: "delete.workspace-tree")
                ]
            }
            // `cp -n`, `mv --no-clobber`, `--update=none`: an existing file is left alone.
            let noClobber = inv.has(short: inv.program == "ln" ? "" : "n", long: ["--no-clobber", "--update=none"])
                || inv.args.contains("--update=none")
            let written = writtenPaths(into: destination, sources: operands, isDirectory: explicitTarget != nil)
                .flatMap { FileTargets.write($0, verb: "\(inv.program) writes", context: inv.context, overwrites: !noClobber) }
            analyzer.noteWrites(written)
            findings += written
        }
        for source in operands.prefix(16) {
            let path = inv.context.classifySecrets(path: source)
            if path.isSecret {
                findings.append(.secrets("\(inv.program) copies \(path.reason)", targets: [source], rule: "path.secret-read"))
            }
            guard inv.program == "mv" else { continue }
            // The content moves, so the destination decides; but taking Airlock's files, a system
            // folder or a whole home away breaks what relies on them.
            let kind = DeletionTargets.kind(of: source, context: inv.context)
            let resolved = PathClassifier.resolve(source, cwd: inv.context.cwd, host: inv.context.host)
            let isWorkspaceItself = inv.context.workspaceRoot.map {
                PathClassifier.resolve($0, cwd: nil, host: inv.context.host).hasPrefix(resolved.hasSuffix("/*") ? String(resolved.dropLast(2)) : resolved)
            } ?? false
            switch kind {
            case .selfModification, .system:
                var finding = DeletionTargets.assess(source, recursive: true, via: "mv", context: inv.context)
                finding.reason = "mv takes \(source) away from where it was"
                findings.append(finding)
            case .catastrophic where !isWorkspaceItself:
                var finding = DeletionTargets.assess(source, recursive: true, via: "mv", context: inv.context)
                finding.reason = "mv takes \(source) away from where it was: a system folder or a home"
                findings.append(finding)
            default:
                break
            }
        }
        return findings.isEmpty ? [.fileWrite("\(inv.program) copies files", rule: "path.workspace-write")] : findings
    }

    /// What a copy writes: the destination itself, or each source's name inside it when it is a
    /// folder (`-t DIR`, a trailing `/`, several sources).
    static func writtenPaths(into destination: String, sources: [String], isDirectory: Bool) -> [String] {
        guard isDirectory || destination.hasSuffix("/") || sources.count > 1 else { return [destination] }
        let folder = destination.hasSuffix("/") ? String(destination.dropLast()) : destination
        let names = sources.prefix(8).compactMap { $0.split(separator: "/").last.map(String.init) }
        return names.isEmpty ? [destination] : names.map { folder + "/" + $0 }
    }

    static func link(_ inv: Invocation, analyzer: inout ShellAnalyzer) -> [Finding] {
        let parsed = ArgumentFacts(valued: ["-t", "--target-directory", "-S", "--suffix"]).parse(inv.args)
        let folder = parsed.value("-t", "--target-directory")
        let link = folder ?? (parsed.operands.count >= 2 ? parsed.operands.last : nil)
        guard let link else { return [.fileWrite("ln makes a link here", rule: "path.workspace-write")] }
        let targets = folder == nil ? Array(parsed.operands.dropLast()) : parsed.operands
        // Without `-f` ln refuses a name that exists ("File exists"): it only creates, like `mkdir`.
        let replaces = parsed.has("-f", "--force")
        let written = writtenPaths(into: link, sources: targets, isDirectory: folder != nil)
            .flatMap { FileTargets.write($0, verb: "ln makes a link at", context: inv.context, overwrites: replaces) }
        analyzer.noteWrites(written)
        return written
    }

    static func install(_ inv: Invocation, analyzer: inout ShellAnalyzer) -> [Finding] {
        let parsed = ArgumentFacts(valued: ["-m", "--mode", "-o", "--owner", "-g", "--group", "-t", "--target-directory", "-S", "--suffix"]).parse(inv.args)
        let folder = parsed.value("-t", "--target-directory")
        let targets = parsed.has("-d", "--directory")
            ? parsed.operands
            : writtenPaths(
                into: folder ?? parsed.operands.last ?? "", sources: folder == nil ? Array(parsed.operands.dropLast()) : parsed.operands,
                isDirectory: folder != nil).filter { !$0.isEmpty }
        var findings = targets.prefix(16).flatMap { FileTargets.write($0, verb: "install puts a file at", context: inv.context) }
        analyzer.noteWrites(findings)
        if parsed.has("-o", "--owner", "-g", "--group") {
            findings.append(.privilege("install sets the owner of what it copies", risk: .medium, rule: "perm.system"))
        }
        return findings.isEmpty ? [.fileWrite("install copies files", rule: "path.workspace-write")] : findings
    }

    static func dd(_ inv: Invocation) -> [Finding] {
        var findings: [Finding] = []
        if let input = inv.args.first(where: { $0.hasPrefix("if=") })?.dropFirst(3), input.hasPrefix("/dev/"),
            !["/dev/zero", "/dev/urandom", "/dev/random", "/dev/null", "/dev/stdin"].contains(String(input))
        {
            findings.append(
                .secrets("dd reads the raw device \(input): every file and key on it", targets: [String(input)], rule: "disk.raw-read"))
        } else if let input = inv.args.first(where: { $0.hasPrefix("if=") })?.dropFirst(3) {
            let path = inv.context.classifySecrets(path: String(input))
            if path.isSecret {
                findings.append(.secrets("dd reads \(path.reason)", targets: [String(input)], rule: "path.secret-read"))
            }
        }
        guard let output = inv.args.first(where: { $0.hasPrefix("of=") })?.dropFirst(3) else {
            return findings.isEmpty ? [.read("dd copies to standard output", rule: "reader.read")] : findings
        }
        if output.hasPrefix("/dev/"), !FileTargets.isDevice(String(output)) {
            return findings + [
                .destructive("dd overwrites the device \(output)", risk: .critical, blast: .machine, targets: [String(output)], rule: "disk.overwrite")
            ]
        }
        return findings + FileTargets.write(String(output), verb: "dd writes", context: inv.context)
    }

    /// `chmod [-R] MODE FILE…`, `chown [-R] OWNER FILE…`: a mode may start with `-` (`chmod -x f`).
    static func permissionArguments(_ inv: Invocation) -> (recursive: Bool, mode: String, targets: [String]) {
        var recursive = false
        var operands: [String] = []
        var args = inv.args[...]
        var afterDashes = false
        while let arg = args.first {
            args = args.dropFirst()
            if afterDashes || !arg.hasPrefix("-") || arg.count == 1 {
                operands.append(arg)
                continue
            }
            if arg == "--" {
                afterDashes = true
            } else if arg == "--recursive" {
                recursive = true
            } else if arg == "--reference" || arg == "--from" {
                args = args.dropFirst()
                if arg == "--reference" { operands.append("=ref") }
            } else if arg.hasPrefix("--reference=") {
                operands.append("=ref")
            } else if arg.hasPrefix("--") {
                continue
            } else if inv.program == "chmod", operands.isEmpty, arg.dropFirst().allSatisfy({ "rwxXstugo+-=,0123456789".contains($0) }),
                arg.dropFirst().contains(where: { "rwxXst".contains($0) })
            {
                // `-x`, `-w+r`: a mode that removes permissions, not an option.
                operands.append(arg)
            } else if arg.dropFirst().allSatisfy({ "RcfvhHLP".contains($0) }) {
                if arg.contains("R") { recursive = true }
            } else {
                operands.append(arg)
            }
        }
        let mode = operands.isEmpty ? "" : operands.removeFirst()
        return (recursive, mode == "=ref" ? "" : mode, operands)
    }

    static func permissions(_ inv: Invocation) -> [Finding] {
        let (recursive, mode, operands) = permissionArguments(inv)
        let program = inv.program
        let context = inv.context
        let how = "\(program) \(recursive ? "-R " : "")"
        let workspaceRoot = context.workspaceRoot.map { PathClassifier.resolve($0, cwd: nil, host: context.host) }
        var findings: [Finding] = []
        var inWorkspace: [String] = []
        for target in operands.prefix(16) where !target.isEmpty {
            let kind = DeletionTargets.kind(of: target, context: context)
            var resolved = PathClassifier.resolve(target, cwd: context.cwd, host: context.host)
            if resolved.hasSuffix("/*") { resolved.removeLast(2) }
            switch kind {
            case .selfModification:
                return [
                    Finding(
                        [.selfModification], risk: .critical, blast: .machine, reversibility: .partial,
                        reason: "\(program) changes Airlock's or a harness's own files", targets: [target],
                        rule: "path.self-modification")
                ]
            case .catastrophic where resolved == workspaceRoot || resolved.hasPrefix((workspaceRoot ?? "\u{0}") + "/"):
                inWorkspace.append(target)
            case .catastrophic:
                // `/` or a system folder recursively is the machine; a whole home is high.
                let isHome = context.classify(path: resolved).isInHome || resolved.split(separator: "/").count == 2
                findings.append(
                    .privilege(
                        "\(how)on \(target): \(isHome ? "a whole home directory" : "a system folder or the whole disk")",
                        risk: recursive && !isHome ? .critical : .high, targets: [target], rule: "perm.system"))
            case .system, .secret:
                // Who may read or run a system file (`/etc/sudoers`, `/usr/bin/x`) is the machine's
                // security: high with or without -R.
                findings.append(
                    .privilege("\(how)on \(target), a system or secret path", targets: [target], rule: "perm.system"))
            case .home:
                // `~/{}`: every file a `find ~` matched, as many as `-R` would reach.
                let many = recursive || target.hasSuffix("/{}")
                findings.append(
                    .privilege(
                        "\(how)on \(target), in the home directory",
                        risk: many || isWorldWritable(mode) ? .high : .medium, targets: [target], rule: "perm.system"))
            case .outside:
                findings.append(
                    .privilege(
                        "\(how)on \(target), outside the workspace", risk: isWorldWritable(mode) ? .high : .medium,
                        targets: [target], rule: "perm.system"))
            case .dynamic:
                var finding = Finding.privilege(
                    "\(how)on a path known only at run time (\(target.prefix(60)))",
                    risk: recursive || isWorldWritable(mode) ? .high : .medium, targets: [target],
                    rule: "perm.system")
                finding.isUnsure = true
                findings.append(finding)
            case .temporary, .sharedTemp, .regenerable, .workspace:
                inWorkspace.append(target)
            }
        }
        if program == "chmod", isSetuid(mode) {
            findings.append(.privilege("chmod sets the setuid bit", targets: Array(operands.prefix(16)), rule: "perm.setuid"))
        }
        if !findings.isEmpty { return findings }
        if program == "chmod", isWorldWritable(mode) {
            return [
                Finding(
                    [.fileWrite], risk: .medium, blast: .workspace, reason: "chmod makes files writable by everyone",
                    targets: inWorkspace, rule: "perm.workspace")
            ]
        }
        if program != "chmod" {
            return [
                Finding(
                    [.fileWrite], risk: .medium, blast: .workspace,
                    reason: "\(how)changes file ownership in the workspace", targets: inWorkspace, rule: "perm.workspace")
            ]
        }
        return [.fileWrite("chmod changes file modes", targets: inWorkspace, rule: "perm.workspace")]
    }

    /// `777`, `666`, `a+w`, `o+w`: anyone on the machine may change the files.
    static func isWorldWritable(_ mode: String) -> Bool {
        mode.hasSuffix("777") || mode.hasSuffix("666") || mode == "a+w" || mode == "o+w" || mode == "a+rwx" || mode == "+w"
    }

    /// `u+s`, `+s`, `4755`, `6755`: the setuid bit (setgid alone on folders is ordinary sharing).
    static func isSetuid(_ mode: String) -> Bool {
        if mode.count == 4, let first = mode.first, "4567".contains(first), mode.allSatisfy(\.isNumber) { return true }
        for clause in mode.split(separator: ",") {
            let who = clause.prefix { "ugoa".contains($0) }
            let rest = clause.dropFirst(who.count)
            guard rest.first == "+" || rest.first == "=" else { continue }
            if rest.contains("s"), who.isEmpty || who.contains("u") || who.contains("a") { return true }
        }
        return false
    }
}
