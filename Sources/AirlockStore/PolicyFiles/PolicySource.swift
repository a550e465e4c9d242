import AirlockCore
import Crypto
import Foundation
import Synchronization

/// Loads the user's and a repository's policy files, keeping the last good policy when a
/// file breaks: a broken file is reported with file and line, and never opens things up.
public final class PolicySource: Sendable {
    /// The rules in force and the problems met loading them.
    public struct Snapshot: Sendable {
        public var rules: [PolicyRule]
        public var mode: Mode?
        public var problems: [PolicyFileError]
        /// The user's file only: a repository's may not declare reviewers.
        public var reviewers = ReviewerPolicy()
    }

    /// The last file of each path that parsed, kept while a newer version is broken.
    private let lastGood = Mutex<[String: PolicyFile]>([:])

    public init() {}

    /// The user's `policy.toml` in `configDirectory`, plus `.airlock/policy.toml` in the repository
    /// when given; `isTrusted` says whether the repository file's SHA-256 was trusted by the user.
    public func load(configDirectory: String, repository: String?, isTrusted: (String, String) -> Bool) -> Snapshot {
        var snapshot = loadUser(configDirectory: configDirectory)
        if let repository {
            let repositorySnapshot = loadRepository(repository, isTrusted: isTrusted)
            snapshot.rules += repositorySnapshot.rules
            snapshot.problems += repositorySnapshot.problems
        }
        return snapshot
    }

    /// The user's `policy.toml` alone.
    public func loadUser(configDirectory: String) -> Snapshot {
        var snapshot = Snapshot(rules: [], mode: nil, problems: [])
        if let file = load(path: configDirectory + "/policy.toml", origin: .user, problems: &snapshot.problems) {
            snapshot.rules = file.rules
            snapshot.mode = file.mode
            snapshot.reviewers = file.reviewers
        }
        return snapshot
    }

    /// A repository's `.airlock/policy.toml` alone; its allow rules count once its hash is trusted.
    public func loadRepository(_ repository: String, isTrusted: (String, String) -> Bool) -> Snapshot {
        var snapshot = Snapshot(rules: [], mode: nil, problems: [])
        let path = Self.repositoryPolicyPath(repository)
        guard let data = FileManager.default.contents(atPath: path) else {
            lastGood.withLock { _ = $0.removeValue(forKey: path) }
            return snapshot
        }
        let trusted = isTrusted(path, Self.sha256(data))
        if let file = load(path: path, origin: .repository(trusted: trusted), problems: &snapshot.problems) {
            snapshot.rules = file.rules
        }
        return snapshot
    }

    public static func repositoryPolicyPath(_ repository: String) -> String { repository + "/.airlock/policy.toml" }

    public static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    private func load(path: String, origin: PolicyRule.Origin, problems: inout [PolicyFileError]) -> PolicyFile? {
        guard let data = FileManager.default.contents(atPath: path) else {
            // No file is no policy; a file that vanished keeps nothing of its old rules.
            lastGood.withLock { _ = $0.removeValue(forKey: path) }
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            problems.append(
                PolicyFileError(file: path, line: 1, message: "not UTF-8 text; keeping the last good policy"))
            return lastGood.withLock { $0[path] }
        }
        do {
            let file = try PolicyFile.parse(text, file: path, origin: origin)
            lastGood.withLock { $0[path] = file }
            return file
        } catch {
            var problem = error
            problem.message += "; keeping the last good policy"
            problems.append(problem)
            return lastGood.withLock { $0[path] }
        }
    }
}
