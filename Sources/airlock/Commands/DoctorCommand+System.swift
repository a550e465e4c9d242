import AirlockHarness
import AirlockHookRuntime
import AirlockInstall
import AirlockServices
import ArgumentParser
import Foundation

/// `airlock doctor --system`: the separated deployment's checks, one line each.
extension DoctorCommand {
    func runSystem() throws {
        let environment = ProcessInfo.processInfo.environment
        let facts = Self.systemFacts(environment: environment)
        let checks = SystemDeploymentCheck.checks(facts)
        let held = checks.allSatisfy(\.isMet)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            struct Output: Encodable {
                var deployment = "separated"
                var holds: Bool
                var checks: [DeploymentReport.Check]
            }
            print(String(decoding: try encoder.encode(Output(holds: held, checks: checks)), as: UTF8.self))
        } else {
            let failed = checks.filter { !$0.isMet }.count
            print(
                held
                    ? "deploy   separated: every check holds"
                    : "deploy   separated: \(failed) of \(checks.count) checks fail — the gate may not hold")
            for check in checks {
                let mark = check.isMet ? "ok  " : "FAIL"
                let fix = check.isMet ? "" : check.fix.map { "  → \($0)" } ?? ""
                print("  \(mark) \(check.name.padding(toLength: 17, withPad: " ", startingAt: 0)) \(check.detail)\(fix)")
            }
        }
        if !held { throw ExitCode(1) }
    }

    /// What the separated deployment's paths, broker, hooks and sudoers look like from here.
    static func systemFacts(environment: [String: String]) -> SystemDeploymentCheck.Facts {
        let paths = AirlockPaths(environment: environment)
        let check = PeerCheck(environment: environment)
        let inputs = BoundaryInputs(environment: environment)
        let hooks = Harness.allCases.compactMap { harness -> HookHealth? in
            guard
                let path = try? SettingsLocation.path(
                    for: harness, scope: .user, environment: environment, home: inputs.home)
            else { return nil }
            let text = try? String(contentsOfFile: path, encoding: .utf8)
            let health = HookInstaller(harness: harness).health(of: text, path: path, scope: .user)
            return health.isInstalled ? health : nil
        }
        var brokerUID: UInt32?
        let client = SocketClient(path: paths.agentSocket)
        if (try? client.status(timeout: 1)) != nil, let fd = try? client.connect() {
            brokerUID = PeerCheck.peerUID(fd)
            close(fd)
        }
        let policy = paths.systemConfigDirectory + "/policy.toml"
        let sudoers = "/etc/sudoers.d/airlock"
        let caller = getuid()
        let callerName = getpwuid(caller).flatMap { $0.pointee.pw_name.map { String(cString: $0) } } ?? "uid \(caller)"
        return SystemDeploymentCheck.Facts(
            systemUser: check.systemUserName, systemUID: check.systemUID(), callerUID: caller, callerName: callerName,
            runDirectory: paths.systemRunDirectory, run: pathFacts(paths.systemRunDirectory),
            agentSocket: paths.agentSocket, agent: pathFacts(paths.agentSocket), reviewSocket: paths.reviewSocket,
            review: pathFacts(paths.reviewSocket), stateDirectory: paths.systemStateDirectory,
            state: pathFacts(paths.systemStateDirectory),
            stateWritableByCaller: access(paths.systemStateDirectory, W_OK) == 0,
            configDirectory: paths.systemConfigDirectory, config: pathFacts(paths.systemConfigDirectory),
            policyPath: policy, policy: pathFacts(policy), brokerUID: brokerUID, hooks: hooks, sudoersPath: sudoers,
            sudoers: pathFacts(sudoers), sudoersText: try? String(contentsOfFile: sudoers, encoding: .utf8))
    }

    /// `lstat` of `path`: a link is reported as a link, never followed.
    static func pathFacts(_ path: String) -> SystemDeploymentCheck.PathFacts? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        let kind: SystemDeploymentCheck.PathFacts.Kind
        switch info.st_mode & S_IFMT {
        case S_IFDIR: kind = .directory
        case S_IFSOCK: kind = .socket
        case S_IFREG: kind = .file
        case S_IFLNK: kind = .link
        default: kind = .other
        }
        return SystemDeploymentCheck.PathFacts(
            kind: kind, uid: info.st_uid, gid: info.st_gid, mode: UInt32(info.st_mode) & 0o7777)
    }
}
