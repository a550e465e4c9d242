import AirlockCore
import AirlockHarness
import AirlockHookRuntime
import AirlockInstall
import AirlockProbe
import AirlockStore
import Foundation

/// The I/O that feeds the five boundaries from the CLI's side: Airlock's hook in each harness's
/// settings, the store's log, and trusted repository policy files. Shared by `airlock doctor`
/// and the broker (`airlock serve`).
public struct BoundaryInputs: Sendable {
    public let locations: AirlockLocations
    public let environment: [String: String]
    public let home: String

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
        locations = AirlockLocations(environment: environment)
        home = environment["HOME"] ?? NSHomeDirectory()
    }

    /// The inputs as they stand for the account `uid` — the separated deployment's agent, whose
    /// home, harness settings, credentials and MCP inventories are its own, never the broker's
    /// (the system user's, which has none). Only `PATH` is kept from `base`; the account's
    /// environment variables (`CLAUDE_CONFIG_DIR`, …) are not known to the broker, so their
    /// defaults under its home are read. The trusted list stays Airlock's own, in
    /// `trustedListDirectory`, and so do MCP inventories: those in the agent's own state
    /// directory are files the agent can write, so its servers count as not inventoried (never
    /// clear on the agent's word). A uid the password database does not know gets a home that
    /// does not exist: nothing of its settings is known, so nothing is clear because of them,
    /// and the workspace is still measured.
    public static func forAccount(_ uid: UInt32, base: [String: String], trustedListDirectory: String)
        -> BoundaryInputs
    {
        var home = "/nonexistent"
        var user = "uid\(uid)"
        if let account = getpwuid(uid), let directory = account.pointee.pw_dir, let name = account.pointee.pw_name {
            home = String(cString: directory)
            user = String(cString: name)
        }
        var environment = [
            "HOME": home, "USER": user, "LOGNAME": user, "AIRLOCK_CONFIG_DIR": trustedListDirectory,
            "AIRLOCK_STATE_DIR": trustedListDirectory,
        ]
        environment["PATH"] = base["PATH"]
        return BoundaryInputs(environment: environment)
    }

    public var probe: WorkspaceProbe {
        WorkspaceProbe(
            home: home, environment: environment, stateDirectory: locations.stateDirectory,
            configDirectory: locations.configDirectory)
    }

    /// Airlock's hook in every harness's user and project settings.
    public func hookHealth(workspace: String) -> [HookHealth] {
        var result: [HookHealth] = []
        for harness in Harness.allCases {
            let installer = HookInstaller(harness: harness)
            for scope in [SettingsScope.user, .project(workspace)] {
                guard
                    let path = try? SettingsLocation.path(
                        for: harness, scope: scope, environment: environment, home: home)
                else { continue }
                let text = try? String(contentsOfFile: path, encoding: .utf8)
                result.append(installer.health(of: text, path: path, scope: scope))
            }
        }
        return result
    }

    /// The five boundaries of the workspace holding `directory`, measured now for the broker;
    /// nil for a directory that does not exist here (a hook may report another machine's path).
    /// `isTrusted` answers for trusted policy files where the broker keeps them (a team's
    /// store); by default, `store`.
    public func measuredReport(
        for directory: String, store: PolicyStore,
        isTrusted: (@Sendable (_ path: String, _ sha256: String) -> Bool)? = nil
    ) -> BoundaryReport? {
        var isDirectory: ObjCBool = false
        guard directory.hasPrefix("/"), FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory),
            isDirectory.boolValue
        else { return nil }
        let trust = isTrusted.map(Self.policyTrust(isTrusted:)) ?? Self.policyTrust(store)
        return report(for: directory, audit: Self.audit(store), policyTrust: trust)
    }

    /// The five boundaries of the workspace holding `directory`, measured now.
    public func report(for directory: String, audit: AuditState, store: PolicyStore?) -> BoundaryReport {
        report(for: directory, audit: audit, policyTrust: Self.policyTrust(store))
    }

    /// The five boundaries of the workspace holding `directory`, measured now, with trust in
    /// policy files as `policyTrust` answers it.
    public func report(
        for directory: String, audit: AuditState, policyTrust: @escaping @Sendable (String) -> String?
    ) -> BoundaryReport {
        let probe = self.probe
        let hooked = Self.hooked(hookHealth(workspace: probe.workspace(for: directory)))
        let facts = probe.facts(directory: directory, hooked: hooked, audit: audit, policyTrust: policyTrust)
        return BoundaryEvaluator.report(facts)
    }

    public static func hooked(_ health: [HookHealth]) -> Set<String> {
        Set(health.filter { $0.isInstalled && $0.isTimeoutLongEnough }.map(\.harness))
    }

    /// The store's state, opening it only when it exists (a check creates nothing).
    public func audit() -> (AuditState, PolicyStore?) {
        let path = StorePaths.defaultDatabase(stateDirectory: locations.stateDirectory)
        guard FileManager.default.fileExists(atPath: path) else { return (.missing, nil) }
        do {
            let store = try PolicyStore.open(path: path)
            return (Self.audit(store), store)
        } catch {
            return (.broken("the store does not open: \(error)"), nil)
        }
    }

    public static func audit(_ store: PolicyStore) -> AuditState {
        do {
            let verification = try store.verifyLog()
            if case .intact(let count) = verification { return .verified(records: count) }
            return .broken(verification.description)
        } catch {
            return .broken("the log cannot be read: \(error)")
        }
    }

    /// Why a workspace is trusted by its policy file: `.airlock/policy.toml` trusted as it is now.
    /// With `sealer`, only trust the broker sealed counts.
    public static func policyTrust(_ store: PolicyStore?, sealer: ExceptionSealer? = nil) -> @Sendable (String) -> String? {
        guard let store else { return { _ in nil } }
        return policyTrust { path, sha256 in
            (try? store.isPolicyFileTrusted(path: path, sha256: sha256, sealer: sealer)) == true
        }
    }

    /// The same, with trust as `isTrusted` answers it (a team's store).
    public static func policyTrust(
        isTrusted: @escaping @Sendable (_ path: String, _ sha256: String) -> Bool
    ) -> @Sendable (String) -> String? {
        { workspace in
            let path = PolicySource.repositoryPolicyPath(workspace)
            guard let data = FileManager.default.contents(atPath: path), isTrusted(path, PolicySource.sha256(data))
            else { return nil }
            return "its .airlock/policy.toml is trusted as it is"
        }
    }
}
