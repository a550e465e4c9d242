import AirlockCore
import FoundationEssentials
import Testing

/// A Bash call whose `tool_input` asks for `dangerouslyDisableSandbox` leaves the boundary the
/// sandboxed deployment relies on: a human decides, unless the harness's settings make the
/// request void (`allowUnsandboxedCommands: false`).
@Suite struct SandboxEscapeTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func action(_ command: String, escape: String? = "true") -> Action {
        var input = "\"command\":\(JSONValue.string(command).canonicalText)"
        if let escape { input += ",\"dangerouslyDisableSandbox\":\(escape)" }
        let raw = "{\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Bash\",\"tool_input\":{\(input)}}"
        return Action(harness: "claude", cwd: "/w", workspaceRoot: "/w", kind: .shell(command: command), raw: raw)
    }

    static let voiding = HarnessSandbox(
        harness: "claude", isEnabled: true, failsIfUnavailable: true, allowsUnsandboxedCommands: false)

    func decide(
        _ action: Action, sandbox: HarnessSandbox? = nil, exceptions: [PolicyException] = [], rules: [PolicyRule] = []
    )
        -> Decision
    {
        PolicyEngine.evaluate(
            action, Classifier.assess(action),
            context: PolicyContext(
                mode: .autoLoop, rules: rules, exceptions: exceptions, now: Self.now, harnessSandbox: sandbox))
    }

    @Test(arguments: [
        ("true", true), ("false", false), ("\"true\"", true), ("\"false\"", false), ("1", true), ("null", false),
    ])
    func theRequestIsReadFromThePayload(_ value: String, _ asks: Bool) {
        #expect(Self.action("ls", escape: value).asksToLeaveSandbox == asks)
    }

    @Test func onlyTheToolInputCounts() {
        #expect(!Self.action("echo dangerouslyDisableSandbox", escape: nil).asksToLeaveSandbox)
        var unreadable = Self.action("ls")
        unreadable.raw = "{\"tool_input\": {\"dangerouslyDisableSandbox\": tru"
        #expect(unreadable.asksToLeaveSandbox, "a payload that cannot be read counts as asking")
        var file = Self.action("ls")
        file.kind = .fileRead(path: "/w/a")
        #expect(!file.asksToLeaveSandbox, "only commands run in the sandbox")
    }

    @Test func aReadThatAsksToLeaveTheSandboxGoesToAHuman() {
        let decision = decide(Self.action("ls"))
        #expect(decision.verdict == .ask)
        #expect(decision.source == .sandboxEscape)
        #expect(decision.source.description == "sandbox_escape")
        #expect(decision.reason.contains("outside Claude Code's sandbox"), "\(decision.reason)")
        #expect(decide(Self.action("ls", escape: nil)).verdict == .allow)
    }

    @Test func settingsThatVoidTheRequestLeaveTheUsualDecision() {
        #expect(decide(Self.action("ls"), sandbox: Self.voiding) == decide(Self.action("ls", escape: nil)))
        var allowing = Self.voiding
        allowing.allowsUnsandboxedCommands = true
        #expect(decide(Self.action("ls"), sandbox: allowing).source == .sandboxEscape)
        allowing.allowsUnsandboxedCommands = nil
        #expect(decide(Self.action("ls"), sandbox: allowing).source == .sandboxEscape)
    }

    @Test func noExceptionOrAllowRuleLetsItOut() {
        let exception = PolicyException(
            id: "e1", effect: .allow, scope: .commandPrefix(["ls"]), binding: .everywhere, createdAt: Self.now,
            expiresAt: Self.now.addingTimeInterval(600), grantedBy: "alice", reason: "fine")
        let rule = PolicyRule(id: "r1", effect: .allow, scope: .commandPrefix(["ls"]))
        #expect(decide(Self.action("ls"), exceptions: [exception]).source == .sandboxEscape)
        #expect(decide(Self.action("ls"), rules: [rule]).source == .sandboxEscape)
        #expect(decide(Self.action("ls", escape: nil), exceptions: [exception]).verdict == .allow)
    }

    @Test func floorsAndDenialsStillComeFirst() {
        #expect(decide(Self.action("rm -rf ~/.config/airlock")).verdict == .deny)
        let deny = PolicyRule(id: "r2", effect: .deny, scope: .commandPrefix(["ls"]))
        #expect(decide(Self.action("ls"), rules: [deny]).source == .rule("r2"))
    }

    @Test func theBoundaryReportCarriesTheSettings() {
        let action = Self.action("ls")
        let report = BoundaryReport(
            workspace: "/w", boundaries: BoundaryKind.allCases.map { Boundary(kind: $0, state: .clear) },
            isTrusted: true, sandboxes: [Self.voiding])
        let measured = PolicyEngine.evaluate(
            action, Classifier.assess(action), context: PolicyContext(mode: .autoLoop, now: Self.now),
            boundaries: report)
        #expect(measured.verdict == .allow)
        let unmeasured = PolicyEngine.evaluate(
            action, Classifier.assess(action), context: PolicyContext(mode: .autoLoop, now: Self.now), boundaries: nil)
        #expect(unmeasured.source == .sandboxEscape)
    }
}
