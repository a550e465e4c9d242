/// Archivers and patch: packing reads the files named (a secret archived is a secret read),
/// unpacking writes files nobody can name from the command alone, and some options run commands.
enum ArchivePrograms {
    static let tarArguments = ArgumentFacts(
        valued: [
            "-f", "--file", "-C", "--directory", "-T", "--files-from", "-X", "--exclude-from", "-b", "-H", "--format",
            "--exclude", "--owner", "--group", "--mode", "--transform", "--xform", "-N", "--newer", "--strip-components",
            "-L", "--tape-length", "-V", "--label", "--checkpoint", "--index-file",
        ],
        executes: [
            "-I", "--use-compress-program", "--to-command", "--rsh-command", "-F", "--info-script", "--new-volume-script",
        ])

    static let rules = [
        Rule("archive.create", .read, .low, "packs files into an archive on standard output", example: "tar -czf - src"),
        Rule(
            "archive.extract", .fileWrite, .medium, "unpacks files whose names only the archive knows",
            example: "tar -xzf vendor.tgz"),
        Rule("archive.list", .read, .low, "lists an archive", example: "tar -tzf vendor.tgz"),
        Rule(
            "option.runs-command", .unknown, .medium, "an option that runs a command (judged as shell code)",
            example: "tar -xf a.tar --to-command='sh -c \"cat\"'"),
    ]

    /// `tar`, with old-style clusters (`tar xzf a.tgz`) read as options.
    static let tar: ProgramHandler = { inv, analyzer, depth in
        var args = inv.args
        if let first = args.first, !first.hasPrefix("-"), first.allSatisfy({ $0.isLetter }) {
            args[0] = "-" + first
        }
        let parsed = tarArguments.parse(args)
        var findings: [Finding] = []
        // --checkpoint-action=exec=CMD runs CMD at each checkpoint.
        for option in parsed.options where option.name == "--checkpoint-action" {
            if let value = option.value, value.hasPrefix("exec=") {
                let command = String(value.dropFirst(5))
                findings.append(
                    Finding(
                        [.unknown], risk: .medium, blast: .machine, reversibility: .unknown,
                        reason: "tar --checkpoint-action runs \(command.prefix(60))", rule: "option.runs-command"))
                analyzer.analyze(script: command, depth: depth + 1)
            }
        }
        let archive = parsed.value("-f", "--file")
        let directory = parsed.value("-C", "--directory")
        if parsed.has("-x", "--extract", "--get") {
            if let known = EdgeTargets.archive(archive, kind: .tar, via: "tar -x", into: directory, analyzer: &analyzer) {
                return findings + known
            }
            findings.append(extraction("tar -x", into: directory, context: inv.context))
        } else if parsed.has("-c", "--create", "-r", "--append", "-u", "--update") {
            if let archive, archive != "-" {
                findings += FileTargets.write(archive, verb: "tar writes the archive", context: inv.context)
            } else {
                findings.append(.read("tar packs files to standard output", rule: "archive.create"))
            }
            findings += secretsRead(parsed.operands, via: "tar", context: inv.context, base: directory)
        } else {
            findings.append(.read("tar lists an archive", rule: "archive.list"))
        }
        return findings
    }

    /// `zip out.zip files…`: writes the archive, reads the files.
    static let zip: ProgramHandler = { inv, _, _ in
        let parsed = ArgumentFacts(valued: ["-x", "-i", "-b", "-n", "-t", "-tt", "-P", "--password"], executes: ["-TT", "--unzip-command"])
            .parse(inv.args)
        guard let archive = parsed.operands.first else { return [.read("zip with no archive", rule: "archive.list")] }
        return FileTargets.write(archive, verb: "zip writes the archive", context: inv.context)
            + secretsRead(Array(parsed.operands.dropFirst()), via: "zip", context: inv.context, base: nil)
    }

    /// unzip, 7z, unrar, cpio, ar, pax: unpacking writes what the archive names.
    static let unpack: ProgramHandler = { inv, analyzer, _ in
        let program = inv.program
        let args = inv.args
        let verb = args.first { !$0.hasPrefix("-") } ?? ""
        switch program {
        case "unzip":
            if args.contains(where: { ["-l", "-t", "-v", "-z", "-Z", "-p", "-c"].contains($0) }) {
                return [.read("unzip lists or prints an archive", rule: "archive.list")]
            }
            let directory = value(after: "-d", in: args)
            let archive = args.first { !$0.hasPrefix("-") && $0 != directory }
            if let known = EdgeTargets.archive(archive, kind: .zip, via: "unzip", into: directory, analyzer: &analyzer) {
                return known
            }
            return [extraction("unzip", into: directory, context: inv.context)]
        case "7z", "7za", "7zz":
            if ["l", "t", "h", "i"].contains(verb) { return [.read("\(program) \(verb) lists an archive", rule: "archive.list")] }
            if ["a", "u"].contains(verb) {
                let operands = args.filter { !$0.hasPrefix("-") }.dropFirst()
                guard let archive = operands.first else { return [.fileWrite("\(program) packs files", rule: "archive.create")] }
                return FileTargets.write(archive, verb: "\(program) writes the archive", context: inv.context)
                    + secretsRead(Array(operands.dropFirst()), via: program, context: inv.context, base: nil)
            }
            if verb == "d" { return [.fileWrite("\(program) deletes entries from an archive", rule: "archive.create")] }
            let output = args.first { $0.hasPrefix("-o") }.map { String($0.dropFirst(2)) }
            return [extraction("\(program) \(verb)", into: output, context: inv.context)]
        case "cpio":
            if args.contains(where: { $0 == "-i" || $0 == "--extract" || $0.hasPrefix("-i") && !$0.hasPrefix("--") }) {
                return [extraction("cpio -i", into: value(after: "-D", in: args), context: inv.context)]
            }
            if args.contains(where: { $0 == "-p" || $0 == "--pass-through" || $0.hasPrefix("-p") && !$0.hasPrefix("--") }) {
                let destination = args.last { !$0.hasPrefix("-") }
                return destination.map { FileTargets.write($0, verb: "cpio -p copies files into", context: inv.context) }
                    ?? [extraction("cpio -p", into: nil, context: inv.context)]
            }
            if args.contains(where: { $0 == "-t" || $0 == "--list" || $0.hasPrefix("-t") }) {
                return [.read("cpio -t lists an archive", rule: "archive.list")]
            }
            return [.read("cpio packs the files listed on its input", rule: "archive.create")]
        case "ar":
            if verb.contains("t") || verb.contains("p") { return [.read("ar lists an archive", rule: "archive.list")] }
            if verb.contains("x") { return [extraction("ar x", into: nil, context: inv.context)] }
            let operands = args.filter { !$0.hasPrefix("-") }.dropFirst()
            return operands.first.map { FileTargets.write($0, verb: "ar writes the archive", context: inv.context) }
                ?? [.fileWrite("ar changes an archive", rule: "archive.create")]
        case "pax":
            // `-w` writes an archive (to `-f FILE` or standard output), `-r` reads one, both copy.
            let flags = args.filter { $0.hasPrefix("-") && !$0.hasPrefix("--") }.joined()
            let writes = flags.contains("w"), reads = flags.contains("r")
            if writes && !reads {
                if let archive = value(after: "-f", in: args) {
                    return FileTargets.write(archive, verb: "pax writes the archive", context: inv.context)
                }
                return [.read("pax packs files to standard output", rule: "archive.create")]
            }
            if reads { return [extraction("pax -r", into: writes ? args.last { !$0.hasPrefix("-") } : nil, context: inv.context)] }
            return [.read("pax lists an archive", rule: "archive.list")]
        case "jar":
            if verb.contains("t") { return [.read("jar lists an archive", rule: "archive.list")] }
            if verb.contains("x") { return [extraction("jar x", into: nil, context: inv.context)] }
            return [.fileWrite("jar packs files", rule: "archive.create")]
        default:
            if args.contains(where: { $0 == "-l" || $0 == "l" || $0 == "-t" || $0 == "t" || $0 == "v" && program == "unrar" }) {
                return [.read("\(program) lists an archive", rule: "archive.list")]
            }
            return [extraction(program, into: nil, context: inv.context)]
        }
    }

    /// `patch < file`: the files it changes are named in the patch; a heredoc patch is read here.
    static let patch: ProgramHandler = { inv, analyzer, _ in
        let parsed = ArgumentFacts(valued: ["-p", "-d", "-i", "-o", "-r", "-B", "-D", "-F", "-V", "-z", "--directory", "--input"])
            .parse(inv.args)
        if parsed.has("--dry-run", "-C") { return [.read("patch --dry-run changes nothing", rule: "archive.list")] }
        let directory = parsed.value("-d", "--directory")
        if let text = inv.stdinText {
            let targets = FileActionClassifier.patchTargets(text)
            if !targets.isEmpty {
                var context = inv.context
                if let directory { context.cwd = PathClassifier.resolve(directory, cwd: context.cwd, host: context.host) }
                return targets.prefix(32).flatMap { target in
                    target.isDeletion
                        ? [DeletionTargets.assess(target.path, recursive: false, via: "patch", context: context)]
                        : FileTargets.write(target.path, verb: "patch changes", context: context)
                }
            }
        }
        // The patch read from a file (`-i x.patch`, `< x.patch`): judged by the files it changes.
        let input = parsed.value("-i", "--input") ?? analyzer.redirections.last(where: { $0.op == .input })?.target.text
        if let input {
            var base = inv.context.cwd
            if let directory { base = PathClassifier.resolve(directory, cwd: base, host: inv.context.host) }
            let named = parsed.operands.first.map { FileTargets.write($0, verb: "patch changes", context: inv.context) } ?? []
            if let known = EdgeTargets.patchFile(input, via: "patch", base: base, analyzer: &analyzer) {
                return named + known
            }
        }
        if let file = parsed.operands.first {
            return FileTargets.write(file, verb: "patch changes", context: inv.context)
        }
        return [extraction("patch", into: directory, context: inv.context, verb: "changes the files the patch names")]
    }

    /// Unpacking into `directory` (or here): the names are the archive's, so the analysis is unsure.
    static func extraction(
        _ what: String, into directory: String?, context: ClassificationContext,
        verb: String = "writes files whose names only the archive knows"
    ) -> Finding {
        let place = directory ?? "."
        let path = context.classify(path: place)
        let risk: Risk = path.isSelfModification || path.isPersistence ? .critical
            : path.isSystem || (!path.isInsideWorkspace && path.isInHome) ? .high
            : path.isTemporary ? .low : .medium
        let categories: [Category] = path.isInsideWorkspace ? [.fileWrite] : [.fileWrite, .outsideWorkspace]
        return Finding(
            categories, risk: risk, blast: path.isInsideWorkspace ? .workspace : .machine, reversibility: .unknown,
            reason: "\(what) \(verb) into \(place)", targets: [place], isUnsure: true, rule: "archive.extract")
    }

    /// Secrets among the files packed.
    static func secretsRead(_ operands: [String], via program: String, context: ClassificationContext, base: String?)
        -> [Finding]
    {
        var context = context
        if let base { context.cwd = PathClassifier.resolve(base, cwd: context.cwd, host: context.host) }
        return operands.prefix(32).compactMap { operand in
            let path = context.classifySecrets(path: operand)
            return path.isSecret
                ? .secrets("\(program) packs \(path.reason)", targets: [operand], rule: "path.secret-read") : nil
        }
    }

    private static func value(after option: String, in args: [String]) -> String? {
        if let index = args.firstIndex(of: option), index + 1 < args.count { return args[index + 1] }
        return args.first { $0.hasPrefix(option) && $0.count > option.count }.map { String($0.dropFirst(option.count)) }
    }
}
