/// Files packed to standard output and piped to a program that sends its input over the
/// network (`tar czf - . | curl -T - …`, `tar cf - src | nc host 9000`, `… | ssh host 'cat > a'`):
/// an upload of those files. Stages that only compress, encrypt, encode or meter pass the bytes
/// on. A secret among the files is exfiltration (`Classifier` adds it on the secret read).
enum StreamUpload {
    /// Stages that pass their input on, transformed but whole.
    static let passThrough: Set<String> = [
        "gzip", "pigz", "bzip2", "pbzip2", "xz", "zstd", "lz4", "lzma", "brotli", "pv", "base64", "openssl", "gpg",
        "age", "cat", "buffer", "mbuffer", "tee", "split", "base32", "basenc", "uuencode", "xxd", "od", "hexdump", "dd",
        "stdbuf",
    ]

    /// Archivers and bundlers, by the spellings that write the archive to standard output:
    /// `zip -r - .`, `7z a -so x.7z .`, `cpio -o`, `pax -w`, `git archive`, `git bundle create -`,
    /// `gzip -c backup.tar`, `docker save img`. (`tar` raises `archive.create` itself.)
    static let packers: Set<String> = [
        "tar", "bsdtar", "gtar", "zip", "7z", "7za", "7zz", "cpio", "pax", "jar", "git", "gzip", "pigz", "bzip2",
        "pbzip2", "xz", "zstd", "lz4", "lzma", "brotli", "docker", "podman", "nerdctl", "finch",
    ]

    /// True when `program args` writes an archive or bundle of files to standard output.
    static func packsToStandardOutput(_ program: String, _ args: [String]) -> Bool {
        guard packers.contains(program) else { return false }
        var shortFlags: [Substring] { args.filter { $0.count > 1 && $0.hasPrefix("-") && !$0.hasPrefix("--") }.map { $0.dropFirst() } }
        var operands: [String] { args.filter { !$0.hasPrefix("-") } }
        switch program {
        case "tar", "bsdtar", "gtar":
            var words = args
            // Old-style clusters: `tar czf - .`.
            if let first = words.first, !first.hasPrefix("-"), first.allSatisfy(\.isLetter) { words[0] = "-" + first }
            let parsed = ArchivePrograms.tarArguments.parse(words)
            return parsed.has("-c", "--create") && (parsed.value("-f", "--file") ?? "-") == "-"
        case "zip":
            return zipArguments.parse(args).operands.first == "-"
        case "7z", "7za", "7zz":
            return operands.first == "a" && args.contains("-so")
        case "cpio":
            let creates = args.contains("--create") || shortFlags.contains { $0.contains("o") }
            return creates && !args.contains { $0.hasPrefix("-O") || $0.hasPrefix("-F") || $0.hasPrefix("--file") }
        case "pax":
            let writes = shortFlags.contains { $0.contains("w") } && !shortFlags.contains { $0.contains("r") }
            return writes && !shortFlags.contains { $0.contains("f") }
        case "jar":
            guard let verb = args.first else { return false }
            return verb.contains("c") && !verb.contains("f")
        case "git":
            return gitWritesBundle(args)
        case "docker", "podman", "nerdctl", "finch":
            let verbs = operands.prefix(2)
            let saves = verbs.first == "save" || verbs.first == "export" || verbs.last == "save" || verbs.last == "export"
            return saves && !args.contains { $0 == "-o" || $0.hasPrefix("--output") }
        default:
            // Compressors: `-c`/`--stdout` with a file operand sends that file's bytes on.
            let toStdout = args.contains { $0 == "--stdout" || $0 == "--to-stdout" } || shortFlags.contains { $0.contains("c") }
            return toStdout && !operands.isEmpty
        }
    }

    private static let zipArguments = ArgumentFacts(
        valued: ["-x", "-i", "-b", "-n", "-t", "-tt", "-P", "--password"], executes: ["-TT", "--unzip-command"])

    /// `git archive` without `-o`, `git bundle create -`, `git format-patch --stdout`.
    private static func gitWritesBundle(_ args: [String]) -> Bool {
        var index = 0
        // Global options: `git -C dir archive`, `git -c k=v bundle`.
        while index < args.count, args[index].hasPrefix("-") {
            index += ["-C", "-c", "--git-dir", "--work-tree", "--namespace"].contains(args[index]) ? 2 : 1
        }
        guard index < args.count else { return false }
        let rest = Array(args[(index + 1)...])
        switch args[index] {
        case "archive":
            return !rest.contains { $0 == "-o" || $0.hasPrefix("--output") || $0.hasPrefix("--remote") }
        case "bundle":
            let operands = rest.filter { !$0.hasPrefix("-") || $0 == "-" }
            return operands.first == "create" && operands.dropFirst().first == "-"
        case "format-patch":
            return rest.contains("--stdout")
        default:
            return false
        }
    }

    /// Programs that send whatever reaches their standard input to another host.
    static let rawSenders: Set<String> = ["nc", "ncat", "netcat", "socat", "telnet", "ssh", "openssl-s_client"]

    /// The upload, when a later stage of the pipe sends the packed bytes somewhere.
    static func finding(packer: String, analyzer: ShellAnalyzer) -> Finding? {
        for stage in analyzer.laterStages(limit: 6) {
            let words = Unwrapper.unwrap(stage.words).words.map(\.text)
            guard let first = words.first else { return nil }
            let program = Unwrapper.programName(first)
            let args = Array(words.dropFirst())
            if let destination = destination(program, args) {
                return Finding(
                    [.network], risk: .high, blast: .external, reversibility: .irreversible,
                    reason: "\(packer) packs files and \(program) sends them to \(destination): an upload",
                    targets: [destination], rollback: "ask the receiver to delete the copy", rule: "flow.stream-upload")
            }
            guard passThrough.contains(program) else { return nil }
        }
        return nil
    }

    /// Where `program` sends its standard input, or nil when it does not.
    static func destination(_ program: String, _ args: [String]) -> String? {
        let operands = args.filter { !$0.hasPrefix("-") }
        if rawSenders.contains(program) { return operands.first ?? "another host" }
        switch program {
        case "http", "https", "xh", "xhs":
            // HTTPie and xh send piped input as the request body unless told to ignore it.
            if args.contains("--ignore-stdin") || args.contains("-I") { return nil }
            return operands.first { $0.contains(".") || $0.contains(":") } ?? "a server"
        case "mail", "mailx", "sendmail", "mutt", "msmtp":
            // The piped bytes become the message (or its attachment) sent to the addresses.
            return operands.first { $0.contains("@") } ?? "a mail recipient"
        case "openssl":
            guard args.first == "s_client" else { return nil }
            return args.firstIndex(of: "-connect").flatMap { $0 + 1 < args.count ? args[$0 + 1] : nil } ?? "a server"
        case "curl", "wget":
            let readsStdin = args.indices.contains { index in
                let arg = args[index]
                if arg.hasSuffix("@-") || arg.hasSuffix("=@/dev/stdin") || arg.hasSuffix("@/dev/stdin") || arg == "--post-file=-" { return true }
                if ["--upload-file=-", "--body-file=-", "--post-file=/dev/stdin", "--body-file=/dev/stdin"].contains(arg) { return true }
                return ["-T", "--upload-file", "--body-file", "--post-file"].contains(arg)
                    && index + 1 < args.count && ["-", "/dev/stdin", "."].contains(args[index + 1])
                    || arg == "-T-" || arg == "-T."
            }
            return readsStdin ? (operands.first { $0.contains("://") || $0.contains(".") } ?? "a server") : nil
        case "aws", "gsutil", "gcloud", "az", "rclone", "mc":
            // `aws s3 cp - s3://b/k`, `rclone rcat remote:f`.
            guard args.contains("-") || args.contains("rcat") || args.contains("pipe") else { return nil }
            return operands.first { $0.contains("://") || $0.contains(":") } ?? "cloud storage"
        default:
            return nil
        }
    }
}
