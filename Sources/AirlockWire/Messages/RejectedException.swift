/// An exception the store holds that the broker refused to use, and why
/// (`StoredExceptionProblem`): shown by `status`, `doctor` and the console.
public struct RejectedException: Codable, Equatable, Sendable {
    public var id: String
    public var reason: String

    public init(id: String, reason: String) {
        self.id = id
        self.reason = reason
    }
}
