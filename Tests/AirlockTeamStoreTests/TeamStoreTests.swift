import AirlockBroker
import AirlockCore
import AirlockStore
import AirlockWire
import Foundation
import Testing

@testable import AirlockTeamStore

/// The store against a real PostgreSQL: schema versions, the append-only log and its anchor,
/// what a broker's role may not do, exceptions on the database's clock, the queue's
/// compare-and-set.
@Suite(.postgres, .serialized) struct TeamStoreTests {
    static func decision(_ number: Int, verdict: Verdict = .allow) -> DecisionRecord {
        DecisionRecord(
            time: Date(timeIntervalSince1970: 1_800_000_000 + Double(number)), actionID: "a-\(number)",
            harness: "claude", summary: "ls \(number)", categories: [.read], risk: .low, verdict: verdict,
            source: .rule("test"), reason: "test \(number)")
    }

    func openStore() async throws -> (TeamStore, String) {
        let cluster = try cluster()
        let database = try await cluster.makeDatabase()
        return (try await TeamStore.open(try cluster.location(database)), database)
    }

    @Test func migratesOnceAndRefusesANewerSchema() async throws {
        let (store, database) = try await openStore()
        #expect(try await store.schemaVersion() == TeamSchema.version)
        await store.close()
        let again = try await TeamStore.open(try cluster().location(database))
        #expect(try await again.schemaVersion() == TeamSchema.version)
        await again.close()
        try await cluster().psql("INSERT INTO airlock.schema_version (version) VALUES (99)", database: database)
        await #expect(throws: TeamStoreError.newerSchema(found: 99, known: TeamSchema.version)) {
            try await TeamStore.open(try cluster().location(database))
        }
    }

    @Test func theLogVerifiesAndShowsAChangedRemovedOrReorderedEntry() async throws {
        let (store, database) = try await openStore()
        defer { Task { await store.close() } }
        try await store.appendDecisions((1...5).map { Self.decision($0) })
        try await store.appendDecisions([Self.decision(6, verdict: .deny)])
        #expect(try await store.verifyLog() == .intact(count: 6))
        #expect(try await store.decisions(since: nil, limit: 2).map(\.actionID) == ["a-5", "a-6"])

        // The owner goes around the triggers, as an attacker with the owner's password could.
        let cluster = try cluster()
        let around = "ALTER TABLE airlock.decision_log DISABLE TRIGGER USER"
        let back = "ALTER TABLE airlock.decision_log ENABLE TRIGGER USER"
        try await cluster.psql("\(around); UPDATE airlock.decision_log SET summary = 'ls' WHERE sequence = 3; \(back)", database: database)
        #expect(try await store.verifyLog() == .broken(atSequence: 3, reason: "its contents do not match its hash"))
        try await cluster.psql("\(around); UPDATE airlock.decision_log SET summary = 'ls 3' WHERE sequence = 3; \(back)", database: database)
        #expect(try await store.verifyLog() == .intact(count: 6))

        // Reordered: two rows swap places.
        try await cluster.psql(
            """
            \(around);
            UPDATE airlock.decision_log SET sequence = 1000 WHERE sequence = 2;
            UPDATE airlock.decision_log SET sequence = 2 WHERE sequence = 4;
            UPDATE airlock.decision_log SET sequence = 4 WHERE sequence = 1000;
            \(back)
            """, database: database)
        if case .intact = try await store.verifyLog() { Issue.record("a reordered log verified") }
        try await cluster.psql(
            """
            \(around);
            UPDATE airlock.decision_log SET sequence = 1000 WHERE sequence = 2;
            UPDATE airlock.decision_log SET sequence = 2 WHERE sequence = 4;
            UPDATE airlock.decision_log SET sequence = 4 WHERE sequence = 1000;
            \(back)
            """, database: database)
        #expect(try await store.verifyLog() == .intact(count: 6))

        // Removed from the end: the chain that is left is whole, the anchor is not.
        try await cluster.psql("\(around); DELETE FROM airlock.decision_log WHERE sequence >= 5; \(back)", database: database)
        #expect(
            try await store.verifyLog()
                == .broken(atSequence: 5, reason: "the anchor counts 6 records; records 5…6 are missing"))
    }

    @Test func aBrokersRoleCannotChangeTheLogNorItsAnchor() async throws {
        let (store, database) = try await openStore()
        try await store.appendDecisions((1...3).map { Self.decision($0) })
        await store.close()
        let cluster = try cluster()
        try await cluster.psql("CREATE ROLE broker_\(database) LOGIN", database: database)
        for grant in TeamSchema.brokerGrants(role: "broker_\(database)") { try await cluster.psql(grant, database: database) }
        let role = "broker_\(database)"
        let refused = [
            "UPDATE airlock.decision_log SET summary = 'x' WHERE sequence = 1",
            "DELETE FROM airlock.decision_log WHERE sequence = 3",
            "TRUNCATE airlock.decision_log",
            "UPDATE airlock.log_anchor SET count = 2",
            "ALTER TABLE airlock.decision_log DISABLE TRIGGER USER",
            """
            INSERT INTO airlock.decision_log (sequence, time, action_id, harness, summary, categories, risk, verdict,
                source, reason, previous_hash, hash)
            VALUES (9, 0, 'x', 'x', 'x', '[]', 'low', 'allow', 'x', 'x', repeat('0', 64), repeat('1', 64))
            """,
        ]
        for statement in refused {
            await #expect(throws: ClusterError.self, "\(statement)") {
                try await cluster.psql(statement, database: database, user: role)
            }
        }
        // What it may do, it can: the broker works under this role.
        var url = cluster.ownerURL(database)
        url = url.replacingOccurrences(of: PostgresCluster.owner, with: role)
        let brokerStore = try await TeamStore.open(try TeamStoreLocation.parse(url, environment: [:]))
        try await brokerStore.appendDecisions([Self.decision(4)])
        #expect(try await brokerStore.verifyLog() == .intact(count: 4))
        await brokerStore.close()
    }

    @Test func exceptionsExpireByTheDatabasesClock() async throws {
        let (store, _) = try await openStore()
        defer { Task { await store.close() } }
        // Granted by a machine whose clock runs an hour ahead: it lasts ten minutes from when
        // the database took it, not from the machine's idea of now.
        let skewed = Date().addingTimeInterval(3600)
        let exception = PolicyException(
            id: "x-1", effect: .allow, scope: .commandPrefix(["npm", "test"]), binding: .everywhere,
            createdAt: skewed, expiresAt: skewed.addingTimeInterval(600), usesLeft: 2, grantedBy: "alice@a",
            reason: "tests")
        try await store.grant(exception, sample: nil)
        let (active, now) = try await store.activeExceptions()
        #expect(active.map(\.id) == ["x-1"])
        let stored = try #require(active.first)
        #expect(abs(stored.createdAt.timeIntervalSince1970 - Double(now) / 1000) < 5)
        #expect(abs(stored.expiresAt.timeIntervalSince(stored.createdAt) - 600) < 0.01)
        #expect(try await store.recordUse(of: "x-1")?.usesLeft == 1)
        #expect(try await store.revoke(id: "x-1", by: "bob@b")?.revokedBy == "bob@b")
        #expect(try await store.activeExceptions().exceptions.isEmpty)
        #expect(try await store.revoke(id: "x-1", by: "bob@b") == nil)
    }

    @Test func twoReviewersAtOnceMakeOneDecision() async throws {
        let (store, _) = try await openStore()
        defer { Task { await store.close() } }
        let origin = ActionOrigin(user: "alice", host: "a", broker: "a-1")
        let action = Action(harness: "claude", kind: .shell(command: "rm -rf build"))
        for number in 1...20 {
            let item = QueuedAction(
                id: "q-\(number)", action: action, assessment: Classifier.assess(action), reason: "asks",
                source: .unmatched, queuedAt: Date(), deadline: Date().addingTimeInterval(600), origin: origin)
            try await store.publish(item, broker: origin)
        }
        let bob = try await TeamStore.open(store.location)
        let carol = try await TeamStore.open(store.location)
        for number in 1...20 {
            async let allow = bob.claim(["q-\(number)"], verdict: .allow, reviewer: "bob@b", reason: "ok")
            async let deny = carol.claim(["q-\(number)"], verdict: .deny, reviewer: "carol@c", reason: "no")
            let outcomes = [try await allow["q-\(number)"], try await deny["q-\(number)"]]
            #expect(outcomes.filter { $0 == .won }.count == 1, "q-\(number): \(outcomes)")
            #expect(outcomes.filter { if case .lost = $0 { true } else { false } }.count == 1)
        }
        await bob.close()
        await carol.close()
        let snapshot = try await store.snapshot(broker: "a-1", own: (1...20).map { "q-\($0)" })
        #expect(snapshot.decided.count == 20)
        let late = try await store.claim(["q-1", "nope"], verdict: .allow, reviewer: "d", reason: "")
        let first = try #require(snapshot.decided.first { $0.id == "q-1" })
        #expect(late["q-1"] == .lost(first.verdict == .allow ? "allowed by bob@b" : "denied by carol@c"))
        #expect(late["nope"] == .unknown)
    }
}
