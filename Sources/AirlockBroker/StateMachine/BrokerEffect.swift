import AirlockCore
import AirlockWire
import FoundationEssentials

/// Something the shell must do for the state machine, in the order given.
public enum BrokerEffect: Equatable, Sendable {
    case sendResult(ConnectionID, RequestID, ServerResult)
    case sendError(ConnectionID, RequestID, RPCError)
    /// The same notification to each of these subscribers.
    case notify([ConnectionID], ServerNotification)
    case appendDecision(DecisionRecord)
    case saveException(PolicyException, sample: Assessment?)
    case revokeException(id: String, reviewer: String, at: Date)
    case recordUse(exceptionID: String)
    /// A security-relevant refusal worth a line in the broker's log (self-approval attempts).
    case logRefusal(String)
}
