import AirlockCore
import Foundation
import Testing

@testable import AirlockStore

/// Several processes on one file, stood in for by independent stores (each with its own
/// connections and locks, exactly as SQLite sees another process).
@Suite struct MultiProcessTests {
    @Test func twoWritersAppendAtOnce() throws {
        let directory = try TemporaryDirectory()
        let stores = [try PolicyStore.open(path: directory.database), try PolicyStore.open(path: directory.database)]
        let failures = Collected<String>()
        DispatchQueue.concurrentPerform(iterations: 2) { writer in
            for n in 0..<200 {
                do {
                    try stores[writer].appendDecision(entry("w\(writer)-\(n)", at: Double(n)))
                } catch {
                    failures.append(String(describing: error))
                }
            }
        }
        #expect(failures.values.isEmpty)

        let records = try stores[0].decisions(since: nil, limit: 1000)
        #expect(records.map(\.sequence) == Array(1...400))
        let expectedIDs = Set((0..<2).flatMap { writer in (0..<200).map { "w\(writer)-\($0)" } })
        #expect(Set(records.map(\.actionID)) == expectedIDs)
        #expect(try stores[0].verifyLog() == .intact(count: 400))
        #expect(try stores[1].verifyLog() == .intact(count: 400))
    }

    @Test func grantsAreSharedAndUsesCountedOnce() throws {
        let directory = try TemporaryDirectory()
        let broker = try PolicyStore.open(path: directory.database)
        let console = try PolicyStore.open(path: directory.database)

        let granted = makeException("shared", usesLeft: 50)
        try console.grant(granted, now: t0)
        #expect(try broker.activeExceptions(at: t0) == [granted])

        // Both race for 80 uses of 50: exactly 50 are counted.
        let counted = Collected<Int>()
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            for _ in 0..<40 {
                if let used = try? [broker, console][index].recordUse(of: "shared") {
                    counted.append(used.usesLeft ?? -1)
                }
            }
        }
        #expect(counted.values.sorted() == Array(0..<50))
        #expect(try console.activeExceptions(at: t0).isEmpty)

        try broker.grant(makeException("other"), now: t0)
        #expect(try console.revoke(id: "other", by: "bob", at: t0 + 1) != nil)
        #expect(try broker.activeExceptions(at: t0 + 1).isEmpty)
    }

    @Test func severalFirstOpensOfANewFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/nested/state/airlock.sqlite"
        let opened = Collected<PolicyStore>()
        let failures = Collected<String>()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            do {
                opened.append(try PolicyStore.open(path: path))
            } catch {
                failures.append(String(describing: error))
            }
        }
        #expect(failures.values.isEmpty)
        #expect(opened.values.count == 4)
        try opened.values.first?.appendDecision(entry("a1"))
        #expect(try opened.values.last?.verifyLog() == .intact(count: 1))
    }

    @Test func openingWhileAnotherWrites() throws {
        let directory = try TemporaryDirectory()
        let writer = try PolicyStore.open(path: directory.database)
        let failures = Collected<String>()
        DispatchQueue.concurrentPerform(iterations: 2) { role in
            do {
                if role == 0 {
                    for n in 0..<200 { try writer.appendDecision(entry("a\(n)")) }
                } else {
                    for _ in 0..<20 { _ = try PolicyStore.open(path: directory.database).activeExceptions(at: t0) }
                }
            } catch {
                failures.append(String(describing: error))
            }
        }
        #expect(failures.values.isEmpty)
        #expect(try writer.verifyLog() == .intact(count: 200))
    }
}
