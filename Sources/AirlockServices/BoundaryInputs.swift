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
    public func measuredReport(for directory: String, store: PolicyStore) -> BoundaryReport? {
        var isDirectory: ObjCBool = false
        guard directory.hasPrefix("/"), FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory),
            isDirectory.boolValue
        else { return nil }
        return report(for: directory, audit: Self.audit(store), store: store)
    }

    /// The five boundaries of the workspace holding `directory`, measured now.
    public func report(for directory: String, audit: AuditState, store: PolicyStore?) -> BoundaryReport {
        let probe = self.probe
        let hooked = Self.hooked(hookHealth(workspace: probe.workspace(for: directory)))
        let facts = probe.facts(
            directory: directory, hooked: hooked, audit: audit, policyTrust: Self.policyTrust(store))
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
    public static func policyTrust(_ store: PolicyStore?) -> @Sendable (String) -> String? {
        { workspace in
            guard let store else { return nil }
            let path = PolicySource.repositoryPolicyPath(workspace)
            guard let data = FileManager.default.contents(atPath: path),
                (try? store.isPolicyFileTrusted(path: path, sha256: PolicySource.sha256(data))) == true
            else { return nil }
            return "its .airlock/policy.toml is trusted as it is"
        }
    }
}
