/// Files packed to standard output and piped to a program that sends its input over the
/// network (`tar czf - . | curl -T - …`, `tar cf - src | nc host 9000`, `… | ssh host 'cat > a'`):
/// an upload of those files. Stages that only compress, encrypt, encode or meter pass the bytes
/// on. A secret among the files is exfiltration (`Classifier` adds it on the secret read).
enum StreamUpload {
    /// Stages that pass their input on, transformed but whole.
    static let passThrough: Set<String> = [
        "gzip", "pigz", "bzip2", "pbzip2", "xz", "zstd", "lz4", "lzma", "brotli", "pv", "base64", "openssl", "gpg",
        "age", "cat", "buffer", "mbuffer", "tee", "split",
    ]

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
        case "curl", "wget", "http", "https", "xh":
            let readsStdin = args.indices.contains { index in
                let arg = args[index]
                if arg.hasSuffix("@-") || arg.hasSuffix("=@/dev/stdin") || arg.hasSuffix("@/dev/stdin") || arg == "--post-file=-" { return true }
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
