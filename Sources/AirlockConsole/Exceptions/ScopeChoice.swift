import AirlockCore
import AirlockWire

/// One way to scope an exception made from a pending action, with the words the panel shows.
struct ScopeChoice: Equatable, Sendable {
    var scope: Scope
    var label: String
    /// A category exception is "this category in this repo": its binding is always the repository.
    var forcesRepository: Bool

    /// The scopes that make sense for `item`: the exact action always; a command prefix for
    /// shell commands; the main category; the MCP tool; the paths of a file action.
    static func choices(for item: QueuedAction) -> [ScopeChoice] {
        let action = item.action
        let assessment = item.assessment
        var choices = [
            ScopeChoice(
                scope: .exactAction(Scope.fingerprint(of: action)), label: "this exact action", forcesRepository: false)
        ]
        if case .shell = action.kind, let prefix = commandPrefix(assessment.commands) {
            choices.append(
                ScopeChoice(
                    scope: .commandPrefix(prefix), label: "commands starting “\(prefix.joined(separator: " "))”",
                    forcesRepository: false))
        }
        if let category = assessment.categories.first(where: { !$0.isReadOnly }) ?? assessment.categories.first {
            choices.append(
                ScopeChoice(
                    scope: .category(category), label: "category \(category.rawValue) in this repo",
                    forcesRepository: true))
        }
        if case .mcp(let call) = action.kind {
            choices.append(
                ScopeChoice(
                    scope: .mcpTool(server: call.server, tool: call.tool),
                    label: "MCP tool \(call.server).\(call.tool)",
                    forcesRepository: false))
        }
        if let paths = action.filePaths, !paths.isEmpty {
            choices.append(
                ScopeChoice(
                    scope: .paths(paths), label: "these paths: \(paths.prefix(3).joined(separator: ", "))",
                    forcesRepository: false))
        }
        return choices
    }

    /// The program and its subcommand words (up to the first option, at most two words) of the
    /// first executed command: `npm test`, `git push`, `rm`.
    static func commandPrefix(_ commands: [[String]]) -> [String]? {
        guard let argv = commands.first, let program = argv.first else { return nil }
        var prefix = [program]
        for word in argv.dropFirst() {
            guard prefix.count < 2, !word.hasPrefix("-"), !word.contains("/"), !word.contains("=") else { break }
            prefix.append(word)
        }
        return prefix
    }
}
