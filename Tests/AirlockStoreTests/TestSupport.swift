import AirlockCore
import Foundation
import GRDB
import Synchronization
import Testing

@testable import AirlockStore

/// A fixed clock reading; tests move time by adding seconds to it.
let t0 = Date(timeIntervalSince1970: 1_700_000_000)

/// A fresh directory under the temp dir, removed with the value.
final class TemporaryDirectory: Sendable {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-store-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    var database: String { StorePaths.defaultDatabase(stateDirectory: path) }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// The two ways a store is opened; store tests run on both.
enum StoreKind: String, CaseIterable, Sendable {
    case memory, file

    /// Runs `body` on a new, empty store, removing its directory afterwards.
    func withStore(_ body: (PolicyStore) throws -> Void) throws {
        switch self {
        case .memory:
            try body(try PolicyStore.inMemory())
        case .file:
            let directory = try TemporaryDirectory()
            try withExtendedLifetime(directory) { try body(try PolicyStore.open(path: directory.database)) }
        }
    }
}

func makeException(
    _ id: String, _ effect: PolicyRule.Effect = .allow, scope: Scope = .commandPrefix(["npm", "test"]),
    binding: PolicyException.Binding = .repository("/work/app"), lasting seconds: TimeInterval = 3600,
    usesLeft: Int? = nil
) -> PolicyException {
    PolicyException(
        id: id, effect: effect, scope: scope, binding: binding, createdAt: t0, expiresAt: t0 + seconds,
        usesLeft: usesLeft, grantedBy: "alice", reason: "reviewed by alice")
}

func entry(
    _ actionID: String, at seconds: TimeInterval = 0, summary: String = "npm test",
    reason: String = "allowed by the mode", verdict: Verdict = .allow, subject: Action.Kind? = nil
) -> DecisionRecord {
    DecisionRecord(
        time: t0 + seconds, actionID: actionID, harness: "claude", session: "s-1", workspace: "/work/app",
        summary: summary, subject: subject, categories: [.test], risk: .low, verdict: verdict,
        source: .mode(.workspaceEdit), reason: reason)
}

/// A raw connection to a store file, going around the store as an attacker would.
func rawConnection(_ path: String) throws -> DatabaseQueue {
    var configuration = Configuration()
    configuration.busyMode = .timeout(5)
    return try DatabaseQueue(path: path, configuration: configuration)
}

/// Values gathered from several threads.
final class Collected<Value: Sendable>: Sendable {
    private let storage = Mutex<[Value]>([])

    func append(_ value: Value) { storage.withLock { $0.append(value) } }
    var values: [Value] { storage.withLock { $0 } }
}
