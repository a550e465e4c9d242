/// Parses POSIX/bash shell text into the simple commands it would run.
///
/// It is not an interpreter: it finds every command the text would execute — through
/// `&& || ; | &`, subshells, `$( )`, backticks, process substitution, heredoc bodies with
/// substitutions — and keeps the words exact so the classifier can tell data from code.
/// Work is linear in the input; nesting past `maxDepth` is skipped and reported.
public enum ShellParser {
    public static func parse(_ source: String, maxDepth: Int = 24) -> ShellScript {
        var parser = ShellParserState(bytes: Array(source.utf8), maxDepth: maxDepth)
        parser.parseList(depth: 0, closer: nil, inSubstitution: false)
        parser.finishPendingHeredocs()
        return ShellScript(
            commands: parser.commands, problems: parser.problems, isTruncated: parser.isTruncated)
    }
}

private enum Byte {
    static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), newline = UInt8(ascii: "\n")
    static let cr = UInt8(ascii: "\r")
    static let semicolon = UInt8(ascii: ";"), amp = UInt8(ascii: "&"), pipe = UInt8(ascii: "|")
    static let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">")
    static let lparen = UInt8(ascii: "("), rparen = UInt8(ascii: ")")
    static let lbrace = UInt8(ascii: "{"), rbrace = UInt8(ascii: "}")
    static let backslash = UInt8(ascii: "\\"), squote = UInt8(ascii: "'"), dquote = UInt8(ascii: "\"")
    static let dollar = UInt8(ascii: "$"), backtick = UInt8(ascii: "`"), hash = UInt8(ascii: "#")
    static let star = UInt8(ascii: "*"), question = UInt8(ascii: "?"), lbracket = UInt8(ascii: "[")
    static let rbracket = UInt8(ascii: "]")
    static let equals = UInt8(ascii: "="), underscore = UInt8(ascii: "_"), dash = UInt8(ascii: "-")

    static func isNameStart(_ b: UInt8) -> Bool {
        (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == underscore
    }
    static func isNameChar(_ b: UInt8) -> Bool { isNameStart(b) || (b >= 48 && b <= 57) }
    static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    static func endsWord(_ b: UInt8) -> Bool {
        b == space || b == tab || b == newline || b == semicolon || b == amp || b == pipe
            || b == lt || b == gt || b == lparen || b == rparen || b == cr
    }
}

/// Words that open or close compound commands; they are syntax, not programs.
private let leadingReservedWords: Set<String> = [
    "if", "then", "elif", "else", "do", "while", "until", "!", "{", "fi", "done", "esac", "}",
]
/// Words whose whole command is a header (`for x in …`, `case x in`, `function f`).
private let headerReservedWords: Set<String> = ["for", "select", "case", "function", "in"]

private struct PendingHeredoc {
    var command: Int?
    var redirection: Int
    var delimiter: String
    var stripsTabs: Bool
    var isQuoted: Bool
    var depth: Int
}

/// A word being built: bytes plus what they are made of.
private struct WordBuilder {
    var bytes: [UInt8] = []
    var hasExpansion = false
    var hasCommandSubstitution = false
    var hasGlob = false
    var isQuoted = false
    /// Bytes appended before the first quote, escape or expansion: only these can form an
    /// assignment's name.
    var plainPrefix = 0
    var isPlain = true

    mutating func appendPlain(_ b: UInt8) {
        bytes.append(b)
        if isPlain { plainPrefix = bytes.count }
    }
    mutating func appendSpecial<S: Sequence>(_ s: S) where S.Element == UInt8 {
        isPlain = false
        bytes.append(contentsOf: s)
    }

    var word: ShellWord {
        ShellWord(
            String(decoding: bytes, as: UTF8.self), hasExpansion: hasExpansion,
            hasCommandSubstitution: hasCommandSubstitution, hasGlob: hasGlob, isQuoted: isQuoted)
    }

    /// `NAME=…` or `NAME+=…` with an unquoted name.
    var isAssignment: Bool {
        guard let first = bytes.first, Byte.isNameStart(first) else { return false }
        var i = 1
        while i < bytes.count, Byte.isNameChar(bytes[i]) { i += 1 }
        if i < bytes.count, bytes[i] == UInt8(ascii: "+") { i += 1 }
        return i < bytes.count && bytes[i] == Byte.equals && i < plainPrefix
    }
}

private struct ShellParserState {
    let bytes: [UInt8]
    let maxDepth: Int
    var pos = 0
    var commands: [SimpleCommand] = []
    var problems: [String] = []
    var isTruncated = false
    var nextPipelineID = 0
    var pending: [PendingHeredoc] = []
    /// A function name whose body (`{ … }` or `( … )`) comes next.
    var pendingFunction: String?
    /// Function bodies being parsed, innermost last, with the brace depth that opened them
    /// (-1 for a subshell body).
    var functionBodies: [(name: String, braceDepth: Int)] = []
    var braceDepth = 0
    /// `case … in` bodies open; after `in` and after `;;` a pattern (`*.gz)`) comes, not a command.
    var caseDepth = 0
    var expectingCasePattern = false

    init(bytes: [UInt8], maxDepth: Int, firstPipelineID: Int = 0) {
        self.bytes = bytes
        self.maxDepth = maxDepth
        self.nextPipelineID = firstPipelineID
    }

    var atEnd: Bool { pos >= bytes.count }
    func peek(_ offset: Int = 0) -> UInt8? {
        pos + offset < bytes.count ? bytes[pos + offset] : nil
    }

    mutating func problem(_ text: String) {
        if problems.count < 20, !problems.contains(text) { problems.append(text) }
    }

    /// Skips blanks and backslash-newline continuations.
    mutating func skipBlanks() {
        while let b = peek() {
            if b == Byte.space || b == Byte.tab || b == Byte.cr {
                pos += 1
            } else if b == Byte.backslash, peek(1) == Byte.newline {
                pos += 2
            } else {
                return
            }
        }
    }

    mutating func skipComment() {
        while let b = peek(), b != Byte.newline { pos += 1 }
    }

    // MARK: Lists and pipelines

    /// Parses commands until `closer` (a `)` ending a subshell or substitution) or the end.
    mutating func parseList(depth: Int, closer: UInt8?, inSubstitution: Bool) {
        var pipelineID = newPipeline()
        var pipelineIndex = 0
        var continuesPipeline = false
        while !atEnd {
            skipBlanks()
            guard let b = peek() else { break }
            switch b {
            case Byte.hash:
                skipComment()
            case Byte.newline:
                pos += 1
                readPendingHeredocs()
                if !continuesPipeline { (pipelineID, pipelineIndex) = (newPipeline(), 0) }
            case Byte.semicolon, Byte.amp:
                pos += 1
                if peek() == b || (b == Byte.semicolon && peek() == Byte.amp) {
                    if b == Byte.semicolon, caseDepth > 0 { expectingCasePattern = true }
                    pos += 1
                    if peek() == Byte.amp { pos += 1 }
                }
                (pipelineID, pipelineIndex, continuesPipeline) = (newPipeline(), 0, false)
            case Byte.pipe:
                pos += 1
                if peek() == Byte.pipe {
                    pos += 1
                    (pipelineID, pipelineIndex, continuesPipeline) = (newPipeline(), 0, false)
                } else {
                    if peek() == Byte.amp { pos += 1 }
                    continuesPipeline = true
                }
            case Byte.rparen:
                // Closes this list; a stray `)` (a case pattern) is syntax, not a command.
                pos += 1
                if closer == Byte.rparen { return }
            case Byte.lparen:
                if peek(1) == Byte.lparen {
                    pos += 2
                    skipArithmetic(depth: depth)
                } else if let name = pendingFunction {
                    // `f() ( … )`: a function whose body runs in a subshell.
                    pendingFunction = nil
                    pos += 1
                    functionBodies.append((name, -1))
                    parseNested(depth: depth + 1, inSubstitution: inSubstitution)
                    functionBodies.removeLast()
                } else {
                    pos += 1
                    parseNested(depth: depth + 1, inSubstitution: inSubstitution)
                }
                continuesPipeline = false
            default:
                if continuesPipeline { pipelineIndex += 1 } else { pipelineIndex = 0 }
                let before = commands.count
                parseCommand(
                    depth: depth, pipelineID: pipelineID, pipelineIndex: pipelineIndex,
                    inSubstitution: inSubstitution)
                if commands.count == before, pipelineIndex > 0 { pipelineIndex -= 1 }
                continuesPipeline = false
            }
        }
        if closer != nil { problem("unbalanced parenthesis: missing )") }
    }

    mutating func newPipeline() -> Int {
        nextPipelineID += 1
        return nextPipelineID
    }

    /// Parses a `( … )` or `$( … )` body, or skips it when nesting is too deep.
    mutating func parseNested(depth: Int, inSubstitution: Bool) {
        if depth > maxDepth {
            isTruncated = true
            problem("nesting deeper than \(maxDepth) levels was not analysed")
            skipBalanced()
        } else {
            parseList(depth: depth, closer: Byte.rparen, inSubstitution: inSubstitution)
        }
    }

    /// Skips to the `)` matching an already-consumed `(`, counting parentheses only.
    mutating func skipBalanced() {
        var level = 1
        while let b = peek() {
            pos += 1
            if b == Byte.backslash {
                pos += 1
            } else if b == Byte.lparen {
                level += 1
            } else if b == Byte.rparen {
                level -= 1
                if level == 0 { return }
            }
        }
    }

    /// Skips `(( … ))` arithmetic, still parsing any command substitution inside it.
    mutating func skipArithmetic(depth: Int) {
        var level = 2
        while let b = peek() {
            if b == Byte.dollar, peek(1) == Byte.lparen, peek(2) != Byte.lparen {
                pos += 2
                parseNested(depth: depth + 1, inSubstitution: true)
                continue
            }
            pos += 1
            if b == Byte.lparen {
                level += 1
            } else if b == Byte.rparen {
                level -= 1
                if level == 0 { return }
            }
        }
        problem("unterminated arithmetic (( ))")
    }

    // MARK: Simple commands

    mutating func parseCommand(depth: Int, pipelineID: Int, pipelineIndex: Int, inSubstitution: Bool) {
        var command = SimpleCommand(
            pipelineID: pipelineID, pipelineIndex: pipelineIndex, depth: depth,
            isSubstitution: inSubstitution)
        let firstPending = pending.count
        var stoppedAtRparen = false
        loop: while !atEnd {
            skipBlanks()
            guard let b = peek() else { break }
            switch b {
            case Byte.pipe where expectingCasePattern && peek(1) != Byte.pipe:
                // `a|b)`: alternatives of a case pattern.
                pos += 1
                command.words.removeAll()
            case Byte.rparen:
                stoppedAtRparen = true
                break loop
            case Byte.semicolon, Byte.pipe, Byte.newline:
                break loop
            case Byte.amp:
                if peek(1) == Byte.gt {
                    parseRedirection(into: &command, fd: nil, depth: depth)
                } else {
                    break loop
                }
            case Byte.lt, Byte.gt:
                if peek(1) == Byte.lparen {
                    pos += 2
                    let start = pos - 2
                    parseNested(depth: depth + 1, inSubstitution: true)
                    command.words.append(
                        ShellWord(
                            String(decoding: bytes[start..<pos], as: UTF8.self), hasExpansion: true,
                            hasCommandSubstitution: true))
                } else {
                    parseRedirection(into: &command, fd: nil, depth: depth)
                }
            case Byte.lparen:
                // `name() { … }` and `function name() { … }` define a function: the name is not a command.
                let header = command.words.drop { !$0.isQuoted && leadingReservedWords.contains($0.text) }
                if peek(1) == Byte.rparen, let name = header.last,
                    header.count == 1 || (header.count == 2 && header.first?.text == "function")
                {
                    // `{ f() { …; }; }`: a group's brace before the name still opens the group.
                    for word in command.words.prefix(command.words.count - header.count) where word.text == "{" {
                        braceDepth += 1
                    }
                    pos += 2
                    pendingFunction = name.text
                    command.words.removeAll()
                    break loop
                }
                break loop
            case Byte.hash:
                // A `#` that starts a word starts a comment (inside a word it is a character).
                skipComment()
                break loop
            default:
                var builder = readWord(depth: depth)
                // A lone `\` at the very end (a pasted line break) is no word.
                if builder.bytes.isEmpty, !builder.isQuoted, !builder.hasExpansion { continue }
                if let next = peek(), next == Byte.lt || next == Byte.gt, !builder.bytes.isEmpty,
                    builder.isPlain, builder.bytes.allSatisfy(Byte.isDigit)
                {
                    parseRedirection(
                        into: &command, fd: Int(String(decoding: builder.bytes, as: UTF8.self)),
                        depth: depth)
                } else if builder.isAssignment,
                    command.words.allSatisfy({ !$0.isQuoted && leadingReservedWords.contains($0.text) })
                {
                    // `do x=1`, `then y=$(…)`: the reserved words are syntax, so this is an assignment.
                    command.words.removeAll()
                    // `NAME=(a b c)` is an array assignment: keep the list as its value.
                    if builder.bytes.last == Byte.equals, peek() == Byte.lparen,
                        builder.bytes.count == builder.plainPrefix
                    {
                        pos += 1
                        let start = pos
                        skipBalanced()
                        builder.appendSpecial(bytes[start..<max(start, pos - 1)])
                    }
                    command.assignments.append(builder.word)
                } else {
                    command.words.append(builder.word)
                }
            }
        }
        dropReservedWords(&command)
        if stoppedAtRparen, expectingCasePattern {
            // The words were a case pattern (`*.gz)`): syntax, not a command.
            pos += 1
            command.words.removeAll()
            expectingCasePattern = false
        }
        command.functionName = functionBodies.last?.name
        if command.words.isEmpty, command.assignments.isEmpty, command.redirections.isEmpty, command.forLoop == nil {
            pending.removeSubrange(firstPending...)
            return
        }
        commands.append(command)
        for index in firstPending..<pending.count where pending[index].command == nil {
            pending[index].command = commands.count - 1
        }
    }

    /// Removes compound-command syntax (`if`, `then`, `{`, `done`, …) from a command's words,
    /// keeping track of function bodies and `for` headers as it goes.
    /// First bytes of the reserved words (`if`, `then`, `{`, `for`, `case`, `function`, …).
    static let reservedLeads: Set<UInt8> = Set("itedwu!{f}sc".utf8)

    mutating func dropReservedWords(_ command: inout SimpleCommand) {
        while let first = command.words.first, command.assignments.isEmpty, !first.isQuoted {
            // Hot: most commands start with a program name no reserved word shares a first byte
            // and length with; skip the string comparisons below.
            let utf8 = first.text.utf8
            guard utf8.count <= 8, let lead = utf8.first, Self.reservedLeads.contains(lead) else { return }
            switch first.text {
            case "{":
                braceDepth += 1
                if let name = pendingFunction {
                    functionBodies.append((name, braceDepth))
                    pendingFunction = nil
                }
                command.words.removeFirst()
            case "}":
                if let body = functionBodies.last, body.braceDepth == braceDepth { functionBodies.removeLast() }
                braceDepth = max(0, braceDepth - 1)
                command.words.removeFirst()
            case "function" where command.words.count >= 2:
                // `function name { … }`: the body may start in this very command.
                var name = command.words[1].text
                if name.hasSuffix("()") { name.removeLast(2) }
                pendingFunction = name
                command.words.removeFirst(2)
            case "for", "select":
                // `for NAME in WORDS`: the loop variable takes each word in turn.
                if command.words.count >= 2 {
                    let variable = command.words[1].text
                    let values = command.words.count >= 3 && command.words[2].text == "in"
                        ? Array(command.words.dropFirst(3)) : nil
                    command.forLoop = SimpleCommand.ForLoop(variable: variable, values: values)
                }
                command.words.removeAll()
            case "case":
                caseDepth += 1
                expectingCasePattern = true
                command.words.removeAll()
            case "esac":
                caseDepth = max(0, caseDepth - 1)
                expectingCasePattern = false
                command.words.removeFirst()
            case _ where leadingReservedWords.contains(first.text):
                command.words.removeFirst()
            case _ where headerReservedWords.contains(first.text):
                command.words.removeAll()
            default:
                return
            }
        }
    }

    // MARK: Redirections and heredocs

    /// Longest first, so `>>` is not read as `>`.
    static let redirectionOperators: [([UInt8], Redirection.Operator)] = ([
        ("&>>", .appendAll), ("&>", .outputAll), ("<<<", .herestring), ("<<-", .heredocStrippingTabs),
        ("<<", .heredoc), ("<>", .readWrite), ("<&", .duplicateInput), ("<", .input),
        (">>", .append), (">|", .clobber), (">&", .duplicateOutput), (">", .output),
    ] as [(String, Redirection.Operator)]).map { (Array($0.0.utf8), $0.1) }

    mutating func parseRedirection(into command: inout SimpleCommand, fd: Int?, depth: Int) {
        let op: Redirection.Operator
        func starts(_ u: [UInt8]) -> Bool {
            guard pos + u.count <= bytes.count else { return false }
            return bytes[pos..<pos + u.count].elementsEqual(u)
        }
        guard let match = Self.redirectionOperators.first(where: { starts($0.0) }) else {
            pos += 1
            return
        }
        op = match.1
        pos += match.0.count
        skipBlanks()
        var targetBuilder: WordBuilder
        if let b = peek(), b == Byte.lt || b == Byte.gt, peek(1) == Byte.lparen {
            // `> >(tee log)`: output into a process substitution, whose commands run too.
            let start = pos
            pos += 2
            parseNested(depth: depth + 1, inSubstitution: true)
            targetBuilder = WordBuilder()
            targetBuilder.appendSpecial(bytes[start..<pos])
            targetBuilder.hasExpansion = true
            targetBuilder.hasCommandSubstitution = true
        } else if let b = peek(), !Byte.endsWord(b) || b == Byte.lparen {
            targetBuilder = readWord(depth: depth)
        } else {
            problem("redirection \(match.0) without a target")
            targetBuilder = WordBuilder()
        }
        let target = targetBuilder.word
        command.redirections.append(Redirection(op: op, fd: fd, target: target, heredocBody: nil))
        if op == .heredoc || op == .heredocStrippingTabs {
            pending.append(
                PendingHeredoc(
                    command: nil, redirection: command.redirections.count - 1, delimiter: target.text,
                    stripsTabs: op == .heredocStrippingTabs, isQuoted: target.isQuoted, depth: depth))
        }
    }

    /// Reads the bodies of heredocs whose command line just ended.
    mutating func readPendingHeredocs() {
        var index = 0
        while index < pending.count {
            guard let commandIndex = pending[index].command else {
                index += 1
                continue
            }
            let heredoc = pending.remove(at: index)
            let body = readHeredocBody(delimiter: heredoc.delimiter, stripsTabs: heredoc.stripsTabs)
            commands[commandIndex].redirections[heredoc.redirection].heredocBody = body
            if !heredoc.isQuoted {
                let first = commands.count
                parseSubstitutions(inText: body, depth: heredoc.depth + 1)
                for index in first..<commands.count { commands[index].inHeredoc = true }
            }
        }
    }

    mutating func finishPendingHeredocs() {
        for heredoc in pending {
            if let commandIndex = heredoc.command {
                commands[commandIndex].redirections[heredoc.redirection].heredocBody = ""
            }
        }
        if !pending.isEmpty { problem("heredoc without a body") }
        pending.removeAll()
    }

    mutating func readHeredocBody(delimiter: String, stripsTabs: Bool) -> String {
        let delimiterBytes = Array(delimiter.utf8)
        var body: [UInt8] = []
        while !atEnd {
            var lineStart = pos
            while let b = peek(), b != Byte.newline { pos += 1 }
            let lineEnd = pos
            if !atEnd { pos += 1 }
            if stripsTabs { while lineStart < lineEnd, bytes[lineStart] == Byte.tab { lineStart += 1 } }
            var contentEnd = lineEnd
            if contentEnd > lineStart, bytes[contentEnd - 1] == Byte.cr { contentEnd -= 1 }
            if bytes[lineStart..<contentEnd].elementsEqual(delimiterBytes) {
                return String(decoding: body, as: UTF8.self)
            }
            body.append(contentsOf: bytes[lineStart..<lineEnd])
            body.append(Byte.newline)
        }
        problem("heredoc not closed by \(delimiter.prefix(40))")
        return String(decoding: body, as: UTF8.self)
    }

    /// Parses the command substitutions inside text the shell expands (a heredoc body, a
    /// backtick body), appending what they run.
    mutating func parseSubstitutions(inText text: String, depth: Int) {
        guard depth <= maxDepth else {
            isTruncated = true
            return
        }
        var sub = ShellParserState(bytes: Array(text.utf8), maxDepth: maxDepth, firstPipelineID: nextPipelineID)
        var sink = WordBuilder()
        sub.readDoubleQuoted(into: &sink, depth: depth, closer: nil)
        absorb(sub)
    }

    mutating func absorb(_ sub: ShellParserState) {
        commands.append(contentsOf: sub.commands)
        for problem in sub.problems { self.problem(problem) }
        isTruncated = isTruncated || sub.isTruncated
        nextPipelineID = sub.nextPipelineID
    }

    // MARK: Words

    mutating func readWord(depth: Int) -> WordBuilder {
        var word = WordBuilder()
        while let b = peek(), !Byte.endsWord(b) {
            switch b {
            case Byte.backslash:
                if peek(1) == Byte.newline {
                    pos += 2
                } else if let next = peek(1) {
                    word.isQuoted = true
                    word.appendSpecial([next])
                    pos += 2
                } else {
                    pos += 1
                }
            case Byte.squote:
                word.isQuoted = true
                pos += 1
                let start = pos
                while let c = peek(), c != Byte.squote { pos += 1 }
                word.appendSpecial(bytes[start..<pos])
                if atEnd { problem("unterminated single quote") } else { pos += 1 }
            case Byte.dquote:
                word.isQuoted = true
                pos += 1
                readDoubleQuoted(into: &word, depth: depth, closer: Byte.dquote)
            case Byte.dollar:
                readDollar(into: &word, depth: depth, inDoubleQuotes: false)
            case Byte.backtick:
                readBackticks(into: &word, depth: depth)
            case Byte.star, Byte.question, UInt8(ascii: "!"), UInt8(ascii: "@"), UInt8(ascii: "+"):
                if peek(1) == Byte.lparen {
                    // Extended globs `!(*.c)`, `@(a|b)`, `*(x)`: one pattern, parentheses and all.
                    let start = pos
                    pos += 2
                    skipBalanced()
                    word.hasGlob = true
                    word.appendSpecial(bytes[start..<pos])
                } else if b == Byte.star || b == Byte.question {
                    word.hasGlob = true
                    word.appendPlain(b)
                    pos += 1
                } else {
                    word.appendPlain(b)
                    pos += 1
                }
            case Byte.lbracket:
                // `[` starts a bracket glob only when a `]` closes it in the same word (`[` alone is test).
                var end = pos + 1
                while end < bytes.count, !Byte.endsWord(bytes[end]), bytes[end] != Byte.rbracket { end += 1 }
                if end < bytes.count, bytes[end] == Byte.rbracket, end > pos + 1 { word.hasGlob = true }
                word.appendPlain(b)
                pos += 1
            default:
                word.appendPlain(b)
                pos += 1
            }
        }
        return word
    }

    /// Reads double-quoted text up to `closer` (or the end when `closer` is nil).
    mutating func readDoubleQuoted(into word: inout WordBuilder, depth: Int, closer: UInt8?) {
        while let b = peek() {
            if let closer, b == closer {
                pos += 1
                return
            }
            switch b {
            case Byte.backslash:
                if let next = peek(1),
                    next == Byte.dollar || next == Byte.backtick || next == Byte.dquote
                        || next == Byte.backslash || next == Byte.newline
                {
                    if next != Byte.newline { word.appendSpecial([next]) }
                    pos += 2
                } else {
                    word.appendSpecial([b])
                    pos += 1
                }
            case Byte.dollar:
                readDollar(into: &word, depth: depth, inDoubleQuotes: true)
            case Byte.backtick:
                readBackticks(into: &word, depth: depth)
            default:
                word.appendSpecial([b])
                pos += 1
            }
        }
        if closer != nil { problem("unterminated double quote") }
    }

    mutating func readDollar(into word: inout WordBuilder, depth: Int, inDoubleQuotes: Bool) {
        let start = pos
        let next = peek(1)
        switch next {
        case Byte.squote where !inDoubleQuotes:
            pos += 2
            word.isQuoted = true
            word.appendSpecial(readANSICQuoted())
        case Byte.dquote where !inDoubleQuotes:
            pos += 2
            word.isQuoted = true
            readDoubleQuoted(into: &word, depth: depth, closer: Byte.dquote)
        case Byte.lparen:
            if peek(2) == Byte.lparen {
                pos += 3
                skipArithmetic(depth: depth)
            } else {
                pos += 2
                parseNested(depth: depth + 1, inSubstitution: true)
                word.hasCommandSubstitution = true
            }
            word.hasExpansion = true
            word.appendSpecial(bytes[start..<pos])
        case Byte.lbrace:
            pos += 2
            readParameterExpansion(depth: depth)
            word.hasExpansion = true
            word.appendSpecial(bytes[start..<pos])
        case let c? where Byte.isNameStart(c):
            pos += 1
            while let c = peek(), Byte.isNameChar(c) { pos += 1 }
            word.hasExpansion = true
            word.appendSpecial(bytes[start..<pos])
        case let c? where Byte.isDigit(c) || "@*#?$!-".utf8.contains(c):
            pos += 2
            word.hasExpansion = true
            word.appendSpecial(bytes[start..<pos])
        default:
            word.appendSpecial([Byte.dollar])
            pos += 1
        }
    }

    /// Reads `${…}` up to its matching brace, parsing substitutions inside it.
    mutating func readParameterExpansion(depth: Int) {
        var level = 1
        while let b = peek() {
            switch b {
            case Byte.backslash:
                pos += 2
            case Byte.squote:
                pos += 1
                while let c = peek(), c != Byte.squote { pos += 1 }
                pos += 1
            case Byte.dollar where peek(1) == Byte.lparen && peek(2) != Byte.lparen:
                pos += 2
                parseNested(depth: depth + 1, inSubstitution: true)
            case Byte.backtick:
                var sink = WordBuilder()
                readBackticks(into: &sink, depth: depth)
            case Byte.lbrace:
                level += 1
                pos += 1
            case Byte.rbrace:
                pos += 1
                level -= 1
                if level == 0 { return }
            default:
                pos += 1
            }
        }
        pos = min(pos, bytes.count)
        problem("unterminated ${")
    }

    /// Reads a backtick substitution and parses its body as commands.
    mutating func readBackticks(into word: inout WordBuilder, depth: Int) {
        let start = pos
        pos += 1
        var body: [UInt8] = []
        while let b = peek(), b != Byte.backtick {
            if b == Byte.backslash, let next = peek(1),
                next == Byte.backtick || next == Byte.backslash || next == Byte.dollar
            {
                body.append(next)
                pos += 2
            } else {
                body.append(b)
                pos += 1
            }
        }
        if atEnd { problem("unterminated backtick") } else { pos += 1 }
        word.hasExpansion = true
        word.hasCommandSubstitution = true
        word.appendSpecial(bytes[start..<min(pos, bytes.count)])
        guard depth + 1 <= maxDepth else {
            isTruncated = true
            problem("nesting deeper than \(maxDepth) levels was not analysed")
            return
        }
        var sub = ShellParserState(bytes: body, maxDepth: maxDepth, firstPipelineID: nextPipelineID)
        sub.parseList(depth: depth + 1, closer: nil, inSubstitution: true)
        sub.finishPendingHeredocs()
        absorb(sub)
    }

    /// Reads the body of `$'…'`, decoding its escapes.
    mutating func readANSICQuoted() -> [UInt8] {
        var out: [UInt8] = []
        while let b = peek(), b != Byte.squote {
            guard b == Byte.backslash, let e = peek(1) else {
                out.append(b)
                pos += 1
                continue
            }
            pos += 2
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "a"): out.append(0x07)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "v"): out.append(0x0B)
            case UInt8(ascii: "e"), UInt8(ascii: "E"): out.append(0x1B)
            case UInt8(ascii: "x"): out.append(contentsOf: scalarBytes(readHex(maxDigits: 2)))
            case UInt8(ascii: "u"): out.append(contentsOf: scalarBytes(readHex(maxDigits: 4)))
            case UInt8(ascii: "U"): out.append(contentsOf: scalarBytes(readHex(maxDigits: 8)))
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = UInt32(e - 48)
                var digits = 1
                while digits < 3, let d = peek(), d >= 48, d <= 55 {
                    value = value * 8 + UInt32(d - 48)
                    pos += 1
                    digits += 1
                }
                out.append(contentsOf: scalarBytes(value & 0xFF))
            default: out.append(e)
            }
        }
        if atEnd { problem("unterminated $' quote") } else { pos += 1 }
        return out
    }

    mutating func readHex(maxDigits: Int) -> UInt32 {
        var value: UInt32 = 0
        var digits = 0
        while digits < maxDigits, let d = peek(), let v = hexValue(d) {
            value = value &* 16 &+ v
            pos += 1
            digits += 1
        }
        return value
    }

    func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case 48...57: return UInt32(b - 48)
        case 65...70: return UInt32(b - 55)
        case 97...102: return UInt32(b - 87)
        default: return nil
        }
    }

    func scalarBytes(_ value: UInt32) -> [UInt8] {
        guard let scalar = Unicode.Scalar(value) else { return Array("\u{FFFD}".utf8) }
        return Array(String(Character(scalar)).utf8)
    }
}
