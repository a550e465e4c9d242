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
                DecisionLogEntry(
                    time: Date(), actionID: "a\(index)", harness: "claude", summary: "rm -rf build\(index)",
                    categories: [.destructiveFS], risk: .high, verdict: .deny, source: "human:alice",
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
}
