import AirlockCore
import AirlockWire
import Foundation
import Testing

@testable import AirlockBroker

/// A submission whose targets only the file system knows waits for the edge's look, off the
/// event loop, and is judged with what it found; a look that never comes back denies it.
@Suite struct EdgeFactsWaitTests {
    static func driver(_ edge: (@Sendable (EdgeFactRequest) -> EdgeFacts)?) -> MachineDriver {
        var driver = MachineDriver {
            $0.mode = .autoLoop
            $0.gathersEdgeFacts = true
            $0.hostFacts = HostFacts(home: "/home/dev")
        }
        driver.edgeFacts = edge
        driver.openAgentAndConsole()
        return driver
    }

    @Test func aWriteThroughASymlinkToClaudeSettingsIsDeniedByTheFloor() throws {
        var driver = Self.driver { request in
            EdgeFacts(
                realPaths: Dictionary(
                    uniqueKeysWithValues: request.paths.map { ($0, "/work/proj/.claude/settings.json") }))
        }
        let effects = driver.submitAction(.fileWrite(path: "cfg/settings.json", content: "{}"))
        #expect(effects.contains { if case .gatherFacts = $0 { true } else { false } })
        let answer = try #require(effects.answers.first)
        #expect(answer.decision == .deny)
        #expect(answer.source == .integrityFloor)
        #expect(answer.reason.contains("symlink"))
    }

    @Test func theSameWriteWithNoSymlinkIsAllowed() {
        var driver = Self.driver { _ in EdgeFacts() }
        #expect(
            driver.submitAction(.fileWrite(path: "cfg/settings.json", content: "{}")).answers.first?.decision == .allow)
    }

    @Test func aPatchFileApplyingToTheHarnessSettingsIsDenied() {
        var driver = Self.driver { request in
            EdgeFacts(
                patches: Dictionary(
                    uniqueKeysWithValues: request.patches.map {
                        (
                            $0,
                            .text(
                                "--- a/.claude/settings.json\n+++ b/.claude/settings.json\n@@ -1 +1 @@\n-{}\n+{\"hooks\":{}}\n"
                            )
                        )
                    }))
        }
        let answer = driver.submit("git apply fix.patch").answers.first
        #expect(answer?.decision == .deny)
        #expect(answer?.source == .integrityFloor)
    }

    @Test func aLookThatNeverComesBackDeniesAtTheTimeout() {
        var driver = Self.driver(nil)
        let effects = driver.submitAction(.fileWrite(path: "src/a.c", content: "x"))
        #expect(effects.answers.isEmpty, "it waits for the look")
        #expect(driver.machine.isAwaitingAnswer(MachineDriver.agent))
        #expect(driver.tick(at: 4.9).answers.isEmpty)
        let late = driver.tick(at: 5).answers.first
        #expect(late?.decision == .deny)
        #expect(late?.source == .fallback)
        #expect(!driver.machine.isAwaitingAnswer(MachineDriver.agent))
    }

    @Test func aDisconnectedAgentsWaitingSubmissionIsWithdrawn() {
        var driver = Self.driver(nil)
        _ = driver.submitAction(.fileWrite(path: "src/a.c", content: "x"))
        let effects = driver.machine.handle(.connectionClosed(MachineDriver.agent, now: driver.at(1)))
        #expect(effects.records.map(\.source) == [.withdrawn])
        #expect(driver.machine.handle(.factsGathered(actionID: "t-1", facts: EdgeFacts(), now: driver.at(2))).isEmpty)
    }

    @Test func stoppingTheBrokerDeniesWhatWaits() {
        var driver = Self.driver(nil)
        _ = driver.submit("git stash pop")
        let effects = driver.machine.handle(.brokerStopping(now: driver.at(1)))
        #expect(effects.answers.map(\.decision) == [.deny])
    }
}
