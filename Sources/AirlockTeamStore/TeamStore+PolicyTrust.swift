import Foundation
import PostgresNIO

/// Trusted repository policies (`.airlock/policy.toml` and the digest it was trusted at),
/// shared by the team: trusting a repository on one machine trusts it on every broker.
extension TeamStore {
    /// Trusts this content of the file at `path`; one digest a path, as on one machine. `seal` is
    /// the trusting broker's (`TeamPersistence.trustPolicyFile`); brokers believe no row without it.
    public func trustPolicyFile(path: String, sha256: String, seal: String? = nil) async throws {
        let sha256 = sha256.lowercased()
        try await link.run("trust \(path)") { [logger] connection in
            try await connection.query(
                """
                INSERT INTO airlock.policy_trust (path, sha256, trusted_at, seal)
                VALUES (\(path), \(sha256), airlock.now_ms(), \(seal))
                ON CONFLICT (path) DO UPDATE SET sha256 = EXCLUDED.sha256, trusted_at = EXCLUDED.trusted_at,
                    seal = EXCLUDED.seal
                """, logger: logger)
        }
    }

    /// Returns whether the path was trusted.
    @discardableResult
    public func untrustPolicyFile(path: String) async throws -> Bool {
        try await link.run("untrust \(path)") { [logger] connection in
            try await !connection.query(
                "DELETE FROM airlock.policy_trust WHERE path = \(path) RETURNING path", logger: logger
            ).collect().isEmpty
        }
    }

    /// Every trusted policy file: path to digest (a broker keeps them in memory).
    public func trustedPolicyFiles() async throws -> [String: String] {
        try await link.run("read the trusted policy files") { [logger] connection in
            var trusted: [String: String] = [:]
            for try await (path, sha256) in try await connection.query(
                "SELECT path, sha256 FROM airlock.policy_trust", logger: logger
            ).decode((String, String).self) {
                trusted[path] = sha256
            }
            return trusted
        }
    }

    /// Every trusted policy file with the seal it carries: what a broker checks before believing it.
    public func sealedPolicyFiles() async throws -> [String: (sha256: String, seal: String?)] {
        try await link.run("read the trusted policy files") { [logger] connection in
            var trusted: [String: (sha256: String, seal: String?)] = [:]
            for try await (path, sha256, seal) in try await connection.query(
                "SELECT path, sha256, seal FROM airlock.policy_trust", logger: logger
            ).decode((String, String, String?).self) {
                trusted[path] = (sha256, seal)
            }
            return trusted
        }
    }

    /// The digest a repository's policy file was trusted at, or nil.
    public func trustedPolicyDigest(path: String) async throws -> String? {
        try await link.run("read the trust of \(path)") { [logger] connection in
            try await connection.query(
                "SELECT sha256 FROM airlock.policy_trust WHERE path = \(path)", logger: logger
            ).collect().first?.decode(String.self)
        }
    }
}
