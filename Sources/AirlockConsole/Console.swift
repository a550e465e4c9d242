/// The console's two pure entry points: the reducer and the renderer (bubbletea's Update and View).
public enum Console {
    /// The reducer: applies one message, returns the effects to carry out.
    public static func update(_ state: inout ConsoleState, _ message: ConsoleMessage) -> [ConsoleEffect] {
        switch message {
        case .key(.character("q")):
            state.wantsQuit = true
            return [.quit]
        case .resize(let size):
            state.size = size
            return []
        case .tick(let now):
            state.now = now
            return []
        default:
            return []
        }
    }

    /// Renders a full frame for state.size.
    public static func render(_ state: ConsoleState, theme: Theme) -> CellBuffer {
        CellBuffer(size: state.size)
    }
}
