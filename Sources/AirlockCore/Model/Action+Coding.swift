/// The JSON form of an action, the one mapping for the socket protocol (docs/protocol.md,
/// "Action kinds"), the hook's submit line and the console:
///
/// ```json
/// {"harness": "claude", "session": "7f3c", "agentPID": 4242, "cwd": "/w", "workspaceRoot": "/w",
///  "kind": {"shell": {"command": "ls"}}, "raw": "…"}
/// ```
/// Only `kind` is required; `harness` defaults to `unknown`, `workspaceRoot` to `cwd`.
extension Action: JSONCodable {
    public init(json: JSONValue) throws(JSONShapeError) {
        try self.init(json: json, overrides: Overrides())
    }

    /// `harness`, `session`, `cwd` and `agentPID` read from elsewhere (a submit's params), to
    /// take precedence over the action's own.
    public struct Overrides: Sendable {
        var harness: String?
        var session: String?
        var cwd: String?
        var agentPID: Int32?

        public init() {}

        public init(_ fields: JSONObject) throws(JSONShapeError) {
            harness = try fields.optionalString("harness")
            session = try fields.optionalString("session")
            cwd = try fields.optionalString("cwd")
            agentPID = try fields.optionalInteger("agentPID", as: Int32.self)
        }
    }

    public init(json: JSONValue, overrides: Overrides) throws(JSONShapeError) {
        let fields = try JSONObject(json)
        let own = try Overrides(fields)
        let cwd = overrides.cwd ?? own.cwd
        let workspaceRoot = try fields.optionalString("workspaceRoot")
        self.init(
            harness: overrides.harness ?? own.harness ?? "unknown", session: overrides.session ?? own.session,
            agentPID: overrides.agentPID ?? own.agentPID, cwd: cwd, workspaceRoot: workspaceRoot ?? cwd,
            kind: try fields.decode("kind"), raw: try fields.optionalString("raw"))
    }

    public var json: JSONValue {
        .members([
            "harness": .string(harness), "session": JSONValue(session), "agentPID": JSONValue(integer: agentPID),
            "cwd": JSONValue(cwd), "workspaceRoot": JSONValue(workspaceRoot), "kind": kind.json, "raw": JSONValue(raw),
        ])
    }
}

/// `{"shell": {"command": …}}`, `{"fileRead": {"path": …}}`, `{"fileWrite": {"path", "content"}}`,
/// `{"fileEdit": {"path", "edits"}}`, `{"patch": {"text"}}`, `{"mcp": {"server", "tool",
/// "arguments", "annotations", "isServerTrusted"}}`, `{"web": {"url"}}`, `{"other": {"tool", "input"}}`.
/// Protocol 1's `{"mcp": {"_0": {…}}}` is still read.
extension Action.Kind: JSONCodable {
    /// The tags, as the protocol and the decision log name kinds.
    public static let names = ["shell", "fileRead", "fileWrite", "fileEdit", "patch", "mcp", "web", "other"]

    public init(json: JSONValue) throws(JSONShapeError) {
        self = try JSONObject.decodeCase(json, known: Self.names) { name, fields throws(JSONShapeError) in
            switch name {
            case "shell": .shell(command: try fields.string("command"))
            case "fileRead": .fileRead(path: try fields.string("path"))
            case "fileWrite": .fileWrite(path: try fields.string("path"), content: try fields.string("content"))
            case "fileEdit": .fileEdit(path: try fields.string("path"), edits: try fields.array("edits"))
            case "patch": .patch(text: try fields.string("text"))
            case "mcp": .mcp(try MCPCall(fields: fields))
            case "web": .web(url: try fields.string("url"))
            default: .other(tool: try fields.string("tool"), input: try fields.string("input"))
            }
        }
    }

    /// The tag this kind is written under.
    public var name: String {
        switch self {
        case .shell: "shell"
        case .fileRead: "fileRead"
        case .fileWrite: "fileWrite"
        case .fileEdit: "fileEdit"
        case .patch: "patch"
        case .mcp: "mcp"
        case .web: "web"
        case .other: "other"
        }
    }

    public var json: JSONValue {
        switch self {
        case .shell(let command): .tagged(name, ["command": .string(command)])
        case .fileRead(let path): .tagged(name, ["path": .string(path)])
        case .fileWrite(let path, let content): .tagged(name, ["path": .string(path), "content": .string(content)])
        case .fileEdit(let path, let edits): .tagged(name, ["path": .string(path), "edits": .array(edits.map(\.json))])
        case .patch(let text): .tagged(name, ["text": .string(text)])
        case .mcp(let call): .object([name: call.json])
        case .web(let url): .tagged(name, ["url": .string(url)])
        case .other(let tool, let input): .tagged(name, ["tool": .string(tool), "input": .string(input)])
        }
    }
}

/// `{"oldText": …, "newText": …, "replaceAll": false}`; `replaceAll` defaults to false.
extension FileEdit: JSONCodable {
    public init(json: JSONValue) throws(JSONShapeError) {
        let fields = try JSONObject(json)
        self.init(
            oldText: try fields.string("oldText"), newText: try fields.string("newText"),
            replaceAll: try fields.optionalBool("replaceAll") ?? false)
    }

    public var json: JSONValue {
        .members(["oldText": .string(oldText), "newText": .string(newText), "replaceAll": .bool(replaceAll)])
    }
}

/// `{"server", "tool", "arguments", "annotations", "isServerTrusted"}`; `arguments` defaults to
/// `{}`, `isServerTrusted` to false.
extension MCPCall: JSONCodable {
    public init(json: JSONValue) throws(JSONShapeError) {
        try self.init(fields: try JSONObject(json))
    }

    init(fields: JSONObject) throws(JSONShapeError) {
        self.init(
            server: try fields.string("server"), tool: try fields.string("tool"),
            arguments: fields["arguments"] ?? .object([:]), annotations: try fields.optionalDecode("annotations"),
            isServerTrusted: try fields.optionalBool("isServerTrusted") ?? false)
    }

    public var json: JSONValue {
        .members([
            "server": .string(server), "tool": .string(tool), "arguments": arguments, "annotations": annotations?.json,
            "isServerTrusted": .bool(isServerTrusted),
        ])
    }
}

/// The hints as MCP's `tools/list` names them, each optional.
extension MCPAnnotations: JSONCodable {
    public init(json: JSONValue) throws(JSONShapeError) {
        let fields = try JSONObject(json)
        self.init(
            title: try fields.optionalString("title"), readOnlyHint: try fields.optionalBool("readOnlyHint"),
            destructiveHint: try fields.optionalBool("destructiveHint"),
            idempotentHint: try fields.optionalBool("idempotentHint"),
            openWorldHint: try fields.optionalBool("openWorldHint"))
    }

    public var json: JSONValue {
        .members([
            "title": JSONValue(title), "readOnlyHint": JSONValue(bool: readOnlyHint),
            "destructiveHint": JSONValue(bool: destructiveHint), "idempotentHint": JSONValue(bool: idempotentHint),
            "openWorldHint": JSONValue(bool: openWorldHint),
        ])
    }
}
