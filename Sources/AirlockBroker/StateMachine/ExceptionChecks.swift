import AirlockCore
import AirlockStore
import FoundationEssentials

/// How the broker seals the exceptions it grants and judges the ones it reads back: the seal
/// (`ExceptionSealer`, keyed from Airlock's state directory) and every grant rule again
/// (`PolicyException.storedProblem`). Independent of the store: whatever `BrokerPersistence`
/// holds, a row is used only if this passes it.
public struct ExceptionChecks: Sendable {
    public var seal: @Sendable (PolicyException) -> PolicyException
    /// Nil when a stored exception may be used at `now`.
    public var problem: @Sendable (PolicyException, Date) -> StoredExceptionProblem?
    /// The same key's seal over a decision on an action in the team's queue.
    public var sealDecision: @Sendable (QueueDecisionFacts) -> String
    /// Whether a seal read from the team's queue is the key's seal over these facts.
    public var isSealed: @Sendable (QueueDecisionFacts, String?) -> Bool
    /// Whether a reviewer named in the store can be one of this team's (or this machine's).
    public var isKnownReviewer: @Sendable (String) -> Bool

    public init(
        seal: @escaping @Sendable (PolicyException) -> PolicyException,
        problem: @escaping @Sendable (PolicyException, Date) -> StoredExceptionProblem?,
        sealDecision: @escaping @Sendable (QueueDecisionFacts) -> String,
        isSealed: @escaping @Sendable (QueueDecisionFacts, String?) -> Bool,
        isKnownReviewer: @escaping @Sendable (String) -> Bool
    ) {
        self.seal = seal
        self.problem = problem
        self.sealDecision = sealDecision
        self.isSealed = isSealed
        self.isKnownReviewer = isKnownReviewer
    }

    public init(sealer: ExceptionSealer, configuration: BrokerConfiguration, processes: ProcessFacts) {
        let cap = configuration.maximumExceptionSeconds
        let host = configuration.hostFacts
        let local = processes.isKnownGranter
        let team = configuration.team
        let isKnown: @Sendable (String) -> Bool = { name in
            guard let team else { return local(name) }
            return team.isKnownGranter(name, isLocalAccount: local)
        }
        self.init(
            seal: { sealer.sealed($0) },
            problem: { exception, now in
                sealer.problem(exception)
                    ?? exception.storedProblem(now: now, maximumSeconds: cap, host: host, isKnownGranter: isKnown)
            },
            sealDecision: { sealer.seal(text: $0.sealedText) },
            isSealed: { facts, seal in sealer.isValid(seal, text: facts.sealedText) },
            isKnownReviewer: isKnown)
    }
}
