/// How an action appears in the decision log: a line for people and a structured subject the
/// console can classify again. Both are redacted by the caller (and again by the store).
extension Action {
    /// The action in one line ("rm -rf build", "write src/a.ts (120 bytes)", "mcp github/create_issue {…}").
    public var logSummary: String {
        switch kind {
        case .shell(let command): return command
        case .fileRead(let path): return "read \(path)"
        case .fileWrite(let path, let content): return "write \(path) (\(content.utf8.count) bytes)"
        case .fileEdit(let path, let edits):
            return "edit \(path) (\(edits.count) \(edits.count == 1 ? "edit" : "edits"))"
        case .patch: return "patch " + (filePaths ?? []).joined(separator: ", ")
        case .mcp(let call): return "mcp \(call.server)/\(call.tool) " + call.arguments.canonicalText
        case .web(let url): return "fetch \(url)"
        case .other(let tool, let input): return "\(tool) \(input)"
        }
    }
}

extension Action.Kind {
    /// The kind with what it names but not what it carries: a write without its content, an
    /// edit without its replacements, a patch reduced to the files it touches. Every text goes
    /// through `transform` (redaction, clipping).
    public func loggedForm(_ transform: (String) -> String) -> Action.Kind {
        switch self {
        case .shell(let command): return .shell(command: transform(command))
        case .fileRead(let path): return .fileRead(path: transform(path))
        case .fileWrite(let path, _): return .fileWrite(path: transform(path), content: "")
        case .fileEdit(let path, _): return .fileEdit(path: transform(path), edits: [])
        case .patch(let text):
            let files = FileActionClassifier.patchTargets(text).map { "*** Update File: \(transform($0.path))\n" }
            return .patch(text: "*** Begin Patch\n" + files.joined() + "*** End Patch\n")
        case .mcp(var call):
            call.arguments = call.arguments.mappingStrings(transform)
            return .mcp(call)
        case .web(let url): return .web(url: transform(url))
        case .other(let tool, let input): return .other(tool: transform(tool), input: transform(input))
        }
    }
}

extension JSONValue {
    /// The same value with every string (not key) passed through `transform`.
    public func mappingStrings(_ transform: (String) -> String) -> JSONValue {
        switch self {
        case .string(let text): .string(transform(text))
        case .array(let values): .array(values.map { $0.mappingStrings(transform) })
        case .object(let members): .object(members.mapValues { $0.mappingStrings(transform) })
        default: self
        }
    }
}
