import AirlockCore
import TOMLKit

/// A parsed `policy.toml`: standing allow and deny rules, and optionally the default mode.
///
/// ```toml
/// mode = "workspace-edit"
///
/// [[allow]]
/// command = ["npm", "test"]       # argv prefix
/// reason = "the test loop"
///
/// [[deny]]
/// category = "network"
///
/// [[deny]]
/// path = ["secrets/**", "**/*.pem"]
///
/// [[allow]]
/// mcp = { server = "github", tool = "get_issue" }
///
/// [reviewers.alice]                   # a person; several accounts may be the same person
/// accounts = ["alice@dev-3", "alice@laptop"]
/// name = "Alice Martin"
/// groups = ["leads"]
///
/// [[require]]                         # what approving takes (trusted files only)
/// category = ["production", "migration"]
/// group = "leads"
///
/// [[require]]
/// floor = "hard"
/// approvals = 2                       # distinct people
/// not_own_agent = true
/// ```
public struct PolicyFile: Sendable, Equatable {
    public var rules: [PolicyRule]
    public var mode: Mode?
    /// `reviewers` and `[[require]]`: only in the user's or system's file.
    public var reviewers: ReviewerPolicy

    public init(rules: [PolicyRule] = [], mode: Mode? = nil, reviewers: ReviewerPolicy = ReviewerPolicy()) {
        self.rules = rules
        self.mode = mode
        self.reviewers = reviewers
    }

    /// Parses policy text. `file` names it in errors and rule ids; `origin` marks repository rules.
    public static func parse(_ text: String, file: String, origin: PolicyRule.Origin = .user) throws(PolicyFileError)
        -> PolicyFile
    {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw PolicyFileError(file: file, line: error.source.begin.line, message: error.description)
        } catch {
            throw PolicyFileError(file: file, line: 1, message: "not valid TOML")
        }
        let lines = RuleLines(text: text)
        var policy = PolicyFile()
        for key in table.keys {
            switch key {
            case "mode":
                guard let name = table[key]?.string, let mode = Mode(rawValue: name) else {
                    throw PolicyFileError(
                        file: file, line: lines.line(ofKey: "mode"),
                        message: "mode must be one of \(Mode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                policy.mode = mode
            case "allow", "deny":
                guard let array = table[key]?.array else {
                    throw PolicyFileError(
                        file: file, line: lines.line(ofKey: key), message: "write rules as [[\(key)]] tables")
                }
                let effect: PolicyRule.Effect = key == "allow" ? .allow : .deny
                for index in 0..<array.count {
                    let line = lines.line(ofRule: key, index: index)
                    guard let rule = array[index].table else {
                        throw PolicyFileError(file: file, line: line, message: "each [[\(key)]] entry must be a table")
                    }
                    policy.rules.append(try Self.rule(rule, effect: effect, origin: origin, file: file, line: line))
                }
            case "reviewers", "require":
                if case .repository = origin {
                    throw PolicyFileError(
                        file: file, line: lines.line(ofKey: key),
                        message: "a repository's policy may not declare \(key == "require" ? "[[require]]" : "reviewers"); "
                            + "who reviews and what approving takes belong in your own policy.toml")
                }
                if key == "reviewers" {
                    policy.reviewers.reviewers = try ReviewerSection.reviewers(table[key], file: file, lines: lines)
                } else {
                    policy.reviewers.requirements = try ReviewerSection.requirements(table[key], file: file, lines: lines)
                }
            default:
                throw PolicyFileError(
                    file: file, line: lines.line(ofKey: key),
                    message: "unknown key \"\(key)\" (expected mode, [[allow]], [[deny]], reviewers or [[require]])")
            }
        }
        try ReviewerSection.check(policy.reviewers, file: file, lines: lines)
        return policy
    }

    /// One scope key of a rule (command, category, path, mcp); nil for a key that is none.
    static func scope(_ key: String, _ value: TOMLValueConvertible?, fail: (String) -> PolicyFileError)
        throws(PolicyFileError) -> Scope?
    {
        switch key {
        case "command":
            if let words = value?.array?.compactMap({ $0.string }), !words.isEmpty, words.count == value?.array?.count {
                return .commandPrefix(words)
            } else if let text = value?.string, !text.isEmpty {
                return .commandPrefix(text.split(separator: " ").map(String.init))
            }
            throw fail("command must be a non-empty string or array of strings (argv prefix)")
        case "category":
            guard let name = value?.string else { throw fail("category must be a string") }
            guard let category = Category(rawValue: name) else { throw fail("unknown category \"\(name)\"") }
            return .category(category)
        case "path":
            if let glob = value?.string { return .paths([glob]) }
            if let globs = value?.array?.compactMap({ $0.string }), !globs.isEmpty, globs.count == value?.array?.count {
                return .paths(globs)
            }
            throw fail("path must be a glob string or an array of them")
        case "mcp":
            guard let mcp = value?.table, let server = mcp["server"]?.string else {
                throw fail(
                    "mcp must be a table with a server (and a tool): mcp = { server = \"github\", tool = \"get_issue\" }")
            }
            return .mcpTool(server: server, tool: mcp["tool"]?.string)
        default:
            return nil
        }
    }

    private static func rule(
        _ table: TOMLTable, effect: PolicyRule.Effect, origin: PolicyRule.Origin,
        file: String, line: Int
    ) throws(PolicyFileError) -> PolicyRule {
        func fail(_ message: String) -> PolicyFileError { PolicyFileError(file: file, line: line, message: message) }
        var scopes: [Scope] = []
        for key in table.keys {
            let value = table[key]
            switch key {
            case "id", "reason":
                guard value?.string != nil else { throw fail("\(key) must be a string") }
            default:
                guard let scope = try Self.scope(key, value, fail: fail) else {
                    throw fail("unknown key \"\(key)\" in a rule (expected command, category, path, mcp, id, reason)")
                }
                scopes.append(scope)
            }
        }
        guard scopes.count == 1, let scope = scopes.first else {
            throw fail("a rule needs exactly one of command, category, path or mcp")
        }
        if effect == .allow, case .mcpTool(_, nil) = scope {
            throw fail("allow an MCP tool, never a whole server: add tool = \"…\"")
        }
        if effect == .allow, case .category(let category) = scope, category.isHardFloor || category == .selfModification
        {
            throw fail("\(category.rawValue) cannot be allowed by a rule: a human decides each such action")
        }
        let id = table["id"]?.string ?? "\(file.split(separator: "/").last ?? ""):\(line)"
        return PolicyRule(id: id, effect: effect, scope: scope, origin: origin, reason: table["reason"]?.string)
    }
}

/// A policy file problem, located for the user (`policy.toml:12: unknown category "netwrk"`).
public struct PolicyFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public var description: String { "\(file):\(line): \(message)" }
}

/// Finds the line of a top-level key or of the n-th `[[allow]]`/`[[deny]]` header, since the
/// TOML parser keeps no positions for values.
struct RuleLines {
    let lines: [Substring]

    init(text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    func line(ofRule key: String, index: Int) -> Int {
        var seen = 0
        for (number, line) in lines.enumerated()
        where line.trimmingPrefix(while: \.isWhitespace).hasPrefix("[[\(key)]]") {
            if seen == index { return number + 1 }
            seen += 1
        }
        return line(ofKey: key)
    }

    func line(ofKey key: String) -> Int {
        for (number, line) in lines.enumerated() {
            let trimmed = line.trimmingPrefix(while: \.isWhitespace)
            if trimmed.hasPrefix(key + " ") || trimmed.hasPrefix(key + "=") || trimmed.hasPrefix("[" + key)
                || trimmed.hasPrefix("[[" + key)
            {
                return number + 1
            }
        }
        return 1
    }
}

private extension Substring {
    func trimmingPrefix(while predicate: (Character) -> Bool) -> Substring {
        var s = self
        while let first = s.first, predicate(first) { s.removeFirst() }
        return s
    }
}
