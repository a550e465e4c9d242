/// Why the broker gave no usable answer; the text ends up in the local fallback's reason.
public struct BrokerFailure: Error, Equatable, CustomStringConvertible {
    public var description: String
    /// Something answers on the socket but is not a broker Airlock trusts (`PeerCheck`): no
    /// local fallback then, an explicit deny, since whoever put it there may be the agent.
    public var isUntrustedBroker: Bool

    public init(_ description: String, isUntrustedBroker: Bool = false) {
        self.description = description
        self.isUntrustedBroker = isUntrustedBroker
    }

    /// No answer before the deadline.
    public static let timedOut = BrokerFailure("the broker did not answer in time")

    /// The server on the socket failed `PeerCheck` for `reason`.
    public static func untrusted(_ reason: String) -> BrokerFailure {
        BrokerFailure(reason, isUntrustedBroker: true)
    }
}
