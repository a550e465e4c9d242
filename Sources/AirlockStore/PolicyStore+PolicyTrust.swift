import Foundation
import GRDB

/// Trust in repository policy files (`.airlock/policy.toml`): their allow rules apply only while
/// the file's SHA-256 is the one the user trusted (policy step 6).
extension PolicyStore {
    /// Trusts this content of the file at `path`. One hash per path: trusting a new version
    /// withdraws trust from the old one.
    public func trustPolicyFile(path: String, sha256: String, at time: Date) throws(StoreError) {
        guard let hash = Self.normalisedHash(sha256) else { throw .invalidPolicyHash }
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO policy_trust (path, sha256, trusted_at) VALUES (?, ?, ?)
                    ON CONFLICT(path) DO UPDATE SET sha256 = excluded.sha256, trusted_at = excluded.trusted_at
                    """,
                arguments: [path, hash, time.storeMilliseconds])
        }
    }

    /// Whether the user trusted exactly this content of the file at `path`.
    public func isPolicyFileTrusted(path: String, sha256: String) throws(StoreError) -> Bool {
        guard let hash = Self.normalisedHash(sha256) else { return false }
        return try read { db in
            try Bool.fetchOne(
                db, sql: "SELECT 1 FROM policy_trust WHERE path = ? AND sha256 = ?", arguments: [path, hash]) == true
        }
    }

    /// Lowercase hex, or nil unless it is 64 hexadecimal digits.
    private static func normalisedHash(_ text: String) -> String? {
        let lowered = text.lowercased()
        guard lowered.utf8.count == 64,
            lowered.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        else { return nil }
        return lowered
    }
}
