import AirlockCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where Airlock keeps its socket, state and configuration; every path can be redirected by
/// the environment (AIRLOCK_SOCKET, AIRLOCK_STATE_DIR, AIRLOCK_CONFIG_DIR) for users and tests.
/// One definition for the CLI and the hook, without Foundation.
public struct AirlockLocations: Sendable, Equatable {
    public var socket: String
    public var stateDirectory: String
    public var configDirectory: String
    /// The separated deployment (`sudo airlock setup --system`): the broker runs as Airlock's
    /// system user with its sockets in `systemRunDirectory` (`/run/airlock`), its store in
    /// `systemStateDirectory` (`/var/lib/airlock`) and its policy in `systemConfigDirectory`
    /// (`/etc/airlock`); `AIRLOCK_SYSTEM_RUN_DIR`, `…_STATE_DIR`, `…_CONFIG_DIR` move them (tests).
    public var systemRunDirectory: String
    public var systemStateDirectory: String
    public var systemConfigDirectory: String

    /// Where agents submit in the separated deployment.
    public var agentSocket: String { systemRunDirectory + "/agent.sock" }
    /// Where authenticated reviewers decide in the separated deployment.
    public var reviewSocket: String { systemRunDirectory + "/review.sock" }

    public init(environment: [String: String], uid: UInt32 = getuid()) {
        let home = environment["HOME"] ?? Self.passwordHome(uid: uid)
        if let socket = environment["AIRLOCK_SOCKET"], !socket.isEmpty {
            self.socket = socket
        } else if let runtime = environment["XDG_RUNTIME_DIR"], !runtime.isEmpty {
            self.socket = runtime + "/airlock/airlock.sock"
        } else {
            self.socket = Self.temporaryDirectory(environment) + "airlock-\(uid)/airlock.sock"
        }
        let stateHome = Self.nonEmpty(environment["XDG_STATE_HOME"]) ?? home + "/.local/state"
        stateDirectory = Self.nonEmpty(environment["AIRLOCK_STATE_DIR"]) ?? stateHome + "/airlock"
        let configHome = Self.nonEmpty(environment["XDG_CONFIG_HOME"]) ?? home + "/.config"
        configDirectory = Self.nonEmpty(environment["AIRLOCK_CONFIG_DIR"]) ?? configHome + "/airlock"
        systemRunDirectory = Self.nonEmpty(environment["AIRLOCK_SYSTEM_RUN_DIR"]) ?? "/run/airlock"
        systemStateDirectory = Self.nonEmpty(environment["AIRLOCK_SYSTEM_STATE_DIR"]) ?? "/var/lib/airlock"
        systemConfigDirectory = Self.nonEmpty(environment["AIRLOCK_SYSTEM_CONFIG_DIR"]) ?? "/etc/airlock"
    }

    /// Facts the pure classifier needs: the home directory and Airlock's own paths — its state,
    /// configuration and socket, and where the separated mode and service managers keep it
    /// (units, the system store and sockets, the sudoers drop-in).
    public func hostFacts(environment: [String: String]) -> HostFacts {
        let configHome = Self.nonEmpty(environment["XDG_CONFIG_HOME"]) ?? (environment["HOME"] ?? "/") + "/.config"
        return HostFacts(
            home: environment["HOME"],
            airlockPaths: [
                stateDirectory, configDirectory, Self.directory(of: socket), socket, systemRunDirectory,
                systemStateDirectory, systemConfigDirectory,
            ] + Self.installedPaths + [configHome + "/systemd/user/airlock.service", configHome + "/systemd/user/airlock.socket"])
    }

    /// Machine-wide places Airlock is installed and runs from.
    static let installedPaths = [
        "/etc/systemd/system/airlock.service", "/etc/systemd/system/airlock.socket", "/lib/systemd/system/airlock.service",
        "/var/lib/airlock", "/run/airlock", "/etc/airlock", "/etc/sudoers.d/airlock",
    ]

    /// `TMPDIR` with a trailing slash, else `/tmp/` (what Foundation's NSTemporaryDirectory gives).
    static func temporaryDirectory(_ environment: [String: String]) -> String {
        guard let directory = nonEmpty(environment["TMPDIR"]) else { return "/tmp/" }
        return directory.hasSuffix("/") ? directory : directory + "/"
    }

    /// The path without its last component, as NSString's deletingLastPathComponent gives it.
    static func directory(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        if slash == trimmed.startIndex { return "/" }
        var parent = trimmed[..<slash]
        while parent.count > 1, parent.hasSuffix("/") { parent.removeLast() }
        return String(parent)
    }

    private static func passwordHome(uid: UInt32) -> String {
        guard let entry = getpwuid(uid), let directory = entry.pointee.pw_dir else { return "/" }
        return String(cString: directory)
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}

/// The process environment as a dictionary, read with `environ` (no Foundation).
public enum ProcessEnvironment {
    public static var current: [String: String] {
        var result: [String: String] = [:]
        var cursor = environ
        while let entry = cursor.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                let key = String(text[..<equals])
                if result[key] == nil { result[key] = String(text[text.index(after: equals)...]) }
            }
            cursor += 1
        }
        return result
    }
}
