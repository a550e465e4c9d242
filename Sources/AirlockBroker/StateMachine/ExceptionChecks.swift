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

    public init(
        seal: @escaping @Sendable (PolicyException) -> PolicyException,
        problem: @escaping @Sendable (PolicyException, Date) -> StoredExceptionProblem?
    ) {
        self.seal = seal
        self.problem = problem
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
            })
    }
}
