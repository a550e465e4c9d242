import AirlockProbe
import Foundation
import Testing

@Suite struct SecretScanTests {
    @Test func findsSecretsButNotTemplatesOrDependencyTrees() throws {
        let dir = try TempRepository(git: false)
        defer { dir.remove() }
        try dir.write(".env", "A=1")
        try dir.write(".env.example", "A=")
        try dir.write("services/api/.env.production", "B=2")
        try dir.write("deploy/id_rsa", "key")
        try dir.write("node_modules/pkg/.env", "C=3")
        try dir.write(".build-release/checkouts/x/.env", "D=4")
        try dir.write("src/main.swift", "print(1)")
        let result = SecretScan.scan(workspace: dir.root, home: nil, deadline: .init(budget: .seconds(20)))
        #expect(result.isComplete)
        #expect(
            result.files == [
                dir.root + "/.env", dir.root + "/deploy/id_rsa", dir.root + "/services/api/.env.production",
            ])
        #expect(result.reasons.count == 3)
    }

    @Test func anExhaustedBudgetSaysSo() throws {
        let dir = try TempRepository(git: false)
        defer { dir.remove() }
        for index in 0..<200 { try dir.write("many/f\(index)") }
        let result = SecretScan.scan(workspace: dir.root, home: nil, deadline: .init(budget: .zero))
        #expect(!result.isComplete)
    }
}
