/// When a probe must stop and report "not measured" instead of blocking the caller.
///
/// Real time on purpose: the budget bounds how long a reader may hold up whoever waits for it,
/// so a test cuts a walk off with a tiny budget rather than by waiting.
public struct Deadline: Sendable {
    /// The budget this deadline was made from, for "not measured (budget 50 ms)".
    public let budget: Duration
    let end: ContinuousClock.Instant

    public init(budget: Duration) {
        self.budget = budget
        end = ContinuousClock.now.advanced(by: budget)
    }

    /// The default per-probe budget: 50 ms (docs/decisions.md, "Measuring the environment").
    public static let defaultBudget: Duration = .milliseconds(50)

    public var isPast: Bool { ContinuousClock.now >= end }

    /// Time left, never negative.
    public var remaining: Duration { max(.zero, ContinuousClock.now.duration(to: end)) }

    /// "50 ms", for reasons.
    public var budgetText: String {
        let (seconds, attoseconds) = budget.components
        let ms = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return ms >= 1 ? "\(ms) ms" : "<1 ms"
    }
}
