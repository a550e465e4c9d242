import AirlockCore
import Foundation

extension LogAnchor {
    /// The broker's anchor in its state directory.
    public static func brokerPath(stateDirectory: String) -> String {
        stateDirectory + "/log-anchor.json"
    }

    /// What consoles of this user saw last, in the user's own state directory.
    public static func consolePath(stateDirectory: String) -> String {
        stateDirectory + "/console-log-anchor.json"
    }

    /// The anchor in `path`; nil when there is none (or it cannot be read).
    public static func read(_ path: String) -> LogAnchor? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(LogAnchor.self, from: data)
    }

    /// Writes the anchor next to `path` and renames it into place, so a reader never sees half.
    /// With `keepingHigher`, an anchor further along that is already there stays (several
    /// consoles share the file).
    public func write(to path: String, keepingHigher: Bool = false) throws {
        if keepingHigher, let existing = Self.read(path), existing.count > count { return }
        let temporary = path + ".\(getpid()).tmp"
        let data = try JSONEncoder().encode(self)
        guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600])
        else { throw CocoaError(.fileWriteUnknown) }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw CocoaError(.fileWriteUnknown)
        }
    }
}

/// What holding the log against one anchor found.
public enum AnchorCheck: Equatable, Sendable, CustomStringConvertible {
    case agrees(who: String, count: Int64)
    /// Fewer records than the anchor counted: rows were deleted.
    case truncated(who: String, logCount: Int64, anchorCount: Int64)
    /// The record the anchor names has another hash: the log was rewritten.
    case rewritten(who: String, atSequence: Int64)

    public var isProblem: Bool {
        if case .agrees = self { return false }
        return true
    }

    public var description: String {
        switch self {
        case .agrees(let who, let count): "agrees with \(who) (\(count) records)"
        case .truncated(let who, let logCount, let anchorCount):
            "TRUNCATED: \(who) saw \(anchorCount) records, the log has \(logCount)"
        case .rewritten(let who, let sequence):
            "REWRITTEN: record \(sequence) is not the one \(who) saw"
        }
    }
}
