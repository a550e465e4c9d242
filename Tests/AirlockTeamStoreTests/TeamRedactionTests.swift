import AirlockBroker
import AirlockCore
import AirlockWire
import Foundation
import Testing

@testable import AirlockTeamStore

/// Secrets an agent puts in its actions, and a reviewer in a reason, reach nothing the team
/// store keeps: every shape of `SecretShapes` goes through a team broker to the shared queue, a
/// decision from another machine's console, an exception's reason, the decision log and — with
/// the database stopped — the local journal. Then every table of schema `airlock` and the
/// journal are read back whole, and no secret may appear in them as it was typed.
@Suite(.postgres, .serialized) struct TeamRedactionTests {
    static let samples = SecretSample.all
    /// Makes every action risky enough to wait for a human, so each one is published.
    static let risky = "rm -rf build/ && "

    /// The forms a secret can take in what is stored: as is, and JSON-escaped (queue items
    /// and the journal are JSON text).
    static func forms(of secret: String) -> [String] {
        let escaped = String(JSONValue.string(secret).canonicalText.dropFirst().dropLast())
        return escaped == secret ? [secret] : [secret, escaped]
    }

    static func leaks(in text: String) -> [String] {
        samples.filter { sample in forms(of: sample.secret).contains { text.contains($0) } }.map(\.shape)
    }

    /// A hook's submission of `command`, with JSON escaping (samples hold newlines and quotes).
    static func submission(_ command: String) throws -> String {
        let request: JSONValue = .object([
            "jsonrpc": .string("2.0"), "id": .number(7), "method": .string("submit"),
            "params": .object([
                "airlock": .number(2), "deadlineMs": .number(60_000),
                "action": .object([
                    "agentPID": .number(999_999), "harness": .string("claude"),
                    "kind": .object(["shell": .object(["command": .string(command)])]),
                ]),
            ]),
        ])
        return request.canonicalText
    }

    /// A reviewer's decision, with a reason that carries a secret too.
    static func decision(_ id: String, _ verdict: String, reason: String, requestID: Int) -> String {
        let request: JSONValue = .object([
            "jsonrpc": .string("2.0"), "id": .number(Double(requestID)), "method": .string("decide"),
            "params": .object([
                "ids": .array([.string(id)]), "verdict": .string(verdict), "reason": .string(reason),
                "reviewer": .string("typed-name"),
            ]),
        ])
        return request.canonicalText
    }

    /// Every row of every table in schema `airlock`, as JSON text.
    static func dump(_ cluster: PostgresCluster, database: String) async throws -> [String: String] {
        let names = try await cluster.psql(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'airlock' ORDER BY 1",
            database: database
        ).split(separator: "\n").map(String.init)
        var tables: [String: String] = [:]
        for name in names {
            tables[name] = try await cluster.psql(
                "SELECT row_to_json(t)::text FROM airlock.\(name) t", database: database)
        }
        return tables
    }

    /// Submits every sample on `machine`; each one `console` sees queued it decides, with a
    /// reason naming the secret. Actions the broker decides at once are answered without the
    /// console. Returns how many were decided on the console; `seen` collects their ids.
    static func submitAndDecide(
        on machine: TeamMachine, from console: LineClient, verdict: (Int) -> String, reason: String,
        requestBase: Int, seen: inout Set<String>
    ) async throws -> Int {
        var decided = 0
        for (number, sample) in samples.enumerated() {
            let hook = try LineClient(socket: machine.socket)
            hook.send(try submission(risky + sample.text))
            let queued = await console.notification("actionQueued", timeout: 5) { [seen] in
                guard let id = $0["item"]?["id"]?.stringValue, !seen.contains(id) else { return false }
                return $0["item"]?["action"]?["kind"]?["shell"]?["command"]?.stringValue?.hasPrefix(risky) == true
            }
            if let id = queued?["params"]?["item"]?["id"]?.stringValue {
                seen.insert(id)
                console.send(
                    decision(id, verdict(number), reason: "\(reason) \(sample.text)", requestID: requestBase + number))
                #expect(
                    await console.response(requestBase + number)?["result"] != nil, "\(sample.shape) was not decided")
                decided += 1
            }
            #expect(await hook.response(7) != nil, "\(sample.shape) was never answered")
        }
        return decided
    }

    @Test(.timeLimit(.minutes(5))) func noSecretReachesTheTeamStoreOrTheJournal() async throws {
        let cluster = try cluster()
        let database = try await cluster.makeDatabase()
        let location = try cluster.location(database)
        let a = try await TeamMachine.start("a", location: location)
        let b = try await TeamMachine.start("b", location: location)
        defer {
            Task {
                await a.stop(); await b.stop()
            }
        }
        let consoleA = try await a.console()
        let consoleB = try await b.console()

        // Each action on A, seen and decided on B with a reason that names the secret.
        var seen = Set<String>()
        let decidedOnB = try await Self.submitAndDecide(
            on: a, from: consoleB, verdict: { $0.isMultiple(of: 2) ? "allow" : "deny" }, reason: "checked:",
            requestBase: 100, seen: &seen)
        #expect(decidedOnB >= Self.samples.count / 2, "only \(decidedOnB) of \(Self.samples.count) were queued")
        // An exception granted from B whose reason carries every secret at once.
        let everything = Self.samples.map(\.text).joined(separator: "\n")
        let grant: JSONValue = .object([
            "jsonrpc": .string("2.0"), "id": .number(90), "method": .string("grant"),
            "params": .object([
                "reviewer": .string("typed-name"),
                "exception": .object([
                    "effect": .string("deny"),
                    "scope": .object(["commandPrefix": .object(["argv": .array([.string("curl")])])]),
                    "binding": .object(["everywhere": .object([:])]), "ttlSeconds": .number(600),
                    "reason": .string("rotate these: \(everything)"),
                ]),
            ]),
        ])
        consoleB.send(grant.canonicalText)
        #expect(await consoleB.response(90)?["result"]?["exception"] != nil, "the grant was refused")
        await a.server.waitUntilStored()
        await b.server.waitUntilStored()

        let tables = try await Self.dump(cluster, database: database)
        let rows = tables.mapValues { $0.split(separator: "\n").count }
        // Everything reached the store: a leak test over empty tables would prove nothing.
        #expect((rows["team_queue"] ?? 0) >= decidedOnB, "\(rows)")
        #expect((rows["decision_log"] ?? 0) >= Self.samples.count, "\(rows)")
        #expect(rows["exception"] == 1, "\(rows)")
        for (table, text) in tables.sorted(by: { $0.key < $1.key }) {
            #expect(Self.leaks(in: text).isEmpty, "airlock.\(table) holds \(Self.leaks(in: text))")
        }

        // The database goes away: A's own console decides, and A journals what it decided.
        try await cluster.stop()
        let decidedOnA = try await Self.submitAndDecide(
            on: a, from: consoleA, verdict: { _ in "deny" }, reason: "not while degraded:", requestBase: 500,
            seen: &seen)
        await a.server.waitUntilStored()
        let journalPath = a.directory + "/team-journal.jsonl"
        let journal = String(decoding: FileManager.default.contents(atPath: journalPath) ?? Data(), as: UTF8.self)
        #expect(decidedOnA >= Self.samples.count / 2)
        #expect(journal.split(separator: "\n").count >= Self.samples.count, "the journal holds too little")
        #expect(Self.leaks(in: journal).isEmpty, "the journal holds \(Self.leaks(in: journal))")
        try await cluster.start()
    }
}
