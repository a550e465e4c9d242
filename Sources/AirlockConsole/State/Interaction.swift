import AirlockWire
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
    /// The broker asked for the reviewer's passphrase again before it approves (anything high,
    /// on the hard floor, or an allow exception): typed here, shown as dots, and sent with
    /// `request`. Keys another process types into the pane cannot get past this.
    case enteringPassphrase(request: ClientRequest, tag: RequestTag, typed: String)

    /// The word a hard-floor approval must be confirmed with.
    static let confirmationWord = "approve"
}
