/// Findings for the files a shell command names: secrets read, files written, Airlock's own files.
enum FileTargets {
    /// A write to `target` by a redirection, `tee`, `cp`, … classed by where it lands.
    static func write(_ target: String, verb: String, context: ClassificationContext) -> [Finding] {
        let path = context.classify(path: target)
        if path.isSelfModification {
            return [
                Finding(
                    [.selfModification], risk: .critical, blast: .machine, reversibility: .partial,
                    reason: "\(verb) \(path.reason)", targets: [target])
            ]
        }
        var findings: [Finding] = []
        if path.isSecret {
            findings.append(.secrets("\(verb) \(path.reason)", targets: [target]))
        }
        let categories = [Category.fileWrite] + path.categories.filter { $0 != .source && $0 != .selfModification }
        if path.categories.contains(.agentConfig) {
            findings.append(
                Finding(
                    categories, risk: .high, blast: .machine, reversibility: .partial,
                    reason: "\(verb) \(path.reason), which steers agents", targets: [target]))
        } else if !path.isInsideWorkspace {
            let temp = target.hasPrefix("/tmp/") || target.hasPrefix("/var/tmp/") || target.hasPrefix("$TMPDIR")
            findings.append(
                Finding(
                    categories, risk: temp ? .low : .medium, blast: .machine, reversibility: .partial,
                    reason: "\(verb) \(target), outside the workspace", targets: [target]))
        } else {
            var risk = Risk.low
            if path.categories.contains(.productionConfig) || path.categories.contains(.customerData) { risk = .high }
            if path.categories.contains(.buildOutput) { risk = .medium }
            findings.append(
                Finding(
                    categories, risk: risk, blast: .workspace, reversibility: .reversible,
                    reason: "\(verb) \(target)", targets: [target], rollback: "git checkout -- \(target)"))
        }
        return findings
    }

    /// Programs whose arguments are data or patterns, never files read for their content.
    private static let nonReaders: Set<String> = [
        "echo", "printf", "man", "which", "type", "whereis", "whatis", "help", "info", "apropos", "hash",
        "rm", "unlink", "shred", "srm", "rmdir", "mkdir", "touch", "ls", "stat", "file", "test", "[", "[[",
        "basename", "dirname", "realpath", "readlink", "git", "find", "fd", "du", "chmod", "chown", "airlock",
    ]
    /// Readers whose arguments may be files; other programs' file arguments are checked for
    /// Airlock's own files only when they write.
    private static let readOnlyPrograms: Set<String> = [
        "cat", "less", "more", "head", "tail", "bat", "grep", "egrep", "fgrep", "rg", "ag", "ack", "wc", "diff",
        "cmp", "sort", "uniq", "cut", "jq", "yq", "strings", "xxd", "od", "hexdump", "base64", "md5sum",
        "sha1sum", "sha256sum", "sha512sum", "cksum", "nl", "column", "view", "awk", "sed",
    ]

    /// Secrets named as arguments, and Airlock's own files touched by a program that may write.
    static func pathArguments(of invocation: Invocation, context: ClassificationContext) -> [Finding] {
        guard !nonReaders.contains(invocation.program) else { return [] }
        var findings: [Finding] = []
        for (index, word) in invocation.arguments.enumerated() where index < 64 {
            var text = word.text
            if text.hasPrefix("-") {
                // --env-file=.env, -f=path
                guard let equals = text.firstIndex(of: "=") else { continue }
                text = String(text[text.index(after: equals)...])
            }
            if text.hasPrefix("@") { text.removeFirst() }
            guard looksLikePath(text) else { continue }
            let path = context.classify(path: text)
            if path.isSecret {
                findings.append(.secrets("\(invocation.program) reads \(path.reason)", targets: [text]))
            } else if path.isSelfModification, !readOnlyPrograms.contains(invocation.program) {
                findings.append(
                    Finding(
                        [.selfModification], risk: .critical, blast: .machine, reversibility: .partial,
                        reason: "\(invocation.program) touches \(path.reason)", targets: [text]))
            }
            if findings.count >= 4 { break }
        }
        return findings
    }

    /// A word that could name a file (not a URL, not a flag, not an expression).
    static func looksLikePath(_ text: String) -> Bool {
        guard !text.isEmpty, text.count < 512, !text.contains("://"), !text.contains("\n") else { return false }
        return text.contains("/") || text.contains(".") || text.hasPrefix("~")
    }
}
