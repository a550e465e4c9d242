/// What a key asks the console to do; the reducer carries it out.
enum Command: Equatable, Sendable {
    case moveDown, moveUp, pageDown, pageUp, moveToTop, moveToBottom
    /// Scroll the detail pane.
    case detailDown, detailUp
    case approve, deny, toggleMark, approveMarked, denyMarked, selectGroup
    case startFilter, allowException, denyException, startRevoke, showHelp, quit
    /// Esc: back out of whatever is going on.
    case back
    /// Enter in a text field: finish typing (never an approval).
    case submitText
    case deleteCharacter
    case chooseTTL(Int)
    case nextScope, previousScope, toggleBinding, editReason
    case confirmGrant, confirmRevoke
    /// The recent decisions view, and from one of them an exception the other way.
    case showRecent, recentException
    /// Trust the selected action's workspace (after a confirmation).
    case trustWorkspace, confirmTrust
    /// Only describes keys bound one by one elsewhere; never dispatched.
    case described
}

extension Command {
    /// Approves or grants: refused when the pane is too small to show what it would let through.
    var letsSomethingThrough: Bool {
        switch self {
        case .approve, .approveMarked, .allowException, .confirmGrant, .recentException, .confirmTrust: true
        default: false
        }
    }
}
