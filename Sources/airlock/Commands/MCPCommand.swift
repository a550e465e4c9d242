import AirlockServices
import ArgumentParser
import Foundation

/// `airlock mcp [--name NAME] -- <server command…>`: a stdio MCP proxy that gates tool calls.
struct MCPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Run an MCP server behind Airlock: every tools/call is gated, everything else passes.",
        discussion: """
            Configure the MCP client to launch this instead of the server, e.g.
              airlock mcp --name git -- uvx mcp-server-git --repository .
            Both protocol eras pass (the initialize handshake and stateless 2026-07-28). Tool \
            annotations are read from tools/list results. A denied call is answered by the proxy as \
            a tool execution error ("Denied by Airlock: …") the model can read; the server never \
            sees it. Without a broker Airlock decides locally (see `airlock hook --help`). \
            AIRLOCK_HOOK_TIMEOUT_MS bounds the wait per call (default 600 s).
            """
    )

    @Option(help: "The server name the policy and console see (default: the command's basename).")
    var name: String?

    @Flag(help: "Ask the separated deployment's agent socket, believing only Airlock's system user there.")
    var system = false

    @Argument(parsing: .captureForPassthrough, help: "The MCP server command to run (after --).")
    var command: [String] = []

    private var words: [String] { command.first == "--" ? Array(command.dropFirst()) : command }

    func validate() throws {
        if words.isEmpty {
            throw ValidationError("Missing the server command, e.g. airlock mcp --name git -- uvx mcp-server-git")
        }
        if name?.isEmpty == true { throw ValidationError("--name must not be empty") }
    }

    func run() throws {
        let server = name ?? URL(fileURLWithPath: words[0]).lastPathComponent
        let status = try MCPProxy(server: server, command: words, system: system).run()
        throw ExitCode(status)
    }
}
