/// The detail pane: its document, scrolling, what frames have shown of it, and the rule that
/// nothing is approved before it has been on screen.
extension Console {
    /// Lays the selected action out again when it, the pane's width or what is known about it
    /// changed; a frame then only draws the window (a 2,000-line diff or a megabyte of command
    /// costs milliseconds to lay out, a frame must not).
    static func refreshDetail(_ state: inout ConsoleState) {
        guard let entry = state.cursorEntry, let layout = Screen.layout(state), layout.detailText.width > 2 else {
            if state.cursorID == nil { state.detail = nil }
            return
        }
        let text = layout.detailText
        let key = state.detailKey(for: entry.item, width: text.width)
        if state.detail?.key != key {
            state.detail = DetailDocument.build(
                entry.item, width: text.width, blast: state.blast[entry.item.id],
                onDisk: DiffPreview.target(of: entry.item.action).flatMap { state.files[$0] },
                filesVersion: state.filesVersion)
        }
        let count = state.detail?.lines.count ?? 0
        state.detailScroll = max(0, min(state.detailScroll, count - text.height))
    }

    /// J / K: half the pane down or up.
    static func scrollDetail(_ state: inout ConsoleState, down: Bool) {
        guard let layout = Screen.layout(state) else { return }
        let step = max(1, layout.detailText.height / 2)
        state.detailScroll = max(0, state.detailScroll + (down ? step : -step))
        refreshDetail(&state)
    }

    /// A frame is on the terminal: what it showed of the selected action is now seen.
    static func noteFrameShown(_ state: inout ConsoleState) {
        guard state.interaction.showsDetail, let id = state.cursorID, let layout = Screen.layout(state),
            let document = state.detail, document.key.actionID == id
        else { return }
        state.cursorShown = true
        let window = DetailWindow(document, scroll: state.detailScroll, height: layout.detailText.height)
        state.seen[id] = window.seen(document, after: state.seen[id] ?? 0)
    }

    /// Whether the action under the cursor may be approved now: it has been shown since the
    /// cursor came to it, and all of its exact text has been on screen. Otherwise nothing is
    /// sent, the detail moves to the first part not yet seen, and the status line says so.
    static func requireSeen(_ state: inout ConsoleState) -> Bool {
        guard let id = state.cursorID else { return false }
        guard state.cursorShown, let document = state.detail, document.key.actionID == id else {
            flash(
                &state, "not sent: the selection changed before it was shown — look at it, then approve", isError: true)
            return false
        }
        guard let line = document.firstLine(after: state.seen[id] ?? 0) else { return true }
        let hidden = DetailWindow.unseenPart(document, from: line)
        // One line of what was read stays above, so the reader keeps their place.
        state.detailScroll = max(0, line - 1)
        refreshDetail(&state)
        flash(
            &state, "not sent, read it all first: \(hidden) not seen yet — shown now, J reads on",
            isError: true)
        return false
    }

    /// Marked actions with long text must each have been read in full before `A`; the cursor
    /// moves to the first that has not, and nothing is sent.
    static func requireMarkedSeen(_ state: inout ConsoleState, _ ids: [String]) -> Bool {
        let unread = ids.filter { id in
            guard let item = state.queue[id]?.item else { return false }
            let text = DetailDocument.exact(of: item.action).text
            return DetailDocument.isLong(text) && (state.seen[id] ?? 0) < text.unicodeScalars.count
        }
        guard let first = unread.first else { return true }
        let count = unread.count
        let what = "\(count) marked action\(count == 1 ? " has" : "s have") long text you have not read"
        guard let index = state.queue.visibleIndex(of: first) else {
            flash(&state, "not sent: \(what), hidden by the filter — Esc clears it", isError: true)
            return false
        }
        state.cursorIndex = index
        state.cursorID = first
        refreshDetail(&state)
        flash(&state, "not sent: \(what); here is the first — read it with J, then A", isError: true)
        return false
    }
}
