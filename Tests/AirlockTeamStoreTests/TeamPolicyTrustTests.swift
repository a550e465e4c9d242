import AirlockBroker
import AirlockCore
import AirlockStore
import AirlockWire
import Foundation
import Testing

@testable import AirlockTeamStore

/// Trusted repository policy files are the team's: trusting one on machine A makes its allow
/// rules apply on machine B (pushed, through B's persistence), untrusting it withdraws them,
/// and a broker cut off from the database longer than the staleness window trusts nothing.
@Suite(.postgres, .serialized) struct TeamPolicyTrustTests {
    static let policy = "[[allow]]\ncommand = [\"make\", \"docs\"]\n"

    /// A repository holding a policy file with one allow rule.
    static func repository() throws -> (root: String, path: String, sha256: String) {
        let root = FileManager.default.temporaryDirectory.path + "/airlock-trust-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: root + "/.airlock", withIntermediateDirectories: true)
        let path = PolicySource.repositoryPolicyPath(root)
        try policy.write(toFile: path, atomically: true, encoding: .utf8)
        return (root, path, PolicySource.sha256(Data(policy.utf8)))
    }

    /// Waits until `condition` holds, up to `seconds`: the push arrives when the database
    /// sends it, and the test has no other event to wait on.
    static func eventually(_ seconds: Double = 5, _ condition: () -> Bool) async -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return condition()
    }

    @Test func trustGrantedOnOneMachineAppliesOnAnother() async throws {
        let location = try cluster().location(try await cluster().makeDatabase())
        let a = try await TeamMachine.start("a", location: location)
        let b = try await TeamMachine.start("b", location: location)
        defer {
            Task {
                await a.stop(); await b.stop()
            }
        }
        let repository = try Self.repository()
        defer { try? FileManager.default.removeItem(atPath: repository.root) }
        // B's broker reads repository policies through its persistence, as `airlock serve` wires it.
        let watcherB = PolicyWatcher(configDirectory: b.directory) { path, sha256 in
            b.persistence.isPolicyFileTrusted(path: path, sha256: sha256)
        }
        #expect(watcherB.repositoryPolicy(repository.root).rules.map(\.isEffective) == [false])

        try await a.persistence.trustPolicyFile(path: repository.path, sha256: repository.sha256)
        #expect(
            await Self.eventually {
                b.persistence.isPolicyFileTrusted(path: repository.path, sha256: repository.sha256)
            },
            "trust on A never reached B")
        #expect(watcherB.repositoryPolicy(repository.root).rules.map(\.isEffective) == [true])
        // Trust is for this content only: the file changed is not trusted.
        #expect(!b.persistence.isPolicyFileTrusted(path: repository.path, sha256: String(repeating: "0", count: 64)))

        #expect(try await b.persistence.untrustPolicyFile(path: repository.path))
        #expect(
            await Self.eventually {
                !a.persistence.isPolicyFileTrusted(path: repository.path, sha256: repository.sha256)
            },
            "untrust on B never reached A")
        let watcherA = PolicyWatcher(configDirectory: a.directory) { path, sha256 in
            a.persistence.isPolicyFileTrusted(path: path, sha256: sha256)
        }
        #expect(watcherA.repositoryPolicy(repository.root).rules.map(\.isEffective) == [false])
    }

    /// Anyone holding a database login (an agent that read the broker's URL) can write
    /// `policy_trust`; no broker believes a row the team's key did not seal.
    @Test func trustWrittenAroundTheBrokersTrustsNothing() async throws {
        let location = try cluster().location(try await cluster().makeDatabase())
        let a = try await TeamMachine.start("a", location: location)
        defer { Task { await a.stop() } }
        let repository = try Self.repository()
        defer { try? FileManager.default.removeItem(atPath: repository.root) }
        let forgers: [(String, String?)] = [
            ("no seal", nil),
            ("another key's seal", ExceptionSealer.ephemeral().seal(policyFile: repository.path, sha256: repository.sha256)),
            ("the seal of another file", TeamMachine.teamKey.seal(policyFile: repository.path + ".x", sha256: repository.sha256)),
        ]
        for (what, seal) in forgers {
            try await a.persistence.store.trustPolicyFile(path: repository.path, sha256: repository.sha256, seal: seal)
            _ = try await a.persistence.activeExceptions(at: Date())
            #expect(!a.persistence.isPolicyFileTrusted(path: repository.path, sha256: repository.sha256), "\(what)")
        }
        try await a.persistence.trustPolicyFile(path: repository.path, sha256: repository.sha256)
        _ = try await a.persistence.activeExceptions(at: Date())
        #expect(a.persistence.isPolicyFileTrusted(path: repository.path, sha256: repository.sha256))
    }

    @Test func aBrokerCutOffPastTheStalenessWindowTrustsNothing() async throws {
        let cluster = try cluster()
        let location = try cluster.location(try await cluster.makeDatabase())
        let store = try await TeamStore.open(location, timeout: .seconds(2))
        let directory = FileManager.default.temporaryDirectory.path + "/airlock-trust-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let persistence = TeamPersistence(
            store: store, origin: ActionOrigin(user: "u", host: "h", broker: "b"),
            journalPath: directory + "/team-journal.jsonl", seal: { $0 }, trustSealer: TeamMachine.teamKey, trustStaleness: .zero)
        let repository = try Self.repository()
        defer { try? FileManager.default.removeItem(atPath: repository.root) }
        try await persistence.trustPolicyFile(path: repository.path, sha256: repository.sha256)
        _ = try await persistence.activeExceptions(at: Date())
        #expect(persistence.isPolicyFileTrusted(path: repository.path, sha256: repository.sha256))

        try await cluster.stop()
        await #expect(throws: (any Error).self) { try await persistence.activeExceptions(at: Date()) }
        #expect(!persistence.isPolicyFileTrusted(path: repository.path, sha256: repository.sha256))
        try await cluster.start()
        _ = try await persistence.activeExceptions(at: Date())
        #expect(persistence.isPolicyFileTrusted(path: repository.path, sha256: repository.sha256))
        await persistence.stop()
    }
}
