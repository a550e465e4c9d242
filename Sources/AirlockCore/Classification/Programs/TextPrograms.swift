/// `sed` and `awk` programs read as programs: their commands that run a shell (`e`, `s///e`,
/// `system()`, `print | "cmd"`), write files (`w`, `>`) or read them (`r`, `getline <`) are
/// found by small scanners that skip strings, regular expressions and comments.
enum TextPrograms {
    static let sedRules = [
        Rule("text.filter", .read, .low, "filters text", example: "sed -n '1,5p' README.md"),
        Rule(
            "text.runs-command", .unknown, .high, "a sed `e` command or `s///e`, or awk system() or a pipe: runs a shell",
            example: "sed 's/.*/id/e' names.txt"),
    ]
    static let awkRules: [Rule] = []

    // MARK: sed

    struct Effects {
        var commands: [String] = []
        var runsDynamic = false
        var writes: [String] = []
        var reads: [String] = []
    }

    static let sed: ProgramHandler = { inv, analyzer, depth in
        let facts = ArgumentFacts(
            valued: ["-l", "--line-length"], inPlace: ["-i", "--in-place"], scriptOperand: true,
            scriptOptions: ["-e", "-f", "--expression", "--file"])
        let parsed = facts.parse(inv.args)
        var scripts = parsed.values(["-e", "--expression"])
        if !parsed.has("-e", "--expression", "-f", "--file") {
            if let first = parsed.operands.first(where: { !$0.isEmpty }) { scripts.append(first) }
        }
        var findings: [Finding] = []
        if let file = parsed.value("-f", "--file") {
            findings.append(.unknown("sed runs the script file \(file.prefix(60))", rule: "text.runs-command"))
        }
        for script in scripts {
            let effects = sedEffects(script)
            findings += apply(effects, program: "sed", context: inv.context, analyzer: &analyzer, depth: depth)
        }
        if findings.isEmpty || findings.allSatisfy({ $0.categories == [.read] }) {
            findings.append(.read("sed filters text", rule: "text.filter"))
        }
        return findings
    }

    /// What a sed script does beyond filtering.
    static func sedEffects(_ script: String) -> Effects {
        var effects = Effects()
        let chars = Array(script.unicodeScalars)
        var i = 0
        func restOfLine() -> String {
            var j = i
            while j < chars.count, chars[j] != "\n" { j += 1 }
            let text = String(String.UnicodeScalarView(chars[i..<j])).trimmingCharacters()
            i = j
            return text
        }
        func skipDelimited(_ delimiter: Unicode.Scalar) {
            while i < chars.count, chars[i] != delimiter {
                if chars[i] == "\\" { i += 1 }
                i += 1
            }
            i += 1
        }
        while i < chars.count {
            let c = chars[i]
            // Addresses, separators and blanks.
            if c == " " || c == "\t" || c == "\n" || c == ";" || c == "}" || c == "{" || c == "!" || c == ","
                || c == "$" || c == "~" || c == "+" || ("0"..."9").contains(c)
            {
                i += 1
                continue
            }
            if c == "/" {
                i += 1
                skipDelimited("/")
                continue
            }
            if c == "\\", i + 1 < chars.count {
                let delimiter = chars[i + 1]
                i += 2
                skipDelimited(delimiter)
                continue
            }
            i += 1
            switch c {
            case "s", "y":
                guard i < chars.count else { break }
                let delimiter = chars[i]
                i += 1
                skipDelimited(delimiter)
                skipDelimited(delimiter)
                guard c == "s" else { continue }
                var flags = ""
                while i < chars.count, chars[i] != ";", chars[i] != "\n", chars[i] != "}" {
                    if chars[i] == "w" {
                        i += 1
                        let file = restOfLine()
                        if !file.isEmpty { effects.writes.append(file) }
                        break
                    }
                    flags.unicodeScalars.append(chars[i])
                    i += 1
                }
                if flags.contains("e") { effects.runsDynamic = true }
            case "e":
                let command = restOfLine()
                if command.isEmpty { effects.runsDynamic = true } else { effects.commands.append(command) }
            case "w", "W":
                let file = restOfLine()
                if !file.isEmpty { effects.writes.append(file) }
            case "r", "R":
                let file = restOfLine()
                if !file.isEmpty { effects.reads.append(file) }
            case "a", "i", "c":
                _ = restOfLine()
            case ":", "b", "t", "T", "v", "q", "Q", "l", "L":
                while i < chars.count, chars[i] != ";", chars[i] != "\n" { i += 1 }
            default:
                continue
            }
        }
        return effects
    }

    /// Findings for what a sed or awk program does beyond filtering.
    static func apply(
        _ effects: Effects, program: String, context: ClassificationContext, analyzer: inout ShellAnalyzer, depth: Int
    ) -> [Finding] {
        var findings: [Finding] = []
        for command in effects.commands {
            findings.append(
                Finding(
                    [.unknown], risk: .medium, blast: .machine, reversibility: .unknown,
                    reason: "\(program) program runs the shell command \(command.prefix(60))", rule: "text.runs-command"))
            analyzer.analyze(script: command, depth: depth + 1)
        }
        if effects.runsDynamic {
            findings.append(
                .unknown(
                    "\(program) program runs text it computes as a shell command", risk: .high, rule: "text.runs-command"))
        }
        for file in effects.writes.prefix(8) {
            if file == "/dev/stdout" || file == "/dev/stderr" { continue }
            let written = FileTargets.write(file, verb: "\(program) program writes", context: context)
            analyzer.noteWrites(written)
            findings += written
        }
        for file in effects.reads.prefix(8) {
            let path = context.classifySecrets(path: file)
            if path.isSecret {
                findings.append(.secrets("\(program) program reads \(path.reason)", targets: [file], rule: "path.secret-read"))
            }
        }
        return findings
    }

    // MARK: awk

    static let awk: ProgramHandler = { inv, analyzer, depth in
        let facts = ArgumentFacts(
            valued: ["-F", "-v", "--assign", "--field-separator"], scriptOperand: true,
            scriptOptions: ["-f", "--file", "-e", "--source"])
        let parsed = facts.parse(inv.args)
        var findings: [Finding] = []
        var programs = parsed.values(["-e", "--source"])
        if let file = parsed.value("-f", "--file") {
            findings.append(.unknown("\(inv.program) runs the program file \(file.prefix(60))", rule: "text.runs-command"))
        } else if programs.isEmpty, let first = parsed.operands.first {
            programs.append(first)
        }
        for program in programs {
            findings += apply(awkEffects(program), program: inv.program, context: inv.context, analyzer: &analyzer, depth: depth)
        }
        if findings.isEmpty || findings.allSatisfy({ $0.categories == [.read] }) {
            findings.append(.read("\(inv.program) reads", rule: "text.filter"))
        }
        return findings
    }

    /// What an awk program does beyond reading: `system()`, pipes to and from commands, `>` files.
    static func awkEffects(_ program: String) -> Effects {
        var effects = Effects()
        let chars = Array(program.unicodeScalars)
        var i = 0
        /// Whether a `/` here starts a regular expression (an operand is expected) or divides.
        var expectsOperand = true
        /// Inside a print or printf statement, at parenthesis depth 0: `>` redirects.
        var inPrint = false
        var parenDepth = 0
        var lastString: String?
        var pendingPipeOut = false
        var pendingRedirect = false
        var pendingGetlineRead = false
        var word = ""

        func finishWord() {
            guard !word.isEmpty else { return }
            if word == "print" || word == "printf" {
                inPrint = true
                parenDepth = 0
            }
            if word == "system" { effects.runsDynamic = effects.runsDynamic || !nextIsLiteralCall() }
            if word == "getline" { pendingGetlineRead = true }
            expectsOperand = ["print", "printf", "return", "in", "case", "getline"].contains(word)
            word = ""
        }
        /// `system("mv \"" $0 "\" x")`: the literal parts, with `$X` where awk values go, as the
        /// command; false when the argument holds no literal at all.
        func nextIsLiteralCall() -> Bool {
            var j = i
            while j < chars.count, chars[j] == " " { j += 1 }
            guard j < chars.count, chars[j] == "(" else { return false }
            j += 1
            var command = ""
            var sawLiteral = false
            var level = 1
            while j < chars.count {
                let c = chars[j]
                if c == "\"" {
                    j += 1
                    while j < chars.count, chars[j] != "\"" {
                        if chars[j] == "\\", j + 1 < chars.count { j += 1 }
                        command.unicodeScalars.append(chars[j])
                        j += 1
                    }
                    sawLiteral = true
                } else if c == "(" {
                    level += 1
                } else if c == ")" {
                    level -= 1
                    if level == 0 { break }
                } else if c != " ", !command.hasSuffix("$X") {
                    command += "$X"
                }
                j += 1
            }
            guard sawLiteral else { return false }
            effects.commands.append(command)
            return true
        }

        while i < chars.count {
            let c = chars[i]
            if c.properties.isAlphabetic || c == "_" || (("0"..."9").contains(c) && !word.isEmpty) {
                word.unicodeScalars.append(c)
                i += 1
                continue
            }
            finishWord()
            switch c {
            case "\"":
                i += 1
                var literal = ""
                while i < chars.count, chars[i] != "\"" {
                    if chars[i] == "\\", i + 1 < chars.count { i += 1 }
                    literal.unicodeScalars.append(chars[i])
                    i += 1
                }
                i += 1
                lastString = literal
                if pendingPipeOut {
                    // `print … | "sh"`: the printed lines are the commands.
                    let shells: Set<String> = ["sh", "bash", "zsh", "dash", "ksh", "/bin/sh", "/bin/bash"]
                    if shells.contains(literal.trimmingCharacters()) { effects.runsDynamic = true } else { effects.commands.append(literal) }
                    pendingPipeOut = false
                } else if pendingRedirect {
                    effects.writes.append(literal)
                    pendingRedirect = false
                } else if pendingGetlineRead {
                    effects.reads.append(literal)
                    pendingGetlineRead = false
                }
                expectsOperand = false
                continue
            case "#":
                while i < chars.count, chars[i] != "\n" { i += 1 }
                continue
            case "/" where expectsOperand:
                i += 1
                while i < chars.count, chars[i] != "/", chars[i] != "\n" {
                    if chars[i] == "\\" { i += 1 }
                    i += 1
                }
                i += 1
                expectsOperand = false
                continue
            case "|":
                if i + 1 < chars.count, chars[i + 1] == "|" {
                    i += 2
                    expectsOperand = true
                    continue
                }
                // `"cmd" | getline` reads a command's output; `print … | "cmd"` feeds one.
                var j = i + 1
                if j < chars.count, chars[j] == "&" { j += 1 }
                while j < chars.count, chars[j] == " " { j += 1 }
                let rest = String(String.UnicodeScalarView(chars[j..<min(chars.count, j + 7)]))
                if rest.hasPrefix("getline") {
                    if let command = lastString { effects.commands.append(command) } else { effects.runsDynamic = true }
                } else if j < chars.count, chars[j] == "\"" {
                    pendingPipeOut = true
                } else {
                    effects.runsDynamic = true
                }
                i = j
                expectsOperand = true
                continue
            case ">" where inPrint && parenDepth == 0:
                var j = i + 1
                if j < chars.count, chars[j] == ">" { j += 1 }
                while j < chars.count, chars[j] == " " { j += 1 }
                if j < chars.count, chars[j] == "\"" {
                    pendingRedirect = true
                } else {
                    effects.writes.append("$awk-expression")
                }
                i = j
                expectsOperand = true
                continue
            case "<" where pendingGetlineRead:
                i += 1
                expectsOperand = true
                continue
            case "(":
                parenDepth += 1
                expectsOperand = true
            case ")":
                parenDepth = max(0, parenDepth - 1)
                expectsOperand = false
            case ";", "\n", "{", "}":
                inPrint = false
                pendingGetlineRead = false
                expectsOperand = true
            case " ", "\t":
                break
            case "$":
                expectsOperand = true
            default:
                if ("0"..."9").contains(c) {
                    expectsOperand = false
                } else {
                    expectsOperand = true
                }
            }
            i += 1
        }
        finishWord()
        return effects
    }
}
