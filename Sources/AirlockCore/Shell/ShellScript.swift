/// A word of shell input after quote removal, with what its text is made of.
public struct ShellWord: Sendable, Equatable, CustomStringConvertible {
    /// The value after quote removal; expansions are kept as written (`$HOME`, `$(cmd)`).
    public var text: String
    /// Parameter, command or arithmetic expansion outside single quotes: the value is only
    /// known when the shell runs it.
    public var hasExpansion: Bool
    /// Holds a command substitution (`$(…)`, backticks) whose output becomes part of the word.
    public var hasCommandSubstitution: Bool
    /// Unquoted `*`, `?` or `[`: the shell expands it to file names.
    public var hasGlob: Bool
    /// Some part of it was quoted or escaped.
    public var isQuoted: Bool

    public init(
        _ text: String, hasExpansion: Bool = false, hasCommandSubstitution: Bool = false,
        hasGlob: Bool = false, isQuoted: Bool = false
    ) {
        self.text = text
        self.hasExpansion = hasExpansion
        self.hasCommandSubstitution = hasCommandSubstitution
        self.hasGlob = hasGlob
        self.isQuoted = isQuoted
    }

    public var description: String { text }
}

/// A redirection attached to a simple command.
public struct Redirection: Sendable, Equatable {
    public enum Operator: String, Sendable {
        case input = "<", output = ">", append = ">>", clobber = ">|", readWrite = "<>"
        case duplicateInput = "<&", duplicateOutput = ">&", outputAll = "&>", appendAll = "&>>"
        case heredoc = "<<", heredocStrippingTabs = "<<-", herestring = "<<<"
    }

    public var op: Operator
    public var fd: Int?
    /// The file, descriptor, heredoc delimiter or here-string.
    public var target: ShellWord
    /// The body of a heredoc (`<<`, `<<-`); nil for other operators.
    public var heredocBody: String?

    /// True when the shell writes to `target` as a file.
    public var writesFile: Bool {
        switch op {
        case .output, .append, .clobber, .outputAll, .appendAll, .readWrite: return true
        case .duplicateOutput: return !target.text.allSatisfy { $0.isNumber || $0 == "-" }
        default: return false
        }
    }

    /// The text this redirection feeds to the command's standard input, when it is literal.
    public var stdinText: String? {
        switch op {
        case .heredoc, .heredocStrippingTabs: return heredocBody
        case .herestring: return target.text
        default: return nil
        }
    }
}

/// One simple command: assignments, words and redirections, with where it sits.
public struct SimpleCommand: Sendable, Equatable {
    public var assignments: [ShellWord] = []
    public var words: [ShellWord] = []
    public var redirections: [Redirection] = []
    /// Commands joined by `|` share a pipeline id; `pipelineIndex` 0 is the first of them.
    public var pipelineID: Int = 0
    public var pipelineIndex: Int = 0
    /// Nesting depth: subshells, substitutions.
    public var depth: Int = 0
    /// Runs to produce text for another command (`$(…)`, backticks, `<(…)`).
    public var isSubstitution: Bool = false
    /// Runs from a substitution inside an unquoted heredoc's body: a reader sees text there.
    public var inHeredoc: Bool = false
    /// The function whose body this command is part of; it runs when the function is called.
    public var functionName: String?
    /// Set on the header of a `for` loop (which has no words of its own).
    public var forLoop: ForLoop?

    /// `for variable in values`: nil values means the positional parameters.
    public struct ForLoop: Sendable, Equatable {
        public var variable: String
        public var values: [ShellWord]?
    }

    public init(
        assignments: [ShellWord] = [], words: [ShellWord] = [], redirections: [Redirection] = [],
        pipelineID: Int = 0, pipelineIndex: Int = 0, depth: Int = 0, isSubstitution: Bool = false
    ) {
        self.assignments = assignments
        self.words = words
        self.redirections = redirections
        self.pipelineID = pipelineID
        self.pipelineIndex = pipelineIndex
        self.depth = depth
        self.isSubstitution = isSubstitution
    }
}

/// A parsed shell script: every simple command it would run, substitutions included.
public struct ShellScript: Sendable, Equatable {
    public var commands: [SimpleCommand]
    /// Syntax problems found on the way ("unterminated single quote"); the parse still goes on.
    public var problems: [String]
    /// True when nesting went past the parser's limit and some text was skipped unanalysed.
    public var isTruncated: Bool

    /// For each command, the index of the previous and the next command of its pipeline.
    /// Linear: the stages of a pipeline need not be adjacent (substitutions sit in between).
    public func pipeNeighbours() -> [(upstream: Int?, downstream: Int?)] {
        var result = [(upstream: Int?, downstream: Int?)](repeating: (nil, nil), count: commands.count)
        // No pipe on the line (the usual case): nothing to pair, no dictionaries.
        guard commands.contains(where: { $0.pipelineIndex > 0 }) else { return result }
        var stage: [Int: [Int: Int]] = [:]
        for (index, command) in commands.enumerated() {
            stage[command.pipelineID, default: [:]][command.pipelineIndex] = index
        }
        for (index, command) in commands.enumerated() {
            guard let stages = stage[command.pipelineID] else { continue }
            if command.pipelineIndex > 0 { result[index].upstream = stages[command.pipelineIndex - 1] }
            result[index].downstream = stages[command.pipelineIndex + 1]
        }
        return result
    }
}
