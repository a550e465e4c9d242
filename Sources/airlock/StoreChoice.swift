import AirlockTeamStore
import Foundation

/// Which policy store a command uses: this machine's SQLite file or a team's PostgreSQL
/// database. The one place that decides, for every command that opens the store (`serve`,
/// `status`, `doctor`, `audit`, `policy …`), so they never disagree:
///
/// 1. `--store URL` (`serve`'s flag), never with a password (every `ps` shows it);
/// 2. else `AIRLOCK_STORE_URL`, which may carry one;
/// 3. else `store = "…"` in `config.toml`, never with a password (the file gets copied and shown);
/// 4. else the SQLite file in the state directory.
///
/// A config file that may name a store but cannot be read is an error, never a silent fall
/// back to SQLite: a team's broker on a store of its own would grant and log apart from the team.
enum StoreChoice: Equatable, CustomStringConvertible {
    case local
    /// `origin` says where the URL came from: `--store`, `AIRLOCK_STORE_URL` or the file's path.
    case team(TeamStoreLocation, origin: String)

    /// The store for a command reading `configDirectory`'s `config.toml`.
    static func resolve(
        flag: String? = nil, configDirectory: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> StoreChoice {
        if let flag {
            return .team(try parse(flag, .commandLine, "--store", environment), origin: "--store")
        }
        if let url = environment["AIRLOCK_STORE_URL"], !url.isEmpty {
            return .team(try parse(url, .environment, "AIRLOCK_STORE_URL", environment), origin: "AIRLOCK_STORE_URL")
        }
        let settings = ConsoleSettings.load(configDirectory: configDirectory)
        if let problem = settings.storeProblem {
            throw CLIError("\(problem) (it may name the team's store; fix it, or set AIRLOCK_STORE_URL)")
        }
        guard let url = settings.store else { return .local }
        let path = configDirectory + "/config.toml"
        return .team(try parse(url, .configFile(path), "\(path): store", environment), origin: path)
    }

    private static func parse(
        _ url: String, _ source: TeamStoreLocation.Source, _ name: String, _ environment: [String: String]
    ) throws -> TeamStoreLocation {
        do {
            return try TeamStoreLocation.parse(url, from: source, environment: environment)
        } catch {
            throw CLIError("\(name): \(error)")
        }
    }

    /// The team store's location; nil on one machine.
    var team: TeamStoreLocation? {
        if case .team(let location, _) = self { return location }
        return nil
    }

    /// "this machine's SQLite store", "postgres alice@db:5432/airlock (sslmode=…) from AIRLOCK_STORE_URL":
    /// never the password.
    var description: String {
        switch self {
        case .local: "this machine's SQLite store"
        case .team(let location, let origin): "\(location) from \(origin)"
        }
    }

    /// Connects to the team store for a command that reads or writes it, without migrating
    /// its schema (a broker does that at start, with the owner's rights).
    static func connect(_ location: TeamStoreLocation) async throws -> TeamStore {
        do {
            return try await TeamStore.connect(location)
        } catch {
            throw CLIError("cannot open the team store \(location): \(error)")
        }
    }
}
