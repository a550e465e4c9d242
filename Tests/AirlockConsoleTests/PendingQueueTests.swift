import AirlockCore
import AirlockWire
import FoundationEssentials
import Testing

@testable import AirlockConsole

/// The slot-based queue against the plainest model of it: every action in a list, sorted and
/// filtered from scratch after each step.
@Suite struct PendingQueueTests {
    static let commands = ["npm test", "rm -rf build", "git push --force", "ls", "kubectl delete ns x", "RM -rf y"]
    static let filters = ["", "rm", "rm -", "git", "npm t", "zzz", "bash"]

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func arrivalsDeparturesAndFiltersMatchAModel(seed: UInt64) {
        var random = SplitMix(seed: seed)
        var queue = PendingQueue()
        var model: [String: QueuedAction] = [:]
        var filter = ""
        let initial = (0..<20).map { index in
            shell("i\(index)", Self.commands[index % Self.commands.count], age: Double(index % 7))
        }
        queue.replaceAll(initial)
        for item in initial { model[item.id] = item }
        for step in 0..<400 {
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<4:
                let id = "n\(Int.random(in: 0..<40, using: &random))"
                let command = Self.commands.randomElement(using: &random) ?? "ls"
                let item = shell(id, command, age: Double(Int.random(in: 0..<9, using: &random)))
                #expect(queue.insert(item) == (model[id] == nil))
                model[id] = item
            case 4..<8:
                let id = (model.keys.sorted().randomElement(using: &random)) ?? "none"
                #expect(queue.remove(id)?.id == model.removeValue(forKey: id)?.id)
            default:
                filter = Self.filters.randomElement(using: &random) ?? ""
                queue.setFilter(filter)
            }
            let expectedOrder = model.values.sorted(by: QueueEntry.precedes).map(\.id)
            let needle = Array(filter.lowercased().utf8)
            let expectedVisible = model.values.sorted(by: QueueEntry.precedes)
                .filter { QueueEntry.matches(PendingQueue.searchBytes($0), needle) }.map(\.id)
            #expect(queue.orderedIDs == expectedOrder, "seed \(seed) step \(step)")
            #expect(queue.visibleIDs == expectedVisible, "seed \(seed) step \(step)")
            #expect(queue.count == model.count)
            for (index, id) in expectedVisible.enumerated() { #expect(queue.visibleIndex(of: id) == index) }
        }
    }

    @Test func aRepeatedIdInASubscriptionKeepsTheLastOne() {
        var queue = PendingQueue()
        queue.replaceAll([shell("x", "ls"), shell("y", "npm test"), shell("x", "rm -rf build")])
        #expect(queue.count == 2)
        #expect(queue["x"].map { QueueEntry($0.item).summaryText } == "rm -rf build")
        #expect(Set(queue.orderedIDs) == ["x", "y"])
    }

    @Test func coverageCountsOnlyWhatTheBindingAndScopeCover() {
        var queue = PendingQueue()
        queue.replaceAll([
            shell("a", "npm test", session: "s1"), shell("b", "npm test", session: "s2"),
            shell("c", "rm -rf build", session: "s1"),
        ])
        let bySession = PolicyException(
            id: "e", effect: .allow, scope: .commandPrefix(["npm", "test"]), binding: .session("s1"), createdAt: t0,
            expiresAt: t0.addingTimeInterval(60), grantedBy: "ana", reason: "r")
        #expect(queue.count(coveredBy: bySession, at: t0) == 1)
        var everywhere = bySession
        everywhere.binding = .everywhere
        #expect(queue.count(coveredBy: everywhere, at: t0) == 2)
        #expect(queue.count(coveredBy: everywhere, at: t0.addingTimeInterval(120)) == 0)
    }
}
