import FoundationEssentials

/// What the keyboard is doing right now; Esc always steps back to `.browsing`.
enum Interaction: Equatable, Sendable {
    /// Moving through the queue; one-key commands.
    case browsing
    /// The `?` screen.
    case help
    /// Typing the `/` filter (it applies as it is typed).
    case filtering
    /// Typing the reason a deny sends to the agent; Enter sends.
    case denying(ids: [String], reason: String)
    /// Approving something on the hard floor: the reviewer must type the confirmation word.
    case confirmingHardFloor(ids: [String], typed: String)
    /// The confirmation was typed; `decide` goes out at `sendAt` unless Esc comes first.
    case vetoCountdown(ids: [String], sendAt: Date)
    /// The `t` / `T` panel.
    case exception(ExceptionDraft)
    /// Choosing an active exception to revoke.
    case revoking(index: Int)
    /// The recent decisions (`R`).
    case recent(RecentView)
    /// Confirming that the selected action's workspace is trusted (`w`).
    case confirmingTrust(TrustDraft)

    /// The word a hard-floor approval must be confirmed with.
    static let confirmationWord = "approve"
}
