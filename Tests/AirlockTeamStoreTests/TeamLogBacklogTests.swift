import AirlockBroker
import AirlockCore
import AirlockWire
import Foundation
import Logging
import PostgresNIO
import Testing

@testable import AirlockTeamStore

/// Under load a broker's decision log falls behind its clients; a grant, which changes what
/// every broker of the team allows, must not wait behind those appends (docs/team.md, "Speed").
@Suite(.postgres, .serialized) struct TeamLogBacklogTests {
    /// Another session holds the lock every append to the log takes first, so B's appends all
    /// wait (B's time limit is long enough that none gives up into the journal meanwhile) while
    /// B answers hundreds of actions. A grant on B still reaches A with none of them logged;
    /// once the lock goes, every one is logged once, in the order B answered them.
    @Test func aGrantIsAppliedWhileTheLogIsBackedUp() async throws {
        let cluster = try cluster()
        let location = try cluster.location(try await cluster.makeDatabase())
        let a = try await TeamMachine.start("a", location: location)
        let b = try await TeamMachine.start("b", location: location, timeout: .seconds(120))
        defer { Task { await a.stop(); await b.stop() } }
        let consoleA = try await a.console()
        let consoleB = try await b.console()
        let logger = Logger(label: "airlock.test.log-blocker")
        let blocker = try await b.persistence.store.link.connectAlone(id: 9_001)
        defer { PostgresLink.close(blocker) }
        _ = try await blocker.query("SELECT pg_advisory_lock(7231561)", logger: logger).collect()

        var decided: [String] = []
        for number in 1...400 {
            let hook = try b.submit("ls \(number)")
            let answer = try #require(await hook.response(7))
            #expect(answer["result"]?["decision"]?.stringValue == "allow")
            decided.append(try #require(answer["result"]?["id"]?.stringValue))
        }

        consoleB.send(
            #"{"jsonrpc":"2.0","id":30,"method":"grant","params":{"reviewer":"typed-name","exception":{"effect":"allow","scope":{"commandPrefix":{"argv":["curl"]}},"binding":{"everywhere":{}},"ttlSeconds":600,"reason":"health checks"}}}"#
        )
        #expect(await consoleB.response(30)?["result"] != nil)
        #expect(await consoleA.notification("exceptionGranted", timeout: 20) != nil, "the grant waited behind the log")
        // Still backed up: nothing of B's logged, nothing given up into the journal.
        let during = try await a.persistence.store.decisions(since: nil, limit: 10_000).map(\.actionID)
        #expect(during.filter(decided.contains).isEmpty, "\(during.count) rows logged while the log was locked")
        #expect(b.persistence.currentHealth.journaled == 0)
        #expect(try await a.ask("curl https://example.com/health")?.decision == "allow")

        _ = try await blocker.query("SELECT pg_advisory_unlock(7231561)", logger: logger).collect()
        await b.server.waitUntilStored()
        await a.server.waitUntilStored()
        let logged = try await a.persistence.store.decisions(since: nil, limit: 10_000).map(\.actionID)
        #expect(logged.filter(decided.contains) == decided)
        #expect(try await a.persistence.store.verifyLog() == .intact(count: logged.count))
    }
}
