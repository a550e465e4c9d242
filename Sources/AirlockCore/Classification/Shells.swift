/// Shells, `eval` and `source`: programs whose input is more shell code.
enum Shells {
    static let names: Set<String> = [
        "sh", "bash", "zsh", "dash", "ksh", "mksh", "ash", "fish", "busybox", "eval", "source", ".",
    ]

    static func analyze(_ invocation: Invocation, stdin: StdinSource, analyzer: inout ShellAnalyzer, depth: Int) {
        let program = invocation.program
        if program == "eval" {
            if invocation.arguments.contains(where: \.hasExpansion) {
                analyzer.add(.unknown("eval runs a command built at run time", risk: .high))
            }
            analyzer.analyze(script: invocation.args.joined(separator: " "), depth: depth + 1)
            return
        }
        if program == "source" || program == "." {
            let file = invocation.args.first ?? "?"
            analyzer.add(.unknown("sources the shell file \(file) into the current shell"))
            return
        }
        if program == "busybox", !invocation.arguments.isEmpty {
            analyzer.analyze(
                words: invocation.arguments, environment: invocation.environment, stdin: stdin, depth: depth)
            return
        }
        // `bash [options] -c 'script' [name args…]`
        var index = 0
        let words = invocation.arguments
        while index < words.count {
            let text = words[index].text
            if text == "-c" || (text.hasPrefix("-") && !text.hasPrefix("--") && text.contains("c") && text.count <= 6) {
                guard index + 1 < words.count else {
                    analyzer.add(.unknown("\(program) -c without a script"))
                    return
                }
                let script = words[index + 1]
                if script.hasExpansion {
                    analyzer.add(
                        .unknown(
                            "\(program) -c runs a script built at run time (\(script.text.prefix(60)))",
                            risk: .high))
                }
                analyzer.analyze(script: script.text, depth: depth + 1)
                return
            }
            if text == "-o" || text == "+o" || text == "--rcfile" || text == "--init-file" {
                index += 2
                continue
            }
            if text == "-n" || text == "--version" || text == "--help" {
                analyzer.add(.read("\(program) \(text) runs nothing"))
                return
            }
            guard text.hasPrefix("-") || text.hasPrefix("+") else { break }
            index += 1
        }
        if index < words.count {
            analyzer.add(.unknown("\(program) runs the script file \(words[index].text.prefix(80))"))
            return
        }
        if let script = analyzeStdin(program: program, stdin: stdin, analyzer: &analyzer) {
            analyzer.analyze(script: script, depth: depth + 1)
        }
    }

    /// A shell or interpreter reading its program from standard input. Returns the program
    /// text when it is literal (a heredoc, an echo upstream) for the caller to analyse.
    static func analyzeStdin(program: String, stdin: StdinSource, analyzer: inout ShellAnalyzer) -> String? {
        switch stdin {
        case .terminal:
            analyzer.add(.unknown("opens an interactive \(program)"))
        case .literal(let text):
            return text
        case .network(let fetcher):
            analyzer.add(
                Finding(
                    [.remoteExec, .network], risk: .critical, blast: .machine, reversibility: .irreversible,
                    reason: "downloads code with \(fetcher) and runs it in \(program)", isUnsure: true,
                    rollback: "none"))
        case .decoded(let decoder):
            analyzer.add(
                .unknown(
                    "runs a payload decoded by \(decoder) in \(program): its content is hidden",
                    risk: .high))
        case .command(let producer):
            analyzer.add(.unknown("runs text produced by \(producer) as code in \(program)", risk: .high))
        }
        return nil
    }
}
