import AirlockCore
import AirlockStore
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Decisions a team broker made while its database could not be reached: one JSON line each
/// (redacted, as the log would keep them), appended and synced before the write counts, read
/// back in order when the database returns, then emptied. Private to the user (mode 0600).
final class DecisionJournal: Sendable {
    let path: String
    private let lock = Mutex(())

    init(path: String) {
        self.path = path
    }

    /// How many decisions wait in the journal.
    var count: Int {
        lock.withLock { _ in (try? readLines().count) ?? 0 }
    }

    func append(_ records: [DecisionRecord]) throws {
        let redactor = Redactor()
        let encoder = JSONEncoder()
        var bytes: [UInt8] = []
        for record in records {
            let row = DecisionLogRow(
                sequence: 0, decision: PolicyStore.preparedForLog(record, redactor: redactor),
                previousHash: DecisionLogRow.genesis)
            bytes += try encoder.encode(row)
            bytes.append(UInt8(ascii: "\n"))
        }
        try lock.withLock { _ in
            let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw TeamStoreError.unreadable("cannot open the journal \(path): errno \(errno)") }
            defer { close(fd) }
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                guard written > 0 else { throw TeamStoreError.unreadable("cannot write the journal \(path)") }
                offset += written
            }
            guard fsync(fd) == 0 else { throw TeamStoreError.unreadable("cannot sync the journal \(path)") }
        }
    }

    /// The journal's decisions, oldest first.
    func pending() throws -> [DecisionRecord] {
        try lock.withLock { _ in
            let decoder = JSONDecoder()
            return try readLines().map { line in
                guard let row = try? decoder.decode(DecisionLogRow.self, from: Data(line.utf8)),
                    let record = try? row.decision()
                else { throw TeamStoreError.unreadable("a line of the journal \(path)") }
                return record
            }
        }
    }

    /// Empties the journal of its first `count` decisions (those replayed).
    func remove(first count: Int) throws {
        try lock.withLock { _ in
            let rest = try readLines().dropFirst(count)
            let temporary = path + ".tmp"
            let text = rest.map { $0 + "\n" }.joined()
            guard FileManager.default.createFile(
                atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
            else { throw TeamStoreError.unreadable("cannot write \(temporary)") }
            guard rename(temporary, path) == 0 else { throw TeamStoreError.unreadable("cannot replace \(path)") }
        }
    }

    private func readLines() throws -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}
