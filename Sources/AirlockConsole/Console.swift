/// The console's two pure entry points: the reducer and the renderer (bubbletea's Update and View).
public enum Console {
    /// The reducer: applies one message, returns the effects to carry out.
    public static func update(_ state: inout ConsoleState, _ message: ConsoleMessage) -> [ConsoleEffect] {
        var effects: [ConsoleEffect]
        switch message {
        case .key(let key): effects = handleKey(&state, key)
        case .resize(let size):
            state.size = size
            effects = []
        case .tick(let now): effects = handleTick(&state, now)
        case .connection(let connection): effects = handleConnection(&state, connection)
        case .notification(let notification): effects = handleNotification(&state, notification)
        case .reply(let tag, let result): effects = handleReply(&state, tag: tag, result)
        case .requestFailed(let tag, let text): effects = handleFailure(&state, tag: tag, text)
        case .passphraseRequired(let tag, let request, let text):
            effects = askPassphrase(&state, tag: tag, request: request, text)
        case .boundaries(let report):
            state.boundaries[report.workspace] = report
            effects = []
        case .blastMeasured(let id, let measurement):
            state.blast[id] = measurement
            effects = []
        case .fileOnDisk(let path, let file):
            state.files[path] = file
            state.filesVersion += 1
            effects = []
        case .frameShown:
            noteFrameShown(&state)
            effects = []
        }
        settleCursor(&state)
        settleRecentCursor(&state)
        refreshDetail(&state)
        return effects + probeEffects(&state)
    }

    /// Renders a full frame for state.size.
    public static func render(_ state: ConsoleState, theme: Theme) -> CellBuffer {
        Screen.render(state, theme: theme)
    }
}
