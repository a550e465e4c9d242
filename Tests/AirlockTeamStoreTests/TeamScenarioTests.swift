import AirlockBroker
import AirlockCore
import AirlockWire
import Foundation
import Testing

@testable import AirlockTeamStore

/// Two brokers (two state directories, two sockets) on one real database, as two machines of a
/// team: an action on A decided from a console on B, grants and revocations crossing over,
/// two reviewers racing, and machine A's clock an hour ahead of B's.
@Suite(.postgres, .serialized) struct TeamScenarioTests {
    static let risky = "rm -rf build/"
    static let curl = "curl https://example.com/health"

    func grant(_ console: LineClient, id: Int) {
        console.send(
            #"{"jsonrpc":"2.0","id":"# + String(id)
                + #","method":"grant","params":{"reviewer":"typed-name","exception":{"effect":"allow","scope":{"commandPrefix":{"argv":["curl"]}},"binding":{"everywhere":{}},"ttlSeconds":600,"reason":"health checks"}}}"#
        )
    }

    @Test func anActionOnAIsDecidedOnBAndGrantsAndRevocationsCrossOver() async throws {
        let location = try cluster().location(try await cluster().makeDatabase())
        // A's clock runs an hour ahead: expiry is the database's, so both still agree.
        let a = try await TeamMachine.start("a", location: location, skew: 3600)
        let b = try await TeamMachine.start("b", location: location)
        defer { Task { await a.stop(); await b.stop() } }
        let consoleA = try await a.console()
        let consoleB = try await b.console()

        // An agent's risky action on A, approved from B: the hook on A gets allow.
        let hook = try a.submit(Self.risky)
        let queued = try #require(await consoleB.queued(Self.risky), "B's console never saw A's action")
        #expect(queued.origin?["host"]?.stringValue == "host-a")
        #expect(queued.origin?["user"]?.stringValue == "user-a")
        consoleB.decide(queued.id, "allow", requestID: 20)
        let reply = try #require(await consoleB.response(20))
        #expect(reply["result"]?["resolved"] == .array([.string(queued.id)]), "\(reply)")
        let answer = try #require(await hook.response(7))
        #expect(answer["result"]?["decision"]?.stringValue == "allow")
        #expect(answer["result"]?["source"]?.stringValue == "human:user-b@host-b")
        // The decision left A's console too.
        #expect(await consoleA.notification("actionResolved", where: { $0["id"]?.stringValue == queued.id }) != nil)

        // Before any grant, curl asks: with a short harness deadline it is denied.
        #expect(try await a.ask(Self.curl, deadlineMs: 2_300)?.decision == "deny")

        // A grant on B applies on A: within a second of B's reply.
        grant(consoleB, id: 21)
        let granted = try #require(await consoleB.response(21)?["result"]?["exception"]?["id"]?.stringValue)
        let sent = Date()
        #expect(await consoleA.notification("exceptionGranted", where: { $0["exception"]?["id"]?.stringValue == granted }) != nil)
        let delay = Date().timeIntervalSince(sent)
        #expect(delay < 1, "grant to effect took \(delay) s")
        let allowed = try #require(try await a.ask(Self.curl))
        #expect(allowed.decision == "allow")
        #expect(allowed.source == "exception:\(granted)")

        // A revoke on B stops it on A as fast.
        consoleB.send(#"{"jsonrpc":"2.0","id":22,"method":"revoke","params":{"id":""# + granted + #"","reviewer":"typed-name"}}"#)
        #expect(await consoleB.response(22)?["result"] != nil)
        let revokedAt = Date()
        #expect(await consoleA.notification("exceptionRevoked", where: { $0["exception"]?["id"]?.stringValue == granted }) != nil)
        #expect(Date().timeIntervalSince(revokedAt) < 1)
        #expect(try await a.ask(Self.curl, deadlineMs: 2_300)?.decision == "deny")

        // Everything A decided is in the team's log, with B's reviewer, and the log verifies.
        try await Task.sleep(for: .milliseconds(50))
        await a.server.waitUntilStored()
        let rows = try await a.persistence.store.decisions(since: nil, limit: 100)
        // How B's broker identified its reviewer is in A's log too (and in the chain's hashes).
        let decided = try #require(rows.first { $0.actionID == queued.id && $0.verdict == "allow" })
        #expect(decided.reviewer == "user-b@host-b")
        #expect(decided.reviewerIdentity?.contains("uid \(getuid())") == true, "\(String(describing: decided.reviewerIdentity))")
        #expect(try await a.persistence.store.verifyLog() == .intact(count: rows.count))
    }

    @Test func twoReviewersPressingAtOnceMakeOneDecision() async throws {
        let location = try cluster().location(try await cluster().makeDatabase())
        let a = try await TeamMachine.start("a", location: location)
        let b = try await TeamMachine.start("b", location: location)
        defer { Task { await a.stop(); await b.stop() } }
        let consoleA = try await a.console()
        let consoleB = try await b.console()
        for round in 0..<5 {
            let hook = try a.submit(Self.risky)
            let onA = try #require(await consoleA.queued(Self.risky))
            _ = try #require(await consoleB.queued(Self.risky))
            consoleA.decide(onA.id, "allow", requestID: 100 + round)
            consoleB.decide(onA.id, "deny", requestID: 200 + round)
            let replies = [try #require(await consoleA.response(100 + round)), try #require(await consoleB.response(200 + round))]
            let won = replies.filter { $0["result"] != nil }
            let lost = replies.filter { $0["error"]?["code"]?.numberValue == Double(RPCErrorCode.alreadyResolved.rawValue) }
            #expect(won.count == 1 && lost.count == 1, "\(replies)")
            let answer = try #require(await hook.response(7))
            let winner = replies[0]["result"] != nil ? "allow" : "deny"
            #expect(answer["result"]?["decision"]?.stringValue == winner)
            // The hook got one answer, never a second.
            #expect(await hook.next(timeout: 0.3) == nil)
        }
    }
}
