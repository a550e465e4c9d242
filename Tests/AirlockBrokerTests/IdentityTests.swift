import AirlockCore
import AirlockStore
import AirlockWire
import Foundation
import Testing

@testable import AirlockBroker

/// Who may ask what (`MethodAccess`), who the agent and the reviewer are (from the kernel, never
/// from the client), what a stored exception must show, and the passphrase of the separated
/// deployment's review socket: the state machine's side of issue 12.
@Suite struct IdentityTests {
    static let reviewConsole = ConnectionID(7)

    // MARK: The table

    @Test(arguments: RPCMethod.allCases)
    func everyMethodHasARuleOnEverySocket(_ method: RPCMethod) {
        // Agents submit and ask for status on agent.sock, nothing else; reviewer operations are
        // never open anywhere.
        #expect(MethodAccess.rule(method, on: .agent) == ([.submit, .status].contains(method) ? .open : .refused))
        if [.decide, .grant, .revoke].contains(method) {
            for listener in Listener.allCases { #expect(MethodAccess.rule(method, on: listener) != .open) }
        }
        #expect(MethodAccess.rule(.submit, on: .review) == .refused)
    }

    @Test func theAgentSocketServesSubmitAndNothingThatDecides() throws {
        var driver = MachineDriver()
        driver.open(MachineDriver.agent, pid: 600, listener: .agent)
        driver.open(Self.reviewConsole, pid: 900, listener: .review)
        driver.open(MachineDriver.console, pid: 901, listener: .agent)
        #expect(
            driver.machine.handle(.consoleSubscribed(MachineDriver.console, 1, SubscribeParams(), now: driver.start)).errors.first?
                .knownCode == .notOnThisSocket)
        let effects = driver.decide(["t-1"], .allow, by: MachineDriver.console)
        #expect(effects.errors.first?.knownCode == .notOnThisSocket)
        #expect(effects.contains { if case .logRefusal(let text) = $0 { text.contains("agent socket") } else { false } })
    }

    // MARK: Same user: a terminal, and not the agent's

    @Test func aDecisionFromAProcessWithoutATerminalIsRefused() throws {
        // A helper the agent detached (nohup, setsid, a double fork) has no controlling terminal.
        var driver = MachineDriver(terminals: [950: 0])
        driver.openAgentAndConsole()
        driver.open(ConnectionID(9), pid: 950)
        let id = try driver.mustQueue("rm -rf build")
        let effects = driver.decide([id], .allow, by: ConnectionID(9))
        #expect(effects.errors.first?.knownCode == .notAuthenticated)
        #expect(effects.errors.first?.message.contains("no controlling terminal") == true)
        #expect(effects.contains { if case .logRefusal = $0 { true } else { false } })
        #expect(driver.machine.pendingIDs == [id])
        #expect(
            driver.machine.handle(
                .grantRequested(ConnectionID(9), 2, GrantParams(exception: .allowCurl()), now: driver.at(1))
            ).errors.first?.knownCode == .notAuthenticated)
    }

    @Test func aDecisionFromTheAgentsOwnTerminalIsRefused() throws {
        // The agent runs in a terminal (pts/3), and a helper it started there keeps it.
        let agentTerminal: Int32 = 34_819
        var driver = MachineDriver(terminals: [MachineDriver.agentPID: agentTerminal, 950: agentTerminal])
        driver.openAgentAndConsole()
        driver.open(ConnectionID(9), pid: 950)
        let id = try driver.mustQueue("rm -rf build")
        let effects = driver.decide([id], .allow, by: ConnectionID(9))
        #expect(effects.errors.first?.knownCode == .selfApprovalRefused)
        #expect(effects.errors.first?.message.contains("pts/3") == true)
        #expect(driver.decide([id], .allow).answers.first?.decision == .allow, "the console elsewhere may")
    }

    @Test func aForgedAgentPIDIsIgnored() throws {
        // The hook (600) under agent 500 claims pid 4242; the console 700 descends from 500.
        var driver = MachineDriver(descendants: [(700, 500)])
        driver.openAgentAndConsole(consolePID: 700)
        let id = try #require(driver.submit("rm -rf build", agentPID: 4242).queued.first).id
        #expect(driver.decide([id], .allow).errors.first?.knownCode == .selfApprovalRefused)
    }

    @Test func anOrphanedSubmittersActionIsDecidedByNoOne() throws {
        // A detached helper submits: its parent is init, so no reviewer can be outside "its tree".
        var driver = MachineDriver(descendants: [(610, 1)])
        driver.openAgentAndConsole()
        driver.open(ConnectionID(11), pid: 610)
        let id = try driver.mustQueue("rm -rf build", on: ConnectionID(11))
        let effects = driver.decide([id], .allow)
        #expect(effects.errors.first?.knownCode == .selfApprovalRefused)
        #expect(effects.errors.first?.message.contains("orphaned") == true)
        // …but it does not block grants for everyone else.
        #expect(driver.grant(.denyCurl()).errors.isEmpty)
    }

    // MARK: Stored exceptions

    static func stored(
        _ driver: MachineDriver, id: String = "s1", effect: PolicyRule.Effect = .allow,
        scope: Scope = .commandPrefix(["curl"]), lasting: Double = 600, createdAt: Double = 0,
        grantedBy: String = "alice", sealed: Bool = true
    ) -> PolicyException {
        let exception = PolicyException(
            id: id, effect: effect, scope: scope, binding: .everywhere, createdAt: driver.at(createdAt),
            expiresAt: driver.at(createdAt + lasting), grantedBy: grantedBy, reason: "stored")
        return sealed ? driver.sealer.sealed(exception) : exception
    }

    @Test func aStoredRowWithoutTheBrokersSealIsRefusedAndReported() throws {
        var driver = MachineDriver()
        driver.openAgentAndConsole()
        let id = try driver.mustQueue("curl https://a.example")
        let inserted = Self.stored(driver, sealed: false)
        let effects = driver.machine.handle(.exceptionsReloaded([inserted], now: driver.at(2)))
        #expect(effects.answers.isEmpty, "the row let nothing through")
        #expect(driver.machine.activeExceptions.isEmpty)
        #expect(effects.notifications.contains { if case .exceptionRejected(let r) = $0 { r.id == "s1" } else { false } })
        #expect(effects.contains { if case .logRefusal(let text) = $0 { text.contains("s1") } else { false } })
        guard case .status(let status) = driver.machine.handle(.statusRequested(MachineDriver.console, 3, now: driver.at(3)))
            .results.first
        else { Issue.record("no status"); return }
        #expect(status.rejectedExceptions?.map(\.id) == ["s1"])
        #expect(driver.machine.pendingIDs == [id])
    }

    /// Rows with a valid seal that a grant would still refuse; and a sealed row changed after.
    @Test(arguments: ["tampered", "hard floor", "over the cap", "from the future", "unknown granter"])
    func storedRowsAreJudgedAsAGrantIs(_ case: String) throws {
        var driver = MachineDriver()
        driver.openAgentAndConsole()
        var row: PolicyException
        switch `case` {
        case "tampered":
            row = Self.stored(driver, scope: .commandPrefix(["curl"]))
            row.scope = .category(.destructiveFS)
        case "hard floor": row = Self.stored(driver, scope: .category(.dataDelete))
        case "over the cap": row = Self.stored(driver, lasting: 9 * 3600)
        case "from the future": row = Self.stored(driver, createdAt: 3600)
        default: row = Self.stored(driver, grantedBy: "mallory")
        }
        _ = driver.machine.handle(.exceptionsReloaded([row], now: driver.at(2)))
        #expect(driver.machine.activeExceptions.isEmpty, "\(`case`)")
        #expect(driver.machine.rejected["s1"] != nil)
    }

    @Test func aSealedRowIsUsedAndARevocationHereIsNeverUndoneByTheStore() throws {
        var driver = MachineDriver()
        driver.openAgentAndConsole()
        let row = Self.stored(driver)
        _ = driver.machine.handle(.exceptionsReloaded([row], now: driver.at(1)))
        #expect(driver.machine.activeExceptions.map(\.id) == ["s1"])
        _ = driver.machine.handle(.revokeRequested(MachineDriver.console, 5, RevokeParams(id: "s1"), now: driver.at(2)))
        // The store still lists it unrevoked (its revoked_at set back to NULL): not taken back.
        _ = driver.machine.handle(.exceptionsReloaded([row], now: driver.at(4)))
        #expect(driver.machine.activeExceptions.isEmpty)
    }

    @Test func whatTheBrokerGrantsItSeals() throws {
        var driver = MachineDriver()
        driver.openAgentAndConsole()
        let effects = driver.grant(.allowCurl())
        let saved = effects.compactMap { if case .saveException(let e, _) = $0 { e } else { nil } }
        #expect(saved.count == 1)
        #expect(saved.first.map { driver.sealer.problem($0) == nil } == true)
    }

    // MARK: review.sock: authentication and the passphrase again

    /// A console on review.sock (pid 900, uid 1000) authenticated with its passphrase.
    static func authenticated(_ driver: inout MachineDriver) {
        driver.open(MachineDriver.agent, pid: 600, listener: .agent)
        driver.open(reviewConsole, pid: 900, listener: .review)
        let asked = driver.machine.handle(
            .authenticationRequested(reviewConsole, 1, AuthenticateParams(passphrase: "right one"), now: driver.at(0)))
        guard case .checkPassphrase(_, let user, let passphrase, let check)? = asked.first else {
            Issue.record("no check: \(asked)")
            return
        }
        #expect(user == "alice")
        #expect(passphrase == "right one")
        let done = driver.machine.handle(.passphraseChecked(reviewConsole, check, matches: true, now: driver.at(0)))
        #expect(done.results.first == .authenticate(AuthenticateResult(reviewer: "alice", authentication: "passphrase")))
        _ = driver.machine.handle(.consoleSubscribed(reviewConsole, 2, SubscribeParams(), now: driver.start))
    }

    @Test func reviewerOperationsOnTheReviewSocketNeedAuthentication() throws {
        var driver = MachineDriver()
        driver.open(MachineDriver.agent, pid: 600, listener: .agent)
        driver.open(Self.reviewConsole, pid: 900, listener: .review)
        let subscribe = driver.machine.handle(.consoleSubscribed(Self.reviewConsole, 1, SubscribeParams(), now: driver.start))
        #expect(subscribe.errors.first?.knownCode == .notAuthenticated)
        #expect(driver.decide(["t-1"], .allow, by: Self.reviewConsole).errors.first?.knownCode == .notAuthenticated)
        // Airlock's own user (reached through sudo) and root count as authenticated.
        var system = MachineDriver { $0.brokerUID = 995 }
        system.open(ConnectionID(8), pid: 901, uid: 995, listener: .review)
        #expect(system.machine.handle(.consoleSubscribed(ConnectionID(8), 1, SubscribeParams(), now: system.start)).errors.isEmpty)
    }

    @Test func wrongPassphrasesLockTheUserOutForLongerEachTime() throws {
        var driver = MachineDriver()
        driver.open(Self.reviewConsole, pid: 900, listener: .review)
        let guess = AuthenticateParams(passphrase: "guess")
        let first = driver.machine.handle(.authenticationRequested(Self.reviewConsole, 1, guess, now: driver.at(0)))
        guard case .checkPassphrase(_, _, _, let check)? = first.first else { Issue.record("no check"); return }
        // A second guess while the first is checked is refused, not queued.
        #expect(
            driver.machine.handle(.authenticationRequested(Self.reviewConsole, 2, guess, now: driver.at(0))).errors
                .first?.knownCode == .notAuthenticated)
        let failed = driver.machine.handle(.passphraseChecked(Self.reviewConsole, check, matches: false, now: driver.at(0)))
        #expect(failed.errors.first?.knownCode == .notAuthenticated)
        let locked = driver.machine.handle(.authenticationRequested(Self.reviewConsole, 3, guess, now: driver.at(0.5)))
        #expect(locked.errors.first?.message.contains("too many wrong passphrases") == true)
        let later = driver.machine.handle(.authenticationRequested(Self.reviewConsole, 4, guess, now: driver.at(1.5)))
        #expect(later.contains { if case .checkPassphrase = $0 { true } else { false } })
    }

    @Test func approvingSomethingHighAsksForThePassphraseAgain() throws {
        var driver = MachineDriver()
        Self.authenticated(&driver)
        let id = try driver.mustQueue("git push --force origin main")
        // Keys typed into the console's pane send a plain decide: refused until the passphrase comes.
        let plain = driver.decide([id], .allow, by: Self.reviewConsole)
        #expect(plain.errors.first?.knownCode == .passphraseRequired)
        #expect(driver.machine.pendingIDs == [id])
        let withPassphrase = driver.machine.handle(
            .verdictGiven(
                Self.reviewConsole, 9, DecideParams(ids: [id], verdict: .allow, passphrase: "right one"),
                now: driver.at(1)))
        guard case .checkPassphrase(_, _, _, let check)? = withPassphrase.first else {
            Issue.record("no check: \(withPassphrase)"); return
        }
        let wrong = driver.machine.handle(.passphraseChecked(Self.reviewConsole, check, matches: false, now: driver.at(1)))
        #expect(wrong.answers.isEmpty)
        let later = driver.machine.handle(
            .verdictGiven(
                Self.reviewConsole, 10, DecideParams(ids: [id], verdict: .allow, passphrase: "right one"),
                now: driver.at(5)))
        guard case .checkPassphrase(_, _, _, let again)? = later.first else { Issue.record("no check"); return }
        let done = driver.machine.handle(.passphraseChecked(Self.reviewConsole, again, matches: true, now: driver.at(5)))
        #expect(done.answers.first?.decision == .allow)
        #expect(done.records.first?.reviewerIdentity?.contains("authenticated by passphrase") == true)
        // A deny, or an approval of something low, needs no passphrase again.
        let low = try driver.mustQueue("curl https://a.example")
        #expect(driver.decide([low], .deny, by: Self.reviewConsole).answers.first?.decision == .deny)
    }
}
