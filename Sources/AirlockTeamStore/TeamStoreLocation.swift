import Foundation

/// Where a team's PostgreSQL store is and how to reach it, from a `postgres://` URL (libpq's
/// form): `postgres://user[:password]@host[:port]/database?sslmode=require`, or a Unix socket
/// directory with `?host=/run/postgresql`.
///
/// The password comes from the URL only in the environment (`AIRLOCK_STORE_URL`): never on a
/// command line, which `ps` shows, nor in `config.toml`, which gets copied, shared and shown.
/// Otherwise it comes from a passfile in libpq's format (`passfile=` in the URL, `$PGPASSFILE`,
/// `~/.pgpass`). `description` never shows it.
public struct TeamStoreLocation: Sendable, Equatable, CustomStringConvertible {
    public enum Endpoint: Sendable, Equatable {
        case tcp(host: String, port: Int)
        /// The socket file itself (`<directory>/.s.PGSQL.<port>`).
        case unixSocket(path: String, port: Int)
    }

    /// libpq's `sslmode`.
    public enum TLSMode: String, Sendable, Equatable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var endpoint: Endpoint
    public var user: String
    public var password: String?
    public var database: String
    public var tls: TLSMode
    /// `sslrootcert`: the CA bundle certificates are checked against (verify-ca, verify-full).
    public var rootCertificate: String?

    /// "postgres alice@db.example:5432/airlock (sslmode=require)": for logs and `status`.
    public var description: String {
        let place: String
        switch endpoint {
        case .tcp(let host, let port): place = "\(host):\(port)"
        case .unixSocket(let path, _): place = path
        }
        return "postgres \(user)@\(place)/\(database) (sslmode=\(tls.rawValue))"
    }

    /// Where a URL was given: it decides whether the URL may carry a password.
    public enum Source: Sendable, Equatable {
        case commandLine
        case environment
        /// `store = "…"` in this config file.
        case configFile(String)
    }

    /// Whether `text` names a team store rather than a SQLite file.
    public static func isTeamStore(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Reads a URL. A password in it is refused unless the URL came from the environment:
    /// on a command line every `ps` shows it, and a config file is copied and shown.
    public static func parse(
        _ text: String, from source: Source = .environment,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(TeamStoreError) -> TeamStoreLocation {
        guard isTeamStore(text), let components = URLComponents(string: text) else {
            throw .badURL("expected postgres://user@host[:port]/database, got something else")
        }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] {
            guard let value = item.value else { throw .badURL("the URL's \(item.name) has no value") }
            query[item.name] = value
        }
        let known: Set<String> = ["sslmode", "host", "port", "passfile", "sslrootcert", "user", "dbname"]
        if let unknown = query.keys.sorted().first(where: { !known.contains($0) }) {
            throw .badURL("the URL's \(unknown) is not understood (known: \(known.sorted().joined(separator: ", ")))")
        }
        if components.password != nil {
            switch source {
            case .environment:
                break
            case .commandLine:
                throw .badURL(
                    "a password on the command line is visible to every user through ps; put the password in a "
                        + "passfile (the URL's passfile=, or PGPASSFILE) or the URL in AIRLOCK_STORE_URL")
            case .configFile(let path):
                throw .badURL(
                    "\(path) holds the store URL with a password, and config files get copied and shown; take the "
                        + "password out of the URL and put it in a passfile (the URL's passfile=, or PGPASSFILE, "
                        + "libpq's format, mode 0600)")
            }
        }
        guard let user = query["user"] ?? components.user.flatMap({ $0.removingPercentEncoding }), !user.isEmpty else {
            throw .badURL("the URL names no user (postgres://user@host/database)")
        }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let database = query["dbname"] ?? path.removingPercentEncoding ?? path
        guard !database.isEmpty else { throw .badURL("the URL names no database (postgres://user@host/database)") }
        var port = components.port ?? 5432
        if let text = query["port"] {
            guard let value = Int(text), (1...65535).contains(value) else { throw .badURL("the port \(text) is not a port") }
            port = value
        }
        let tlsName = query["sslmode"] ?? "prefer"
        guard let tls = TLSMode(rawValue: tlsName) else {
            throw .badURL(
                "sslmode \(tlsName) is not one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let endpoint: Endpoint
        if let directory = query["host"], directory.hasPrefix("/") {
            endpoint = .unixSocket(path: "\(directory)/.s.PGSQL.\(port)", port: port)
        } else {
            let host = query["host"] ?? components.host ?? ""
            guard !host.isEmpty else { throw .badURL("the URL names no host") }
            endpoint = .tcp(host: host, port: port)
        }
        if case .unixSocket = endpoint, tls == .require || tls == .verifyCA || tls == .verifyFull {
            throw .badURL("sslmode \(tls.rawValue) asks for TLS, which a Unix socket does not carry")
        }
        var location = TeamStoreLocation(
            endpoint: endpoint, user: user, password: components.password?.removingPercentEncoding,
            database: database, tls: tls, rootCertificate: query["sslrootcert"])
        if location.password == nil {
            location.password = try PassFile.password(
                for: location, explicit: query["passfile"], environment: environment)
        }
        return location
    }
}
