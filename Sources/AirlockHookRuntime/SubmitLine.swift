import AirlockCore

/// The `submit` request line for one action, written by hand: the hook links no JSONEncoder
/// (its start-up cost is the reason, see docs/decisions.md). The shape is exactly what
/// `SubmitParams`' Codable form reads (tests decode these lines with JSONDecoder and compare).
public enum SubmitLine {
    /// The request id the hook sends; the reply must carry it back.
    public static let requestID = 1

    /// `{"id":1,"jsonrpc":"2.0","method":"submit","params":{…}}` and a newline.
    public static func encode(_ action: Action, deadlineMs: Int?, toolUseID: String?) -> [UInt8] {
        var params: [String: JSONValue] = [
            "action": value(of: action),
            "harness": .string(action.harness),
            "airlock": .number(1),
        ]
        params["session"] = action.session.map(JSONValue.string)
        params["cwd"] = action.cwd.map(JSONValue.string)
        params["agentPID"] = action.agentPID.map { .number(Double($0)) }
        params["deadlineMs"] = deadlineMs.map { .number(Double($0)) }
        params["toolUseID"] = toolUseID.map(JSONValue.string)
        let request: JSONValue = .object([
            "jsonrpc": .string("2.0"), "id": .number(Double(requestID)), "method": .string("submit"),
            "params": .object(params),
        ])
        return Array(request.canonicalText.utf8) + [0x0A]
    }

    /// `Action` as its synthesized Codable form spells it.
    static func value(of action: Action) -> JSONValue {
        var members: [String: JSONValue] = ["harness": .string(action.harness), "kind": value(of: action.kind)]
        members["session"] = action.session.map(JSONValue.string)
        members["agentPID"] = action.agentPID.map { .number(Double($0)) }
        members["cwd"] = action.cwd.map(JSONValue.string)
        members["workspaceRoot"] = action.workspaceRoot.map(JSONValue.string)
        members["raw"] = action.raw.map(JSONValue.string)
        return .object(members)
    }

    /// An enum case with labelled values is `{"case":{"label":value}}`; an unlabelled one `_0`.
    static func value(of kind: Action.Kind) -> JSONValue {
        switch kind {
        case .shell(let command): return .object(["shell": .object(["command": .string(command)])])
        case .fileRead(let path): return .object(["fileRead": .object(["path": .string(path)])])
        case .fileWrite(let path, let content):
            return .object(["fileWrite": .object(["path": .string(path), "content": .string(content)])])
        case .fileEdit(let path, let edits):
            let list = edits.map { edit -> JSONValue in
                .object([
                    "oldText": .string(edit.oldText), "newText": .string(edit.newText),
                    "replaceAll": .bool(edit.replaceAll),
                ])
            }
            return .object(["fileEdit": .object(["path": .string(path), "edits": .array(list)])])
        case .patch(let text): return .object(["patch": .object(["text": .string(text)])])
        case .mcp(let call):
            var members: [String: JSONValue] = [
                "server": .string(call.server), "tool": .string(call.tool), "arguments": call.arguments,
                "isServerTrusted": .bool(call.isServerTrusted),
            ]
            members["annotations"] = call.annotations.map(value(of:))
            return .object(["mcp": .object(["_0": .object(members)])])
        case .web(let url): return .object(["web": .object(["url": .string(url)])])
        case .other(let tool, let input):
            return .object(["other": .object(["tool": .string(tool), "input": .string(input)])])
        }
    }

    static func value(of annotations: MCPAnnotations) -> JSONValue {
        var members: [String: JSONValue] = [:]
        members["title"] = annotations.title.map(JSONValue.string)
        members["readOnlyHint"] = annotations.readOnlyHint.map(JSONValue.bool)
        members["destructiveHint"] = annotations.destructiveHint.map(JSONValue.bool)
        members["idempotentHint"] = annotations.idempotentHint.map(JSONValue.bool)
        members["openWorldHint"] = annotations.openWorldHint.map(JSONValue.bool)
        return .object(members)
    }
}
