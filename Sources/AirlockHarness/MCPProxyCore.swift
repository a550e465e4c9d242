import AirlockCore

/// The pure half of `airlock mcp`: classifies JSON-RPC lines in both MCP protocol eras, learns
/// tool annotations from `tools/list` results as they pass, builds the gated `Action` for each
/// `tools/call`, and writes the proxy's own answers. The process plumbing lives in the CLI.
public struct MCPProxyCore: Sendable {
    /// The `_meta` key that marks a request of the stateless 2026-07-28 era.
    public static let protocolVersionKey = "io.modelcontextprotocol/protocolVersion"

    /// The server name the gate sees (`--name`, else the server command's basename).
    public var server: String
    /// Annotations per tool name, from every `tools/list` page seen so far.
    public private(set) var annotations: [String: MCPAnnotations] = [:]
    /// Every tool name any `tools/list` page listed, for the inventory `airlock mcp` records.
    public private(set) var listedTools: Set<String> = []
    /// Ids of `tools/list` requests whose results have not passed yet.
    private var pendingLists: Set<JSONValue> = []

    public init(server: String) {
        self.server = server
    }

    // MARK: - Client to server

    /// Decides what happens to one line from the client.
    public mutating func fromClient(_ line: [UInt8]) -> MCPClientVerdict {
        let value: JSONValue
        do {
            value = try JSONValue.parse(line)
        } catch {
            return .reply(Self.error(id: .null, code: -32700, message: "Parse error: the line is not JSON"))
        }
        // Batches were removed from MCP in 2025-06-18; one could smuggle an ungated call.
        guard case .object(let message) = value else {
            return .reply(
                Self.error(id: .null, code: -32600, message: "Invalid Request: expected one JSON-RPC object per line"))
        }
        guard case .string(let method)? = message["method"] else { return .forward }
        let id = message["id"]
        switch method {
        case "tools/list":
            if let id, id != .null { pendingLists.insert(id) }
            return .forward
        case "tools/call":
            guard let id, id != .null else {
                // A notification cannot carry a call we could answer; never let it through ungated.
                return .drop(reason: "a tools/call notification (no id) cannot be gated")
            }
            let params = message["params"]
            guard case .string(let tool)? = params?["name"], !tool.isEmpty else {
                return .reply(
                    Self.error(id: id, code: -32602, message: "Invalid params: tools/call needs a tool name"))
            }
            let meta = params?["_meta"]
            let session =
                meta?["sessionId"]?.stringValue ?? meta?["threadId"]?.stringValue
                ?? meta?["x-codex-turn-metadata"]?["session_id"]?.stringValue
            return .gate(
                MCPToolCall(
                    id: id, tool: tool, arguments: params?["arguments"] ?? .object([:]),
                    isModern: meta?[Self.protocolVersionKey] != nil, session: session,
                    toolUseID: meta.flatMap(Self.toolUseID(in:)), raw: String(decoding: line, as: UTF8.self)))
        default:
            return .forward
        }
    }

    // MARK: - Server to client

    /// Watches one line from the server (always forwarded unchanged): a `tools/list` result,
    /// any page of it, adds its tools' annotations.
    public mutating func fromServer(_ line: [UInt8]) {
        // Cheap check first: most lines are not list results.
        guard !pendingLists.isEmpty,
            let value = try? JSONValue.parse(line),
            case .object(let message) = value, message["method"] == nil,
            let id = message["id"], pendingLists.remove(id) != nil,
            case .array(let tools)? = message["result"]?["tools"]
        else { return }
        for tool in tools {
            guard let name = tool["name"]?.stringValue else { continue }
            listedTools.insert(name)
            annotations[name] = tool["annotations"].flatMap(Self.annotations(from:))
        }
    }

    // MARK: - Gate and answers

    /// The action the broker decides for `call`.
    public func action(for call: MCPToolCall, cwd: String?) -> Action {
        Action(
            harness: "mcp", session: call.session, cwd: cwd,
            kind: .mcp(
                MCPCall(server: server, tool: call.tool, arguments: call.arguments, annotations: annotations[call.tool])
            ),
            raw: call.raw)
    }

    /// The tool execution error that answers a denied call, so the model can read why and adapt.
    public static func denial(for call: MCPToolCall, reason: String) -> String {
        let text = JSONValue.string("Denied by Airlock: " + reason).canonicalText
        let era = call.isModern ? #","resultType":"complete""# : ""
        return #"{"jsonrpc":"2.0","id":"# + call.id.canonicalText + #","result":{"content":[{"type":"text","text":"#
            + text + #"}],"isError":true"# + era + "}}"
    }

    /// A JSON-RPC protocol error line.
    public static func error(id: JSONValue, code: Int, message: String) -> String {
        #"{"jsonrpc":"2.0","id":"# + id.canonicalText + #","error":{"code":"# + String(code) + #","message":"#
            + JSONValue.string(message).canonicalText + "}}"
    }

    /// The harness's id for the tool call, as real clients put it in `_meta` (real-clients §3):
    /// Claude Code `claudecode/toolUseId`, Codex `callId`. Both equal the hook's `tool_use_id`.
    static func toolUseID(in meta: JSONValue) -> String? {
        let id = meta["claudecode/toolUseId"]?.stringValue ?? meta["callId"]?.stringValue
        return id.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The hints a tool declares; nil when it declares none that we read.
    static func annotations(from value: JSONValue) -> MCPAnnotations? {
        guard case .object = value else { return nil }
        let found = MCPAnnotations(
            title: value["title"]?.stringValue, readOnlyHint: value["readOnlyHint"]?.boolValue,
            destructiveHint: value["destructiveHint"]?.boolValue, idempotentHint: value["idempotentHint"]?.boolValue,
            openWorldHint: value["openWorldHint"]?.boolValue)
        return found == MCPAnnotations() ? nil : found
    }
}
