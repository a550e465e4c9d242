import AirlockCore
import AirlockProbe
import AirlockStore
import Foundation

/// The broker's view of each workspace's boundaries: a report per workspace, measured in the
/// background on first sight and again once it is older than `timeToLive`. The broker asks
/// without waiting: until a report is ready it gets nil and the chosen mode stands.
final class BoundaryMonitor: @unchecked Sendable {
    private let inputs: BoundaryInputs
    private let store: PolicyStore
    private let timeToLive: TimeInterval
    private let queue = DispatchQueue(label: "airlock.boundaries", qos: .utility)
    private let lock = NSLock()
    private var reports: [String: (report: BoundaryReport, measured: Date)] = [:]
    private var measuring: Set<String> = []

    init(inputs: BoundaryInputs, store: PolicyStore, timeToLive: TimeInterval = 60) {
        self.inputs = inputs
        self.store = store
        self.timeToLive = timeToLive
    }

    /// The last report for `directory` (possibly stale while a new one is measured), or nil.
    /// A directory that does not exist here (another machine's path) is not measured.
    func report(for directory: String) -> BoundaryReport? {
        let now = Date()
        var isDirectory: ObjCBool = false
        guard directory.hasPrefix("/"), FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory),
            isDirectory.boolValue
        else { return nil }
        let (cached, start) = lock.withLock { () -> (BoundaryReport?, Bool) in
            let entry = reports[directory]
            let stale = entry.map { now.timeIntervalSince($0.measured) > timeToLive } ?? true
            let start = stale && measuring.insert(directory).inserted
            return (entry?.report, start)
        }
        if start { queue.async { [self] in measure(directory) } }
        return cached
    }

    private func measure(_ directory: String) {
        let report = inputs.report(for: directory, audit: BoundaryInputs.audit(store), store: store)
        lock.withLock {
            reports[directory] = (report, Date())
            measuring.remove(directory)
            if reports.count > 256, let oldest = reports.min(by: { $0.value.measured < $1.value.measured })?.key {
                reports[oldest] = nil
            }
        }
    }
}
