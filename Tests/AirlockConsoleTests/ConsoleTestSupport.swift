import AirlockCore
import AirlockWire
import FoundationEssentials

@testable import AirlockConsole

/// Fixed times: the tests' clock only moves when a test sends `.tick`.
let t0 = Date(timeIntervalSince1970: 1_780_000_000)

/// A pending action built the way the broker builds one: the real classifier assesses it.
func queued(
    _ id: String, _ kind: Action.Kind, session: String = "7f3c9a2e-51", workspace: String = "/home/dev/src/api",
    harness: String = "claude", age: Double = 60, reason: String = "asks a human in workspace-edit"
) -> QueuedAction {
    let action = Action(harness: harness, session: session, cwd: workspace, workspaceRoot: workspace, kind: kind)
    let assessment = Classifier.assess(action)
    let queuedAt = t0.addingTimeInterval(-age)
    return QueuedAction(
        id: id, action: action, assessment: assessment, reason: reason,
        source: assessment.isHardFloor ? .hardFloor : .unmatched, queuedAt: queuedAt,
        deadline: queuedAt.addingTimeInterval(600))
}

func shell(_ id: String, _ command: String, session: String = "7f3c9a2e-51", age: Double = 60) -> QueuedAction {
    queued(id, .shell(command: command), session: session, age: age)
}

func exception(
    _ id: String, _ effect: PolicyRule.Effect = .allow, scope: Scope = .commandPrefix(["npm", "test"]),
    expiresIn: Double = 900
) -> PolicyException {
    PolicyException(
        id: id, effect: effect, scope: scope, binding: .repository("/home/dev/src/api"), createdAt: t0,
        expiresAt: t0.addingTimeInterval(expiresIn), grantedBy: "ana", reason: "testing")
}

func subscribed(_ pending: [QueuedAction], exceptions: [PolicyException] = []) -> ConsoleMessage {
    .connection(
        .subscribed(
            SubscribeResult(pending: pending, exceptions: exceptions, mode: .workspaceEdit, reviewWindowSeconds: 600)))
}

/// A connected console with `pending` waiting.
func console(
    _ pending: [QueuedAction] = [], exceptions: [PolicyException] = [],
    size: ScreenSize = ScreenSize(columns: 120, rows: 40),
    bell: Bool = true
) -> ConsoleState {
    var state = ConsoleState(
        configuration: ConsoleConfiguration(reviewer: "ana", size: size, now: t0, bellOnNewAction: bell))
    _ = Console.update(&state, subscribed(pending, exceptions: exceptions))
    return state
}

/// Types each character as a key press; returns every effect.
@discardableResult
func type(_ state: inout ConsoleState, _ text: String) -> [ConsoleEffect] {
    text.flatMap { Console.update(&state, .key(.character($0))) }
}

/// Presses a key the way the console's loop delivers it: after a frame of the state so far has
/// been shown (an approval waits for that).
@discardableResult
func press(_ state: inout ConsoleState, _ key: Key) -> [ConsoleEffect] {
    _ = Console.update(&state, .frameShown)
    return Console.update(&state, .key(key))
}

/// The requests among the effects.
func requests(_ effects: [ConsoleEffect]) -> [ClientRequest] {
    effects.compactMap { if case .send(let request, _) = $0 { request } else { nil } }
}

func decisions(_ effects: [ConsoleEffect]) -> [DecideParams] {
    requests(effects).compactMap { if case .decide(let params) = $0 { params } else { nil } }
}

/// A realistic mixed queue.
func sampleQueue() -> [QueuedAction] {
    [
        shell("a1", "rm -rf build/ dist/", age: 120),
        shell("a2", "npm test", age: 30),
        shell("a3", "git push --force origin main", session: "sess-91ab", age: 300),
        queued("a4", .fileEdit(path: "src/app.ts", edits: [FileEdit(oldText: "let x = 1", newText: "let x = 2")])),
        queued(
            "a5",
            .mcp(MCPCall(server: "github", tool: "create_issue", arguments: .object(["title": .string("Bug")])))),
        shell("a6", "kubectl --context prod-eu apply -f deploy.yaml", age: 10),
    ]
}

/// The tag of the first request among the effects.
func sentTag(_ effects: [ConsoleEffect]) -> RequestTag? {
    effects.lazy.compactMap { if case .send(_, let tag) = $0 { tag } else { nil } }.first
}

/// A decision the broker made, as it tells consoles (`actionDecided`).
func decided(
    _ id: String, _ command: String, _ verdict: Verdict = .allow, source: Decision.Source = .mode(.workspaceEdit),
    session: String = "7f3c9a2e-51", workspace: String = "/home/dev/src/api", age: Double = 30,
    reason: String = "Allowed: read in workspace-edit mode."
) -> ConsoleMessage {
    let assessment = Classifier.assess(Action(cwd: workspace, kind: .shell(command: command)))
    let record = DecisionRecord(
        time: t0.addingTimeInterval(-age), actionID: id, harness: "claude", session: session, workspace: workspace,
        summary: command, subject: .shell(command: command), categories: assessment.categories, risk: assessment.risk,
        verdict: verdict, source: source, reviewer: nil, reason: reason)
    return .notification(.actionDecided(ActionDecided(decision: record)))
}
