import Foundation
import Synchronization

/// A small cache of probe results keyed by (workspace, path), each kept for a short time: the
/// same target asked about twice in a burst is measured once, and a stale answer ages out.
/// Thread-safe; the clock is injected so tests do not wait.
public final class ProbeCache<Value: Sendable>: Sendable {
    public struct Key: Hashable, Sendable {
        public var workspace: String
        public var path: String

        public init(workspace: String, path: String) {
            self.workspace = workspace
            self.path = path
        }
    }

    private let entries = Mutex<[Key: (value: Value, stored: Date)]>([:])
    private let timeToLive: TimeInterval
    private let capacity: Int
    private let now: @Sendable () -> Date

    public init(timeToLive: TimeInterval = 5, capacity: Int = 512, now: @escaping @Sendable () -> Date = Date.init) {
        self.timeToLive = timeToLive
        self.capacity = capacity
        self.now = now
    }

    /// The value stored for `key`, unless it is older than the time to live.
    public func value(for key: Key) -> Value? {
        let time = now()
        return entries.withLock { entries in
            guard let entry = entries[key] else { return nil }
            if time.timeIntervalSince(entry.stored) > timeToLive {
                entries[key] = nil
                return nil
            }
            return entry.value
        }
    }

    public func store(_ value: Value, for key: Key) {
        let time = now()
        entries.withLock { entries in
            // Bounded: when full, expired entries go first, then everything (a cache, not a store).
            if entries.count >= capacity {
                entries = entries.filter { time.timeIntervalSince($0.value.stored) <= timeToLive }
                if entries.count >= capacity { entries.removeAll() }
            }
            entries[key] = (value, time)
        }
    }
}
