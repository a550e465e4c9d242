import AirlockCore
import AirlockHarness
import AirlockWireCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Asks the broker about one action and falls back to a local decision on any failure: the
/// one gate behind `airlock-hook`, `airlock hook`, `airlock exec` and `airlock mcp`.
public struct BrokerAsk: Sendable {
    public var socketPath: String
    public var fallback: LocalFallback
    public var peerCheck: PeerCheck

    public init(socketPath: String, fallback: LocalFallback, peerCheck: PeerCheck = PeerCheck()) {
        self.socketPath = socketPath
        self.fallback = fallback
        self.peerCheck = peerCheck
    }

    /// The gate for this process's environment; `system` asks the separated deployment's
    /// `agent.sock` and believes only Airlock's system user there.
    public init(environment: [String: String], system: Bool = false) {
        let locations = AirlockLocations(environment: environment)
        var check = PeerCheck(environment: environment)
        check.believesOnlySystemUser = system
        check.refusesOwnAccount = system
        self.init(
            socketPath: system ? locations.agentSocket : locations.socket,
            fallback: LocalFallback(environment: environment, host: locations.hostFacts(environment: environment)),
            peerCheck: check)
    }

    /// The request id the hook sends; the reply must carry it back.
    public static let requestID: RequestID = 1

    /// The harness deadline: `AIRLOCK_HOOK_TIMEOUT_MS` (the timeout we installed) or `defaultMs`.
    public static func deadlineMs(environment: [String: String], default defaultMs: Int) -> Int {
        environment["AIRLOCK_HOOK_TIMEOUT_MS"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil } ?? defaultMs
    }

    /// How long to wait for the broker: the deadline less a margin for printing and exiting.
    public static func budgetMs(deadlineMs: Int) -> Int {
        max(deadlineMs - min(2_000, deadlineMs / 10), 1)
    }

    /// The broker's answer, or the local one when it is down, slow or speaks garbage; a deny when
    /// what answers is not a broker Airlock trusts. The action's agent is the caller's parent
    /// unless the harness named it.
    public func decide(_ action: Action, toolUseID: String? = nil, budgetMs: Int) -> HookAnswer {
        var action = action
        action.agentPID = action.agentPID ?? getppid()
        let line = SubmitCodec.request(
            SubmitParams(action: action, deadlineMs: budgetMs, toolUseID: toolUseID), id: Self.requestID)
        do {
            let reply = try BrokerSocket(path: socketPath, peerCheck: peerCheck).exchange(
                line, deadline: MonotonicTime.now.adding(milliseconds: budgetMs))
            return HookAnswer(allows: reply.allows, reason: reply.reason)
        } catch let failure where failure.isUntrustedBroker {
            return Self.untrusted(failure.description)
        } catch {
            let why = error == .timedOut ? "the broker did not answer within \(budgetMs) ms" : error.description
            return fallback.decide(action, why: why)
        }
    }

    /// The deny for a socket whose server failed `PeerCheck`.
    public static func untrusted(_ why: String) -> HookAnswer {
        .deny(
            "Airlock denied this tool call: it does not trust what answers on its socket: \(why). "
                + "Something other than Airlock's broker may be listening there; ask the user to run "
                + "`airlock doctor` and restart the broker.")
    }
}
