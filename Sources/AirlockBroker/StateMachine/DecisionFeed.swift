import AirlockCore
import FoundationEssentials

/// The decisions the broker made lately, as logged (redacted), for consoles: the recent view
/// and the count of automatic denials. Kept in memory from the machine's own answers, never
/// read back from the store, so it works with any store and with one the console cannot read.
struct DecisionFeed: Sendable {
    /// Oldest first; at most `capacity`, none older than `window`.
    private(set) var records: [DecisionRecord] = []
    /// Actions denied without a human since `denialsSince`.
    var automaticDenials = 0
    var denialsSince: Date

    static let capacity = 2_000
    static let window: Double = 4 * 3600

    init(since: Date) {
        denialsSince = since
    }

    mutating func append(_ record: DecisionRecord) {
        records.append(record)
        if records.count > 2 * Self.capacity { records.removeFirst(records.count - Self.capacity) }
        if record.verdict == .deny, record.source.isAutomatic { automaticDenials += 1 }
    }

    /// Starts counting denials again (a first console subscribed, or the last one left).
    mutating func restartCount(at now: Date) {
        automaticDenials = 0
        denialsSince = now
    }

    /// The newest `limit` decisions of the last `seconds`, oldest first.
    func recent(now: Date, seconds: Double? = nil, limit: Int? = nil) -> [DecisionRecord] {
        let cutoff = now.addingTimeInterval(-min(seconds ?? Self.window, Self.window))
        let count = max(0, min(limit ?? Self.capacity, Self.capacity))
        var result: [DecisionRecord] = []
        for record in records.reversed() {
            guard result.count < count, record.time >= cutoff else { break }
            result.append(record)
        }
        return result.reversed()
    }
}
