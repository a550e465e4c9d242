import AirlockBroker
import AirlockCore
import AirlockWire
import Foundation
import Testing

@testable import AirlockTeamStore

/// The database stopped in the middle of a run and started again: the broker keeps answering
/// from what it knew, stops applying allow exceptions after the staleness window, says
/// "degraded", journals its decisions and replays them in order when the database is back.
@Suite(.postgres, .serialized) struct TeamFaultTests {
    @Test func theDatabaseStoppedMidRunLosesNothingAndAllowsNothing() async throws {
        let cluster = try cluster()
        let location = try cluster.location(try await cluster.makeDatabase())
        let a = try await TeamMachine.start("a", location: location, staleness: .milliseconds(1500))
        let b = try await TeamMachine.start("b", location: location)
        defer { Task { await a.stop(); await b.stop() } }
        let consoleA = try await a.console()
        let consoleB = try await b.console()
        consoleB.send(
            #"{"jsonrpc":"2.0","id":30,"method":"grant","params":{"reviewer":"typed-name","exception":{"effect":"allow","scope":{"commandPrefix":{"argv":["curl"]}},"binding":{"everywhere":{}},"ttlSeconds":600,"reason":"health checks"}}}"#
        )
        #expect(await consoleB.response(30)?["result"] != nil)
        #expect(await consoleA.notification("exceptionGranted") != nil)
        #expect(try await a.ask("curl https://example.com/health")?.decision == "allow")
        #expect(try await a.ask("ls -la")?.decision == "allow")

        try await cluster.stop()
        var during: [String] = []
        for number in 1...5 {
            let hook = try a.submit("ls \(number)")
            let answer = try #require(await hook.response(7))
            #expect(answer["result"]?["decision"]?.stringValue == "allow")
            during.append(try #require(answer["result"]?["id"]?.stringValue))
        }
        let degraded = await consoleA.notification("storeHealthChanged", timeout: 15) {
            $0["state"]?.stringValue == "degraded"
        }
        #expect(degraded != nil, "the console never heard the store was degraded")
        let status = try LineClient(socket: a.socket)
        status.send(#"{"jsonrpc":"2.0","id":3,"method":"status"}"#)
        let reply = await status.response(3)
        #expect(reply?["result"]?["store"]?["state"]?.stringValue == "degraded", "\(String(describing: reply))")
        // Past the staleness window the allow exception stops applying: curl asks again, and
        // with nobody answering in time it is denied, never allowed.
        #expect(await consoleA.notification("exceptionExpired", timeout: 10) != nil)
        #expect(try await a.ask("curl https://example.com/health", deadlineMs: 2_300)?.decision == "deny")

        try await cluster.start()
        let recovered = await consoleA.notification("storeHealthChanged", timeout: 20) {
            $0["state"]?.stringValue == "ok"
        }
        #expect(recovered != nil, "the store never recovered")
        // The exception is in force again once read from the database.
        #expect(await consoleA.notification("exceptionGranted", timeout: 10) != nil)
        #expect(try await a.ask("curl https://example.com/health")?.decision == "allow")
        await a.server.waitUntilStored()
        let rows = try await a.persistence.store.decisions(since: nil, limit: 1000)
        let logged = rows.map(\.actionID)
        // Every decision made while the database was down is there once, in the order made.
        #expect(during.allSatisfy { id in logged.filter { $0 == id }.count == 1 }, "\(logged)")
        #expect(logged.filter(during.contains) == during)
        #expect(try await a.persistence.store.verifyLog() == .intact(count: rows.count))
    }

    /// An action A published is being decided when the database goes away: B cannot decide
    /// what only A can reach now, A's own console decides it here, the hook gets that one
    /// answer, and when the database is back the team sees it ended, not a second decision.
    @Test func aBrokerThatLostTheDatabaseMidDecisionAnswersOnce() async throws {
        let cluster = try cluster()
        let location = try cluster.location(try await cluster.makeDatabase())
        let a = try await TeamMachine.start("a", location: location)
        let b = try await TeamMachine.start("b", location: location)
        defer { Task { await a.stop(); await b.stop() } }
        let consoleA = try await a.console()
        let consoleB = try await b.console()
        let hook = try a.submit("rm -rf build/")
        let queued = try #require(await consoleB.queued("rm -rf build/"), "B's console never saw A's action")
        _ = try #require(await consoleA.queued("rm -rf build/"))

        try await cluster.stop()
        consoleB.decide(queued.id, "allow", requestID: 40)
        let refused = try #require(await consoleB.response(40, timeout: 15))
        #expect(refused["result"] == nil, "B decided an action it could not reach: \(refused)")
        consoleA.decide(queued.id, "deny", requestID: 41)
        let decided = try #require(await consoleA.response(41, timeout: 15))
        #expect(decided["result"]?["resolved"] == .array([.string(queued.id)]), "\(decided)")
        let answer = try #require(await hook.response(7))
        #expect(answer["result"]?["decision"]?.stringValue == "deny")

        try await cluster.start()
        #expect(await consoleA.notification("storeHealthChanged", timeout: 20) { $0["state"]?.stringValue == "ok" } != nil)
        // The action leaves B's console; deciding it now finds it ended.
        #expect(await consoleB.notification("actionExpired", timeout: 10) { $0["id"]?.stringValue == queued.id } != nil)
        consoleB.decide(queued.id, "allow", requestID: 42)
        let late = try #require(await consoleB.response(42))
        #expect(late["result"] == nil, "\(late)")
        // The hook never hears a second answer, and the log holds one decision for the action.
        #expect(await hook.next(timeout: 0.5) == nil)
        await a.server.waitUntilStored()
        let rows = try await a.persistence.store.decisions(since: nil, limit: 100)
        #expect(rows.filter { $0.actionID == queued.id }.map(\.verdict) == ["deny"])
    }
}
