import Foundation
import GRDB

/// Trust in repository policy files (`.airlock/policy.toml`): their allow rules apply only while
/// the file's SHA-256 is the one the user trusted (policy step 6).
extension PolicyStore {
    /// Trusts this content of the file at `path`, sealed by `sealer` (the broker's). One hash
    /// per path: trusting a new version withdraws trust from the old one.
    public func trustPolicyFile(
        path: String, sha256: String, at time: Date, sealer: ExceptionSealer? = nil
    ) throws(StoreError) {
        guard let hash = Self.normalisedHash(sha256) else { throw .invalidPolicyHash }
        let seal = sealer?.seal(policyFile: path, sha256: hash)
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO policy_trust (path, sha256, trusted_at, seal) VALUES (?, ?, ?, ?)
                    ON CONFLICT(path) DO UPDATE SET sha256 = excluded.sha256, trusted_at = excluded.trusted_at,
                        seal = excluded.seal
                    """,
                arguments: [path, hash, time.storeMilliseconds, seal])
        }
    }

    /// Withdraws trust from every content of the file at `path`; true when some was trusted.
    @discardableResult
    public func untrustPolicyFile(path: String) throws(StoreError) -> Bool {
        try write { db in
            try db.execute(sql: "DELETE FROM policy_trust WHERE path = ?", arguments: [path])
            return db.changesCount > 0
        }
    }

    /// Whether the user trusted exactly this content of the file at `path`; with `sealer`, only
    /// if the row carries that sealer's seal (a row written around the broker does not count).
    public func isPolicyFileTrusted(
        path: String, sha256: String, sealer: ExceptionSealer? = nil
    ) throws(StoreError) -> Bool {
        guard let hash = Self.normalisedHash(sha256) else { return false }
        let row = try read { db in
            try Row.fetchOne(
                db, sql: "SELECT seal FROM policy_trust WHERE path = ? AND sha256 = ?", arguments: [path, hash])
        }
        guard let row else { return false }
        guard let sealer else { return true }
        return sealer.isSealed(policyFile: path, sha256: hash, seal: row["seal"])
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
