import AirlockBroker
import AirlockCore
import AirlockStore
import AirlockWire
import Foundation
import Logging

@testable import AirlockTeamStore

/// One machine of a team under test: a broker on a socket of its own and a state directory of
/// its own, on the shared database; its clock may be skewed.
struct TeamMachine {
    let name: String
    let persistence: TeamPersistence
    let server: BrokerServer
    let directory: String
    var socket: String { server.socketPath }

    /// The team's seal key, as every machine of the team holds it (docs/team.md).
    static let teamKey = ExceptionSealer.ephemeral()

    /// `sealer` is the key this machine seals and checks exceptions with (the team's unless a
    /// test gives it another); the test process's account is `user-<name>` on it.
    static func start(
        _ name: String, location: TeamStoreLocation, skew: TimeInterval = 0, staleness: Duration = .seconds(30),
        reviewWindow: Duration = .seconds(60), sealer: ExceptionSealer = teamKey,
        reviewers: ReviewerPolicy = ReviewerPolicy(), timeout: Duration = .seconds(2)
    ) async throws -> TeamMachine {
        let directory = FileManager.default.temporaryDirectory.path + "/airlock-team-\(name)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        chmod(directory, 0o700)
        let origin = ActionOrigin(user: "user-\(name)", host: "host-\(name)", broker: "broker-\(name)-\(UUID().uuidString.prefix(6))")
        let store = try await TeamStore.open(location, timeout: timeout)
        let persistence = TeamPersistence(
            store: store, origin: origin, journalPath: directory + "/team-journal.jsonl",
            seal: { sealer.sealed($0) }, trustSealer: sealer, localClock: { Date().addingTimeInterval(skew) })
        await persistence.start()
        var configuration = BrokerConfiguration(
            socketPath: directory + "/airlock.sock", reviewerNeedsTerminal: false, reviewWindow: reviewWindow,
            tickInterval: .milliseconds(50),
            idPrefix: name, team: TeamSettings(origin: origin, exceptionStaleness: staleness))
        configuration.reviewers = reviewers
        var logger = Logger(label: "airlock.broker.\(name)")
        logger.logLevel = .critical
        // The kernel names the test process's account; on this machine it is `user-<name>`.
        // The hooks' harness is elsewhere (a parent no console descends from) and no process
        // sits at a terminal, so this process's consoles are not taken for the agent.
        var processes = ProcessFacts.live
        processes.parent = { _ in 4_000_000 }
        processes.terminal = { _ in 0 }
        processes.userName = { _ in "user-\(name)" }
        processes.isKnownGranter = { $0 == "user-\(name)" }
        let server = try await BrokerServer.start(
            configuration: configuration, persistence: persistence, logger: logger, clock: persistence.clock,
            sealer: sealer, processes: processes)
        return TeamMachine(name: name, persistence: persistence, server: server, directory: directory)
    }

    func stop() async {
        try? await server.shutdown()
        await persistence.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A console subscribed to this machine's broker.
    func console() async throws -> LineClient {
        let client = try LineClient(socket: socket)
        client.send(#"{"jsonrpc":"2.0","id":1,"method":"subscribe","params":{"reviewer":"typed-name","airlock":2}}"#)
        guard await client.response(1) != nil else { throw ClusterError("subscribe was not answered on \(name)") }
        return client
    }

    /// A hook's submission (not waited for); `agentPID` names no real process, so consoles of
    /// this test process are not taken for the agent.
    func submit(_ command: String, deadlineMs: Int = 60_000) throws -> LineClient {
        let client = try LineClient(socket: socket)
        let escaped = command.replacingOccurrences(of: "\"", with: "\\\"")
        client.send(
            #"{"jsonrpc":"2.0","id":7,"method":"submit","params":{"action":{"agentPID":999999,"harness":"claude","kind":{"shell":{"command":""#
                + escaped + #""}}},"airlock":2,"deadlineMs":"# + String(deadlineMs) + "}}")
        return client
    }

    /// Submits and waits for the answer: its decision and source.
    func ask(_ command: String, deadlineMs: Int = 60_000) async throws -> (decision: String, source: String)? {
        let hook = try submit(command, deadlineMs: deadlineMs)
        guard let answer = await hook.response(7, timeout: Double(deadlineMs) / 1000 + 5),
            let result = answer["result"], let decision = result["decision"]?.stringValue
        else { return nil }
        return (decision, result["source"]?.stringValue ?? "")
    }
}

extension LineClient {
    /// Sends `decide` for one id.
    func decide(_ id: String, _ verdict: String, requestID: Int) {
        send(
            #"{"jsonrpc":"2.0","id":"# + String(requestID)
                + #","method":"decide","params":{"ids":[""# + id + #""],"verdict":""# + verdict
                + #"","reviewer":"typed-name"}}"#)
    }

    /// The id of the next queued action whose command is `command`.
    func queued(_ command: String, timeout: Double = 10) async -> (id: String, origin: JSONValue?)? {
        guard
            let line = await notification(
                "actionQueued", timeout: timeout,
                where: { $0["item"]?["action"]?["kind"]?["shell"]?["command"]?.stringValue == command })
        else { return nil }
        guard let id = line["params"]?["item"]?["id"]?.stringValue else { return nil }
        return (id, line["params"]?["item"]?["origin"])
    }
}
