/// Shells, `eval` and `source`: programs whose input is more shell code.
enum Shells {
    static func analyze(_ invocation: Invocation, stdin: StdinSource, analyzer: inout ShellAnalyzer, depth: Int) {
        let program = invocation.program
        if program == "eval" {
            let dynamic = invocation.arguments.filter(\.hasExpansion)
            // `eval "$(pyenv init -)"`: the tool's own set-up; the tool itself is judged as run.
            if invocation.arguments.count == 1, dynamic.count == 1, let setup = ShellSetup.command(in: dynamic[0]) {
                analyzer.add(ShellSetup.finding(setup.program, via: "eval"))
                analyzer.analyze(script: setup.text, depth: depth + 1)
                return
            }
            if let dynamic = dynamic.first,
                let finding = Flows.dynamicScript(dynamic, via: "eval", analyzer: analyzer)
            {
                analyzer.add(finding)
            }
            analyzer.analyze(script: invocation.args.joined(separator: " "), depth: depth + 1)
            return
        }
        if program == "source" || program == "." {
            guard let file = invocation.arguments.first else {
                analyzer.add(.read("\(program) with no file", rule: "shell.source"))
                return
            }
            if let setup = ShellSetup.command(in: file) {
                analyzer.add(ShellSetup.finding(setup.program, via: program))
                analyzer.analyze(script: setup.text, depth: depth + 1)
                return
            }
            // `source <(date +"D='%Y'")`: output fixed but for digits is judged as the script it is.
            if file.hasCommandSubstitution, file.text.hasPrefix("<("), file.text.hasSuffix(")"),
                case .literal(let text)? = StdinSource.ofSubstitution(file)
            {
                analyzer.add(.read("\(program) runs text whose every word is known", rule: "shell.source"))
                analyzer.analyze(script: text, depth: depth + 1)
                return
            }
            if file.hasCommandSubstitution || file.hasExpansion {
                analyzer.add(
                    Flows.dynamicScript(file, via: program, analyzer: analyzer)
                        ?? .unknown("\(program) runs a file named at run time (\(file.text.prefix(60)))", risk: .high, rule: "shell.dynamic-script"))
                return
            }
            analyzer.add(
                .unknown(
                    "sources the shell file \(file.text.prefix(80)) into the current shell", rule: "shell.source"))
            return
        }
        // `bash [options] -c 'script' [name args…]`
        var index = 0
        let words = invocation.arguments
        while index < words.count {
            let text = words[index].text
            if text == "-c" || (text.hasPrefix("-") && !text.hasPrefix("--") && text.contains("c") && text.count <= 6) {
                guard index + 1 < words.count else {
                    analyzer.add(.unknown("\(program) -c without a script", rule: "shell.script"))
                    return
                }
                let script = words[index + 1]
                if script.hasExpansion, let finding = Flows.dynamicScript(script, via: "\(program) -c", analyzer: analyzer) {
                    analyzer.add(finding)
                }
                analyzer.analyze(script: script.text, depth: depth + 1)
                return
            }
            if text == "-o" || text == "+o" || text == "--rcfile" || text == "--init-file" || text == "-O" || text == "+O" {
                index += 2
                continue
            }
            if text == "-n" || text == "--version" || text == "--help" {
                analyzer.add(.read("\(program) \(text) runs nothing", rule: "shell.no-run"))
                return
            }
            guard text.hasPrefix("-") || text.hasPrefix("+") else { break }
            index += 1
        }
        if index < words.count {
            let script = words[index]
            if script.hasCommandSubstitution {
                // `bash <(curl …)`: a process substitution as the script file.
                analyzer.add(
                    Flows.dynamicScript(script, via: program, analyzer: analyzer)
                        ?? .unknown("\(program) runs a script built at run time", risk: .high, rule: "shell.dynamic-script"))
                return
            }
            if InterpreterCode.stdinNames.contains(script.text) {
                if let code = analyzeStdin(program: program, stdin: stdin, analyzer: &analyzer) {
                    analyzer.analyze(script: code, depth: depth + 1)
                }
                return
            }
            if Flows.downloader(of: script.text, analyzer: analyzer) == nil {
                analyzer.add(.unknown("\(program) runs the script file \(script.text.prefix(80))", rule: "shell.script"))
            }
            return
        }
        if let script = analyzeStdin(program: program, stdin: stdin, analyzer: &analyzer) {
            analyzer.analyze(script: script, depth: depth + 1)
        }
    }

    /// True when the shell reads commands from a terminal: no script, no `-c`, nothing piped in.
    static func isInteractive(_ invocation: Invocation, stdin: StdinSource) -> Bool {
        guard invocation.program != "eval", invocation.program != "source", invocation.program != ".",
            stdin == .terminal
        else { return false }
        return invocation.args.allSatisfy { $0.hasPrefix("-") && !$0.contains("c") || $0 == "-i" || $0 == "-l" }
    }

    /// A shell or interpreter reading its program from standard input. Returns the program
    /// text when it is literal (a heredoc, an echo upstream) for the caller to analyse.
    static func analyzeStdin(program: String, stdin: StdinSource, analyzer: inout ShellAnalyzer) -> String? {
        switch stdin {
        case .terminal:
            analyzer.add(.unknown("opens an interactive \(program)", rule: "shell.interactive"))
        case .literal(let text):
            return text
        case .network(let fetcher):
            analyzer.add(Flows.remoteExec("downloads code with \(fetcher) and runs it in \(program)"))
        case .decoded(let decoder):
            analyzer.add(
                .unknown(
                    "runs a payload decoded by \(decoder) in \(program): its content is hidden",
                    risk: .high, rule: "shell.hidden-payload"))
        case .file(let path):
            if let fetcher = Flows.downloader(of: path, analyzer: analyzer) {
                analyzer.add(Flows.remoteExec("\(program) runs \(path), which \(fetcher) downloaded on this line"))
            } else {
                analyzer.add(.unknown("\(program) runs the script file \(path.prefix(80))", rule: "shell.script"))
            }
        case .command(let producer):
            analyzer.add(
                .unknown("runs text produced by \(producer) as code in \(program)", risk: .high, rule: "shell.piped-code"))
        }
        return nil
    }
}
