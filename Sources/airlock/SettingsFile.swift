import Foundation

/// A harness settings file on disk: read, backed up, and replaced atomically.
struct SettingsFile {
    var path: String

    /// The file's text, or nil when it does not exist.
    func read() throws -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return String(decoding: data, as: UTF8.self)
        } catch {
            throw CLIError("cannot read \(path): \(error.localizedDescription)")
        }
    }

    /// Copies the current file beside itself; returns the backup's path.
    func backUp(_ text: String, now: Date = Date()) throws -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        var backup = "\(path).airlock-backup-\(formatter.string(from: now))"
        // Two changes within a second must not overwrite the first backup.
        var suffix = 1
        while FileManager.default.fileExists(atPath: backup) {
            suffix += 1
            backup = "\(path).airlock-backup-\(formatter.string(from: now))-\(suffix)"
        }
        try write(text, to: backup)
        return backup
    }

    /// Replaces the file with `text` atomically (a temporary file renamed over it), creating its directory.
    func replace(with text: String) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw CLIError("cannot create \(directory.path): \(error.localizedDescription)")
        }
        try write(text, to: path)
    }

    /// Deletes the file.
    func remove() throws {
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            throw CLIError("cannot remove \(path): \(error.localizedDescription)")
        }
    }

    private func write(_ text: String, to target: String) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: target), options: .atomic)
        } catch {
            throw CLIError("cannot write \(target): \(error.localizedDescription)")
        }
    }
}
