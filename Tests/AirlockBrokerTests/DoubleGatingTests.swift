import AirlockCore
import AirlockWire
import Foundation
import Testing

@testable import AirlockBroker

/// One MCP tool call passes two gates (the harness's hook, then `airlock mcp`); the human is
/// asked once, and a forged or reused call id never skips a gate.
struct DoubleGatingTests {
    static let proxy = ConnectionID(7)
    static let stranger = ConnectionID(8)

    static func call(_ tool: String = "git_reset", arguments: JSONValue = .object(["repo_path": .string(".")]))
        -> Action.Kind
    {
        .mcp(MCPCall(server: "git", tool: tool, arguments: arguments))
    }

    /// A driver with the agent, a console, the proxy (same uid) and a process of another uid.
    static func driver() -> MachineDriver {
        var driver = MachineDriver()
        driver.openAgentAndConsole()
        _ = driver.machine.handle(.connectionOpened(proxy, peer: PeerCredentials(pid: 700, uid: 1000)))
        _ = driver.machine.handle(.connectionOpened(stranger, peer: PeerCredentials(pid: 800, uid: 1001)))
        return driver
    }

    static func hook(
        _ driver: inout MachineDriver, _ kind: Action.Kind = call(), id: String? = "toolu_1", at seconds: Double = 0
    ) -> [BrokerEffect] {
        let action = Action(harness: "claude", session: "s1", agentPID: 500, cwd: "/work/proj", kind: kind)
        return driver.handle(
            .actionSubmitted(
                MachineDriver.agent, driver.requestID(), SubmitParams(action: action, toolUseID: id),
                now: driver.at(seconds)), at: driver.at(seconds))
    }

    static func proxySubmit(
        _ driver: inout MachineDriver, _ kind: Action.Kind = call(), id: String? = "toolu_1",
        on connection: ConnectionID = proxy, at seconds: Double = 2
    ) -> [BrokerEffect] {
        let action = Action(harness: "mcp", session: "s1", agentPID: 500, cwd: "/work/proj", kind: kind)
        return driver.handle(
            .actionSubmitted(
                connection, driver.requestID(), SubmitParams(action: action, toolUseID: id), now: driver.at(seconds)),
            at: driver.at(seconds))
    }

    /// The hook's call, approved by a human; returns its action id.
    static func approvedHookCall(_ driver: inout MachineDriver) throws -> String {
        let id = try #require(hook(&driver).queued.first?.id)
        #expect(driver.decide([id], .allow).answers.first?.decision == .allow)
        return id
    }

    @Test func theProxyGetsTheHooksDecisionWithoutAskingAgain() throws {
        var driver = Self.driver()
        let hookID = try Self.approvedHookCall(&driver)
        let effects = Self.proxySubmit(&driver)
        #expect(effects.queued.isEmpty, "the human is not asked twice")
        let answer = try #require(effects.answers.first)
        #expect(answer.decision == .allow)
        #expect(answer.source == .hook(hookID))
        #expect(answer.reason.contains("Allowed by alice"))
        let record = try #require(effects.records.first)
        #expect(record.source == .hook(hookID))
        #expect(record.harness == "mcp")
        #expect(driver.machine.pendingCount == 0)
    }

    @Test func aDeniedHookCallStaysDeniedAtTheProxy() throws {
        var driver = Self.driver()
        let id = try #require(Self.hook(&driver).queued.first?.id)
        _ = driver.decide([id], .deny, reason: "not on main")
        let answer = try #require(Self.proxySubmit(&driver).answers.first)
        #expect(answer.decision == .deny)
        #expect(answer.source == .hook(id))
    }

    @Test(
        "a different call under the same id is gated normally",
        arguments: [
            call(arguments: .object(["repo_path": .string("/")])),
            call("git_clean"),
            Action.Kind.mcp(
                MCPCall(server: "other", tool: "git_reset", arguments: .object(["repo_path": .string(".")]))),
        ])
    func mismatchIsGated(_ kind: Action.Kind) throws {
        var driver = Self.driver()
        _ = try Self.approvedHookCall(&driver)
        let effects = Self.proxySubmit(&driver, kind)
        #expect(effects.answers.isEmpty)
        #expect(effects.queued.count == 1)
        // The call the decision belongs to still gets it.
        #expect(Self.proxySubmit(&driver, at: 3).answers.first?.decision == .allow)
    }

    @Test func anApprovalDoesNotCoverWhatTheProxySeesAsRiskier() throws {
        var driver = Self.driver()
        let plain = Action.Kind.mcp(MCPCall(server: "notes", tool: "sync", arguments: .object(["id": .number(1)])))
        let id = try #require(Self.hook(&driver, plain).queued.first?.id)
        _ = driver.decide([id], .allow)
        // The server's annotations, which only the proxy sees, say the call destroys data.
        let destructive = Action.Kind.mcp(
            MCPCall(
                server: "notes", tool: "sync", arguments: .object(["id": .number(1)]),
                annotations: MCPAnnotations(readOnlyHint: false, destructiveHint: true)))
        let effects = Self.proxySubmit(&driver, destructive)
        #expect(effects.answers.isEmpty)
        #expect(effects.queued.count == 1, "the human decides again, with the annotations in view")
    }

    @Test func anotherUserCannotUseTheDecision() throws {
        var driver = Self.driver()
        _ = try Self.approvedHookCall(&driver)
        let effects = Self.proxySubmit(&driver, on: Self.stranger)
        #expect(effects.answers.isEmpty)
        #expect(effects.queued.count == 1)
    }

    @Test func aForgedOrMissingIdIsGated() throws {
        var driver = Self.driver()
        _ = try Self.approvedHookCall(&driver)
        #expect(Self.proxySubmit(&driver, id: "toolu_forged").queued.count == 1)
        #expect(Self.proxySubmit(&driver, id: nil).queued.count == 1)
    }

    @Test func oneDecisionAnswersOneCall() throws {
        var driver = Self.driver()
        _ = try Self.approvedHookCall(&driver)
        #expect(Self.proxySubmit(&driver).answers.first?.decision == .allow)
        let replay = Self.proxySubmit(&driver, at: 3)
        #expect(replay.answers.isEmpty)
        #expect(replay.queued.count == 1)
    }

    @Test func theDecisionExpiresWithTheReviewWindow() throws {
        var driver = Self.driver()
        _ = try Self.approvedHookCall(&driver)
        // Decided at 1 s; the review window is 600 s.
        let late = Self.proxySubmit(&driver, at: 602)
        #expect(late.answers.isEmpty)
        #expect(late.queued.count == 1)
    }

    @Test func expiredDecisionsAreForgottenOnTheClock() throws {
        var driver = Self.driver()
        _ = try Self.approvedHookCall(&driver)
        #expect(driver.machine.toolCalls.count == 1)
        _ = driver.tick(at: 700)
        #expect(driver.machine.toolCalls.count == 0)
    }

    @Test func onlyHookDecisionsAreShared() throws {
        var driver = Self.driver()
        // The proxy first: its decision is not offered to a hook (nor to another proxy call).
        let id = try #require(Self.proxySubmit(&driver, at: 0).queued.first?.id)
        _ = driver.decide([id], .allow)
        #expect(Self.hook(&driver, at: 2).queued.count == 1)
        #expect(Self.proxySubmit(&driver, at: 3).queued.count == 1)
    }

    @Test func policyDecisionsAreSharedToo() throws {
        var driver = Self.driver()
        // A read the mode allows at once; the proxy's gate of it is answered the same way.
        let read = Self.call("git_status")
        let hookAnswer = try #require(Self.hook(&driver, read).answers.first)
        let proxyAnswer = try #require(Self.proxySubmit(&driver, read).answers.first)
        #expect(proxyAnswer.decision == hookAnswer.decision)
        #expect(proxyAnswer.source == .hook(hookAnswer.id))
    }

    @Test func memoryIsBounded() {
        var memory = ToolCallMemory()
        let now = Date(timeIntervalSince1970: 0)
        for number in 0...ToolCallMemory.capacity {
            memory.remember(
                ToolCallMemory.Key(uid: 1, toolUseID: "t\(number)"),
                ToolCallMemory.Entry(
                    fingerprint: "f", verdict: .allow, reason: "r", risk: .medium, actionID: "a\(number)",
                    expiresAt: now.addingTimeInterval(60)))
        }
        #expect(memory.count == ToolCallMemory.capacity)
        #expect(memory.take(ToolCallMemory.Key(uid: 1, toolUseID: "t0"), fingerprint: "f", now: now) == nil)
        #expect(memory.take(ToolCallMemory.Key(uid: 1, toolUseID: "t1"), fingerprint: "f", now: now)?.actionID == "a1")
    }
}
