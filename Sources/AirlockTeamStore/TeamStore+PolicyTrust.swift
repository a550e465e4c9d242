import Foundation
import PostgresNIO

/// Trusted repository policies (`.airlock/policy.toml` and the digest it was trusted at),
/// shared by the team: trusting a repository on one machine trusts it on every broker.
extension TeamStore {
    public func trustPolicyFile(path: String, sha256: String) async throws {
        try await link.run("trust \(path)") { [logger] connection in
            try await connection.query(
                """
                INSERT INTO airlock.policy_trust (path, sha256, trusted_at) VALUES (\(path), \(sha256), airlock.now_ms())
                ON CONFLICT (path) DO UPDATE SET sha256 = EXCLUDED.sha256, trusted_at = EXCLUDED.trusted_at
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

    /// The digest a repository's policy file was trusted at, or nil.
    public func trustedPolicyDigest(path: String) async throws -> String? {
        try await link.run("read the trust of \(path)") { [logger] connection in
            try await connection.query(
                "SELECT sha256 FROM airlock.policy_trust WHERE path = \(path)", logger: logger
            ).collect().first?.decode(String.self)
        }
    }
}
