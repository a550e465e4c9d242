import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A harness settings file on disk: read, backed up, and replaced atomically.
struct SettingsFile {
    var path: String

    /// Where writes go: the file a symlinked settings file (dotfiles) points to, so the link survives.
    var resolvedPath: String { URL(fileURLWithPath: path).resolvingSymlinksInPath().path }

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
        try write(text, to: backup, mode: currentMode())
        return backup
    }

    /// Replaces the file with `text` atomically (a temporary file renamed over it), creating its directory.
    func replace(with text: String) throws {
        let directory = URL(fileURLWithPath: resolvedPath).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw CLIError("cannot create \(directory.path): \(error.localizedDescription)")
        }
        try write(text, to: resolvedPath, mode: currentMode())
    }

    /// Deletes the file.
    func remove() throws {
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            throw CLIError("cannot remove \(path): \(error.localizedDescription)")
        }
    }

    /// The file's permission bits, so settings holding secrets (`env`, tokens) stay as private as they were.
    private func currentMode() -> Int {
        let attributes = try? FileManager.default.attributesOfItem(atPath: resolvedPath)
        return (attributes?[.posixPermissions] as? NSNumber)?.intValue ?? 0o644
    }

    /// Writes a temporary file with `mode` beside `target` and renames it over, so no reader sees half a file
    /// and the contents are never readable more widely than `mode`.
    private func write(_ text: String, to target: String, mode: Int) throws {
        let temporary = "\(target).airlock-tmp-\(getpid())"
        // Created with `mode` from the start: no moment where the copy is more readable than the original.
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_TRUNC, mode_t(mode))
        guard fd >= 0 else { throw CLIError("cannot write \(temporary): \(String(cString: strerror(errno)))") }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: Data(text.utf8))
            try handle.synchronize()
            try handle.close()
        } catch {
            unlink(temporary)
            throw CLIError("cannot write \(temporary): \(error.localizedDescription)")
        }
        guard rename(temporary, target) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw CLIError("cannot write \(target): \(reason)")
        }
    }
}
