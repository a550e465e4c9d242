import AirlockCore
import AirlockWire
import Foundation
import Testing

@testable import AirlockBroker

/// Trusting a repository's `.airlock/policy.toml` is a reviewer operation like `trust`: refused
/// on the agent socket, without a terminal, from a waiting agent's tree, and (on review.sock)
/// without the passphrase again; done, it is logged with the kernel's reviewer and the
/// repository's rules and boundaries are read again at once.
@Suite struct PolicyTrustRequestTests {
    static let hash = String(repeating: "ab", count: 32)

    @Test func aReviewerAtATerminalTrustsAndItIsLoggedAndReadAgain() throws {
        var driver = MachineDriver { $0.appliesBoundaries = true }
        driver.openAgentAndConsole()
        _ = driver.submit("ls", at: 0)
        let effects = driver.trustPolicy("/work/proj", at: 2)
        let record = try #require(effects.records.first)
        #expect(record.summary == "airlock policy trust /work/proj")
        #expect(record.source == .human("alice"))
        #expect(record.reason.contains("Policy file trusted by alice (sha256 abababababab), 1 rule(s)"), "\(record.reason)")
        #expect(
            effects.results.contains(
                .policyTrust(
                    PolicyTrustResult(
                        path: "/work/proj/.airlock/policy.toml", sha256: Self.hash, changed: true,
                        rules: ["allow command make docs"]))))
        #expect(effects.contains(.measureBoundaries(workspace: "/work/proj")), "\(effects)")
        let withdrawn = driver.trustPolicy("/work/proj", sha256: nil, trusted: false, at: 3)
        #expect(withdrawn.records.first?.summary == "airlock policy untrust /work/proj")
        #expect(withdrawn.records.first?.verdict == .deny)
    }

    @Test func trustWithoutTheHashOrAPathIsRefused() {
        var driver = MachineDriver()
        driver.openAgentAndConsole()
        #expect(driver.trustPolicy("/work/proj", sha256: nil).errors.first?.knownCode == .invalidParams)
        #expect(driver.trustPolicy("relative/proj").errors.first?.knownCode == .invalidParams)
    }

    /// The agent's own routes: the agent socket, a process without a terminal, its own tree.
    @Test func theAgentCannotTrustAPolicyFile() throws {
        var onAgentSocket = MachineDriver()
        onAgentSocket.open(ConnectionID(9), pid: 950, listener: .agent)
        #expect(onAgentSocket.trustPolicy("/w", by: ConnectionID(9)).errors.first?.knownCode == .notOnThisSocket)
        #expect(
            onAgentSocket.trustPolicy("/w", trusted: false, by: ConnectionID(9)).errors.first?.knownCode
                == .notOnThisSocket)

        var detached = MachineDriver(terminals: [950: 0])
        detached.openAgentAndConsole()
        detached.open(ConnectionID(9), pid: 950)
        let refused = detached.trustPolicy("/w", by: ConnectionID(9))
        #expect(refused.errors.first?.knownCode == .notAuthenticated)
        #expect(!refused.contains { if case .changePolicyTrust = $0 { true } else { false } })

        var inTree = MachineDriver(descendants: [(700, MachineDriver.agentPID)])
        inTree.openAgentAndConsole()
        _ = try inTree.mustQueue("rm -rf build")
        inTree.open(ConnectionID(9), pid: 700)
        #expect(inTree.trustPolicy("/w", by: ConnectionID(9)).errors.first?.knownCode == .selfApprovalRefused)
    }

    @Test func onTheReviewSocketItAsksForThePassphraseAgain() throws {
        var driver = MachineDriver()
        IdentityTests.authenticated(&driver)
        let plain = driver.trustPolicy("/w", by: IdentityTests.reviewConsole)
        #expect(plain.errors.first?.knownCode == .passphraseRequired)
        let asked = driver.trustPolicy("/w", passphrase: "right one", by: IdentityTests.reviewConsole, at: 2)
        guard case .checkPassphrase(_, _, _, let check)? = asked.first else { Issue.record("no check: \(asked)"); return }
        let done = driver.handle(
            .passphraseChecked(IdentityTests.reviewConsole, check, matches: true, now: driver.at(2)), at: driver.at(2))
        #expect(done.records.first?.reviewerIdentity?.contains("authenticated by passphrase") == true)
        #expect(done.results.contains { if case .policyTrust = $0 { true } else { false } })
        // Withdrawing trust tightens: no passphrase again.
        let withdrawn = driver.trustPolicy("/w", sha256: nil, trusted: false, by: IdentityTests.reviewConsole, at: 3)
        #expect(withdrawn.errors.isEmpty, "\(withdrawn)")
    }

    @Test func aFailedWriteIsAnErrorAndLogsNothing() {
        var driver = MachineDriver()
        driver.openAgentAndConsole()
        driver.policyTrustOutcome = { _, _, _ in .failure(TrustFailure("/w/.airlock/policy.toml changed since you read it")) }
        let effects = driver.trustPolicy("/w")
        #expect(effects.errors.first?.message.contains("changed since you read it") == true)
        #expect(effects.records.isEmpty)
    }
}
