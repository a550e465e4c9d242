import AirlockCore
import AirlockStore
import AirlockWire
import Foundation
import GRDB
import Synchronization
import Testing

@testable import AirlockBroker

/// A store that stops answering must not stop the broker: hooks are answered while every
/// store call (log appends, the exception reload, a grant's write) waits.
///
/// The limits are generous: in the whole `swift test`, tests that block (real processes, real
/// users) hold the cooperative pool's threads, and these async tests wait their turn.
@Suite(.timeLimit(.minutes(5))) struct SlowStoreTests {
    /// Persistence whose every call waits until the test opens the gate; calls are counted.
    final class StalledPersistence: BrokerPersistence {
        let inner = InMemoryPersistence()
        private let gate = Mutex<(isOpen: Bool, waiting: [CheckedContinuation<Void, Never>], calls: Int)>(
            (true, [], 0))

        /// Calls that reached the store, answered or still waiting.
        var calls: Int { gate.withLock { $0.calls } }

        func close() { gate.withLock { $0.isOpen = false } }

        func open() {
            let waiting = gate.withLock { state in
                state.isOpen = true
                defer { state.waiting = [] }
                return state.waiting
            }
            for continuation in waiting { continuation.resume() }
        }

        private func pass() async {
            await withCheckedContinuation { continuation in
                let isOpen = gate.withLock { state in
                    state.calls += 1
                    if !state.isOpen { state.waiting.append(continuation) }
                    return state.isOpen
                }
                if isOpen { continuation.resume() }
            }
        }

        func appendDecisions(_ records: [DecisionRecord]) async throws {
            await pass()
            try await inner.appendDecisions(records)
        }

        func activeExceptions(at now: Date) async throws -> [PolicyException] {
            await pass()
            return try await inner.activeExceptions(at: now)
        }

        func grant(_ exception: PolicyException, now: Date, sample: Assessment?) async throws {
            await pass()
            try await inner.grant(exception, now: now, sample: sample)
        }

        func revoke(id: String, by reviewer: String, at now: Date) async throws -> PolicyException? {
            await pass()
            return try await inner.revoke(id: id, by: reviewer, at: now)
        }

        func recordUse(of id: String) async throws -> PolicyException? {
            await pass()
            return try await inner.recordUse(of: id)
        }
    }

    @Test func hooksAreAnsweredWhileTheStoreIsStuck() async throws {
        let directory = try BrokerFixture.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let persistence = StalledPersistence()
        let server = try await BrokerServer.start(
            configuration: BrokerConfiguration(
                socketPath: directory + "/airlock.sock", reviewerNeedsTerminal: false, tickInterval: .milliseconds(10),
                exceptionReloadInterval: .milliseconds(20), idPrefix: "slow"),
            persistence: persistence, processes: BrokerFixture.elsewhereAgent)
        persistence.close()
        let path = directory + "/airlock.sock"
        // A console grants an exception: its reply does not wait for the write.
        let granted = try await LineConnection.with(path) { console in
            try await console.call(
                .grant(GrantParams(exception: .allowCurl(), reviewer: "alice")), id: 1, as: GrantResult.self
            ).get()
        }
        // Fifty agents, one after another, each a policy hit; and allowed by the new exception.
        var answers: [SubmitResult] = []
        for index in 0..<50 {
            let command = index % 2 == 0 ? "ls -la" : "curl https://example.com/health"
            let answer = try await LineConnection.with(path) { agent in
                try await agent.call(.shell(command), id: 1, as: SubmitResult.self).get()
            }
            answers.append(answer)
        }
        #expect(answers.allSatisfy { $0.decision == .allow })
        #expect(answers.filter { $0.exceptionID == granted.exception.id }.count == 25)
        // The store saw the calls and answered none of them: the grant, and reloads on the clock.
        #expect(persistence.calls >= 1)
        #expect(persistence.inner.decisions.isEmpty && persistence.inner.allExceptions.isEmpty)

        persistence.open()
        await server.waitUntilStored()
        #expect(persistence.inner.allExceptions.map(\.id) == [granted.exception.id])
        #expect(persistence.inner.decisions.map(\.actionID) == answers.map(\.id), "logged once each, in order")
        try await server.shutdown()
    }

    /// The real SQLite store, its write lock held by another process (as a long CLI write would):
    /// the broker answers; its log lines land once the lock is released.
    @Test func hooksAreAnsweredWhileAnotherProcessHoldsTheStoresWriteLock() async throws {
        let directory = try BrokerFixture.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = directory + "/state/airlock.sqlite"
        // The lock is held for as long as the test's steps take, which in a busy run can exceed
        // the store's 5 s: what is shown is that answers never wait for it, not the timeout.
        let store = try PolicyStore.open(path: database, busyTimeout: 300)
        let server = try await BrokerServer.start(
            configuration: BrokerConfiguration(
                socketPath: directory + "/airlock.sock", reviewerNeedsTerminal: false, idPrefix: "lock"),
            persistence: StorePersistence(store: store), processes: BrokerFixture.elsewhereAgent)
        // Another connection takes the write lock and keeps it until told to let go.
        let other = try DatabaseQueue(path: database)
        let release = DispatchSemaphore(value: 0)
        await withCheckedContinuation { (locked: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread {
                try? other.inTransaction(.immediate) { _ in
                    locked.resume()
                    release.wait()
                    return .commit
                }
            }
        }
        // A grant waits for the lock in the store, not in the broker.
        let granted = try await LineConnection.with(directory + "/airlock.sock") { console in
            try await console.call(
                .grant(GrantParams(exception: .allowCurl(), reviewer: "alice")), id: 1, as: GrantResult.self
            ).get()
        }
        var answers: [SubmitResult] = []
        for index in 0..<20 {
            answers.append(
                try await LineConnection.with(directory + "/airlock.sock") { agent in
                    try await agent.call(
                        .shell(index % 2 == 0 ? "git status" : "curl https://example.com"), id: 1, as: SubmitResult.self
                    ).get()
                })
        }
        #expect(answers.allSatisfy { $0.decision == .allow })
        #expect(try store.activeExceptions(at: Date()).isEmpty, "the grant could not be written yet")
        #expect(try store.decisions(since: nil, limit: 100).isEmpty, "nothing could be written yet")
        release.signal()
        try await server.shutdown()
        #expect(try store.decisions(since: nil, limit: 100).map(\.actionID) == answers.map(\.id))
        #expect(try store.verifyLog() == .intact(count: 20))
        #expect(try store.activeExceptions(at: Date()).map(\.id) == [granted.exception.id])
    }
}
