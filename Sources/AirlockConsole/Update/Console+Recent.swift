import AirlockCore
import AirlockWire
import FoundationEssentials

/// The recent view (`R`): every decision the broker made lately, automatic ones included,
/// filterable like the queue; from one, an exception the other way in the `t` panel.
extension Console {
    static func showRecent(_ state: inout ConsoleState) {
        let first = state.decisions.visible(filter: "").first?.actionID
        state.interaction = .recent(RecentView(cursorID: first))
    }

    /// The decisions the view shows now, newest first, and where its cursor is among them.
    static func recentWindow(_ state: ConsoleState, _ view: RecentView) -> (list: [DecisionRecord], cursor: Int) {
        let list = state.decisions.visible(filter: view.filter)
        let cursor = view.cursorID.flatMap { id in list.firstIndex { $0.actionID == id } } ?? 0
        return (list, cursor)
    }

    static func moveRecentCursor(_ state: inout ConsoleState, by delta: Int) {
        guard case .recent(var view) = state.interaction else { return }
        let (list, cursor) = recentWindow(state, view)
        guard !list.isEmpty else { return }
        view.cursorID = list[min(max(0, cursor + delta), list.count - 1)].actionID
        state.interaction = .recent(view)
    }

    /// Keeps the cursor on a decision the filter shows (the newest when it hid the old one).
    static func settleRecentCursor(_ state: inout ConsoleState) {
        guard case .recent(var view) = state.interaction else { return }
        let list = state.decisions.visible(filter: view.filter)
        if view.cursorID.map({ id in list.contains { $0.actionID == id } }) != true {
            view.cursorID = list.first?.actionID
            state.interaction = .recent(view)
        }
    }

    static func editRecentFilter(_ state: inout ConsoleState, _ change: (inout RecentView) -> Void) {
        guard case .recent(var view) = state.interaction else { return }
        change(&view)
        state.interaction = .recent(view)
        settleRecentCursor(&state)
    }

    /// `t` on a decision: an allow exception from a denied one, a deny exception from an
    /// allowed one, in the same panel (TTL, scope, binding, coverage) as from the queue.
    static func recentException(_ state: inout ConsoleState) -> [ConsoleEffect] {
        guard case .recent(let view) = state.interaction,
            let record = view.cursorID.flatMap({ id in state.decisions.records.last { $0.actionID == id } })
        else {
            flash(&state, "nothing selected", isError: true)
            return []
        }
        guard let recent = RecentDecisions.action(record, host: state.configuration.hostFacts) else {
            flash(&state, "not an agent's action: nothing to make an exception from", isError: true)
            return []
        }
        let source = QueuedAction(
            id: record.actionID, action: recent.action, assessment: recent.assessment, reason: record.reason,
            source: record.source, queuedAt: record.time, deadline: record.time)
        var draft = ExceptionDraft(effect: record.verdict == .deny ? .allow : .deny, source: source)
        state.recentActions = recentActions(state)
        measureDraft(&state, &draft)
        state.interaction = .exception(draft)
        return []
    }

    /// The newest recent decisions as actions, for an exception's coverage preview.
    static func recentActions(_ state: ConsoleState) -> [RecentAction] {
        state.decisions.records.suffix(state.configuration.recentActionLimit).reversed().compactMap {
            RecentDecisions.action($0, host: state.configuration.hostFacts)
        }
    }
}
