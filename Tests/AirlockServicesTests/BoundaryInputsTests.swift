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
}
