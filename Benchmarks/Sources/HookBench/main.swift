import AirlockBroker
import AirlockCore
import AirlockHarness
import AirlockHookRuntime
import AirlockWireCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

// `swift run --package-path Benchmarks -c release hook-bench [--runs N] [--hook PATH]`: the hook as a whole process
// against a minimal C client doing the same socket round trip, interleaved, same broker, same
// request. Target: the installed (fully static) hook's median ≤ 2 × median C, aiming at 1.5×
// (issue 13; docs/decisions.md, "The small hook").
// Beside them, the hook with `--system` against a broker of the separated deployment's shape
// (agent.sock and review.sock, the agent listener admitting any uid, the hook believing only
// the system user — here this process's user, named by AIRLOCK_SYSTEM_USER). Target: within
// 10 % of the same-user hook (issue 12). A `--system` hook never believes its own account nor
// root as Airlock's (docs/security.md), so this part runs only when this process is neither
// root nor the hook's account — in-process it is both; it is skipped, and says so, otherwise.

let arguments = CommandLine.arguments
func option(_ name: String) -> String? {
    arguments.firstIndex(of: name).flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
}
let runs = option("--runs").flatMap(Int.init) ?? 300
let warmUp = 20

/// How a binary is linked: "fully static", "static Swift stdlib" or "dynamic Swift".
func linkage(_ path: String) -> String {
    // ldd lists shared libraries on stdout; for a static executable it lists none.
    let ldd = ProcessRun.run(["/usr/bin/ldd", path], stdin: [], environment: [:]).stdout
    if ldd.contains("libswiftCore.so") { return "dynamic Swift" }
    return ldd.contains("libc.so") ? "static Swift stdlib" : "fully static"
}

// `--hook PATH`, else the hook `scripts/install` builds (`.build/static-hook-release/release/`
// at the repository's root, four levels above this file), else `.build/release/airlock-hook`,
// else one beside this benchmark.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
let productDirectory = URL(fileURLWithPath: arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
let candidates = [
    repositoryRoot.appendingPathComponent(".build/static-hook-release/release/airlock-hook").path,
    repositoryRoot.appendingPathComponent(".build/release/airlock-hook").path,
    productDirectory.appendingPathComponent("airlock-hook").path,
]
let hookPath =
    option("--hook") ?? candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
let buildHint = "scripts/install   (or: swift build -c release --product airlock-hook -Xswiftc -static-executable)"
guard FileManager.default.isExecutableFile(atPath: hookPath) else {
    print("No airlock-hook at \(hookPath). Build the static hook first, then run the bench again:")
    print("  \(buildHint)")
    print("  swift run --package-path Benchmarks -c release hook-bench")
    exit(1)
}
let hookLinkage = linkage(hookPath)
if hookLinkage != "fully static" {
    print("Note: \(hookPath) is linked \(hookLinkage); the hook is meant to be built with")
    print("  \(buildHint)")
}

// A real broker on a temporary socket, deciding the sample at once (a policy hit).
let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hook-bench-\(getpid())").path
try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: directory) }
let socketPath = directory + "/airlock.sock"
let broker = try await BrokerServer.start(
    configuration: BrokerConfiguration(socketPath: socketPath), persistence: InMemoryPersistence())
let runDirectory = directory + "/run"
let separated = try await BrokerServer.start(
    configuration: BrokerConfiguration(
        socketPath: runDirectory + "/agent.sock", reviewSocketPath: runDirectory + "/review.sock", socketMode: 0o666),
    persistence: InMemoryPersistence())
let ownName = getpwuid(getuid()).map { String(cString: $0.pointee.pw_name) } ?? "root"

// samples/claude_PreToolUse_Bash.json (a real Claude Code 2.1 PreToolUse), with the command
// turned into a read that workspace-edit mode allows at once.
let sample = #"""
    {"session_id":"28267efc-4a10-4b98-98da-38de2ff142b8","transcript_path":"/home/dev/.claude/projects/-tmp-realclient-cases-bash-deny-proj/28267efc-4a10-4b98-98da-38de2ff142b8.jsonl","cwd":"/home/dev/proj","prompt_id":"2b5640de-98dd-4f5c-ae50-8da14b93eb06","permission_mode":"default","effort":{"level":"medium"},"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"git status","description":"Show working tree status"},"tool_use_id":"toolu_mock_00_062d346073c7"}
    """#
let hookInput = Array(sample.utf8)
// The C client sends exactly the line the hook sends (the agent pid is this process in both).
let event = try Harness.claude.parse(hookInput)
var benchAction = event.action
benchAction.agentPID = getpid()
let submitLine = SubmitCodec.request(
    SubmitParams(
        action: benchAction, deadlineMs: BrokerAsk.budgetMs(deadlineMs: Harness.claude.defaultDeadlineMs),
        toolUseID: event.toolUseID),
    id: BrokerAsk.requestID)

// The C client, static when the toolchain can.
let cSource = directory + "/client.c", cBinary = directory + "/client"
try CClient.source.write(toFile: cSource, atomically: true, encoding: .utf8)
/// Compiles a C source with the system compiler; false when it fails.
func cc(_ arguments: [String]) -> Bool {
    ProcessRun.run(["/usr/bin/cc", "-O2"] + arguments, stdin: [], environment: ProcessInfo.processInfo.environment)
        .status == 0
}

var cKind = "static"
if !cc(["-static", "-o", cBinary, cSource]) {
    cKind = "dynamic"
    guard cc(["-o", cBinary, cSource]) else {
        print("cannot compile the C client with /usr/bin/cc")
        exit(1)
    }
}

let rssSource = directory + "/rss.c", rssBinary = directory + "/rss"
try CClient.rssSource.write(toFile: rssSource, atomically: true, encoding: .utf8)
guard cc(["-o", rssBinary, rssSource]) else {
    print("cannot compile the RSS launcher with /usr/bin/cc")
    exit(1)
}
let hookInputFile = directory + "/hook-input.json", submitFile = directory + "/submit.jsonl"
try Data(hookInput).write(to: URL(fileURLWithPath: hookInputFile))
try Data(submitLine).write(to: URL(fileURLWithPath: submitFile))

let environment = ["AIRLOCK_SOCKET": socketPath, "PATH": "/usr/bin:/bin", "HOME": directory]
func runHook() -> ProcessRun { ProcessRun.run([hookPath, "claude"], stdin: hookInput, environment: environment) }
let systemEnvironment = environment.merging(["AIRLOCK_SYSTEM_RUN_DIR": runDirectory, "AIRLOCK_SYSTEM_USER": ownName]) {
    $1
}
func runSystemHook() -> ProcessRun {
    ProcessRun.run([hookPath, "claude", "--system"], stdin: hookInput, environment: systemEnvironment)
}
func runC() -> ProcessRun { ProcessRun.run([cBinary, socketPath], stdin: submitLine, environment: environment) }

// Both must get the broker's allow, not a local fallback, or the comparison means nothing.
let hookProbe = runHook(), cProbe = runC(), systemProbe = runSystemHook()
let measureSystem =
    systemProbe.stdout.contains(#""permissionDecision":"allow""#) && !systemProbe.stdout.contains("decided locally")
if !measureSystem {
    guard systemProbe.stdout.contains("this hook's own account") else {
        print("the --system hook did not get the agent socket's allow: \(systemProbe.stdout)")
        exit(1)
    }
}
guard hookProbe.stdout.contains(#""permissionDecision":"allow""#), !hookProbe.stdout.contains("decided locally") else {
    print("the hook did not get the broker's allow: \(hookProbe.stdout)")
    exit(1)
}
guard cProbe.stdout.contains(#""decision":"allow""#) else {
    print("the C client did not get an allow: \(cProbe.stdout)")
    exit(1)
}

for _ in 0..<warmUp {
    _ = runHook()
    _ = runC()
    if measureSystem { _ = runSystemHook() }
}
var hookRuns: [ProcessRun] = [], cRuns: [ProcessRun] = [], systemRuns: [ProcessRun] = []
@MainActor func runSystemHookIfMeasured() {
    if measureSystem { systemRuns.append(runSystemHook()) }
}
for index in 0..<runs {
    // Rotate which goes first, so none always follows another.
    switch index % 3 {
    case 0:
        hookRuns.append(runHook())
        runSystemHookIfMeasured()
        cRuns.append(runC())
    case 1:
        cRuns.append(runC())
        hookRuns.append(runHook())
        runSystemHookIfMeasured()
    default:
        runSystemHookIfMeasured()
        cRuns.append(runC())
        hookRuns.append(runHook())
    }
}
/// Peak RSS in MB over a few runs through the small launcher (see `CClient.rssSource`).
func peakRSS(_ argv: [String], input: String) -> Double {
    let samples = (0..<20).compactMap { _ in
        Double(
            ProcessRun.run([rssBinary, input] + argv, stdin: [], environment: environment).stdout.trimmingCharacters(
                in: .whitespacesAndNewlines))
    }
    return (samples.max() ?? 0) / 1024
}
let hookRSS = peakRSS([hookPath, "claude"], input: hookInputFile)
let cRSS = peakRSS([cBinary, socketPath], input: submitFile)
try await broker.shutdown()
try await separated.shutdown()

func percentile(_ values: [Double], _ fraction: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * fraction + 0.5))]
}
func fixed(_ value: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", value) }
func line(_ name: String, _ results: [ProcessRun], rss: Double) -> String {
    let times = results.map(\.milliseconds)
    let label = name.padding(toLength: 34, withPad: " ", startingAt: 0)
    return "  \(label) median \(fixed(percentile(times, 0.5))) ms   p90 \(fixed(percentile(times, 0.9))) ms   "
        + "max \(fixed(times.max() ?? 0)) ms   max RSS \(fixed(rss, 1)) MB"
}
let failures =
    (hookRuns + systemRuns).filter { !$0.stdout.contains(#""allow""#) || $0.stdout.contains("decided locally") }.count
    + cRuns.filter { !$0.stdout.contains(#""decision":"allow""#) }.count
print(
    "hook-bench: policy-hit decision (Claude PreToolUse Bash `git status`), whole process, \(runs) runs each, interleaved after \(warmUp) warm-up"
)
print(
    "  request line \(submitLine.count) bytes; hook input \(hookInput.count) bytes; broker in-process on \(socketPath)")
print(line("C client (\(cKind), cc -O2)", cRuns, rss: cRSS))
print(line("airlock-hook (\(hookLinkage))", hookRuns, rss: hookRSS))
if measureSystem { print(line("airlock-hook --system (agent.sock)", systemRuns, rss: hookRSS)) }
let ratio = percentile(hookRuns.map(\.milliseconds), 0.5) / percentile(cRuns.map(\.milliseconds), 0.5)
let warning = failures > 0 ? " — \(failures) runs did not get the broker's allow!" : ""
print("  ratio median(hook) / median(C): \(fixed(ratio, 2))× (target ≤ 2×, aiming at 1.5×)\(warning)")
if measureSystem {
    let systemRatio = percentile(systemRuns.map(\.milliseconds), 0.5) / percentile(hookRuns.map(\.milliseconds), 0.5)
    print("  ratio median(--system, agent.sock) / median(same user): \(fixed(systemRatio, 2))× (target ≤ 1.10×)")
} else {
    print("  --system not measured: its broker here is this process's own account, which a --system hook never believes")
}
