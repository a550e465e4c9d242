import Foundation

/// libpq's password file: lines of `hostname:port:database:username:password`, `*` matching
/// anything, `\:` and `\\` escaped; the first matching line counts. Like libpq, a file that
/// others may read is not used.
enum PassFile {
    static func password(
        for location: TeamStoreLocation, explicit: String?, environment: [String: String]
    ) throws(TeamStoreError) -> String? {
        let path: String
        if let explicit {
            path = explicit
        } else if let fromEnvironment = environment["PGPASSFILE"] {
            path = fromEnvironment
        } else if let home = environment["HOME"] {
            path = home + "/.pgpass"
            guard FileManager.default.fileExists(atPath: path) else { return nil }
        } else {
            return nil
        }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let data = FileManager.default.contents(atPath: path)
        else { throw .badURL("cannot read the passfile \(path)") }
        if let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0 {
            throw .badURL("the passfile \(path) may be read by others (chmod 600 it)")
        }
        let host: String
        let port: Int
        switch location.endpoint {
        case .tcp(let name, let number): (host, port) = (name, number)
        case .unixSocket(_, let number): (host, port) = ("localhost", number)
        }
        let wanted = [host, String(port), location.database, location.user]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("#") { continue }
            let fields = split(String(line))
            guard fields.count == 5 else { continue }
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    /// One line's fields, with `\:` and `\\` unescaped.
    static func split(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
