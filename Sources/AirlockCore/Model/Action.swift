/// What an agent wants to do, normalised across harnesses. Its JSON form is in `Action+Coding.swift`.
public struct Action: Sendable, Equatable {
    /// claude, codex, cursor, gemini, copilot, mcp, exec, check, …
    public var harness: String
    public var session: String?
    public var agentPID: Int32?
    /// The directory the agent works in; relative paths resolve against it.
    public var cwd: String?
    /// The git top level, else `cwd`.
    public var workspaceRoot: String?
    public var kind: Kind
    /// The harness's own payload, kept verbatim for exact display.
    public var raw: String?

    public init(
        harness: String = "check", session: String? = nil, agentPID: Int32? = nil,
        cwd: String? = nil, workspaceRoot: String? = nil, kind: Kind, raw: String? = nil
    ) {
        self.harness = harness
        self.session = session
        self.agentPID = agentPID
        self.cwd = cwd
        self.workspaceRoot = workspaceRoot ?? cwd
        self.kind = kind
        self.raw = raw
    }

    /// On the wire and on disk as a one-key object (`Action+Coding.swift`).
    public enum Kind: Sendable, Equatable {
        case shell(command: String)
        case fileRead(path: String)
        case fileWrite(path: String, content: String)
        case fileEdit(path: String, edits: [FileEdit])
        /// A patch in the apply_patch or unified-diff format; it names its own paths.
        case patch(text: String)
        case mcp(MCPCall)
        case web(url: String)
        case other(tool: String, input: String)
    }
}

/// One replacement in a file edit.
public struct FileEdit: Sendable, Equatable {
    public var oldText: String
    public var newText: String
    public var replaceAll: Bool

    public init(oldText: String, newText: String, replaceAll: Bool = false) {
        self.oldText = oldText
        self.newText = newText
        self.replaceAll = replaceAll
    }
}

/// A call to an MCP tool, with the annotations its server declared in `tools/list`.
public struct MCPCall: Sendable, Equatable {
    public var server: String
    public var tool: String
    public var arguments: JSONValue
    public var annotations: MCPAnnotations?
    /// True when the user has inventoried and trusted this server; only then do its
    /// annotations count as more than hints.
    public var isServerTrusted: Bool

    public init(
        server: String, tool: String, arguments: JSONValue = .object([:]),
        annotations: MCPAnnotations? = nil, isServerTrusted: Bool = false
    ) {
        self.server = server
        self.tool = tool
        self.arguments = arguments
        self.annotations = annotations
        self.isServerTrusted = isServerTrusted
    }
}

/// MCP tool annotations (all are hints; the spec defaults are applied by the classifier).
public struct MCPAnnotations: Sendable, Equatable {
    public var title: String?
    public var readOnlyHint: Bool?
    public var destructiveHint: Bool?
    public var idempotentHint: Bool?
    public var openWorldHint: Bool?

    public init(
        title: String? = nil, readOnlyHint: Bool? = nil, destructiveHint: Bool? = nil,
        idempotentHint: Bool? = nil, openWorldHint: Bool? = nil
    ) {
        self.title = title
        self.readOnlyHint = readOnlyHint
        self.destructiveHint = destructiveHint
        self.idempotentHint = idempotentHint
        self.openWorldHint = openWorldHint
    }
}
