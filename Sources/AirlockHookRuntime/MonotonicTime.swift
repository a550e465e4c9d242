#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A point on the monotonic clock, in milliseconds; wall-clock changes cannot stretch a wait.
public struct MonotonicTime: Sendable, Comparable {
    public var milliseconds: Int64

    public init(milliseconds: Int64) {
        self.milliseconds = milliseconds
    }

    public static var now: MonotonicTime {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return MonotonicTime(milliseconds: Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000)
    }

    public func adding(milliseconds extra: Int) -> MonotonicTime {
        MonotonicTime(milliseconds: milliseconds + Int64(extra))
    }

    /// How long until this time, never negative.
    public var millisecondsLeft: Int64 { max(0, milliseconds - Self.now.milliseconds) }

    public static func < (lhs: MonotonicTime, rhs: MonotonicTime) -> Bool { lhs.milliseconds < rhs.milliseconds }
}
