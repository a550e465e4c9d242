import Foundation

/// Reads a small configuration file for a reader that must never crash on it: a missing file is
/// nil and no problem; an unreadable, huge or non-UTF-8 one is nil with a problem naming the file.
enum ConfigText {
    /// Settings files are small; anything larger is not read (and said so).
    static let limit = 4 * 1_048_576

    static func read(_ path: String, problems: inout [String]) -> String? {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue {
            problems.append("\(path): is a directory, not a file")
            return nil
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            problems.append("\(path): cannot be read")
            return nil
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: limit + 1)) ?? Data()
        if data.count > limit {
            problems.append("\(path): larger than \(limit / 1_048_576) MB, not read")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            problems.append("\(path): not UTF-8 text")
            return nil
        }
        return text
    }

    /// The JSON object in the file at `path`: nil when missing; nil with a problem when broken.
    static func jsonObject(_ path: String, problems: inout [String]) -> [String: Any]? {
        guard let text = read(path, problems: &problems) else { return nil }
        if text.allSatisfy(\.isWhitespace) { return [:] }
        do {
            let value = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
            guard let object = value as? [String: Any] else {
                problems.append("\(path): the top level is not a JSON object")
                return nil
            }
            return object
        } catch {
            problems.append("\(path): not valid JSON (\(Self.shortReason(error)))")
            return nil
        }
    }

    private static func shortReason(_ error: Error) -> String {
        let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
        return String(text.prefix(120))
    }
}
