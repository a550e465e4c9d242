/// An exception the store holds that the broker refused to use, and why
/// (`StoredExceptionProblem`): shown by `status`, `doctor` and the console. A decision or an
/// approval in the team's queue that failed its seal is reported the same way, with the id
/// `decision on <action>` or `approval N of <action>`.
public struct RejectedException: Codable, Equatable, Sendable {
    public var id: String
    public var reason: String

    public init(id: String, reason: String) {
        self.id = id
        self.reason = reason
    }

    /// What was refused, as people read it: "exception x-a-3", "decision on a-7".
    public var subject: String {
        id.hasPrefix("decision on ") || id.hasPrefix("approval ") ? id : "exception \(id)"
    }
}
