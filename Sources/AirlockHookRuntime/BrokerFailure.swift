/// Why the broker gave no usable answer; the text ends up in the local fallback's reason.
public struct BrokerFailure: Error, Equatable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }

    /// No answer before the deadline.
    public static let timedOut = BrokerFailure("the broker did not answer in time")
}
