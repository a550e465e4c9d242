import AirlockCore
import Foundation
import Testing

@testable import AirlockStore

/// The broker's policy files: the user's file again only when it changed; a repository's with
/// the trust it has now.
@Suite struct PolicyWatcherTests {
    @Test func userPolicyIsReadAgainOnlyWhenItChanges() throws {
        let directory = try TemporaryDirectory()
        let file = directory.path + "/policy.toml"
        try "mode = \"auto-loop\"\n".write(toFile: file, atomically: true, encoding: .utf8)
        let watcher = PolicyWatcher(configDirectory: directory.path) { _, _ in false }
        #expect(watcher.userPolicy().mode == .autoLoop)
        #expect(watcher.userPolicyIfChanged() == nil)
        try "mode = \"read-only\"\n".write(toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(5)], ofItemAtPath: file)
        #expect(watcher.userPolicyIfChanged()?.mode == .readOnly)
        #expect(watcher.userPolicyIfChanged() == nil)
    }

    @Test func repositoryRulesCarryTheTrustTheyHaveNow() throws {
        let directory = try TemporaryDirectory()
        let repository = directory.path + "/repo"
        try FileManager.default.createDirectory(atPath: repository + "/.airlock", withIntermediateDirectories: true)
        let text = "[[allow]]\ncommand = [\"make\"]\n"
        try text.write(toFile: PolicySource.repositoryPolicyPath(repository), atomically: true, encoding: .utf8)
        let store = try PolicyStore.inMemory()
        let watcher = PolicyWatcher(configDirectory: directory.path + "/config", store: store)
        #expect(watcher.repositoryPolicy(repository).rules.map(\.isEffective) == [false])
        try store.trustPolicyFile(
            path: PolicySource.repositoryPolicyPath(repository), sha256: PolicySource.sha256(Data(text.utf8)), at: t0)
        #expect(watcher.repositoryPolicy(repository).rules.map(\.isEffective) == [true], "trust applies at once")
        #expect(watcher.repositoryPolicy(directory.path + "/elsewhere").rules.isEmpty)
    }
}
