import AirlockCore
import AirlockWire
import Foundation
import Testing

@testable import AirlockBroker

/// Time-boxed exceptions: granting resolves what they cover, the hard floor holds, expiry.
@Suite struct ExceptionTests {
    @Test func grantResolvesEveryQueuedActionItCovers() throws {
        var driver = MachineDriver()
        driver.openAgentAndConsole()
        let a = try driver.mustQueue("curl https://a.example")
        let rm = try driver.mustQueue("rm -rf build")
        let b = try driver.mustQueue("curl https://b.example")

        let effects = driver.grant(.allowCurl())
        #expect(effects.answers.map(\.id) == [a, b])
        #expect(
            effects.answers.allSatisfy {
                $0.decision == .allow && $0.exceptionID == "x-t-1" && $0.source == .exception("x-t-1")
            })
        guard case .grant(let result) = effects.results.last else { Issue.record("no grant result"); return }
        #expect(result.resolved == [a, b])
        #expect(result.exception.grantedBy == "alice")
        #expect(result.exception.expiresAt == driver.at(901))
        #expect(effects.contains(.saveException(result.exception, sample: nil)))
        #expect(
            effects.notifications.first
                == .exceptionGranted(ExceptionGranted(exception: result.exception, resolved: [a, b])))
        #expect(effects.filter { if case .recordUse = $0 { true } else { false } }.count == 2)
        #expect(driver.machine.pendingIDs == [rm])
        // Later matching actions pass without asking.
        #expect(driver.submit("curl https://c.example", at: 2).answers.first?.exceptionID == "x-t-1")
    }

    @Test func allowExceptionDoesNotResolveAHardFloorAction() throws {
        var driver = MachineDriver()
        driver.openAgentAndConsole()
        let command = "psql -c 'DROP TABLE users'"
        let drop = try driver.mustQueue(command)
        let action = Action(harness: "claude", session: "s1", cwd: "/work/proj", kind: .shell(command: command))
        let exact = ExceptionGrant(
            effect: .allow, scope: .exactAction(Scope.fingerprint(of: action)), binding: .everywhere,
            ttlSeconds: 300, reason: "once more")
        let effects = driver.grant(exact)
        #expect(effects.answers.isEmpty)
        #expect(driver.machine.pendingIDs == [drop])
    }

    @Test func allowGrantWithAHardFloorDecisionIsRefusedWhole() throws {
        var driver = MachineDriver()
        driver.openAgentAndConsole()
        let drop = try driver.mustQueue("psql -c 'DROP TABLE users'")
        let grant = ExceptionGrant(
            effect: .allow, scope: .commandPrefix(["psql"]), binding: .everywhere, ttlSeconds: 300, reason: "db work")
        let effects = driver.decide([drop], .allow, grant: grant)
        #expect(effects.errors.first?.knownCode == .exceptionRefused)
        #expect(effects.errors.first?.message.contains("hard floor") == true)
        #expect(effects.answers.isEmpty)
        #expect(driver.machine.pendingIDs == [drop])
        #expect(
            driver.grant(
                ExceptionGrant(
                    effect: .allow, scope: .category(.dataDelete), binding: .everywhere, ttlSeconds: 60, reason: "")
            )
            .errors.first?.knownCode == .exceptionRefused)
    }

    @Test func denyExceptionResolvesWithTheReviewersReasonAndStopsRetries() throws {
        var driver = MachineDriver()
        driver.openAgentAndConsole()
        let id = try driver.mustQueue("curl https://a.example")
        let effects = driver.grant(.denyCurl())
        let answer = try #require(effects.answers.first)
        #expect(answer.id == id)
        #expect(answer.decision == .deny)
        #expect(answer.reason == "Denied by alice: no network today")
        #expect(answer.exceptionID == "x-t-1")
        let retry = driver.submit("curl https://a.example", at: 5)
        #expect(retry.answers.first?.decision == .deny, "answered without asking again")
        #expect(retry.queued.isEmpty)
    }

    @Test func denyExceptionAlsoResolvesHardFloorActions() throws {
        var driver = MachineDriver()
        driver.openAgentAndConsole()
        _ = try driver.mustQueue("cat .env")
        let grant = ExceptionGrant(
            effect: .deny, scope: .category(.secretsAccess), binding: .everywhere, ttlSeconds: 600, reason: "no secrets"
        )
        #expect(driver.grant(grant).answers.map(\.decision) == [.deny])
    }

    @Test func decideWithGrantResolvesTheIDsThenWhatTheExceptionCovers() throws {
        var driver = MachineDriver()
        driver.openAgentAndConsole()
        let a = try driver.mustQueue("curl https://a.example")
        let b = try driver.mustQueue("curl https://b.example")
        let effects = driver.decide([a], .allow, grant: .allowCurl())
        #expect(effects.answers.map(\.id) == [a, b])
        #expect(effects.answers.map(\.source) == [.human("alice"), .exception("x-t-1")])
        guard case .decide(let result) = effects.results.last else { Issue.record("no result"); return }
        #expect(result.resolved == [a])
        #expect(result.alsoResolved == [b])
        #expect(result.exception?.id == "x-t-1")
    }

    @Test func exceptionExpiresAndTheNextActionAsksAgain() throws {
        var driver = MachineDriver()
        driver.openAgentAndConsole()
        let granted = driver.grant(.allowCurl(ttl: 60), at: 0)
        guard case .grant(let result) = granted.results.last else { Issue.record("no grant"); return }
        #expect(driver.submit("curl https://a.example", at: 59).answers.first?.decision == .allow)
        // Expired exceptions stop matching at once, even before the tick announces them.
        #expect(driver.submit("curl https://a.example", at: 60).queued.count == 1)
        let tick = driver.tick(at: 60.25)
        #expect(tick.notifications.contains(.exceptionExpired(ExceptionExpired(exception: result.exception))))
        #expect(driver.machine.activeExceptions.isEmpty)
    }

    @Test func useCountLimitsHowManyActionsAnExceptionResolves() throws {
        var driver = MachineDriver()
        driver.openAgentAndConsole()
        let a = try driver.mustQueue("curl https://a.example")
        let b = try driver.mustQueue("curl https://b.example")
        let effects = driver.grant(.allowCurl(uses: 1))
        #expect(effects.answers.map(\.id) == [a])
        #expect(effects.notifications.contains { if case .exceptionExpired = $0 { true } else { false } })
        #expect(driver.machine.pendingIDs == [b])
        #expect(driver.machine.activeExceptions.isEmpty)
    }

    @Test func grantRulesAreEnforced() {
        var driver = MachineDriver { $0.maximumExceptionSeconds = 3600 }
        driver.openAgentAndConsole()
        #expect(driver.grant(.allowCurl(ttl: 0)).errors.first?.knownCode == .exceptionRefused)
        #expect(driver.grant(.allowCurl(ttl: 7200)).errors.first?.message.contains("at most 60 minutes") == true)
        #expect(driver.grant(.allowCurl(uses: 0)).errors.first?.knownCode == .exceptionRefused)
        let wholeServer = ExceptionGrant(
            effect: .allow, scope: .mcpTool(server: "gh", tool: nil), binding: .everywhere, ttlSeconds: 60, reason: "")
        #expect(driver.grant(wholeServer).errors.first?.knownCode == .exceptionRefused)
        #expect(driver.machine.activeExceptions.isEmpty)
    }

    @Test func revokeEndsAnExceptionAndTellsConsoles() throws {
        var driver = MachineDriver()
        driver.openAgentAndConsole()
        _ = driver.grant(.allowCurl())
        let effects = driver.machine.handle(
            .revokeRequested(MachineDriver.console, 9, RevokeParams(id: "x-t-1", reviewer: "bob"), now: driver.at(10)))
        // Recorded as the connection's user (uid 1000, alice), not the "bob" the client named.
        #expect(effects.contains(.revokeException(id: "x-t-1", reviewer: "alice", at: driver.at(10))))
        guard case .revoke(let result) = effects.results.last else { Issue.record("no revoke result"); return }
        #expect(result.exception.revokedAt == driver.at(10))
        #expect(effects.notifications == [.exceptionRevoked(ExceptionRevoked(exception: result.exception))])
        #expect(driver.submit("curl https://a.example", at: 11).queued.count == 1)
        let again = driver.machine.handle(
            .revokeRequested(MachineDriver.console, 10, RevokeParams(id: "x-t-1"), now: driver.at(12)))
        #expect(again.errors.first?.knownCode == .notFound)
    }

    @Test func exceptionsGrantedElsewhereResolveQueuedActionsOnReload() throws {
        var driver = MachineDriver()
        driver.openAgentAndConsole()
        let id = try driver.mustQueue("curl https://a.example")
        let fromCLI = driver.sealer.sealed(
            PolicyException(
                id: "cli-1", effect: .allow, scope: .commandPrefix(["curl"]), binding: .everywhere,
                createdAt: driver.at(0), expiresAt: driver.at(600), grantedBy: "alice", reason: "docs"))
        let effects = driver.machine.handle(.exceptionsReloaded([fromCLI], now: driver.at(2)))
        #expect(effects.answers.map(\.id) == [id])
        #expect(effects.notifications.first == .exceptionGranted(ExceptionGranted(exception: fromCLI, resolved: [id])))
        // Gone from the store before its expiry: revoked elsewhere.
        let removed = driver.machine.handle(.exceptionsReloaded([], now: driver.at(3)))
        guard case .exceptionRevoked(let revoked) = removed.notifications.first else {
            Issue.record("no revoke"); return
        }
        #expect(revoked.exception.id == "cli-1")
        #expect(driver.machine.handle(.exceptionsReloaded([], now: driver.at(4))).isEmpty)
    }
}
