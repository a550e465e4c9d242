import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import Synchronization

/// One connection to the team's database, made when first needed and again after it broke.
/// Every use is bounded in time: a database that does not answer is cut off (the connection
/// closed, which fails what waited on it), so a stuck server never stalls its caller for long.
final class PostgresLink: Sendable {
    let location: TeamStoreLocation
    let timeout: Duration
    private let logger: Logger
    private let connection = Mutex<PostgresConnection?>(nil)
    /// One use of the connection at a time: PostgreSQL has one transaction per session, so two
    /// callers' BEGIN…COMMIT must not interleave on it.
    private let turns = TurnTaking()
    private let nextID = Mutex(1)

    init(location: TeamStoreLocation, timeout: Duration, logger: Logger) {
        self.location = location
        self.timeout = timeout
        self.logger = logger
    }

    deinit {
        if let open = connection.withLock({ $0 }) { Self.close(open) }
    }

    /// Runs `body` on the connection, within `timeout` (connecting included). The caller is
    /// answered at the limit even if the work does not stop when asked: a structured task group
    /// would wait for it, and a query on a connection the server dropped has been seen to wait
    /// for good; the stuck work is cancelled and its connection closed, and it ends when it ends.
    func run<T: Sendable>(
        _ what: String, timeout: Duration? = nil, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        let limit = timeout ?? self.timeout
        let cut = Locked<PostgresConnection?>(nil)
        let answer = OneAnswer<T>()
        let turn = Turn(turns)
        return try await withCheckedThrowingContinuation { continuation in
            answer.waiting(continuation)
            let work = Task {
                await turn.take()
                defer { turn.end() }
                do {
                    try Task.checkCancellation()
                    let connection = try await self.connected()
                    cut.set(connection)
                    answer.give(.success(try await body(connection)))
                } catch {
                    answer.give(.failure(self.failure(error, connection: cut.value)))
                }
            }
            Task {
                try? await Task.sleep(for: limit)
                guard answer.give(.failure(TeamStoreError.timedOut(what))) else { return }
                // Closing the connection fails the query that waits on it; the next caller
                // gets its turn (on a new connection) whether or not the stuck work ends.
                if let stuck = cut.value { self.drop(stuck) }
                work.cancel()
                turn.end()
            }
        }
    }

    /// What a failed use means to the caller; a broken connection is dropped.
    private func failure(_ error: any Error, connection: PostgresConnection?) -> any Error {
        switch error {
        case let error as TeamStoreError:
            return error
        case let error as PSQLError:
            if let stuck = connection, stuck.isClosed { drop(stuck) }
            return Self.describe(error)
        default:
            if let stuck = connection { drop(stuck) }
            return TeamStoreError.unreachable("\(error)")
        }
    }

    /// Closes the connection; the next use makes a new one.
    func close() async {
        let current = connection.withLock { current in
            defer { current = nil }
            return current
        }
        try? await current?.close()
    }

    private func drop(_ stale: PostgresConnection) {
        connection.withLock { current in
            if current === stale { current = nil }
        }
        Self.close(stale)
    }

    private func connected() async throws -> PostgresConnection {
        if let current = connection.withLock({ $0 }), !current.isClosed { return current }
        let id = nextID.withLock { id in
            defer { id += 1 }
            return id
        }
        let made = try await PostgresConnection.connect(
            configuration: try Self.configuration(location, timeout: timeout), id: id, logger: logger)
        connection.withLock { current in
            if let previous = current, previous !== made { Self.close(previous) }
            current = made
        }
        return made
    }

    /// Closes without waiting; the connection is kept until it is closed (PostgresNIO checks).
    static func close(_ connection: PostgresConnection) {
        connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    /// A fresh connection of its own (the listener's), with the same settings.
    func connectAlone(id: Int) async throws -> PostgresConnection {
        try await PostgresConnection.connect(
            configuration: try Self.configuration(location, timeout: timeout), id: id, logger: logger)
    }

    static func configuration(_ location: TeamStoreLocation, timeout: Duration) throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        switch location.endpoint {
        case .unixSocket(let path, _):
            configuration = .init(
                unixSocketPath: path, username: location.user, password: location.password,
                database: location.database)
        case .tcp(let host, let port):
            configuration = .init(
                host: host, port: port, username: location.user, password: location.password,
                database: location.database, tls: try tls(location))
        }
        let (seconds, attoseconds) = timeout.components
        configuration.options.connectTimeout = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        return configuration
    }

    /// libpq's modes: `require` encrypts without checking the certificate; `verify-ca` checks
    /// it against the root; `verify-full` checks the host name too.
    static func tls(_ location: TeamStoreLocation) throws -> PostgresConnection.Configuration.TLS {
        var settings = TLSConfiguration.makeClientConfiguration()
        switch location.tls {
        case .disable:
            return .disable
        case .allow, .prefer, .require:
            settings.certificateVerification = .none
        case .verifyCA:
            settings.certificateVerification = .noHostnameVerification
        case .verifyFull:
            settings.certificateVerification = .fullVerification
        }
        if let root = location.rootCertificate { settings.trustRoots = .file(root) }
        let context = try NIOSSLContext(configuration: settings)
        return location.tls == .allow || location.tls == .prefer ? .prefer(context) : .require(context)
    }

    /// The server's message, never the query's binds (they may hold what a reviewer typed).
    static func describe(_ error: PSQLError) -> TeamStoreError {
        if let message = error.serverInfo?[.message] {
            return .query(message)
        }
        return .unreachable(String(describing: error.code))
    }
}
