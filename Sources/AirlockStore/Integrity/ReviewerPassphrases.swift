import Crypto
import Foundation
import _CryptoExtras

/// Reviewers' passphrases for the separated deployment, as scrypt hashes in a file of
/// Airlock's state directory (`reviewers`, owner-only): the file belongs to Airlock's system
/// user, so an agent running as the reviewer can neither read a hash to guess against offline
/// nor write one of its own. One line per reviewer:
///
///     alice:scrypt:32768:8:1:<salt hex>:<hash hex>
///
/// Only `sudo airlock reviewer set NAME` writes it; the broker reads it for each check.
public struct ReviewerPassphrases: Sendable {
    public let path: String

    /// scrypt's cost: 2^15 rounds of 8-block memory (32 MiB), about 0.1 s a check here.
    public static let rounds = 32_768
    public static let blockSize = 8
    public static let parallelism = 1

    public init(stateDirectory: String) {
        path = stateDirectory + "/reviewers"
    }

    /// Why a passphrase cannot be set.
    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    /// Whether `passphrase` is `reviewer`'s; false when the reviewer has none or the file is unreadable.
    public func matches(reviewer: String, passphrase: String) -> Bool {
        guard let entry = entries()[reviewer], let derived = try? Self.derive(passphrase, entry) else { return false }
        // Constant time: the comparison never says how much of a guess was right.
        return derived.count == entry.hash.count && zip(derived, entry.hash).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// The reviewers who have a passphrase.
    public var reviewers: [String] { entries().keys.sorted() }

    /// Sets (or replaces) `reviewer`'s passphrase; the file stays owner-only.
    public func set(reviewer: String, passphrase: String) throws {
        guard !reviewer.isEmpty, !reviewer.contains(":"), !reviewer.contains("\n") else {
            throw Problem(description: "a reviewer's name must be an account name")
        }
        guard passphrase.count >= 8 else { throw Problem(description: "a passphrase needs at least 8 characters") }
        var salt = [UInt8](repeating: 0, count: 16)
        var generator = SystemRandomNumberGenerator()
        for index in salt.indices { salt[index] = UInt8.random(in: 0...255, using: &generator) }
        let entry = Entry(
            rounds: Self.rounds, blockSize: Self.blockSize, parallelism: Self.parallelism, salt: salt, hash: [])
        let hash = try Self.derive(passphrase, entry)
        var lines = (try? String(contentsOfFile: path, encoding: .utf8))?.split(separator: "\n").map(String.init) ?? []
        lines.removeAll { $0.hasPrefix(reviewer + ":") }
        lines.append(
            [reviewer, "scrypt", String(entry.rounds), String(entry.blockSize), String(entry.parallelism), hex(salt), hex(hash)]
                .joined(separator: ":"))
        let temporary = path + ".\(getpid()).tmp"
        guard
            FileManager.default.createFile(
                atPath: temporary, contents: Data((lines.joined(separator: "\n") + "\n").utf8),
                attributes: [.posixPermissions: 0o600])
        else { throw Problem(description: "cannot write \(temporary)") }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw Problem(description: "cannot replace \(path)")
        }
    }

    /// Removes `reviewer`'s passphrase; true when there was one.
    @discardableResult
    public func remove(reviewer: String) throws -> Bool {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return false }
        let lines = text.split(separator: "\n").map(String.init)
        let kept = lines.filter { !$0.hasPrefix(reviewer + ":") }
        guard kept.count != lines.count else { return false }
        try (kept.joined(separator: "\n") + (kept.isEmpty ? "" : "\n")).write(
            toFile: path, atomically: true, encoding: .utf8)
        return true
    }

    struct Entry {
        var rounds: Int
        var blockSize: Int
        var parallelism: Int
        var salt: [UInt8]
        var hash: [UInt8]
    }

    private func entries() -> [String: Entry] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [:] }
        var result: [String: Entry] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 7, fields[1] == "scrypt", let rounds = Int(fields[2]), let blockSize = Int(fields[3]),
                let parallelism = Int(fields[4]), let salt = bytes(hex: fields[5]), let hash = bytes(hex: fields[6]),
                rounds >= 1024, rounds <= 1 << 20, blockSize >= 1, blockSize <= 32, parallelism >= 1, parallelism <= 16
            else { continue }
            result[fields[0]] = Entry(
                rounds: rounds, blockSize: blockSize, parallelism: parallelism, salt: salt, hash: hash)
        }
        return result
    }

    private static func derive(_ passphrase: String, _ entry: Entry) throws -> [UInt8] {
        let key = try KDF.Scrypt.deriveKey(
            from: Array(passphrase.utf8), salt: entry.salt, outputByteCount: 32, rounds: entry.rounds,
            blockSize: entry.blockSize, parallelism: entry.parallelism)
        return key.withUnsafeBytes { Array($0) }
    }
}

private func hex(_ bytes: [UInt8]) -> String {
    bytes.map { String(format: "%02x", $0) }.joined()
}

private func bytes(hex text: String) -> [UInt8]? {
    let digits = Array(text.utf8)
    guard digits.count % 2 == 0, !digits.isEmpty else { return nil }
    var out: [UInt8] = []
    var index = 0
    while index < digits.count {
        guard let pair = UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) else { return nil }
        out.append(pair)
        index += 2
    }
    return out
}
