import AirlockCore
import AirlockHarness
import AirlockWire
import Foundation

/// Asks the broker about one action and falls back to a local decision on any failure.
struct BrokerGate {
    var paths = AirlockPaths()
    var environment = ProcessInfo.processInfo.environment

    /// The harness deadline: `AIRLOCK_HOOK_TIMEOUT_MS` (the timeout we installed) or `defaultMs`.
    func deadlineMs(default defaultMs: Int) -> Int {
        environment["AIRLOCK_HOOK_TIMEOUT_MS"].flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil } ?? defaultMs
    }

    /// How long to wait for the broker: the deadline less a margin for printing and exiting.
    static func budgetMs(deadlineMs: Int) -> Int {
        max(deadlineMs - min(2_000, deadlineMs / 10), 1)
    }

    var fallback: LocalFallback {
        LocalFallback(environment: environment, host: paths.hostFacts(environment: environment))
    }

    /// The broker's answer, or the local one when it is down, slow or speaks garbage.
    func decide(_ action: Action, budgetMs: Int) -> HookAnswer {
        // A broker that hangs up mid-request must not kill us with SIGPIPE (silence fails open);
        // the default comes back for `exec`'s command.
        let previous = signal(SIGPIPE, SIG_IGN)
        defer { signal(SIGPIPE, previous) }
        do {
            let result = try submit(action, budgetMs: budgetMs)
            return HookAnswer(allows: result.decision == .allow, reason: result.reason)
        } catch {
            // The socket client's own "start one with …" hint would repeat the fallback's.
            let why = "\(error)".components(separatedBy: " (start one with").first ?? "\(error)"
            return fallback.decide(action, why: why)
        }
    }

    private func submit(_ action: Action, budgetMs: Int) throws -> SubmitResult {
        var action = action
        action.agentPID = action.agentPID ?? getppid()
        let encoded = try JSONEncoder().encode(SubmitParams(action: action, deadlineMs: budgetMs))
        guard let params = try JSONSerialization.jsonObject(with: encoded) as? [String: Any] else {
            throw CLIError("cannot encode the action")
        }
        let result = try SocketClient(path: paths.socket).call(
            "submit", params: params, timeout: Double(budgetMs) / 1000)
        do {
            return try JSONDecoder().decode(SubmitResult.self, from: JSONSerialization.data(withJSONObject: result))
        } catch {
            throw CLIError("the broker's answer is not a decision")
        }
    }
}
