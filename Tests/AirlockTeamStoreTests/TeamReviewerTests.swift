import AirlockBroker
import AirlockCore
import AirlockStore
import AirlockWire
import Foundation
import Testing

@testable import AirlockTeamStore

/// Named reviewers across a team, on a real database: a two-reviewer rule needs two people,
/// on whichever machines they press; the same person on two machines is one; the person whose
/// agent submitted the action does not count; two approvals at once both count.
@Suite(.postgres, .serialized) struct TeamReviewerTests {
    static let release = "./release.sh production"

    /// ann is machine a's account (the agents submit there); pat has accounts on b and c; dan
    /// is d's. Releases need two people, not the submitter's.
    static let policy = ReviewerPolicy(
        reviewers: [
            Reviewer(id: "ann", accounts: ["user-a@host-a"], name: "Ann"),
            Reviewer(id: "pat", accounts: ["user-b@host-b", "user-c@host-c"], name: "Pat"),
            Reviewer(id: "dan", accounts: ["user-d@host-d"], name: "Dan"),
        ],
        requirements: [
            ApprovalRequirement(scopes: [.commandPrefix(["./release.sh"])], approvals: 2, notOwnAgent: true)
        ])

    static func first(_ value: JSONValue?) -> JSONValue? {
        if case .array(let items) = value { return items.first }
        return nil
    }

    @Test func aTwoReviewerRuleNeedsTwoPeopleAcrossTheTeam() async throws {
        let location = try cluster().location(try await cluster().makeDatabase())
        let a = try await TeamMachine.start("a", location: location, reviewers: Self.policy)
        let b = try await TeamMachine.start("b", location: location, reviewers: Self.policy)
        let c = try await TeamMachine.start("c", location: location, reviewers: Self.policy)
        let d = try await TeamMachine.start("d", location: location, reviewers: Self.policy)
        defer { Task { await a.stop(); await b.stop(); await c.stop(); await d.stop() } }
        let consoleA = try await a.console()
        let consoleB = try await b.console()
        let consoleC = try await c.console()
        let consoleD = try await d.console()

        // Pat on B and Dan on D press at once: both count, and the hook on A gets allow.
        let hook = try a.submit(Self.release)
        let first = try #require(await consoleB.queued(Self.release), "B never saw A's release")
        #expect(await consoleD.queued(Self.release)?.id == first.id)
        consoleB.decide(first.id, "allow", requestID: 20)
        consoleD.decide(first.id, "allow", requestID: 21)
        for (console, id) in [(consoleB, 20), (consoleD, 21)] {
            let reply = try #require(await console.response(id))
            #expect(reply["result"] != nil, "\(reply)")
        }
        let answer = try #require(await hook.response(7))
        #expect(answer["result"]?["decision"]?.stringValue == "allow", "\(answer)")
        let source = answer["result"]?["source"]?.stringValue ?? ""
        #expect(source.contains("user-b@host-b") && source.contains("user-d@host-d"), "\(source)")

        // Ann is the submitter's person, and Pat on two machines is one person: not enough.
        let staging = "./release.sh staging"
        let short = try a.submit(staging, deadlineMs: 6_000)
        let second = try #require(await consoleB.queued(staging), "B never saw the second release")
        consoleA.decide(second.id, "allow", requestID: 30)
        let own = try #require(await consoleA.response(30))
        #expect(own["error"]?["message"]?.stringValue?.contains("own agent submitted this") == true, "\(own)")
        consoleB.decide(second.id, "allow", requestID: 31)
        let waiting = try #require(await consoleB.response(31))
        #expect(Self.first(waiting["result"]?["waiting"])?["needs"]?.stringValue == "1 of 2 approvals", "\(waiting)")
        // Every console sees the first approval, C's too; then Pat on C does not count again.
        let seen = await consoleC.waitFor { line in
            line["method"]?.stringValue == "actionQueued" && line["params"]?["item"]?["id"]?.stringValue == second.id
                && Self.first(line["params"]?["item"]?["approvals"])?["reviewer"]?.stringValue == "user-b@host-b"
        }
        #expect(seen?["params"]?["item"]?["needs"]?.stringValue == "1 of 2 approvals", "\(String(describing: seen))")
        consoleC.decide(second.id, "allow", requestID: 32)
        let again = try #require(await consoleC.response(32))
        #expect(again["error"]?["message"]?.stringValue?.contains("already approved") == true, "\(again)")
        let denied = try #require(await short.response(7, timeout: 15))
        #expect(denied["result"]?["decision"]?.stringValue == "deny", "nobody completed it: denied at its deadline")

        // The log names both reviewers of the allowed release.
        await a.server.waitUntilStored()
        let rows = try await a.persistence.store.decisions(since: nil, limit: 100)
        let allowed = try #require(rows.first { $0.actionID == first.id && $0.verdict == "allow" })
        #expect(allowed.reviewer?.contains("user-b@host-b") == true && allowed.reviewer?.contains("user-d@host-d") == true)
    }

    /// Approvals written into the row around the brokers (no seal, or one made with another
    /// key) do not count: the action is denied at its deadline and the refusals are said.
    @Test func forgedApprovalsDoNotCount() async throws {
        let database = try await cluster().makeDatabase()
        let location = try cluster().location(database)
        let a = try await TeamMachine.start("a", location: location, reviewers: Self.policy)
        let b = try await TeamMachine.start("b", location: location, reviewers: Self.policy)
        defer { Task { await a.stop(); await b.stop() } }
        let consoleA = try await a.console()
        let consoleB = try await b.console()
        let hook = try a.submit(Self.release, deadlineMs: 4_000)
        let queued = try #require(await consoleA.queued(Self.release))
        let otherKey = ExceptionSealer.ephemeral().seal(text: "anything")
        // A's console hears of the action before its row is in the database; B's console only
        // from the row.
        #expect(await consoleB.queued(Self.release)?.id == queued.id, "A never published \(queued.id)")
        _ = try await cluster().psql(
            """
            UPDATE airlock.team_queue SET approvals = '[
                {"approval":0,"reviewer":"user-b@host-b","reason":"","seal":null},
                {"approval":1,"reviewer":"user-d@host-d","reason":"","seal":"\(otherKey)"}
            ]'::jsonb WHERE id = '\(queued.id)'
            """, database: database)
        for (number, says) in [(1, "no seal"), (2, "not the team key's seal")] {
            let refused = await consoleA.notification(
                "exceptionRejected", where: { $0["id"]?.stringValue == "approval \(number) of \(queued.id)" })
            #expect(refused?["params"]?["reason"]?.stringValue?.contains(says) == true, "\(String(describing: refused))")
        }
        let answer = try #require(await hook.response(7, timeout: 10))
        #expect(answer["result"]?["decision"]?.stringValue == "deny", "\(answer)")
    }
}
