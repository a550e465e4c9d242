import AirlockCore
import AirlockProbe
import Foundation
import Synchronization
import Testing

@Suite struct BlastProbeTests {
    @Test func rmRfMeasuresWhatWouldBeLost() throws {
        let repo = try TempRepository()
        defer { repo.remove() }
        try repo.write(".gitignore", "build/cache/\n")
        try repo.write("build/keep.txt")
        try repo.commitAll()
        try repo.write("build/notes.txt", "a week of work")
        try repo.write("build/cache/blob", "zz")
        let action = Action(
            harness: "claude", cwd: repo.root, workspaceRoot: repo.root, kind: .shell(command: "rm -rf build"))
        let probe = BlastProbe(budget: .seconds(20), environment: [:], home: nil)
        let measurement = probe.measure(action, workspace: repo.root)
        #expect(measurement.facts.first == "3 files · 18 B · 1 tracked · 1 untracked, 1 ignored (lost)")
        #expect(measurement.notMeasured.isEmpty)
        let assessed = Classifier.assess(action).blastRadius
        #expect((measurement.blastRadius ?? assessed) >= .workspaceUnrecoverable)
    }

    @Test func forcePushNamesUnpushedCommitsAndTheRemote() throws {
        let repo = try TempRepository()
        defer { repo.remove() }
        try repo.write("a")
        try repo.commitAll()
        let bare = try repo.addBareRemote()
        try repo.write("b")
        try repo.commitAll()
        let action = Action(
            harness: "claude", cwd: repo.root, workspaceRoot: repo.root,
            kind: .shell(command: "git reset --hard HEAD~1"))
        let measurement = BlastProbe(budget: .seconds(20), environment: [:], home: nil).measure(
            action, workspace: repo.root)
        #expect(measurement.facts == ["1 unpushed commit on main", "remote origin \(bare)"])
    }

    @Test func deployToAProductionContextIsProduction() throws {
        let dir = try TempRepository(git: false)
        defer { dir.remove() }
        try dir.write("kube", "current-context: prod-eu\ncontexts:\n- name: prod-eu\n  context:\n    namespace: api\n")
        let action = Action(harness: "codex", cwd: dir.root, kind: .shell(command: "kubectl apply -f deploy.yaml"))
        let measurement = BlastProbe(environment: ["KUBECONFIG": dir.root + "/kube"], home: nil)
            .measure(action, workspace: dir.root)
        #expect(measurement.facts.contains("kube context prod-eu (namespace api)"))
        #expect(measurement.productionMarkers == ["kube context prod-eu (namespace api)"])
        #expect(
            (measurement.blastRadius ?? .none) == .production || Classifier.assess(action).blastRadius == .production)
    }

    @Test func theCacheServesWithinItsTimeToLiveOnly() {
        let clock = ManualClock()
        let cache = ProbeCache<Int>(timeToLive: 5, now: { clock.now })
        let key = ProbeCache<Int>.Key(workspace: "/w", path: "build")
        cache.store(42, for: key)
        #expect(cache.value(for: key) == 42)
        clock.advance(4)
        #expect(cache.value(for: key) == 42)
        clock.advance(2)
        #expect(cache.value(for: key) == nil)
        #expect(cache.value(for: .init(workspace: "/other", path: "build")) == nil)
    }
}

/// A clock the test moves by hand.
final class ManualClock: Sendable {
    private let time = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
    var now: Date { time.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { time.withLock { $0 += seconds } }
}
