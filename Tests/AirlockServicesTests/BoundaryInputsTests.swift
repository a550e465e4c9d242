import AirlockServices
import AirlockStore
import Foundation
import Testing

/// The broker's measurement of a workspace: real directories only.
@Suite struct BoundaryInputsTests {
    @Test func measuresAnExistingDirectoryAndNothingElse() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-bi-\(UUID())")
            .resolvingSymlinksInPath().path
        let workspace = home + "/plain"
        try FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let inputs = BoundaryInputs(environment: [
            "HOME": home, "AIRLOCK_STATE_DIR": home + "/state", "AIRLOCK_CONFIG_DIR": home + "/config",
        ])
        let store = try PolicyStore.inMemory()
        let report = try #require(inputs.measuredReport(for: workspace, store: store))
        #expect(report.workspace == workspace)
        #expect(report.boundaries.count == 5)
        // Another machine's path, a relative one, a file: not measured here.
        #expect(inputs.measuredReport(for: home + "/missing", store: store) == nil)
        #expect(inputs.measuredReport(for: "plain", store: store) == nil)
        FileManager.default.createFile(atPath: home + "/file", contents: Data())
        #expect(inputs.measuredReport(for: home + "/file", store: store) == nil)
    }

    /// The separated broker measures for the submitting account: that account's home from the
    /// password database, none of the broker's own variables, Airlock's own trusted list.
    @Test func anAccountsInputsAreItsHomeNotTheBrokers() throws {
        let base = [
            "HOME": "/var/lib/airlock", "CLAUDE_CONFIG_DIR": "/var/lib/airlock/claude", "PATH": "/usr/bin:/bin",
            "XDG_CONFIG_HOME": "/var/lib/airlock/.config",
        ]
        let mine = BoundaryInputs.forAccount(getuid(), base: base, trustedListDirectory: "/var/lib/airlock")
        let home = String(cString: try #require(getpwuid(getuid())?.pointee.pw_dir))
        #expect(mine.home == home)
        #expect(mine.environment["CLAUDE_CONFIG_DIR"] == nil)
        #expect(mine.environment["XDG_CONFIG_HOME"] == nil)
        #expect(mine.environment["PATH"] == "/usr/bin:/bin")
        #expect(mine.probe.trustedListPath == "/var/lib/airlock/trusted-repos")
        #expect(mine.locations.stateDirectory == "/var/lib/airlock", "inventories: Airlock's own, not the agent's")
        let hooks = mine.hookHealth(workspace: "/nonexistent-workspace")
        #expect(hooks.contains { $0.path == home + "/.claude/settings.json" }, "\(hooks.map(\.path))")
        // An account the password database does not know has no settings to be clear with.
        let unknown = BoundaryInputs.forAccount(4_000_000_000, base: base, trustedListDirectory: "/var/lib/airlock")
        #expect(unknown.home == "/nonexistent")
    }
}
