/// Findings for the files a shell command names: secrets read, files written, Airlock's own files.
enum FileTargets {
    /// A write to `target` by a redirection, `tee`, `cp`, … classed by where it lands.
    /// `overwrites` is false for writers that only create (`mkdir`, `touch`): in the home
    /// directory they are medium, while a copy, move, edit or redirect there is high.
    static func write(_ target: String, verb: String, context: ClassificationContext, overwrites: Bool = true) -> [Finding] {
        if isDevice(target) { return [] }
        // `$HOME/x` resolves like `~/x`; any other variable stays unknown.
        let unknownVariable =
            target.contains("$") && PathClassifier.resolve(target, cwd: context.cwd, host: context.host).contains("$")
        if unknownVariable || target.contains("`") || target.contains("{input}") {
            return [
                Finding(
                    [.fileWrite], risk: .medium, blast: .machine, reversibility: .unknown,
                    reason: "\(verb) a path built at run time (\(target.prefix(60)))", targets: [target],
                    isUnsure: true, rule: "path.dynamic-write")
            ]
        }
        let path = context.classify(path: target)
        if path.isSelfModification {
            return [
                Finding(
                    [.selfModification], risk: .critical, blast: .machine, reversibility: .partial,
                    reason: "\(verb) \(path.reason)", targets: [target], rule: "path.self-modification")
            ]
        }
        var findings: [Finding] = []
        if path.isSecret {
            // An .env of the workspace is the project's own settings file (`cp .env.example .env`):
            // asked about, not the hard floor's "secret" alarm. Keys and credentials stay high.
            if !path.isInsideWorkspace || path.categories.contains(.credentials) {
                findings.append(
                    .secrets("\(verb) \(path.reason)", risk: path.secretRisk, targets: [target], rule: "path.secret-write"))
            }
        }
        let categories = [Category.fileWrite] + path.categories.filter { $0 != .source && $0 != .selfModification }
        if path.isPersistence {
            findings.append(
                Finding(
                    categories, risk: .high, blast: .machine, reversibility: .partial,
                    reason: "\(verb) \(path.reason): code there runs later, outside this review",
                    targets: [target], rule: "path.persistence-write"))
        } else if path.categories.contains(.agentConfig) {
            findings.append(
                Finding(
                    categories, risk: .high, blast: .machine, reversibility: .partial,
                    reason: "\(verb) \(path.reason), which steers agents", targets: [target],
                    rule: "path.agent-config-write"))
        } else if !path.isInsideWorkspace {
            let (risk, rule, place): (Risk, String, String) =
                path.isTemporary
                ? (.low, "path.temp-write", "a temp path")
                : path.isSystem
                    ? (.high, "path.system-write", "a system path")
                    : path.isInHome
                        ? (overwrites ? .high : .medium, "path.home-write", "the home directory")
                        : (.medium, "path.outside-write", "outside the workspace")
            findings.append(
                Finding(
                    categories, risk: risk, blast: .machine, reversibility: .partial,
                    reason: "\(verb) \(target) (\(place))", targets: [target], rule: rule))
        } else {
            var risk = Risk.low
            var rule = "path.workspace-write"
            if path.categories.contains(.productionConfig) || path.categories.contains(.customerData) {
                risk = .high
                rule = "path.sensitive-write"
            } else if path.categories.contains(.ciConfig) || path.categories.contains(.codeExecConfig) {
                risk = .medium
                rule = "path.code-config-write"
            } else if path.categories.contains(.envFile) {
                risk = .medium
                rule = "path.env-write"
            } else if path.categories.contains(.buildOutput) {
                risk = .medium
            }
            findings.append(
                Finding(
                    categories, risk: risk, blast: .workspace, reversibility: .reversible,
                    reason: "\(verb) \(target)", targets: [target], rollback: "git checkout -- \(target)", rule: rule))
        }
        return findings
    }

    /// Secrets named as arguments of a program that reads their content, and Airlock's own files
    /// touched by a program that may write them.
    static func pathArguments(
        of invocation: Invocation, access: OperandAccess, role: ProgramRole, context: ClassificationContext,
        skipping: Set<Int> = []
    ) -> [Finding] {
        guard access == .content || access == .written else { return [] }
        var findings: [Finding] = []
        for (index, word) in invocation.arguments.enumerated() where index < 64 && !skipping.contains(index) {
            var text = word.text
            guard let first = text.utf8.first else { continue }
            if first == UInt8(ascii: "-") {
                // --env-file=.env, -f=path
                guard let equals = text.firstIndex(of: "=") else { continue }
                text = String(text[text.index(after: equals)...])
            }
            if text.hasPrefix("@") { text.removeFirst() }
            guard looksLikePath(text) else { continue }
            let path = context.classifySecrets(path: text)
            if path.isSecret, access == .content {
                findings.append(
                    .secrets(
                        "\(invocation.program) reads \(path.reason)", risk: path.secretRisk, targets: [text],
                        rule: "path.secret-read"))
            } else if path.isSelfModification, role != .reader {
                findings.append(
                    Finding(
                        [.selfModification], risk: .critical, blast: .machine, reversibility: .partial,
                        reason: "\(invocation.program) touches \(path.reason)", targets: [text],
                        rule: "path.self-modification"))
            }
            if findings.count >= 4 { break }
        }
        return findings
    }

    /// A word that could name a file (not a URL, not a flag, not an expression).
    static func looksLikePath(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard !utf8.isEmpty, utf8.count < 512 else { return false }
        var hasMark = false
        var previousColon = false
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "/"):
                if previousColon { return false }  // `://`: a URL
                hasMark = true
            case UInt8(ascii: "."), UInt8(ascii: "~"): hasMark = true
            case UInt8(ascii: "\n"): return false
            default: break
            }
            previousColon = byte == UInt8(ascii: ":")
        }
        return hasMark
    }

    /// Device files a redirect may name without writing a file.
    static func isDevice(_ path: String) -> Bool {
        path == "/dev/null" || path == "/dev/stdout" || path == "/dev/stderr" || path.hasPrefix("/dev/fd/")
            || path == "/dev/tty"
    }
}
