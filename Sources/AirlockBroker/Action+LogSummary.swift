import AirlockCore

extension Action {
    /// The action in one line for the decision log, before redaction.
    var logSummary: String {
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
