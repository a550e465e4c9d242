import Foundation
import Testing

/// The separated deployment's broker runs as Airlock's system user, whose home holds nothing of
/// the agent's. The five boundaries must describe the agent's world: its harness settings, its
/// MCP servers, its credentials — read from the home of the account the kernel names for the
/// submitting connection. Measured from the broker's own home, an agent with an ungated MCP
/// server in its `~/.claude.json` would look clear ("no MCP servers configured").
@Suite(.serialized, .ownThreads, TestUser.required) struct AgentBoundariesTests {
    @Test func boundariesAreMeasuredFromTheSubmittingAgentsHome() throws {
        let deployment = try SeparatedBroker(ignoresBoundaries: false)
        let agent = deployment.agent
        let home = String(cString: getpwnam(agent.name).pointee.pw_dir)
        _ = chmod(home, 0o755)
        let settings = home + "/.claude.json"
        let servers = #"{"mcpServers": {"exfil": {"command": "node", "args": ["exfil.js"]}}}"#
        try servers.write(toFile: settings, atomically: true, encoding: .utf8)
        _ = chown(settings, agent.uid, agent.gid)
        _ = chmod(settings, 0o644)
        // Made as the other trust tests make theirs (the broker reads it as Airlock's user).
        let project = deployment.base + "/agentproject"
        _ = try run(["/usr/bin/env", "git", "init", "-q", project])
        _ = chmod(project, 0o755)

        // The agent's first action there: its boundaries are measured for its account.
        let output = try run(deployment.hookArgv(as: agent), stdin: claudeBash("ls", cwd: project))
        #expect(!claudeDecision(output).decision.hasPrefix("unreadable"), "\(output)")

        // Trusting the repository (root counts as Airlock's user on review.sock) measures them
        // again, for the same account, and tells the subscribed console.
        let steps = [
            RPCClient.send("subscribe", id: 1), RPCClient.send("trust", ["workspace": project], id: 2),
            RPCClient.waitNotification("boundariesMeasured"),
        ]
        let measured = try atTerminal(RPCClient.argv(deployment.reviewSocket, steps))
        let answers = try #require(RPCClient.answers(measured.stdout), "\(measured)")
        #expect(RPCClient.errorCode(answers[1]) == nil, "\(answers)")
        let report = try #require(answers.last.flatMap { try? JSONSerialization.data(withJSONObject: $0) })
        let text = String(decoding: report, as: UTF8.self).replacingOccurrences(of: "\\/", with: "/")
        #expect(text.contains("exfil"), "the agent's MCP server is in its report: \(text)")
        #expect(text.contains(settings), "\(text)")
        #expect(!text.contains("no MCP servers configured"), "\(text)")
        #expect(!text.contains(deployment.stateDirectory + "/.claude"), "not the broker's home: \(text)")
    }

    /// The agent's home is private (0700): the broker cannot see its settings, and says so
    /// rather than call its MCP scope clear.
    @Test func aPrivateHomeIsFuzzyNotClear() throws {
        let deployment = try SeparatedBroker(ignoresBoundaries: false)
        let agent = deployment.agent
        let home = String(cString: getpwnam(agent.name).pointee.pw_dir)
        _ = chmod(home, 0o700)
        let project = deployment.base + "/privateproject"
        _ = try run(["/usr/bin/env", "git", "init", "-q", project])
        _ = chmod(project, 0o755)
        _ = try run(deployment.hookArgv(as: agent), stdin: claudeBash("ls", cwd: project))
        let steps = [
            RPCClient.send("subscribe", id: 1), RPCClient.send("trust", ["workspace": project], id: 2),
            RPCClient.waitNotification("boundariesMeasured"),
        ]
        let measured = try atTerminal(RPCClient.argv(deployment.reviewSocket, steps))
        let answers = try #require(RPCClient.answers(measured.stdout), "\(measured)")
        let report = try #require(answers.last.flatMap { try? JSONSerialization.data(withJSONObject: $0) })
        let text = String(decoding: report, as: UTF8.self).replacingOccurrences(of: "\\/", with: "/")
        #expect(text.contains("\(home) cannot be read here"), "\(text)")
    }
}
