/// Where a key binding applies; each `Interaction` has one.
public enum KeyContext: String, CaseIterable, Sendable {
    case queue
    case help
    case filter
    case denyReason = "deny-reason"
    case hardFloorConfirmation = "hard-floor-confirmation"
    case veto
    case exceptionReason = "exception-reason"
    case exception
    case revoke
    case recent
    case recentFilter = "recent-filter"
    case trust
    case passphrase

    /// The heading in the help screen and docs/keybindings.md.
    var title: String {
        switch self {
        case .queue: "Queue"
        case .help: "Help screen"
        case .filter: "Filter (typing)"
        case .denyReason: "Deny reason (typing)"
        case .hardFloorConfirmation: "Hard-floor confirmation (typing)"
        case .veto: "Hard-floor veto countdown"
        case .exceptionReason: "Deny exception reason (typing)"
        case .exception: "Time-boxed exception panel"
        case .revoke: "Revoke an exception"
        case .recent: "Recent decisions"
        case .recentFilter: "Recent decisions filter (typing)"
        case .trust: "Trust a repository"
        case .passphrase: "Passphrase for an approval or a trust (typing)"
        }
    }

    /// Whether printable characters not bound here are typed into a text field.
    var takesText: Bool {
        switch self {
        case .filter, .denyReason, .hardFloorConfirmation, .exceptionReason, .recentFilter, .passphrase: true
        default: false
        }
    }
}

extension Interaction {
    var keyContext: KeyContext {
        switch self {
        case .browsing: .queue
        case .help: .help
        case .filtering: .filter
        case .denying: .denyReason
        case .confirmingHardFloor: .hardFloorConfirmation
        case .vetoCountdown: .veto
        case .exception(let draft): draft.isEditingReason ? .exceptionReason : .exception
        case .revoking: .revoke
        case .recent(let view): view.isFiltering ? .recentFilter : .recent
        case .confirmingTrust: .trust
        case .enteringPassphrase: .passphrase
        }
    }
}
