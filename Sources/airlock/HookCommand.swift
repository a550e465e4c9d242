import AirlockCore
import AirlockHarness
import ArgumentParser
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `airlock hook <harness>`: answers one pre-tool hook call in the harness's own format.
struct HookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hook",
        abstract: "Answer a harness's pre-tool hook (reads its JSON on stdin, prints the decision).",
        discussion: """
            Harnesses: \(Harness.allCases.map(\.rawValue).joined(separator: ", ")).
            It always prints an explicit allow or deny before the harness's deadline (the hook \
            timeout, --timeout-ms or AIRLOCK_HOOK_TIMEOUT_MS, else the harness default). When the broker is down, \
            slow or answers garbage it decides locally: low-risk actions policy allows pass, \
            hard-floor and high-risk ones are denied, the rest per AIRLOCK_FALLBACK=deny|allow-low \
            (default deny).
            """
    )

    /// Hook inputs larger than this are refused rather than read without bound.
    static let inputLimit = 4 * 1_048_576

    @Argument(help: "The harness calling: claude, codex, cursor, gemini or copilot.")
    var harness: String

    // An argument, not only the environment: a harness may run the command without a shell.
    @Option(help: "The hook timeout installed in the harness, in ms (overrides AIRLOCK_HOOK_TIMEOUT_MS).")
    var timeoutMs: Int?

    func validate() throws {
        guard Harness(rawValue: harness) != nil else {
            throw ValidationError(
                "Unknown harness \(harness); use one of \(Harness.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
    }

    func run() throws {
        guard let harness = Harness(rawValue: harness) else { throw ExitCode(2) }
        let gate = BrokerGate()
        let deadlineMs = timeoutMs.flatMap { $0 > 0 ? $0 : nil } ?? gate.deadlineMs(default: harness.defaultDeadlineMs)
        let budgetMs = BrokerGate.budgetMs(deadlineMs: deadlineMs)
        let late = harness.render(
            .deny("Airlock denied this tool call: its hook input did not arrive in time; retry the call."),
            for: .preToolUse)
        let output = OneShotOutput(fallback: late.stdout, status: late.exitCode)
        // The normal path gives up at the budget; the watchdog fires halfway through the margin.
        output.arm(deadline: .now() + .milliseconds((budgetMs + deadlineMs) / 2))

        let event: HookEvent
        do throws(HookError) {
            event = try harness.parse(try Self.readInput(), deadlineMs: deadlineMs)
        } catch {
            // Nothing to gate: "no opinion" is the valid answer everywhere.
            if case .notAGate = error { output.finish("", status: 0) }
            let answer = harness.render(LocalFallback.unreadable(error), for: .preToolUse)
            output.finish(answer.stdout, status: answer.exitCode)
        }
        let slow = harness.render(
            gate.fallback.decide(event.action, why: "the broker did not answer within \(budgetMs) ms"),
            for: event.name)
        output.setFallback(slow.stdout, status: slow.exitCode)
        let answer = harness.render(gate.decide(event.action, budgetMs: budgetMs), for: event.name)
        output.finish(answer.stdout, status: answer.exitCode)
    }

    /// All of stdin, up to `inputLimit`.
    static func readInput() throws(HookError) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(STDIN_FILENO, &chunk, chunk.count)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > inputLimit { throw .tooLarge(limit: inputLimit) }
        }
    }
}
