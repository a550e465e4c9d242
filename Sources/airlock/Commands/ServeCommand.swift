import AirlockBroker
import AirlockCore
import AirlockHookRuntime
import AirlockProbe
import AirlockServices
import AirlockStore
import AirlockTeamStore
import AirlockWire
import ArgumentParser
import Foundation
import Logging
import Synchronization

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

            --store postgres://user@host/database (else AIRLOCK_STORE_URL, else store = "…" in config.toml) runs \
            the broker as one machine of a team: exceptions, trusted policy files, the review queue and the \
            decision log live in that PostgreSQL database (docs/team.md). A password goes in a passfile \
            (PGPASSFILE) or AIRLOCK_STORE_URL, never on the command line nor in config.toml.

            With --system (the separated deployment, run as Airlock's system user; see `airlock setup \
            --system`): listens on /run/airlock/agent.sock (agents submit) and /run/airlock/review.sock \
            (reviewers decide once authenticated), keeps its store in /var/lib/airlock and reads \
            /etc/airlock/policy.toml.
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

    @Option(
        help:
            "A team store: postgres://user@host[:port]/database (default: $AIRLOCK_STORE_URL, else config.toml's store, else this machine's SQLite)."
    )
    var store: String?

    @Flag(help: "Run the separated deployment's broker: agent.sock and review.sock, the system store and policy.")
    var system = false

    @Option(help: "With --system: only members of this group may connect to the sockets (default: every local user).")
    var socketGroup: String?

    func run() async throws {
        RedactingLogHandler.bootstrap()
        let paths = AirlockPaths()
        let socket = system ? paths.agentSocket : paths.socket
        let stateDirectory = system ? paths.systemStateDirectory : paths.stateDirectory
        let configDirectory = system ? paths.systemConfigDirectory : paths.configDirectory
        if system, getuid() == 0 {
            // Hooks installed with --system believe only Airlock's own user, never root.
            throw CLIError(
                "serve --system runs as Airlock's system user, never root: sudo runuser -u "
                    + "\(PeerCheck.defaultSystemUser) -- airlock serve --system (or let airlock.service start it)")
        }
        var group: UInt32?
        if let socketGroup {
            guard system else { throw CLIError("--socket-group is for the separated deployment (--system)") }
            guard let entry = getgrnam(socketGroup) else { throw CLIError("no group named \(socketGroup)") }
            group = entry.pointee.gr_gid
        }
        // Chosen before anything is opened: a refused URL leaves no SQLite store behind.
        let choice = try StoreChoice.resolve(flag: self.store, configDirectory: configDirectory)
        let store: PolicyStore
        let sealer: ExceptionSealer
        do {
            store = try PolicyStore.open(path: StorePaths.defaultDatabase(stateDirectory: stateDirectory))
            sealer = try ExceptionSealer.keyFile(stateDirectory: stateDirectory)
        } catch {
            throw CLIError("cannot open the policy store in \(stateDirectory): \(error)")
        }
        var team: TeamPersistence?
        if let location = choice.team {
            team = try await Self.teamStore(location, stateDirectory: stateDirectory, sealer: sealer)
        }
        let persistence: any BrokerPersistence = team ?? StorePersistence(store: store)
        // Trusted repository policy files are where the broker keeps its store: a team's are
        // trusted on any of its machines.
        // This machine's store believes only trust its broker sealed; a team's store keeps its own.
        let isTrusted: @Sendable (String, String) -> Bool
        if team == nil {
            isTrusted = { path, sha256 in (try? store.isPolicyFileTrusted(path: path, sha256: sha256, sealer: sealer)) == true }
        } else {
            isTrusted = { path, sha256 in persistence.isPolicyFileTrusted(path: path, sha256: sha256) }
        }
        let policies = PolicyWatcher(configDirectory: configDirectory, isTrusted: isTrusted)
        let user = policies.userPolicy()
        Self.report(user.problems)
        let settings = ConsoleSettings.load(configDirectory: configDirectory)
        // The environment too: a broker the console starts in the background takes no flags.
        let ignoresBoundaries =
            ignoreBoundaries || ProcessInfo.processInfo.environment["AIRLOCK_IGNORE_BOUNDARIES"] == "1"
        var configuration = BrokerConfiguration(
            socketPath: socket, reviewSocketPath: system ? paths.reviewSocket : nil,
            socketMode: system ? (group == nil ? 0o666 : 0o660) : 0o600, socketGroup: group,
            reviewWindow: .seconds(reviewWindow), waitForConsole: waitForConsole,
            mode: mode ?? user.mode ?? .workspaceEdit, rules: user.rules, appliesBoundaries: !ignoresBoundaries,
            notifyAfter: settings.notify.map { _ in .seconds(settings.notifyAfterSeconds) },
            hostFacts: paths.hostFacts(), team: team.map { TeamSettings(origin: $0.origin) })
        configuration.reviewers = user.reviewers
        // They read files (and run git): the broker calls them off its event loop.
        // The separated deployment keeps its trusted list in Airlock's state directory: the system
        // user writes it there for a reviewer, and no agent's account can read or write it (the
        // config directory is root's, which the broker cannot write). Not the system user's home.
        let environment = ProcessInfo.processInfo.environment
        let inputs = BoundaryInputs(
            environment: system
                ? environment.merging(["AIRLOCK_CONFIG_DIR": stateDirectory, "AIRLOCK_STATE_DIR": stateDirectory]) {
                    $1
                }
                : environment)
        let trust = TrustList(probe: inputs.probe, policyTrust: BoundaryInputs.policyTrust(isTrusted: isTrusted))
        let policyTrust = PolicyTrustWriter(
            keeper: team.map { Self.teamKeeper($0, isTrusted: isTrusted) } ?? .local(store, sealer: sealer))
        let notifier = settings.notify.map { NotifyCommand(command: $0) }
        configuration.gathersEdgeFacts = true
        let edge = EdgeFactReader.forThisProcess()
        // Airlock's executables are its own files: replacing one is self-modification.
        configuration.hostFacts.airlockPaths += edge.installedFiles
        let readers = BrokerReaders(
            repositoryRules: { workspace in
                let snapshot = policies.repositoryPolicy(workspace)
                Self.report(snapshot.problems)
                return snapshot.rules
            },
            boundaryReport: { workspace, account in
                // Separated: the agent's account, never the system user's own empty home.
                guard let account, system else {
                    return inputs.measuredReport(for: workspace, store: store, isTrusted: isTrusted)
                }
                let theirs = BoundaryInputs.forAccount(
                    account, base: environment, trustedListDirectory: stateDirectory)
                return theirs.measuredReport(for: workspace, store: store, isTrusted: isTrusted)
            },
            changeTrust: { workspace, trusted in
                trust.change(workspace, trusted: trusted).mapError { TrustFailure($0.description) }
            },
            changePolicyTrust: { workspace, sha256, trusted in
                policyTrust.change(workspace: workspace, sha256: sha256, trusted: trusted)
                    .mapError { TrustFailure($0.description) }
            },
            trustList: { trust.entries().mapError { TrustFailure($0.description) } },
            notify: { text in
                if let problem = notifier?.run(text: text) {
                    FileHandle.standardError.write(Data("airlock: \(problem)\n".utf8))
                }
            },
            passphraseMatches: { reviewer, passphrase in
                ReviewerPassphrases(stateDirectory: stateDirectory).matches(reviewer: reviewer, passphrase: passphrase)
            },
            edgeFacts: { edge.read($0) })
        var clock: @Sendable () -> Date = { Date() }
        if let team { clock = team.clock }
        let server: BrokerServer
        do {
            server = try await BrokerServer.start(
                configuration: configuration, persistence: persistence, readers: readers, clock: clock, sealer: sealer,
                anchorPath: LogAnchor.brokerPath(stateDirectory: stateDirectory))
        } catch let error as BrokerError {
            throw CLIError("\(error)")
        }
        if team != nil { FileHandle.standardOutput.write(Data("airlock broker: team store \(choice)\n".utf8)) }
        let boundaries = ignoresBoundaries ? "; workspace boundaries ignored" : ""
        // Written at once (print is block-buffered through a pipe: `broker.log`, tests).
        let modeName = configuration.mode.rawValue
        let where_ = system ? "\(paths.agentSocket) and \(paths.reviewSocket)" : paths.socket
        FileHandle.standardOutput.write(
            Data("airlock broker listening on \(where_) (mode \(modeName)\(boundaries)); Ctrl-C stops it\n".utf8))
        let watcher = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(2))
                if let changed = policies.userPolicyIfChanged() {
                    Self.report(changed.problems)
                    server.updatePolicy(
                        mode: mode ?? changed.mode ?? .workspaceEdit, rules: changed.rules, reviewers: changed.reviewers)
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
        await team?.stop()
    }

    /// Trust in policy files kept in the team's store: written there, sealed with the team's key,
    /// for a reviewer the broker authorised (every broker of the team reads it back and believes
    /// only sealed rows), waited for on the writer's own thread, never the event loop.
    static func teamKeeper(
        _ team: TeamPersistence, isTrusted: @escaping @Sendable (String, String) -> Bool
    ) -> PolicyTrustWriter.Keeper {
        PolicyTrustWriter.Keeper(
            isTrusted: { isTrusted($0, $1) },
            trust: { path, sha256 in try waitFor { try await team.trustPolicyFile(path: path, sha256: sha256) } },
            untrust: { path in try waitFor { try await team.untrustPolicyFile(path: path) } })
    }

    /// Runs `body` to its end from a thread that may block (the keeper's callers are off the
    /// event loop), and returns its value or throws its error.
    private static func waitFor<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let done = DispatchSemaphore(value: 0)
        let outcome = Mutex<Result<T, any Error>?>(nil)
        Task {
            let result: Result<T, any Error>
            do { result = .success(try await body()) } catch { result = .failure(error) }
            outcome.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        guard let result = outcome.withLock({ $0 }) else { throw CLIError("the team store gave no answer") }
        return try result.get()
    }

    /// The team store, opened (schema migrated) and listening. This machine acts in the team as
    /// its unix user (from the password database, not $USER) at its host name.
    static func teamStore(_ location: TeamStoreLocation, stateDirectory: String, sealer: ExceptionSealer) async throws
        -> TeamPersistence
    {
        let opened: TeamStore
        do {
            opened = try await TeamStore.open(location)
        } catch {
            throw CLIError("cannot open the team store \(location): \(error)")
        }
        let user = getpwuid(getuid()).flatMap { $0.pointee.pw_name.map { String(cString: $0) } } ?? "uid\(getuid())"
        let host = ProcessInfo.processInfo.hostName
        let origin = ActionOrigin(user: user, host: host, broker: "\(user)@\(host)/\(getpid())")
        let persistence = TeamPersistence(
            store: opened, origin: origin, journalPath: stateDirectory + "/team-journal.jsonl",
            seal: { sealer.sealed($0) }, trustSealer: sealer)
        await persistence.start()
        return persistence
    }

    /// Policy file problems go to stderr (`broker.log` for a broker the console started).
    static func report(_ problems: [PolicyFileError]) {
        for problem in problems { FileHandle.standardError.write(Data("airlock: \(problem)\n".utf8)) }
    }
}
