import AirlockCore
import Foundation
import Synchronization

/// Reads the policy files for a broker: the user's `policy.toml` again when it changes, and a
/// repository's `.airlock/policy.toml` (with its trust) whenever asked — the broker asks at most
/// once a second per repository. Every call touches the disk (a `stat`, a read, a trust
/// lookup): call it off the broker's event loop.
public final class PolicyWatcher: Sendable {
    private let configDirectory: String
    private let isTrusted: @Sendable (_ path: String, _ sha256: String) -> Bool
    private let source = PolicySource()
    /// The user file's modification time at the last look; nil before the first.
    private let userStamp = Mutex<Date??>(nil)

    /// `isTrusted` answers whether the user trusted this content (SHA-256) of the file at a path.
    public init(configDirectory: String, isTrusted: @escaping @Sendable (_ path: String, _ sha256: String) -> Bool) {
        self.configDirectory = configDirectory
        self.isTrusted = isTrusted
    }

    /// Trust as the store records it; with `sealer`, only rows the broker sealed.
    public convenience init(configDirectory: String, store: PolicyStore, sealer: ExceptionSealer? = nil) {
        self.init(configDirectory: configDirectory) { path, sha256 in
            (try? store.isPolicyFileTrusted(path: path, sha256: sha256, sealer: sealer)) ?? false
        }
    }

    private var userPath: String { configDirectory + "/policy.toml" }

    /// The user's policy now.
    public func userPolicy() -> PolicySource.Snapshot {
        let stamp = Self.modified(userPath)
        userStamp.withLock { $0 = .some(stamp) }
        return source.loadUser(configDirectory: configDirectory)
    }

    /// The user's policy when its file changed since the last look, else nil.
    public func userPolicyIfChanged() -> PolicySource.Snapshot? {
        let stamp = Self.modified(userPath)
        let changed = userStamp.withLock { seen -> Bool in
            defer { seen = .some(stamp) }
            return seen.map { $0 != stamp } ?? true
        }
        return changed ? source.loadUser(configDirectory: configDirectory) : nil
    }

    /// A repository's rules as its file and its trust stand now, and the problems met reading them.
    public func repositoryPolicy(_ repository: String) -> PolicySource.Snapshot {
        source.loadRepository(repository, isTrusted: isTrusted)
    }

    static func modified(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }
}
