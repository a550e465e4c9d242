import AirlockCore
import AirlockStore
import Foundation
import GRDB
import Testing

/// `airlock audit --verify` finds a row changed behind the store's back.
struct AuditVerifyTests {
    @Test func tamperedRowIsReported() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-audit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let state = root.appendingPathComponent("state").path
        let environment = [
            "AIRLOCK_STATE_DIR": state, "AIRLOCK_CONFIG_DIR": root.appendingPathComponent("config").path,
        ]
        let path = StorePaths.defaultDatabase(stateDirectory: state)
        let store = try PolicyStore.open(path: path)
        for index in 1...5 {
            try store.appendDecision(
                DecisionRecord(
                    time: Date(), actionID: "a\(index)", harness: "claude", summary: "rm -rf build\(index)",
                    categories: [.destructiveFS], risk: .high, verdict: .deny, source: .human("alice"),
                    reason: "not now"))
        }
        let intact = try CLIRunner.run(["audit", "--verify"], environment: environment)
        #expect(intact.status == 0)
        #expect(intact.stdout.contains("intact: 5 entries"))
        #expect(
            try CLIRunner.run(["audit", "--since", "1h"], environment: environment).stdout.contains("rm -rf build3"))

        // Go around the store, as a process writing the file directly could.
        let raw = try DatabaseQueue(path: path)
        try raw.write { db in
            try db.execute(sql: "DROP TRIGGER decision_log_no_update")
            try db.execute(sql: "UPDATE decision_log SET reason = 'approved' WHERE sequence = 3")
        }
        let broken = try CLIRunner.run(["audit", "--verify"], environment: environment)
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("BROKEN at entry 3"))
    }

    /// An agent's command can carry escape sequences; the listing shows them, the terminal never gets them.
    @Test func escapesInALoggedCommandAreShownNotSent() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-audit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let state = root.appendingPathComponent("state").path
        let environment = [
            "AIRLOCK_STATE_DIR": state, "AIRLOCK_CONFIG_DIR": root.appendingPathComponent("config").path,
        ]
        let store = try PolicyStore.open(path: StorePaths.defaultDatabase(stateDirectory: state))
        try store.appendDecision(
            DecisionRecord(
                time: Date(), actionID: "a1", harness: "claude", summary: "echo hi\u{1B}[2J\u{200B}; rm -rf ~",
                categories: [.destructiveFS], risk: .critical, verdict: .deny, source: .human("alice"),
                reason: "no"))
        let listing = try CLIRunner.run(["audit"], environment: environment)
        #expect(listing.status == 0)
        #expect(!listing.stdout.contains("\u{1B}"))
        #expect(listing.stdout.contains("echo hi⟨ESC U+1B⟩[2J⟨ZERO WIDTH SPACE U+200B⟩; rm -rf ~"))
    }
}
