import AirlockHarness
import AirlockHookRuntime
import ArgumentParser
import Foundation

/// `airlock hook <harness>`: answers one pre-tool hook call in the harness's own format.
/// The work is `HookProcess`, the same code as the small `airlock-hook` executable.
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
            (default deny). `airlock-hook <harness>` does the same with a much smaller start-up.
            """
    )

    @Argument(help: "The harness calling: claude, codex, cursor, gemini or copilot.")
    var harness: String

    // An argument, not only the environment: a harness may run the command without a shell.
    @Option(help: "The hook timeout installed in the harness, in ms (overrides AIRLOCK_HOOK_TIMEOUT_MS).")
    var timeoutMs: Int?

    @Flag(help: "Ask the separated deployment's agent.sock and believe only Airlock's system user there.")
    var system = false

    func validate() throws {
        guard Harness(rawValue: harness) != nil else {
            throw ValidationError(
                "Unknown harness \(harness); use one of \(Harness.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
    }

    func run() throws {
        guard let harness = Harness(rawValue: harness) else { throw ExitCode(2) }
        HookProcess.run(
            harness: harness, timeoutMs: timeoutMs, system: system, environment: ProcessInfo.processInfo.environment)
    }
}
