import AirlockCore
import Foundation

/// Where Airlock keeps its socket, state and configuration; every path can be redirected by
/// the environment (AIRLOCK_SOCKET, AIRLOCK_STATE_DIR, AIRLOCK_CONFIG_DIR) for users and tests.
struct AirlockPaths {
    var socket: String
    var stateDirectory: String
    var configDirectory: String

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let uid = getuid()
        if let socket = environment["AIRLOCK_SOCKET"], !socket.isEmpty {
            self.socket = socket
        } else if let runtime = environment["XDG_RUNTIME_DIR"], !runtime.isEmpty {
            self.socket = runtime + "/airlock/airlock.sock"
        } else {
            self.socket = NSTemporaryDirectory() + "airlock-\(uid)/airlock.sock"
        }
        let stateHome = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.local/state"
        stateDirectory = environment["AIRLOCK_STATE_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? stateHome + "/airlock"
        let configHome = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.config"
        configDirectory = environment["AIRLOCK_CONFIG_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? configHome + "/airlock"
    }

    /// Facts the pure classifier needs: the home directory and Airlock's own paths.
    func hostFacts(environment: [String: String] = ProcessInfo.processInfo.environment) -> HostFacts {
        let socketDirectory = (socket as NSString).deletingLastPathComponent
        return HostFacts(
            home: environment["HOME"], airlockPaths: [stateDirectory, configDirectory, socketDirectory, socket])
    }
}
