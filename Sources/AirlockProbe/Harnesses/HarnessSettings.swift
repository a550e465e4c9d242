import AirlockCore

/// What one installed harness's own settings say about reading secrets, sandboxing and the
/// network, merged over its user and project files.
public struct HarnessSettings: Sendable, Equatable, Codable {
    /// `claude`, `codex`, `cursor`, `gemini`, `copilot` (the names `airlock hook` takes).
    public var harness: String
    /// Whether the harness looks installed for this user or workspace (its config folder exists).
    public var isInstalled: Bool
    /// The settings files that exist and were read.
    public var files: [String] = []
    /// Read-deny rules as absolute globs (`/work/app/**/.env`); `**` alone denies every read.
    public var readDenies: [String] = []
    /// true: sandbox on; false: explicitly off or full access; nil: not configured.
    public var sandbox: Bool?
    /// Every sandbox setting the recommended deployment depends on, where the harness has them
    /// (Claude Code); nil for harnesses whose sandbox Airlock does not read in detail.
    public var sandboxDetails: HarnessSandbox?
    /// true: commands may reach the network without asking; false: off or allowlisted; nil: unknown.
    public var network: Bool?
    /// The harness skips its own prompts (`bypassPermissions`, `danger-full-access` with `never`, `--yolo` set in config).
    public var bypassesPrompts = false
    /// Problems reading the files, each naming the file.
    public var problems: [String] = []

    public init(harness: String, isInstalled: Bool) {
        self.harness = harness
        self.isInstalled = isInstalled
    }

    public static let names = ["claude", "codex", "cursor", "gemini", "copilot"]

    /// Human name for reasons.
    public static func displayName(_ harness: String) -> String {
        switch harness {
        case "claude": "Claude Code"
        case "codex": "Codex"
        case "cursor": "Cursor"
        case "gemini": "Gemini CLI"
        case "copilot": "Copilot CLI"
        default: harness
        }
    }
}

/// One MCP server configured for a harness. Only what the boundary needs is kept: never its
/// environment, headers or arguments, which often carry tokens.
public struct MCPServerEntry: Sendable, Equatable, Codable {
    public var harness: String
    /// The key it is configured under.
    public var name: String
    /// The file it is configured in.
    public var source: String
    /// `stdio` or `http`.
    public var transport: String
    /// The program's basename for stdio servers (`npx`, `uvx`, `airlock`).
    public var program: String?
    /// Set when the server runs behind `airlock mcp`: the name its inventory is recorded under.
    public var airlockName: String?
    public var isDisabled: Bool

    public init(
        harness: String, name: String, source: String, transport: String, program: String? = nil,
        airlockName: String? = nil, isDisabled: Bool = false
    ) {
        self.harness = harness
        self.name = name
        self.source = source
        self.transport = transport
        self.program = program
        self.airlockName = airlockName
        self.isDisabled = isDisabled
    }

    /// The entry for a stdio `command` + `args`, noticing `airlock mcp [--name N] -- …`.
    static func stdio(
        harness: String, name: String, source: String, command: String, args: [String], isDisabled: Bool
    ) -> MCPServerEntry {
        let words = command.split(separator: " ").map(String.init) + args
        let program = words.first.map { String($0.split(separator: "/").last ?? Substring($0)) }
        var airlockName: String?
        if program == "airlock", words.dropFirst().first == "mcp" {
            let rest = Array(words.dropFirst(2))
            if let index = rest.firstIndex(of: "--name"), index + 1 < rest.count {
                airlockName = rest[index + 1]
            } else if let equals = rest.first(where: { $0.hasPrefix("--name=") }) {
                airlockName = String(equals.dropFirst("--name=".count))
            } else if let dash = rest.firstIndex(of: "--"), dash + 1 < rest.count {
                airlockName = String(rest[dash + 1].split(separator: "/").last ?? "")
            } else {
                airlockName = name
            }
        }
        return MCPServerEntry(
            harness: harness, name: name, source: source, transport: "stdio", program: program,
            airlockName: airlockName, isDisabled: isDisabled)
    }
}
