/// Why a JSON value does not have the shape a type reads, and where: the path of keys (and
/// `[index]`es) from the value the reader started at. Descriptions name the place and the
/// problem, never the value that was sent (it can carry a secret).
public struct JSONShapeError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Problem: Equatable, Sendable {
        case missing
        case wrongType(expected: String)
        /// A tagged value (`{"case": {…}}`) whose tag this version does not know.
        case unknownCase(known: [String])
        /// A tagged value must be an object with exactly one key.
        case notOneCase
    }

    /// Outermost first: `["action", "kind", "mcp", "server"]`.
    public var path: [String]
    public var problem: Problem

    public init(path: [String] = [], _ problem: Problem) {
        self.path = path
        self.problem = problem
    }

    /// The same error seen from one level up, under `key`.
    public func under(_ key: String) -> JSONShapeError {
        JSONShapeError(path: [key] + path, problem)
    }

    /// `action.kind`, or `root` at the top.
    public func place(root: String = "value") -> String {
        path.isEmpty ? root : path.reduce("") { $0.isEmpty || $1.hasPrefix("[") ? $0 + $1 : $0 + "." + $1 }
    }

    public var description: String { description(root: "value") }

    /// The description, calling the top `root` (`params`).
    public func description(root: String) -> String {
        let place = place(root: root)
        return switch problem {
        case .missing: "\(place) is missing"
        case .wrongType(let expected): "\(place) has the wrong type (expected \(expected))"
        case .unknownCase(let known): "\(place) is invalid (expected one of \(known.joined(separator: ", ")))"
        case .notOneCase: "\(place) is invalid (expected an object with exactly one key)"
        }
    }
}
