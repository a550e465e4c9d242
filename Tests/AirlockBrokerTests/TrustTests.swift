import AirlockCore
import AirlockWire
import Foundation
import Synchronization
import Testing

@testable import AirlockBroker

/// Trust is a reviewer operation: authorised like `grant`, written off the loop, logged with the
/// reviewer, in effect at once for the workspace.
@Suite struct TrustTests {
    static func trustedAfterWrite() -> MachineDriver {
        var driver = MachineDriver { $0.appliesBoundaries = true }
        let trusted = Mutex(false)
        driver.boundaryReport = { _ in
            BoundaryModeTests.report(BoundaryModeTests.clear, trusted: trusted.withLock { $0 })
        }
        driver.trustOutcome = { workspace, value in
            trusted.withLock { $0 = value }
            return .success(
                TrustResult(
                    workspace: workspace, remote: "git@example.com:acme/proj.git", isTrusted: value, changed: true,
                    listPath: "/cfg/trusted-repos"))
        }
        return driver
    }

    @Test func trustIsLoggedWithTheReviewerAndTakesEffectAtOnce() throws {
        var driver = Self.trustedAfterWrite()
        driver.openAgentAndConsole()
        let waiting = try driver.mustQueue("touch notes.txt", at: 1)

        let effects = driver.trust("/work/proj", at: 2)
        let record = try #require(effects.records.first)
        #expect(record.summary == "airlock trust /work/proj")
        #expect(record.source == .human("alice"))
        #expect(record.reviewer == "alice")
        #expect(record.verdict == .allow)
        #expect(record.reason.contains("Trusted by alice (remote git@example.com:acme/proj.git)"))
        #expect(
            effects.results.contains(
                .trust(
                    TrustResult(
                        workspace: "/work/proj", remote: "git@example.com:acme/proj.git", isTrusted: true,
                        changed: true,
                        listPath: "/cfg/trusted-repos"))))
        // Measured again at once, and the consoles told.
        #expect(driver.measured == ["/work/proj", "/work/proj"])
        #expect(
            effects.notifications.contains {
                if case .boundariesMeasured(let m) = $0 { m.report.isTrusted } else { false }
            })
        // What already waits stays for the reviewer; the next edit runs.
        #expect(driver.machine.pendingIDs == [waiting])
        #expect(driver.submit("touch other.txt", at: 3).answers.first?.decision == .allow)
        // Untrusting puts it back to read-only.
        _ = driver.trust("/work/proj", trusted: false, at: 4)
        #expect(driver.submit("touch third.txt", at: 5).queued.count == 1)
    }

    @Test func aMeasurementStartedBeforeTheChangeIsNotUsed() {
        var driver = Self.trustedAfterWrite()
        driver.defersBoundaries = true
        driver.open(MachineDriver.agent, pid: 600)
        driver.open(MachineDriver.console, pid: 900)
        _ = driver.submit("touch notes.txt", at: 0)  // waits; a measurement is in flight
        driver.defersBoundaries = false
        // The reviewer trusts it while that measurement runs: its (untrusted) answer is dropped.
        _ = driver.trust("/work/proj", at: 0.5)
        driver.unansweredMeasurements = []
        let stale = driver.machine.handle(
            .boundariesMeasured(
                workspace: "/work/proj", report: BoundaryModeTests.report(BoundaryModeTests.clear, trusted: false),
                now: driver.at(0.6)))
        #expect(stale.answers.isEmpty)
        #expect(stale.contains(.measureBoundaries(workspace: "/work/proj")))
        let fresh = driver.machine.handle(
            .boundariesMeasured(
                workspace: "/work/proj", report: BoundaryModeTests.report(BoundaryModeTests.clear, trusted: true),
                now: driver.at(0.7)))
        #expect(fresh.answers.map(\.decision) == [.allow])
    }

    @Test func anAgentCannotTrustFromInsideItsOwnProcessTree() {
        var driver = MachineDriver({ $0.appliesBoundaries = true }, descendants: [(777, MachineDriver.agentPID)])
        driver.boundaryReport = { _ in BoundaryModeTests.report(BoundaryModeTests.clear, trusted: false) }
        driver.openAgentAndConsole()
        _ = driver.submit("touch notes.txt", at: 1)
        driver.open(ConnectionID(9), pid: 777)
        let effects = driver.trust("/work/proj", by: ConnectionID(9), at: 2)
        #expect(effects.errors.map(\.code) == [RPCErrorCode.selfApprovalRefused.rawValue])
        #expect(!effects.contains { if case .changeTrust = $0 { true } else { false } })
        #expect(effects.records.isEmpty)
    }

    /// The client's `reviewer` is not believed, so an empty one is no error; a relative path is.
    @Test(arguments: [
        ("alice", "proj", "workspace must be an absolute path"), ("", "", "workspace must be an absolute path"),
    ])
    func badParamsChangeNothing(reviewer: String, workspace: String, message: String) {
        var driver = MachineDriver()
        driver.open(MachineDriver.console, pid: 900)
        let effects = driver.handle(
            .trustRequested(
                MachineDriver.console, .number(1), TrustParams(workspace: workspace, reviewer: reviewer),
                trusted: true, now: driver.at(1)), at: driver.at(1))
        #expect(effects.errors.first?.message.contains(message) == true)
        #expect(effects.count == 1)
    }

    /// `MethodAccess`: the agent's own hook connection (no terminal) and the agent socket are
    /// refused whatever the request claims; nothing is written.
    @Test(arguments: [
        (Listener.shared, Int32(600), RPCErrorCode.notAuthenticated), (.agent, 600, .notOnThisSocket),
        (.review, 900, .notAuthenticated),
    ])
    func onlyAReviewerMayTrust(listener: Listener, pid: Int32, code: RPCErrorCode) {
        var driver = MachineDriver()
        let connection = ConnectionID(9)
        driver.open(connection, pid: pid, listener: listener)
        for trusted in [true, false] {
            let effects = driver.trust("/work/proj", trusted: trusted, by: connection)
            #expect(effects.errors.map(\.code) == [code.rawValue], "\(effects)")
            #expect(!effects.contains { if case .changeTrust = $0 { true } else { false } })
            #expect(effects.records.isEmpty)
        }
    }

    /// A reviewer authenticated by passphrase on review.sock gives it again to trust (not to
    /// untrust); the change is logged under the kernel's account, with how the broker knew.
    @Test func trustOnTheReviewSocketAsksForThePassphraseAgain() throws {
        var driver = Self.trustedAfterWrite()
        IdentityTests.authenticated(&driver)
        let console = IdentityTests.reviewConsole
        let bare = driver.trust("/work/proj", by: console)
        #expect(bare.errors.map(\.code) == [RPCErrorCode.passphraseRequired.rawValue])
        let asked = driver.handle(
            .trustRequested(
                console, .number(5), TrustParams(workspace: "/work/proj", reviewer: "mallory", passphrase: "right one"),
                trusted: true, now: driver.at(2)), at: driver.at(2))
        guard case .checkPassphrase(_, _, _, let check)? = asked.first else {
            Issue.record("no check: \(asked)")
            return
        }
        let done = driver.handle(.passphraseChecked(console, check, matches: true, now: driver.at(2)), at: driver.at(2))
        let record = try #require(done.records.first)
        #expect(record.reviewer == "alice")
        #expect(record.reviewerIdentity?.contains("authenticated by passphrase") == true)
        #expect(driver.trust("/work/proj", trusted: false, by: console, at: 3).errors.isEmpty)
    }

    @Test func aFailedWriteIsAnErrorAndNothingIsLogged() {
        var driver = MachineDriver()
        driver.trustOutcome = { _, _ in .failure(TrustFailure("/nowhere is not a directory on this machine")) }
        driver.open(MachineDriver.console, pid: 900)
        let effects = driver.trust("/nowhere")
        #expect(effects.errors.first?.message == "/nowhere is not a directory on this machine")
        #expect(effects.records.isEmpty)
    }

    @Test func alreadyTrustedIsAnsweredAndNotLogged() {
        var driver = MachineDriver()
        driver.trustOutcome = { workspace, _ in
            .success(TrustResult(workspace: workspace, remote: nil, isTrusted: true, changed: false, listPath: "/l"))
        }
        driver.open(MachineDriver.console, pid: 900)
        let effects = driver.trust("/work/proj")
        #expect(effects.records.isEmpty)
        #expect(effects.results.count == 1)
    }
}
