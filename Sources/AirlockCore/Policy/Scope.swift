/// What a rule or exception covers: one exact action, a command prefix (argv, not text), a
/// category, an MCP tool, or paths. Stored and sent as a one-key object (`Scope+Coding.swift`).
public enum Scope: Sendable, Equatable, Hashable {
    /// The action's fingerprint (`Scope.fingerprint(of:)`), compared in full.
    case exactAction(String)
    /// Every executed command starts with these argv words (plain reads may sit beside them).
    case commandPrefix([String])
    /// Every category of the action is this one (or a plain read).
    case category(Category)
    /// One MCP tool; a nil tool means the whole server (deny only).
    case mcpTool(server: String, tool: String?)
    /// File actions whose path matches one of these globs (`*`, `**`, `?`).
    case paths([String])

    /// Whether `action`, as assessed, falls inside this scope.
    public func covers(_ action: Action, _ assessment: Assessment) -> Bool {
        switch self {
        case .exactAction(let fingerprint):
            // A console counts this over every pending action; a shell command is compared in
            // place rather than by building its fingerprint.
            if case .shell(let command) = action.kind {
                let tag = "shell:".utf8
                return fingerprint.utf8.count == tag.count + command.utf8.count
                    && fingerprint.utf8.starts(with: tag)
                    && fingerprint.utf8.dropFirst(tag.count).elementsEqual(command.utf8)
            }
            return Scope.fingerprint(of: action) == fingerprint
        case .commandPrefix(let prefix):
            // Narrow by design: only the commands the prefix names, plus plain reads beside them;
            // never a risky, unsure or hazardous line, and never persistence or poisoning.
            guard case .shell = action.kind, !prefix.isEmpty, !assessment.commands.isEmpty,
                !assessment.isUnsure, assessment.risk < .high, assessment.scopeHazards.isEmpty,
                !assessment.categories.contains(where: \.isNeverCoveredByOthers)
            else { return false }
            var matched = false
            for argv in assessment.commands {
                if argv.starts(with: prefix) {
                    matched = true
                } else if !Scope.isPlainRead(argv) {
                    return false
                }
            }
            return matched
        case .category(let category):
            return assessment.categories.allSatisfy { $0 == category || $0.isReadOnly }
                && assessment.categories.contains(category)
        case .mcpTool(let server, let tool):
            guard case .mcp(let call) = action.kind else { return false }
            return call.server == server && (tool == nil || call.tool == tool)
        case .paths(let globs):
            guard let paths = action.filePaths, !paths.isEmpty,
                !assessment.categories.contains(where: \.isNeverCoveredByOthers)
            else { return false }
            // Globs match the path as the file system will see it: `src/../.claude/x` is `.claude/x`.
            return paths.allSatisfy { path in
                let normalised = PathClassifier.resolve(path, cwd: nil, host: HostFacts())
                return globs.contains { Glob.matches($0, normalised) }
            }
        }
    }

    /// A full, canonical text of an action: harness-independent, so an exception granted for
    /// one session's `rm -rf build` also recognises the same bytes from another.
    public static func fingerprint(of action: Action) -> String {
        switch action.kind {
        case .shell(let command): return "shell:" + command
        case .fileRead(let path): return "read:" + path
        case .fileWrite(let path, let content): return "write:" + path + "\u{0}" + content
        case .fileEdit(let path, let edits):
            return "edit:" + path + edits.map { "\u{0}\($0.oldText)\u{0}\($0.newText)\u{0}\($0.replaceAll)" }.joined()
        case .patch(let text): return "patch:" + text
        case .mcp(let call): return "mcp:\(call.server)/\(call.tool):" + call.arguments.canonicalText
        case .web(let url): return "web:" + url
        case .other(let tool, let input): return "other:\(tool):" + input
        }
    }

    /// Reads that may stand beside a prefix-matched command (`cd src && npm test`), as the
    /// program registry knows them.
    static func isPlainRead(_ argv: [String]) -> Bool {
        ProgramRegistry.shared.isPlainRead(argv)
    }

    /// A short human description, for lists and confirmations.
    public var summary: String {
        switch self {
        case .exactAction(let fingerprint): return "exactly: \(fingerprint.prefix(80))"
        case .commandPrefix(let prefix): return "commands starting: \(prefix.joined(separator: " "))"
        case .category(let category): return "category \(category.rawValue)"
        case .mcpTool(let server, let tool): return "MCP \(server)/\(tool ?? "*")"
        case .paths(let globs): return "paths \(globs.joined(separator: ", "))"
        }
    }
}

extension Action {
    /// The paths a file action names (nil for other kinds).
    public var filePaths: [String]? {
        switch kind {
        case .fileRead(let path), .fileWrite(let path, _), .fileEdit(let path, _): return [path]
        case .patch(let text): return FileActionClassifier.patchTargets(text).map(\.path)
        default: return nil
        }
    }
}

/// Shell-style globs for paths: `*` within a segment, `**` across segments, `?` one character.
public enum Glob {
    public static func matches(_ pattern: String, _ path: String) -> Bool {
        match(Array(pattern.unicodeScalars), 0, Array(path.unicodeScalars), 0, budget: 10_000) == true
    }

    /// Backtracking matcher with a step budget, so hostile patterns cannot hang policy.
    private static func match(_ p: [Unicode.Scalar], _ pi: Int, _ s: [Unicode.Scalar], _ si: Int, budget: Int) -> Bool?
    {
        var pi = pi, si = si
        var steps = budget
        while pi < p.count {
            steps -= 1
            if steps <= 0 { return nil }
            let c = p[pi]
            if c == "*" {
                let doubleStar = pi + 1 < p.count && p[pi + 1] == "*"
                var next = pi + (doubleStar ? 2 : 1)
                if doubleStar, next < p.count, p[next] == "/" { next += 1 }
                var k = si
                while true {
                    if let result = match(p, next, s, k, budget: steps / 2), result { return true }
                    if k >= s.count || (!doubleStar && s[k] == "/") { return false }
                    k += 1
                    steps -= 1
                    if steps <= 0 { return nil }
                }
            }
            guard si < s.count else { return false }
            if c != "?" && c != s[si] { return false }
            if c == "?" && s[si] == "/" { return false }
            pi += 1
            si += 1
        }
        return si == s.count
    }
}
