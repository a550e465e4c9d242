/// Where a command's standard input comes from, for commands that run it as code.
enum StdinSource: Equatable {
    case terminal
    /// Literal text: a heredoc, a here-string, or an `echo` upstream in the pipe.
    case literal(String)
    /// Bytes downloaded by curl, wget, … upstream in the pipe.
    case network(String)
    /// Bytes decoded by base64, xxd, openssl, … upstream: their meaning is hidden.
    case decoded(String)
    /// A file redirected in with `<`.
    case file(String)
    /// Output of some other command.
    case command(String)

    var literalText: String? {
        if case .literal(let text) = self { return text }
        return nil
    }

    var isPiped: Bool { self != .terminal }

    /// What flows into a command from `upstream`, the previous command of its pipeline.
    static func of(upstream: SimpleCommand?, isPiped: Bool) -> StdinSource {
        guard let upstream else { return isPiped ? .command("?") : .terminal }
        return describe(upstream)
    }

    /// What a command writes to standard output, by the role of the program it really runs.
    static func describe(_ upstream: SimpleCommand) -> StdinSource {
        let unwrapped = Unwrapper.unwrap(upstream.words)
        guard let first = unwrapped.words.first else { return .command("?") }
        let program = Unwrapper.programName(first.text)
        let role = ProgramRegistry.shared.spec(for: program)?.role
        if role == .fetcher { return .network(program) }
        if role == .decoder { return .decoded(program) }
        if program == "echo" || program == "printf" {
            let args = unwrapped.words.dropFirst().filter {
                !($0.text.hasPrefix("-") && $0.text.count <= 3 && !$0.isQuoted)
            }
            if args.allSatisfy({ !$0.hasExpansion }) {
                return .literal(args.map(\.text).joined(separator: " "))
            }
            return .command(program)
        }
        if program == "cat", unwrapped.words.count == 1, let body = upstream.redirections.compactMap(\.stdinText).last {
            return .literal(body)
        }
        if program == "date", let output = dateOutput(Array(unwrapped.words.dropFirst())) {
            return .literal(output)
        }
        return .command(program)
    }

    /// `date +FORMAT` prints its format with each field filled in: the text is fixed but for
    /// digits and names, so `source <(date +"D='%Y-%m-%d'")` runs an assignment. Each field
    /// stands in as `0`. Nil when the format is not literal, or `date` sets the clock or reads a file.
    static func dateOutput(_ args: [ShellWord]) -> String? {
        guard let format = args.last(where: { $0.text.hasPrefix("+") }),
            args.allSatisfy({ !$0.hasExpansion && !$0.hasGlob && $0.text != "-s" && !$0.text.hasPrefix("--set") && !$0.text.hasPrefix("-f") && !$0.text.hasPrefix("--file") })
        else { return nil }
        var output = ""
        var rest = format.text.dropFirst()
        while let percent = rest.firstIndex(of: "%") {
            output += rest[..<percent]
            rest = rest[rest.index(after: percent)...]
            // Flags, width and `:` (`%-d`, `%_5H`, `%::z`), then the conversion character.
            rest = rest.drop { "-_0^#:".contains($0) || $0.isNumber }
            guard let conversion = rest.first else { break }
            output += conversion == "%" ? "%" : conversion == "n" ? "\n" : conversion == "t" ? "\t" : "0"
            rest = rest.dropFirst()
        }
        return output + rest
    }

    /// What a word's command substitution (`$(…)`, `` `…` ``, `<(…)`) produces, when it is one.
    static func ofSubstitution(_ word: ShellWord) -> StdinSource? {
        guard word.hasCommandSubstitution else { return nil }
        var text = Substring(word.text)
        if text.hasPrefix("$(") || text.hasPrefix("<(") || text.hasPrefix(">(") {
            text = text.dropFirst(2)
        } else if text.hasPrefix("`") {
            text = text.dropFirst()
        } else {
            return .command("?")
        }
        // The closing `)` or backtick is left in: the parser reads a stray one as syntax.
        let script = ShellParser.parse(String(text))
        // The last stage of the first pipeline is what the substitution's output comes from;
        // a fetcher anywhere before a decoder still means downloaded bytes.
        var result: StdinSource = .command("?")
        for command in script.commands where command.pipelineID == script.commands.first?.pipelineID {
            let described = describe(command)
            switch (result, described) {
            case (.network, .decoded), (.network, .command): break
            default: result = described
            }
        }
        return result
    }
}
