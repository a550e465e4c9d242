/// Cursor, marks and the measurements the selected action needs.
extension Console {
    /// Keeps the cursor on a visible action: the same one while it is there, whatever arrives
    /// or leaves around it; the first one when there was none or the filter hides it; else the
    /// one now at its old position, so a resolved action hands over to its neighbour.
    static func settleCursor(_ state: inout ConsoleState) {
        let count = state.queue.visibleCount
        guard count > 0 else {
            state.cursorID = nil
            state.cursorIndex = 0
            state.newAbove.removeAll()
            return
        }
        if let id = state.cursorID, let index = state.queue.visibleIndex(of: id) {
            state.cursorIndex = index
        } else {
            let hiddenByFilter = state.cursorID.map { state.queue.contains($0) } ?? true
            state.cursorIndex = hiddenByFilter ? 0 : min(max(0, state.cursorIndex), count - 1)
            state.cursorID = state.queue.visibleID(at: state.cursorIndex)
        }
        if !state.newAbove.isEmpty {
            state.newAbove = state.newAbove.filter { id in
                state.queue.visibleIndex(of: id).map { $0 < state.cursorIndex } ?? false
            }
        }
    }

    static func moveCursor(_ state: inout ConsoleState, by delta: Int) {
        let count = state.queue.visibleCount
        guard count > 0 else { return }
        let current = state.cursorID.flatMap { state.queue.visibleIndex(of: $0) } ?? 0
        let index = min(max(0, current + delta), count - 1)
        state.cursorIndex = index
        state.cursorID = state.queue.visibleID(at: index)
        state.newAbove.removeAll()
    }

    /// Asks for what the selected action's detail needs and nobody asked for yet: the
    /// workspace's boundaries, the measured blast radius, the file an edit or write changes.
    static func probeEffects(_ state: inout ConsoleState) -> [ConsoleEffect] {
        guard let entry = state.cursorEntry else { return [] }
        var effects: [ConsoleEffect] = []
        let action = entry.item.action
        if let workspace = ConsoleState.workspace(of: action), state.report(for: workspace) == nil,
            state.requestedWorkspaces.insert(workspace).inserted
        {
            effects.append(.measureBoundaries(workspace: workspace))
        }
        if state.blast[entry.item.id] == nil, state.requestedBlast.insert(entry.item.id).inserted {
            effects.append(.measureBlastRadius(actionID: entry.item.id, action: action))
        }
        if let path = DiffPreview.target(of: action), state.files[path] == nil,
            state.requestedFiles.insert(path).inserted
        {
            effects.append(.readFile(path: path))
        }
        return effects
    }
}
