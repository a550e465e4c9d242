import AirlockCore
import AirlockHarness

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One pre-tool hook call, start to exit: read the harness's JSON on stdin, ask the broker
/// within the deadline budget (or decide locally), print the answer in the harness's format.
/// The single implementation behind `airlock-hook <harness>` and `airlock hook <harness>`.
public enum HookProcess {
    /// Hook inputs larger than this are refused rather than read without bound.
    public static let inputLimit = 4 * 1_048_576

    /// `airlock-hook <harness> [--timeout-ms N]`: the arguments after the program name.
    public static func main(arguments: [String]) -> Never {
        switch HookArguments.parse(arguments) {
        case .success(let parsed):
            run(
                harness: parsed.harness, timeoutMs: parsed.timeoutMs, system: parsed.system,
                environment: ProcessEnvironment.current)
        case .failure(let problem):
            let usage = "airlock-hook: \(problem.description)\n\(HookArguments.usage)\n"
            Array(usage.utf8).withUnsafeBytes { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
            // Exit 2 is a blocking error for Claude Code and Codex, and no harness reads it as allow.
            exit(2)
        }
    }

    /// Answers the hook call on stdin and exits.
    public static func run(harness: Harness, timeoutMs: Int?, system: Bool = false, environment: [String: String]) -> Never {
        let start = MonotonicTime.now
        let deadlineMs =
            timeoutMs.flatMap { $0 > 0 ? $0 : nil }
            ?? BrokerAsk.deadlineMs(environment: environment, default: harness.defaultDeadlineMs)
        let budgetMs = BrokerAsk.budgetMs(deadlineMs: deadlineMs)
        let late = harness.render(
            .deny("Airlock denied this tool call: its hook input did not arrive in time; retry the call."),
            for: .preToolUse)
        // The normal path gives up at the budget; the watchdog fires halfway through the margin.
        Watchdog.arm(milliseconds: (budgetMs + deadlineMs) / 2, text: late.stdout, status: late.exitCode)

        let event: HookEvent
        do throws(HookError) {
            event = try harness.parse(try readInput(), deadlineMs: deadlineMs)
        } catch {
            // Nothing to gate: "no opinion" is the valid answer everywhere.
            if case .notAGate = error { Watchdog.finish("", status: 0) }
            let answer = harness.render(LocalFallback.unreadable(error), for: .preToolUse)
            Watchdog.finish(answer.stdout, status: answer.exitCode)
        }
        let gate = BrokerAsk(environment: environment, system: system)
        // Not the classified local decision: classifying costs a fresh process more than the
        // whole policy hit (its tables are built on first use). The normal path classifies when
        // the broker fails, well before the watchdog; the watchdog is for a blocked connect or
        // write, and then an explicit deny is the safe answer.
        let stuck = harness.render(
            .deny(
                "Airlock denied this tool call: the broker did not answer within \(budgetMs) ms; "
                    + "ask the user to \(LocalFallback.startHint)."),
            for: event.name)
        Watchdog.setFallback(stuck.stdout, status: stuck.exitCode)
        // Time spent reading stdin comes out of the broker's share.
        let left = budgetMs - Int(MonotonicTime.now.milliseconds - start.milliseconds)
        let answer = gate.decide(event.action, toolUseID: event.toolUseID, budgetMs: max(left, 1))
        let output = harness.render(answer, for: event.name)
        Watchdog.finish(output.stdout, status: output.exitCode)
    }

    /// All of stdin, up to `inputLimit`.
    static func readInput() throws(HookError) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return bytes }
            bytes += chunk[0..<count]
            if bytes.count > inputLimit { throw .tooLarge(limit: inputLimit) }
        }
    }
}
