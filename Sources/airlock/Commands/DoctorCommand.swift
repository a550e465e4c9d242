import AirlockCore
import AirlockHookRuntime
import AirlockProbe
import AirlockServices
import AirlockStore
import AirlockTeamStore
import ArgumentParser
import Foundation

/// `airlock doctor [--json] [DIR]`: the 15-minute checklist for one workspace, in one screen.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check a workspace's five boundaries, Airlock's hooks, MCP servers, broker and store.",
        discussion: """
            Measures the five boundaries (repository trust, files and secrets, command execution, MCP \
            tool scope, logging and rollback) with reasons and fixes, the mode they recommend, Airlock's \
            hook in each harness, every configured MCP server with its classed tools (as recorded by \
            airlock mcp), whether the broker and the store are healthy, and which deployment is in force \
            (same user, same user + Claude Code's sandbox, separated) with every setting the sandboxed \
            one depends on. Reads only; changes nothing. \
            Exit status 1 when a boundary is open, else 0. --json is described in docs/doctor.md. \
            With --system: checks the separated deployment instead (sudo airlock setup --system), one \
            line per check; exit status 1 when any fails.
            """
    )

    @Flag(help: "Print the report as JSON (docs/doctor.md).")
    var json = false

    @Argument(help: "The workspace to check (default: the current directory).")
    var directory: String?

    @Flag(
        help:
            "Check the separated deployment instead: socket and directory owners and modes, the broker's user, the hooks, sudoers."
    )
    var system = false

    func run() async throws {
        if system { return try runSystem() }
        let cwd = FileManager.default.currentDirectoryPath
        let given = directory ?? cwd
        let target = URL(fileURLWithPath: given.hasPrefix("/") ? given : cwd + "/" + given).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory), isDirectory.boolValue
        else { throw CLIError("\(target.path) is not a directory") }

        let inputs = BoundaryInputs()
        let probe = inputs.probe
        let workspace = probe.workspace(for: target.path)
        let hooks = inputs.hookHealth(workspace: workspace)
        let (audit, policyTrust) = try await Self.store(inputs)
        let facts = probe.facts(
            directory: target.path, hooked: BoundaryInputs.hooked(hooks), audit: audit, policyTrust: policyTrust)
        let report = BoundaryEvaluator.report(facts)

        let (broker, brokerUID) = Self.broker(AirlockPaths(environment: inputs.environment))
        let chosen =
            broker.mode.flatMap(Mode.init(rawValue:))
            ?? PolicySource().loadUser(configDirectory: inputs.locations.configDirectory).mode ?? .workspaceEdit
        let doctor = DoctorReport(
            facts: facts, report: report, chosenMode: chosen,
            hooks: hooks.filter { $0.isInstalled || FileManager.default.fileExists(atPath: $0.path) },
            broker: broker, deployment: Self.deployment(facts: facts, brokerUID: brokerUID))
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(doctor), as: UTF8.self))
        } else {
            print(doctor.text)
        }
        if doctor.status == "open" { throw ExitCode(1) }
    }

    /// The log's state and trust in policy files, from the store `airlock serve` uses here
    /// (`StoreChoice`): this machine's SQLite file, or the team's database (read, never migrated).
    static func store(_ inputs: BoundaryInputs) async throws -> (AuditState, @Sendable (String) -> String?) {
        guard let location = try StoreChoice.resolve(configDirectory: inputs.locations.configDirectory).team else {
            let (audit, store) = inputs.audit()
            return (audit, BoundaryInputs.policyTrust(store, sealer: sealer(inputs.locations.stateDirectory)))
        }
        let team: TeamStore
        do {
            team = try await TeamStore.connect(location)
        } catch {
            return (.broken("the team store \(location) cannot be read: \(error)"), { _ in nil })
        }
        var audit: AuditState
        var trusted: [String: String] = [:]
        do {
            switch try await team.verifyLog() {
            case .intact(let count): audit = .verified(records: count)
            case let broken: audit = .broken("\(broken) (team store \(location))")
            }
            trusted = try await team.trustedPolicyFiles()
        } catch {
            audit = .broken("the team store \(location) cannot be read: \(error)")
        }
        await team.close()
        return (audit, BoundaryInputs.policyTrust { [trusted] path, sha in trusted[path] == sha.lowercased() })
    }

    /// The broker's seal key, when this user can read it: only trust it sealed counts (none
    /// counts before a broker made the key).
    static func sealer(_ stateDirectory: String) -> ExceptionSealer {
        guard FileManager.default.fileExists(atPath: ExceptionSealer.keyPath(stateDirectory: stateDirectory)),
            let sealer = try? ExceptionSealer.keyFile(stateDirectory: stateDirectory)
        else { return .ephemeral() }
        return sealer
    }

    /// The broker's status and, from the kernel, the uid it runs as: the user's own socket, else
    /// the separated deployment's agent socket.
    static func broker(_ paths: AirlockPaths) -> (DoctorReport.Broker, UInt32?) {
        var firstError: String?
        for socket in [paths.socket, paths.agentSocket] {
            let client = SocketClient(path: socket)
            do {
                let status = try client.status(timeout: 1)
                let fd = try client.connect()
                defer { close(fd) }
                return (
                    DoctorReport.Broker(
                        isRunning: true, socket: socket, mode: status.mode.rawValue,
                        teamStore: status.store.map { "\($0.store): \($0.summary)" },
                        rejectedExceptions: status.rejectedExceptions),
                    PeerCheck.peerUID(fd)
                )
            } catch {
                firstError = firstError ?? "\(error)"
            }
        }
        return (DoctorReport.Broker(isRunning: false, socket: paths.socket, error: firstError), nil)
    }

    /// The deployment's facts: Claude Code's sandbox settings for this workspace, the programs
    /// its sandbox needs, who we are, and who the broker is.
    static func deployment(facts: BoundaryFacts, brokerUID: UInt32?) -> DeploymentReport {
        let environment = ProcessInfo.processInfo.environment
        let check = PeerCheck(environment: environment)
        let claude = facts.harnesses.first { $0.harness == "claude" && $0.isInstalled }
        return DeploymentReport(
            DeploymentReport.Facts(
                sandbox: claude?.sandboxDetails, bubblewrap: executable("bwrap", environment: environment),
                socat: executable("socat", environment: environment), uid: getuid(), brokerUID: brokerUID,
                systemUID: check.systemUID(), systemUserName: check.systemUserName))
    }

    /// The first executable `name` on PATH.
    static func executable(_ name: String, environment: [String: String]) -> String? {
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = directory + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
