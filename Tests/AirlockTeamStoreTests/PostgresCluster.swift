import Foundation
import Logging
import PostgresNIO
import Synchronization
import Testing

@testable import AirlockTeamStore

#if canImport(Glibc)
    import Glibc
#endif

/// A private PostgreSQL cluster for one suite: `initdb` in a temporary directory, its Unix
/// socket there and a free loopback port, started with `pg_ctl` and stopped at the end.
/// PostgreSQL refuses to run as root, so as root (CI) it runs as the `postgres` system user.
final class PostgresCluster: Sendable {
    /// `AIRLOCK_PG_BIN`, else the newest server Debian's packages installed.
    static let binaries: String = {
        if let chosen = ProcessInfo.processInfo.environment["AIRLOCK_PG_BIN"] { return chosen }
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        let newest = versions.compactMap(Int.init).sorted().last { FileManager.default.isExecutableFile(atPath: "\(root)/\($0)/bin/initdb") }
        return newest.map { "\(root)/\($0)/bin" } ?? "\(root)/15/bin"
    }()
    static let owner = "airlock_owner"

    let directory: String
    let port: Int
    private let counter = Mutex(0)

    var socketDirectory: String { directory }
    var dataDirectory: String { directory + "/data" }

    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: binaries + "/initdb") }

    init() throws {
        let template = FileManager.default.temporaryDirectory.path + "/airlock-pg-XXXXXX"
        var bytes = Array(template.utf8CString)
        guard let made = mkdtemp(&bytes) else { throw ClusterError("mkdtemp failed") }
        directory = String(cString: made)
        port = try Self.freePort()
        if getuid() == 0 {
            chmod(directory, 0o755)
            try Self.run("/bin/chown", ["postgres:postgres", directory])
        }
        try asServer(
            Self.binaries + "/initdb",
            ["-D", dataDirectory, "-U", Self.owner, "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"])
        // A password-checked TCP entry for the broker role tests, after the trusted socket.
        let hba = dataDirectory + "/pg_hba.conf"
        let rules = "local all all trust\nhost all airlock_owner 127.0.0.1/32 trust\nhost all all 127.0.0.1/32 scram-sha-256\n"
        try asServer("/bin/sh", ["-c", "printf '\(rules)' > \(hba)"])
        try startNow()
        try psqlNow("CREATE DATABASE airlock_template")
    }

    /// Starts the server (`pg_ctl` waits until it accepts connections), off Swift
    /// concurrency's few threads: a blocked one there stalls every suite's brokers.
    func start() async throws { try await Self.offThePool { try self.startNow() } }

    /// Stops the server (fast shutdown: connections are cut).
    func stop() async throws { try await Self.offThePool { try self.stopNow() } }

    private func startNow() throws {
        try asServer(
            Self.binaries + "/pg_ctl",
            [
                "-D", dataDirectory, "-l", directory + "/server.log", "-w", "-t", "60", "-o",
                "-k \(directory) -p \(port) -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off",
                "start",
            ])
    }

    private func stopNow() throws {
        try asServer(Self.binaries + "/pg_ctl", ["-D", dataDirectory, "-m", "fast", "-w", "stop"])
    }

    /// Stops the server and removes its directory.
    func destroy() {
        try? stopNow()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A new empty database, for one test.
    func makeDatabase() async throws -> String {
        let number = counter.withLock { value in
            value += 1
            return value
        }
        let name = "t\(getpid())_\(number)"
        try await psql("CREATE DATABASE \(name)")
        return name
    }

    /// The owner's URL over the Unix socket.
    func ownerURL(_ database: String) -> String {
        "postgres://\(Self.owner)@localhost/\(database)?host=\(directory)&port=\(port)&sslmode=disable"
    }

    func location(_ database: String) throws -> TeamStoreLocation {
        try TeamStoreLocation.parse(ownerURL(database), environment: [:])
    }

    /// Runs SQL as the owner with psql.
    @discardableResult
    func psql(_ sql: String, database: String = "postgres", user: String = owner) async throws -> String {
        try await Self.offThePool { try self.psqlNow(sql, database: database, user: user) }
    }

    @discardableResult
    private func psqlNow(_ sql: String, database: String = "postgres", user: String = owner) throws -> String {
        try Self.run(
            Self.binaries + "/psql",
            ["-h", directory, "-p", String(port), "-U", user, "-d", database, "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql])
    }

    private func asServer(_ program: String, _ arguments: [String]) throws {
        if getuid() == 0 {
            try Self.run("/usr/sbin/runuser", ["-u", "postgres", "--", program] + arguments)
        } else {
            try Self.run(program, arguments)
        }
    }

    /// Runs a program to its end with posix_spawn and waitpid (Foundation's `Process` did not
    /// reap `runuser` here); output goes to a file, not a pipe, since the server pg_ctl starts
    /// inherits it and never closes it.
    @discardableResult
    static func run(_ program: String, _ arguments: [String]) throws -> String {
        let path = FileManager.default.temporaryDirectory.path + "/airlock-pg-out-\(UUID().uuidString)"
        defer { unlink(path) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, program, &actions, nil, argv, environ)
        guard spawned == 0 else { throw ClusterError("cannot run \(program): errno \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
        guard status == 0 else {
            throw ClusterError("\(program) \(arguments.joined(separator: " ")) failed (\(status)): \(text)")
        }
        return text
    }

    /// Runs blocking work (a child process waited for) on a thread of its own.
    static func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
        }
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ClusterError("socket failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw ClusterError("bind failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

struct ClusterError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Gives a suite one cluster, started before its first test and stopped after its last.
struct WithPostgres: SuiteTrait, TestScoping {
    @TaskLocal static var cluster: PostgresCluster?

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        if Self.cluster != nil { return try await function() }
        guard PostgresCluster.isAvailable else {
            throw ClusterError(
                "no PostgreSQL server in \(PostgresCluster.binaries): install the `postgresql` package (.ci/run does) or set AIRLOCK_PG_BIN"
            )
        }
        let cluster = try await PostgresCluster.offThePool { try PostgresCluster() }
        do {
            try await Self.$cluster.withValue(cluster) { try await function() }
        } catch {
            _ = try? await PostgresCluster.offThePool { cluster.destroy() }
            throw error
        }
        _ = try? await PostgresCluster.offThePool { cluster.destroy() }
    }
}

extension Trait where Self == WithPostgres {
    static var postgres: WithPostgres { WithPostgres() }
}

/// The suite's cluster (inside a suite marked `.postgres`).
func cluster() throws -> PostgresCluster {
    guard let cluster = WithPostgres.cluster else { throw ClusterError("no cluster: mark the suite .postgres") }
    return cluster
}
