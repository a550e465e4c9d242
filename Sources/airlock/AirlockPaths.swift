import AirlockCore
import AirlockHookRuntime
import Foundation

/// Where Airlock keeps its socket, state and configuration; every path can be redirected by
/// the environment (AIRLOCK_SOCKET, AIRLOCK_STATE_DIR, AIRLOCK_CONFIG_DIR) for users and tests.
/// The rules are `AirlockLocations`, which the hook shares.
struct AirlockPaths {
    private let locations: AirlockLocations

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        locations = AirlockLocations(environment: environment)
    }

    var socket: String { locations.socket }
    var stateDirectory: String { locations.stateDirectory }
    var configDirectory: String { locations.configDirectory }
    /// The separated deployment's places (`/run/airlock`, `/var/lib/airlock`, `/etc/airlock`).
    var agentSocket: String { locations.agentSocket }
    var reviewSocket: String { locations.reviewSocket }
    var systemRunDirectory: String { locations.systemRunDirectory }
    var systemStateDirectory: String { locations.systemStateDirectory }
    var systemConfigDirectory: String { locations.systemConfigDirectory }

    /// Facts the pure classifier needs: the home directory and Airlock's own paths.
    func hostFacts(environment: [String: String] = ProcessInfo.processInfo.environment) -> HostFacts {
        locations.hostFacts(environment: environment)
    }
}
