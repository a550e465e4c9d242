/// What a program's options do beyond its role, from the registry's argument facts: options
/// that write a file, run a command, run other code, or rewrite the operands in place.
enum ArgumentEffects {
    static func findings(
        _ invocation: Invocation, spec: ProgramSpec, analyzer: inout ShellAnalyzer, depth: Int
    ) -> [Finding] {
        let facts = spec.arguments
        guard !facts.hasNoEffects else { return [] }
        let parsed = facts.parse(invocation.args)
        let program = invocation.program
        var findings: [Finding] = []
        for option in parsed.options {
            if facts.writes.contains(option.name), let value = option.value, value != "-", !FileTargets.isDevice(value) {
                let written = FileTargets.write(value, verb: "\(program) \(option.name) writes", context: invocation.context)
                analyzer.noteWrites(written)
                findings += written
            }
            if facts.executes.contains(option.name), let value = option.value, !isPlainRemoteShell(value) {
                let word = invocation.arguments.indices.contains(option.index + 1)
                    ? invocation.arguments[option.index + 1] : ShellWord(value)
                // `-e "ssh -p $PORT"`: a run-time argument of a named program is judged with the
                // program below; a run-time program or substitution is not known at all.
                let first = value.prefix { !$0.isWhitespace }
                if word.hasExpansion, first.contains("$") || first.contains("`") || value.contains("$(") || value.contains("`") {
                    findings.append(
                        .unknown(
                            "\(program) \(option.name) runs a command built at run time", risk: .high,
                            rule: "option.runs-command"))
                }
                findings.append(
                    Finding(
                        [.unknown], risk: .medium, blast: .machine, reversibility: .unknown,
                        reason: "\(program) \(option.name) runs the command \(value.prefix(60))", targets: [value],
                        rule: "option.runs-command"))
                analyzer.analyze(script: value, depth: depth + 1)
            }
            if facts.runsCode.contains(option.name) {
                findings.append(
                    .unknown("\(program) \(option.name) makes it run other code", risk: .high, rule: "option.runs-code"))
            }
        }
        if parsed.has(anyOf: facts.inPlace) {
            for file in facts.fileOperands(parsed).prefix(16) {
                let written = FileTargets.write(file, verb: "\(program) edits in place", context: invocation.context)
                analyzer.noteWrites(written)
                findings += written
            }
        }
        return findings
    }

    /// `rsync -e 'ssh -p 2222'`, `tar --rsh-command=ssh`: the remote shell the option is for,
    /// with options that only choose a port, key, user or verbosity. An `-o` (ProxyCommand,
    /// LocalCommand), a run-time word or any shell syntax makes it a command to judge.
    static func isPlainRemoteShell(_ value: String) -> Bool {
        let words = value.split(separator: " ", omittingEmptySubsequences: true)
        guard let first = words.first, ["ssh", "rsh", "/usr/bin/ssh", "/bin/ssh"].contains(first) else { return false }
        return !value.contains(where: { "$`;|&<>()'\"\\".contains($0) })
            && !words.contains { $0.hasPrefix("-o") || $0.hasPrefix("-F") || $0.lowercased().contains("command") }
    }
}
