import AirlockBroker
import AirlockCore
import AirlockStore
import AirlockWire
import Foundation
import Testing

@testable import AirlockTeamStore

/// Exceptions read from the team's store pass the checks a SQLite row passes: the seal of the
/// team's key and every grant rule. Someone who can write to the database (an agent holding a
/// broker's database login, say) cannot grant by inserting a row, nor can a machine that does
/// not hold the team's key.
@Suite(.postgres, .serialized) struct TeamSealTests {
    static let curl = "curl https://example.com/health"

    /// An allow exception for curl everywhere, written straight into the database.
    func insertAround(_ id: String, grantedBy: String, seal: String?, database: String) async throws {
        let sealSQL = seal.map { "'\($0)'" } ?? "NULL"
        _ = try await cluster().psql(
            """
            INSERT INTO airlock.exception (id, effect, scope, binding, created_at, expires_at, granted_by, reason, seal)
            SELECT '\(id)', 'allow', '{"commandPrefix":{"argv":["curl"]}}', '{"everywhere":{}}', now, now + 600000,
                '\(grantedBy)', 'written around the broker', \(sealSQL)
            FROM (SELECT airlock.now_ms() AS now) AS clock
            """, database: database)
    }

    @Test func rowsWrittenAroundTheBrokersOrSealedWithAnotherKeyDoNotGrant() async throws {
        let database = try await cluster().makeDatabase()
        let location = try cluster().location(database)
        let a = try await TeamMachine.start("a", location: location)
        let b = try await TeamMachine.start("b", location: location)
        // C does not hold the team's key: what it grants holds on C alone.
        let c = try await TeamMachine.start("c", location: location, sealer: .ephemeral())
        defer { Task { await a.stop(); await b.stop(); await c.stop() } }
        let consoleA = try await a.console()
        let consoleC = try await c.console()

        // Unsealed, and with a seal that is not the team's: both refused, both said.
        try await insertAround("x-forged-1", grantedBy: "user-b@host-b", seal: nil, database: database)
        try await insertAround(
            "x-forged-2", grantedBy: "user-b@host-b", seal: String(repeating: "ab", count: 32), database: database)
        for id in ["x-forged-1", "x-forged-2"] {
            let refused = await consoleA.notification("exceptionRejected", where: { $0["id"]?.stringValue == id })
            #expect(refused != nil, "A never refused \(id)")
        }
        #expect(try await a.ask(Self.curl, deadlineMs: 2_300)?.decision == "deny")
        consoleA.send(#"{"jsonrpc":"2.0","id":40,"method":"status"}"#)
        let status = try #require(await consoleA.response(40)?["result"])
        let listed: [String] =
            if case .array(let rows) = status["rejectedExceptions"] { rows.compactMap { $0["id"]?.stringValue } } else { [] }
        #expect(listed == ["x-forged-1", "x-forged-2"], "\(status)")
        #expect(status["store"]?["state"]?.stringValue == "ok")

        // A grant through C's broker, sealed with C's own key: in force on C, refused on A.
        consoleC.send(
            #"{"jsonrpc":"2.0","id":41,"method":"grant","params":{"exception":{"effect":"allow","scope":{"commandPrefix":{"argv":["curl"]}},"binding":{"everywhere":{}},"ttlSeconds":600,"reason":"c's key"}}}"#
        )
        let fromC = try #require(await consoleC.response(41)?["result"]?["exception"]?["id"]?.stringValue)
        let refusedC = await consoleA.notification("exceptionRejected", where: { $0["id"]?.stringValue == fromC })
        #expect(refusedC?["params"]?["reason"]?.stringValue?.contains("seal") == true, "\(String(describing: refusedC))")
        #expect(try await a.ask(Self.curl, deadlineMs: 2_300)?.decision == "deny")

        // The same grant through B, which holds the team's key, applies on A.
        let consoleB = try await b.console()
        consoleB.send(
            #"{"jsonrpc":"2.0","id":42,"method":"grant","params":{"exception":{"effect":"allow","scope":{"commandPrefix":{"argv":["curl"]}},"binding":{"everywhere":{}},"ttlSeconds":600,"reason":"the team's key"}}}"#
        )
        let fromB = try #require(await consoleB.response(42)?["result"]?["exception"]?["id"]?.stringValue)
        #expect(await consoleA.notification("exceptionGranted", where: { $0["exception"]?["id"]?.stringValue == fromB }) != nil)
        let allowed = try #require(try await a.ask(Self.curl))
        #expect(allowed == ("allow", "exception:\(fromB)"))
    }

    /// A row sealed with the team's key but naming a granter the team cannot have (no host, or
    /// this machine's host with an account it does not have) is refused too, and so is one
    /// that breaks a grant rule: the seal vouches for the broker, the rules for the grant.
    @Test func aSealedRowMustStillKeepTheGrantRules() async throws {
        let database = try await cluster().makeDatabase()
        let location = try cluster().location(database)
        let a = try await TeamMachine.start("a", location: location)
        defer { Task { await a.stop() } }
        let consoleA = try await a.console()
        let now = Date()
        func sealed(_ id: String, grantedBy: String, lasting: TimeInterval) -> PolicyException {
            let made = PolicyException(
                id: id, effect: .allow, scope: .commandPrefix(["curl"]), binding: .everywhere,
                createdAt: Date(storeMilliseconds: now.storeMilliseconds),
                expiresAt: Date(storeMilliseconds: now.addingTimeInterval(lasting).storeMilliseconds),
                grantedBy: grantedBy, reason: "sealed")
            return TeamMachine.teamKey.sealed(made)
        }
        let rows = [
            sealed("x-nohost", grantedBy: "mallory", lasting: 600),
            sealed("x-localstranger", grantedBy: "mallory@host-a", lasting: 600),
            sealed("x-toolong", grantedBy: "user-b@host-b", lasting: 30 * 24 * 3600),
        ]
        for row in rows {
            _ = try await cluster().psql(
                """
                INSERT INTO airlock.exception (id, effect, scope, binding, created_at, expires_at, granted_by, reason, seal)
                VALUES ('\(row.id)', 'allow', '{"commandPrefix":{"argv":["curl"]}}', '{"everywhere":{}}',
                    \(row.createdAt.storeMilliseconds), \(row.expiresAt.storeMilliseconds), '\(row.grantedBy)',
                    'sealed', '\(row.seal ?? "")')
                """, database: database)
        }
        for (id, says) in [("x-nohost", "granter"), ("x-localstranger", "granter"), ("x-toolong", "grant rule")] {
            let refused = await consoleA.notification("exceptionRejected", where: { $0["id"]?.stringValue == id })
            #expect(refused?["params"]?["reason"]?.stringValue?.contains(says) == true, "\(id): \(String(describing: refused))")
        }
        #expect(try await a.ask(Self.curl, deadlineMs: 2_300)?.decision == "deny")
    }

    /// The team's queue: anyone with a broker's database login can `UPDATE airlock.team_queue`.
    /// A decision written around the brokers, one sealed with another key, and one made on an
    /// item changed in the database (to show reviewers something else) never answer the hook:
    /// the action stays pending, is denied at its deadline, and the refusal is said.
    @Test func forgedQueueDecisionsDoNotOpenTheGate() async throws {
        let database = try await cluster().makeDatabase()
        let location = try cluster().location(database)
        let a = try await TeamMachine.start("a", location: location)
        let b = try await TeamMachine.start("b", location: location)
        // E does not hold the team's key.
        let e = try await TeamMachine.start("e", location: location, sealer: .ephemeral())
        defer { Task { await a.stop(); await b.stop(); await e.stop() } }
        let consoleA = try await a.console()
        let consoleB = try await b.console()
        let consoleE = try await e.console()
        func risky(_ n: Int) -> String { "rm -rf build\(n)/" }

        // 1. A direct UPDATE of the row to allow.
        let forged = try a.submit(risky(1), deadlineMs: 3_000)
        let first = try #require(await consoleB.queued(risky(1)))
        _ = try await cluster().psql(
            """
            UPDATE airlock.team_queue SET state = 'decided', verdict = 'allow', reviewer = 'user-b@host-b',
                reason = 'Allowed by user-b@host-b.' WHERE id = '\(first.id)'
            """, database: database)
        let refused = await consoleA.notification(
            "exceptionRejected", where: { $0["id"]?.stringValue == "decision on \(first.id)" })
        #expect(refused?["params"]?["reason"]?.stringValue?.contains("no seal") == true, "\(String(describing: refused))")
        let answer = try #require(await forged.response(7, timeout: 10))
        #expect(answer["result"]?["decision"]?.stringValue == "deny", "\(answer)")
        #expect(answer["result"]?["source"]?.stringValue == "timeout")

        // 2. A decision sealed with another key (E's).
        let other = try a.submit(risky(2), deadlineMs: 3_000)
        let second = try #require(await consoleE.queued(risky(2)))
        consoleE.decide(second.id, "allow", requestID: 50)
        #expect(await consoleE.response(50)?["result"] != nil)
        let wrongKey = await consoleA.notification(
            "exceptionRejected", where: { $0["id"]?.stringValue == "decision on \(second.id)" })
        #expect(wrongKey?["params"]?["reason"]?.stringValue?.contains("not the team key's seal") == true)
        #expect(try #require(await other.response(7, timeout: 10))["result"]?["decision"]?.stringValue == "deny")

        // 3. The item changed in the database before a reviewer with the team's key approved it.
        let changed = try a.submit(risky(3), deadlineMs: 4_000)
        let third = try #require(await consoleB.queued(risky(3)))
        _ = try await cluster().psql(
            "UPDATE airlock.team_queue SET item = replace(item, 'rm -rf build3', 'ls build3') WHERE id = '\(third.id)'",
            database: database)
        // B's console is shown the item as the row now has it, and its reviewer approves that.
        #expect(await consoleB.queued("ls build3/")?.id == third.id)
        consoleB.decide(third.id, "allow", requestID: 51)
        _ = await consoleB.response(51)
        let digest = await consoleA.notification(
            "exceptionRejected", where: { $0["id"]?.stringValue == "decision on \(third.id)" })
        #expect(digest != nil, "A used a decision made on an item it did not publish")
        #expect(try #require(await changed.response(7, timeout: 10))["result"]?["decision"]?.stringValue == "deny")

        // status lists the refusals; and a decision through B with the team's key still works.
        consoleA.send(#"{"jsonrpc":"2.0","id":60,"method":"status"}"#)
        let status = try #require(await consoleA.response(60)?["result"])
        let listed: [String] =
            if case .array(let rows) = status["rejectedExceptions"] { rows.compactMap { $0["id"]?.stringValue } } else { [] }
        #expect(listed.contains("decision on \(first.id)") && listed.contains("decision on \(second.id)"), "\(listed)")
        let honest = try a.submit(risky(4))
        let fourth = try #require(await consoleB.queued(risky(4)))
        consoleB.decide(fourth.id, "allow", requestID: 52)
        #expect(try #require(await honest.response(7))["result"]?["decision"]?.stringValue == "allow")
    }
}
