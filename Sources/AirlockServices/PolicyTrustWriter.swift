import AirlockCore
import AirlockStore
import AirlockWire
import Foundation

/// The broker's side of `trustPolicy` and `untrustPolicy`: it reads the repository's
/// `.airlock/policy.toml` itself and trusts it only if the content is what the reviewer read
/// (its SHA-256), it parses, and it is a plain file inside the repository — not a link the
/// broker would follow to a file of its own. Blocking (a read and a store write): off the loop.
public struct PolicyTrustWriter: Sendable {
    /// Where the broker keeps trust in policy files: its own store (sealed) or its team's.
    public struct Keeper: Sendable {
        public var isTrusted: @Sendable (_ path: String, _ sha256: String) throws -> Bool
        public var trust: @Sendable (_ path: String, _ sha256: String) throws -> Void
        /// True when some content was trusted.
        public var untrust: @Sendable (_ path: String) throws -> Bool

        public init(
            isTrusted: @escaping @Sendable (_ path: String, _ sha256: String) throws -> Bool,
            trust: @escaping @Sendable (_ path: String, _ sha256: String) throws -> Void,
            untrust: @escaping @Sendable (_ path: String) throws -> Bool
        ) {
            self.isTrusted = isTrusted
            self.trust = trust
            self.untrust = untrust
        }

        /// This machine's store: what the broker trusts it seals, and only its seal counts.
        public static func local(
            _ store: PolicyStore, sealer: ExceptionSealer, clock: @escaping @Sendable () -> Date = { Date() }
        ) -> Keeper {
            Keeper(
                isTrusted: { try store.isPolicyFileTrusted(path: $0, sha256: $1, sealer: sealer) },
                trust: { try store.trustPolicyFile(path: $0, sha256: $1, at: clock(), sealer: sealer) },
                untrust: { try store.untrustPolicyFile(path: $0) })
        }
    }

    let keeper: Keeper

    public init(keeper: Keeper) {
        self.keeper = keeper
    }

    /// Why it was refused, in words for the reviewer.
    public struct Refusal: Error, CustomStringConvertible, Equatable {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    public func change(workspace: String, sha256: String?, trusted: Bool) -> Result<PolicyTrustResult, Refusal> {
        let root = URL(fileURLWithPath: workspace).standardizedFileURL.path
        let path = PolicySource.repositoryPolicyPath(root)
        do {
            guard trusted else {
                let changed = try keeper.untrust(path)
                return .success(PolicyTrustResult(path: path, sha256: nil, changed: changed))
            }
            guard let wanted = sha256?.lowercased() else { return .failure(Refusal("no sha256 given")) }
            let data = try Self.plainFile(path, inside: root)
            let hash = PolicySource.sha256(data)
            guard hash == wanted else {
                return .failure(
                    Refusal(
                        "\(path) changed since you read it (sha256 \(hash.prefix(12))…, not \(wanted.prefix(12))…): "
                            + "nothing was trusted; read it again"))
            }
            guard let text = String(data: data, encoding: .utf8) else {
                return .failure(Refusal("\(path) is not UTF-8 text: nothing was trusted"))
            }
            let file: PolicyFile
            do {
                file = try PolicyFile.parse(text, file: path, origin: .repository(trusted: true))
            } catch {
                return .failure(Refusal("\(error): nothing was trusted"))
            }
            let already = try keeper.isTrusted(path, hash)
            if !already { try keeper.trust(path, hash) }
            let rules = file.rules.map { "\($0.effect.rawValue) \($0.scope.summary)" }
            return .success(PolicyTrustResult(path: path, sha256: hash, changed: !already, rules: rules))
        } catch let refusal as Refusal {
            return .failure(refusal)
        } catch {
            return .failure(Refusal("the policy store could not be changed: \(error)"))
        }
    }

    /// The file's bytes when neither it nor `.airlock` is a symbolic link and it is a regular file.
    static func plainFile(_ path: String, inside root: String) throws -> Data {
        let directory = (path as NSString).deletingLastPathComponent
        for (candidate, kind) in [(directory, S_IFDIR), (path, S_IFREG)] {
            var info = stat()
            guard lstat(candidate, &info) == 0 else { throw Refusal("no policy file at \(path)") }
            guard info.st_mode & S_IFMT == kind else {
                throw Refusal("\(candidate) is a link or not a plain \(kind == S_IFDIR ? "directory" : "file"): nothing was trusted")
            }
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw Refusal("\(path) cannot be read") }
        return data
    }
}
