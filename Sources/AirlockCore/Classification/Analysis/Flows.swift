/// What one part of a command line sets up for another: a file downloaded and then run or made
/// executable, a download fed to a shell through a substitution. (A secret read next to a
/// network send is judged over the whole line in `Classifier`.)
enum Flows {
    /// Downloaded bytes run as code: remote code execution.
    static func remoteExec(_ reason: String, targets: [String] = []) -> Finding {
        Finding(
            [.remoteExec, .network], risk: .critical, blast: .machine, reversibility: .irreversible, reason: reason,
            targets: targets, isUnsure: true, rollback: "none", rule: "flow.remote-exec")
    }

    /// A program word known only at run time: `$CMD`, `$(curl …)`.
    static func dynamicProgram(_ word: ShellWord, analyzer: ShellAnalyzer) -> Finding {
        switch StdinSource.ofSubstitution(word) {
        case .network(let fetcher):
            return remoteExec("runs a command downloaded by \(fetcher) (\(word.text.prefix(60)))")
        case .decoded(let decoder):
            return .unknown(
                "runs a command decoded by \(decoder): its content is hidden", risk: .high, rule: "shell.hidden-payload")
        default:
            return .unknown(
                "the program name is built at run time (\(word.text.prefix(60)))", risk: .high,
                rule: "shell.dynamic-program")
        }
    }

    /// Shell text built at run time: `bash -c "$(curl …)"`, `eval "$(base64 -d …)"`. A
    /// download or a decoded payload is judged here; other expansions are judged where they
    /// land when the text itself is analysed (`$CMD` as a program, `$DIR` as a target).
    static func dynamicScript(_ word: ShellWord, via program: String, analyzer: ShellAnalyzer) -> Finding? {
        switch StdinSource.ofSubstitution(word) {
        case .network(let fetcher):
            return remoteExec("\(program) runs code downloaded by \(fetcher)")
        case .decoded(let decoder):
            return .unknown(
                "\(program) runs a payload decoded by \(decoder): its content is hidden", risk: .high,
                rule: "shell.hidden-payload")
        case .command(let producer)?, .file(let producer)?:
            return .unknown(
                "\(program) runs text that \(producer) prints as code", risk: .high, rule: "shell.piped-code")
        default:
            return nil
        }
    }

    /// A container that reaches the host (`-v /:/host`, `--privileged`, `--pid=host`) running a
    /// destructive command: the damage lands on the host.
    static func checkContainerEscape(since start: Int, analyzer: inout ShellAnalyzer) {
        let inner = Array(analyzer.findings[start...]).filter { finding in
            finding.risk >= .medium && !Set(finding.categories).isDisjoint(with: [.destructiveFS, .dataDelete, .processControl])
        }
        guard let worst = inner.max(by: { $0.risk < $1.risk }) else { return }
        analyzer.add(
            Finding(
                [.privilege, .destructiveFS], risk: .critical, blast: .machine, reversibility: .irreversible,
                reason: "a container with the host's files or namespaces runs: \(worst.reason)", targets: worst.targets,
                rule: "container.host-escape"))
    }

    /// Remembers the files a fetcher writes (`curl -o f`, `wget URL`, `curl … > f`).
    static func noteDownloads(_ invocation: Invocation, spec: ProgramSpec, analyzer: inout ShellAnalyzer) {
        var files: [String] = []
        switch spec.role {
        case .fetcher:
            // Only a file saved on disk matters; `curl url` alone writes to stdout.
            let saves =
                invocation.program == "wget" || analyzer.redirections.contains { $0.op == .output || $0.op == .clobber }
                || invocation.args.contains { arg in
                    let bytes = arg.utf8
                    guard bytes.first == UInt8(ascii: "-") else { return false }
                    if bytes.dropFirst().first == UInt8(ascii: "-") {
                        return arg.hasPrefix("--o") || arg.hasPrefix("--remote-name")
                    }
                    return bytes.contains(UInt8(ascii: "o")) || bytes.contains(UInt8(ascii: "O"))
                }
            guard saves else { return }
            let parsed = spec.arguments.parse(invocation.args)
            let url = parsed.operands.first { $0.contains("://") || $0.contains(".") } ?? ""
            let remoteName = String(url.split(separator: "?").first?.split(separator: "/").last ?? "")
            if let output = parsed.value("-o", "--output", "-O", "--output-document"), output != "-" {
                files.append(output)
            } else if invocation.program == "curl", parsed.has("-O", "--remote-name"), !remoteName.isEmpty {
                files.append(remoteName)
            } else if invocation.program == "wget", !remoteName.isEmpty {
                let directory = parsed.value("-P", "--directory-prefix")
                files.append(directory.map { $0 + "/" + remoteName } ?? remoteName)
            }
            for redirection in analyzer.redirections where redirection.op == .output || redirection.op == .clobber {
                files.append(redirection.target.text)
            }
        case .custom where invocation.program == "scp" || invocation.program == "rsync":
            // A copy from another host to here.
            let operands = invocation.args.filter { !$0.hasPrefix("-") }
            if operands.count >= 2, operands.dropLast().contains(where: NetworkPrograms.isRemotePath),
                let destination = operands.last, !NetworkPrograms.isRemotePath(destination)
            {
                files.append(destination)
            }
        default:
            return
        }
        for file in files {
            let resolved = PathClassifier.resolve(file, cwd: analyzer.state.cwd, host: analyzer.context.host)
            analyzer.state.downloads[resolved] = invocation.program
        }
    }

    /// The fetcher that downloaded `path` earlier on the line, if any.
    static func downloader(of path: String, analyzer: ShellAnalyzer) -> String? {
        guard !analyzer.state.downloads.isEmpty else { return nil }
        let resolved = PathClassifier.resolve(path, cwd: analyzer.state.cwd, host: analyzer.context.host)
        if let fetcher = analyzer.state.downloads[resolved] { return fetcher }
        // A directory a download was saved in, run by a file inside it, counts too.
        return nil
    }

    /// A downloaded file run, sourced, or made executable: remote code execution.
    static func checkRunsDownload(_ invocation: Invocation, spec: ProgramSpec?, analyzer: inout ShellAnalyzer) {
        guard !analyzer.state.downloads.isEmpty else { return }
        if let path = invocation.path, path.contains("/"), let fetcher = downloader(of: path, analyzer: analyzer) {
            analyzer.add(remoteExec("runs \(path), which \(fetcher) downloaded on this line", targets: [path]))
            return
        }
        let operands = invocation.args.filter { !$0.hasPrefix("-") }
        switch spec?.role {
        case .shell?, .interpreter?:
            if let script = operands.first(where: { !$0.hasPrefix("+") }), let fetcher = downloader(of: script, analyzer: analyzer) {
                analyzer.add(
                    remoteExec(
                        "\(invocation.program) runs \(script), which \(fetcher) downloaded on this line",
                        targets: [script]))
            }
        default:
            guard invocation.program == "chmod" || invocation.program == "install" else { return }
            let mode = invocation.args.first { !$0.hasPrefix("-") } ?? ""
            let makesExecutable =
                mode.contains("x") || mode.allSatisfy(\.isNumber) && mode.last.map { "1357".contains($0) } == true
                || invocation.program == "install"
            guard makesExecutable else { return }
            for operand in operands.dropFirst() {
                if let fetcher = downloader(of: operand, analyzer: analyzer) {
                    analyzer.add(
                        remoteExec(
                            "\(invocation.program) makes \(operand) executable, which \(fetcher) downloaded on this line",
                            targets: [operand]))
                    let resolved = PathClassifier.resolve(operand, cwd: analyzer.state.cwd, host: analyzer.context.host)
                    analyzer.state.madeExecutable.insert(resolved)
                }
            }
        }
    }
}
