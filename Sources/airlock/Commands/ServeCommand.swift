import AirlockBroker
import AirlockCore
import AirlockStore
import ArgumentParser
import Foundation
import Logging

/// `airlock serve`: the broker, in the foreground.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the broker in the foreground: the gate every agent action passes through.",
        discussion: """
            Listens on $AIRLOCK_SOCKET (default $XDG_RUNTIME_DIR/airlock/airlock.sock), keeps its store in
            $AIRLOCK_STATE_DIR (default $XDG_STATE_HOME/airlock) and reads policy.toml from
            $AIRLOCK_CONFIG_DIR (default $XDG_CONFIG_HOME/airlock). Policy files are re-read when they
            change; a broken file is reported and the last good policy stays in force. Each workspace's
            five boundaries are measured in the background; the stricter of the chosen mode and the one
            they recommend applies (--ignore-boundaries, or AIRLOCK_IGNORE_BOUNDARIES=1 for a broker \
            the console starts, turns that off).
            """
    )

    @Option(help: "The mode: read-only, workspace-edit or auto-loop (default: policy.toml's, else workspace-edit).")
    var mode: Mode?

    @Option(help: "Seconds a queued action waits for a reviewer before it is denied.")
    var reviewWindow = 600

    @Flag(
        help:
            "Queue actions that need a human even when no console is open (default: deny at once, saying how to open one)."
    )
    var waitForConsole = false

    @Flag(
        help:
            "Apply the chosen mode as is, ignoring what the workspace's five boundaries recommend (see `airlock doctor`)."
    )
    var ignoreBoundaries = false

    func run() async throws {
        let paths = AirlockPaths()
        let store: PolicyStore
        do {
            store = try PolicyStore.open(path: StorePaths.defaultDatabase(stateDirectory: paths.stateDirectory))
        } catch {
            throw CLIError("cannot open the policy store in \(paths.stateDirectory): \(error)")
        }
        let policies = PolicyWatcher(configDirectory: paths.configDirectory, store: store)
        let user = policies.userPolicy()
        for problem in user.problems { FileHandle.standardError.write(Data("airlock: \(problem)\n".utf8)) }
        // Policy never waits on a probe: reports are measured in the background, per workspace.
        let boundaries = BoundaryMonitor(inputs: BoundaryInputs(), store: store)
        var boundaryReport: @Sendable (String) -> BoundaryReport? = { boundaries.report(for: $0) }
        // The environment too: a broker the console starts in the background takes no flags.
        if ignoreBoundaries || ProcessInfo.processInfo.environment["AIRLOCK_IGNORE_BOUNDARIES"] == "1" {
            boundaryReport = { _ in nil }
        }
        let configuration = BrokerConfiguration(
            socketPath: paths.socket, reviewWindow: .seconds(reviewWindow), waitForConsole: waitForConsole,
            mode: mode ?? user.mode ?? .workspaceEdit, rules: user.rules,
            repositoryRules: { policies.repositoryRules($0) },
            boundaryReport: boundaryReport,
            hostFacts: paths.hostFacts())
        let persistence = StorePersistence(store: store)
        let server: BrokerServer
        do {
            server = try await BrokerServer.start(configuration: configuration, persistence: persistence)
        } catch let error as BrokerError {
            throw CLIError("\(error)")
        }
        print("airlock broker listening on \(paths.socket) (mode \(configuration.mode.rawValue)); Ctrl-C stops it")
        let watcher = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(2))
                if let changed = policies.userPolicyIfChanged() {
                    for problem in changed.problems {
                        FileHandle.standardError.write(Data("airlock: \(problem)\n".utf8))
                    }
                    server.updatePolicy(mode: mode ?? changed.mode ?? .workspaceEdit, rules: changed.rules)
                }
            }
        }
        let signals = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { Task { try? await server.shutdown() } }
            source.resume()
            return source
        }
        defer { signals.forEach { $0.cancel() } }
        try await server.waitUntilClosed()
        watcher.cancel()
        try await server.shutdown()
        persistence.waitUntilLogged()
    }
}

/// Reads the policy files for the broker: the user's when it changes, a repository's per action
/// (cached by modification time, so the decision path rarely touches the disk).
final class PolicyWatcher: @unchecked Sendable {
    private let configDirectory: String
    private let store: PolicyStore
    private let source = PolicySource()
    private let lock = NSLock()
    private var userStamp: Date?
    private var repositories: [String: (stamp: Date?, checked: Date, rules: [PolicyRule])] = [:]

    init(configDirectory: String, store: PolicyStore) {
        self.configDirectory = configDirectory
        self.store = store
    }

    func userPolicy() -> PolicySource.Snapshot {
        lock.withLock { userStamp = Self.modified(configDirectory + "/policy.toml") }
        return source.loadUser(configDirectory: configDirectory)
    }

    /// The user's policy when its file changed since the last look, else nil.
    func userPolicyIfChanged() -> PolicySource.Snapshot? {
        let stamp = Self.modified(configDirectory + "/policy.toml")
        let changed = lock.withLock { () -> Bool in
            defer { userStamp = stamp }
            return stamp != userStamp
        }
        return changed ? source.loadUser(configDirectory: configDirectory) : nil
    }

    func repositoryRules(_ repository: String) -> [PolicyRule] {
        let path = PolicySource.repositoryPolicyPath(repository)
        let now = Date()
        if let cached = lock.withLock({ repositories[repository] }), now.timeIntervalSince(cached.checked) < 1 {
            return cached.rules
        }
        let stamp = Self.modified(path)
        if let cached = lock.withLock({ repositories[repository] }), cached.stamp == stamp {
            lock.withLock { repositories[repository]?.checked = now }
            return cached.rules
        }
        let snapshot = source.loadRepository(repository) { path, sha in
            (try? store.isPolicyFileTrusted(path: path, sha256: sha)) ?? false
        }
        for problem in snapshot.problems { FileHandle.standardError.write(Data("airlock: \(problem)\n".utf8)) }
        lock.withLock { repositories[repository] = (stamp, now, snapshot.rules) }
        return snapshot.rules
    }

    static func modified(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }
}
