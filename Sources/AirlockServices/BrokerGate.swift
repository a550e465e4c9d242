import AirlockCore
import AirlockHarness
import AirlockHookRuntime
import Foundation

/// Asks the broker about one action and falls back to a local decision on any failure; the
/// CLI's face of `BrokerAsk`, which the hook shares.
public struct BrokerGate: Sendable {
    public var environment: [String: String]
    /// Ask the separated deployment's `agent.sock`, believing only Airlock's system user there.
    public var system: Bool

    public init(environment: [String: String] = ProcessInfo.processInfo.environment, system: Bool = false) {
        self.environment = environment
        self.system = system
    }

    /// The harness deadline: `AIRLOCK_HOOK_TIMEOUT_MS` (the timeout we installed) or `defaultMs`.
    public func deadlineMs(default defaultMs: Int) -> Int {
        BrokerAsk.deadlineMs(environment: environment, default: defaultMs)
    }

    /// How long to wait for the broker: the deadline less a margin for printing and exiting.
    public static func budgetMs(deadlineMs: Int) -> Int {
        BrokerAsk.budgetMs(deadlineMs: deadlineMs)
    }

    /// The broker's answer, or the local one when it is down, slow or speaks garbage.
    public func decide(_ action: Action, toolUseID: String? = nil, budgetMs: Int) -> HookAnswer {
        BrokerAsk(environment: environment, system: system).decide(action, toolUseID: toolUseID, budgetMs: budgetMs)
    }
}
