import AirlockConsole
import CNcursesw
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The only code that talks to ncurses. It starts full-screen mode, decodes keys, draws a
/// frame by writing only the cells that changed since the previous one, and always gives the
/// terminal back: `stop()` on the normal way out and on errors (callers `defer` it), after
/// SIGINT (Ctrl-C)/SIGTERM/SIGHUP/SIGQUIT (recorded by a handler, seen by the next `read`), and at exit.
///
/// Confined to the thread that created it: ncurses is not thread-safe.
public final class Terminal {
    /// The number of colours ncurses reports (0 when the terminal has none).
    public private(set) var colors: Int = 0
    private var pairs = ColorPairs(terminalColors: 0, capacity: 0)
    private var isActive = false
    private var savedTerminal = termios()

    /// Enters full-screen mode. Throws when stdin or stdout is not a terminal.
    public init(escapeDelayMs: Int32 = 25) throws(TerminalError) {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        tcgetattr(STDIN_FILENO, &savedTerminal)
        setlocale(LC_ALL, "")
        airlock_set_escdelay(escapeDelayMs)
        guard initscr() != nil else { throw .cannotStart }
        isActive = true
        let saved = savedTerminal
        Terminal.activeTerminal.withLock { $0 = saved }
        atexit { Terminal.restoreAtExit() }
        TerminalSignals.install()
        // cbreak, not raw: Ctrl-C still sends SIGINT, which the handler turns into a clean exit.
        cbreak()
        noecho()
        nonl()
        keypad(airlock_stdscr(), true)
        curs_set(0)
        if has_colors() {
            start_color()
            use_default_colors()
            colors = Int(airlock_colors())
        }
        pairs = ColorPairs(terminalColors: colors, capacity: Int(airlock_color_pairs()))
    }

    /// The terminal's size now.
    public var size: ScreenSize {
        ScreenSize(columns: Int(airlock_cols()), rows: Int(airlock_lines()))
    }

    /// True once the terminal hung up (its pane or window closed): nothing more can be read.
    public private(set) var isInputClosed = false

    /// The signal that asked the console to stop, if one arrived.
    public var stopSignal: Int32? {
        let number = TerminalSignals.received.load(ordering: .relaxed)
        return number == 0 ? nil : number
    }

    /// Waits up to `timeoutMs` for input on stdin or on `wakeDescriptor` (another thread's
    /// "something arrived" pipe), then returns every key already typed.
    public func read(timeoutMs: Int32, wakeDescriptor: Int32? = nil) -> [TerminalInput] {
        var inputs = drain()
        guard inputs.isEmpty else { return inputs }
        var descriptors = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)]
        if let wakeDescriptor { descriptors.append(pollfd(fd: wakeDescriptor, events: Int16(POLLIN), revents: 0)) }
        _ = poll(&descriptors, nfds_t(descriptors.count), timeoutMs)
        if descriptors[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { isInputClosed = true }
        inputs = drain()
        return inputs
    }

    /// Every key ncurses can give without waiting.
    private func drain() -> [TerminalInput] {
        nodelay(airlock_stdscr(), true)
        var inputs: [TerminalInput] = []
        var character: wint_t = 0
        while inputs.count < 256 {
            let status = get_wch(&character)
            if status == ERR { break }
            let input = KeyDecoder.decode(isKeyCode: status == airlock_key_code_yes(), value: UInt32(character))
            if input != .ignored { inputs.append(input) }
        }
        return inputs
    }

    /// Draws `frame`, writing only the cells that differ from `previous` (everything when
    /// there is none or its size differs), then updates the screen.
    public func draw(_ frame: CellBuffer, previous: CellBuffer?) {
        var previous = previous
        if previous?.size != frame.size {
            erase()
            previous = nil
        }
        var exhausted = false
        for (column, row) in frame.changes(since: previous) {
            let cell = frame[column, row]
            if cell.isContinuation { continue }
            put(cell, column: column, row: row, exhausted: &exhausted)
        }
        if exhausted {
            // The pair table started over, so earlier cells may now point at reused pairs.
            draw(frame, previous: nil)
            return
        }
        refresh()
    }

    private func put(_ cell: Cell, column: Int, row: Int, exhausted: inout Bool) {
        let pair = pairs.pair(for: cell.style, exhausted: &exhausted)
        var attributes = airlock_a_normal()
        let style = cell.style.attributes
        if style.contains(.bold) { attributes |= airlock_a_bold() }
        if style.contains(.dim) { attributes |= airlock_a_dim() }
        if style.contains(.underline) { attributes |= airlock_a_underline() }
        if style.contains(.reverse) { attributes |= airlock_a_reverse() }
        var text = Terminal.wideText(cell.text)
        // ncurses refuses to write the bottom-right cell without scrolling; the error is harmless.
        _ = airlock_put_cell(Int32(row), Int32(column), &text, attributes, pair)
    }

    /// A cell's text as the NUL-terminated wide string `setcchar` takes: at most one spacing
    /// character and four combining ones; control characters become U+FFFD so a frame can
    /// never send the terminal an escape sequence.
    static func wideText(_ text: String) -> [wchar_t] {
        var scalars = text.unicodeScalars.prefix(5).map { scalar -> wchar_t in
            let value = scalar.value
            let isControl = value < 0x20 || (0x7F...0x9F).contains(value)
            return wchar_t(bitPattern: isControl ? 0xFFFD : value)
        }
        if scalars.isEmpty { scalars = [0x20] }
        return scalars + [0]
    }

    /// Rings the terminal bell.
    public func bell() {
        beep()
    }

    /// Leaves full-screen mode and puts the tty back as it was. Safe to call twice.
    public func stop() {
        guard isActive else { return }
        isActive = false
        endwin()
        tcsetattr(STDIN_FILENO, TCSANOW, &savedTerminal)
        Terminal.activeTerminal.withLock { $0 = nil }
        TerminalSignals.restoreDefaults()
    }

    deinit { stop() }

    /// The tty settings to restore if the process exits with the terminal still active.
    private static let activeTerminal = Mutex<termios?>(nil)

    private static func restoreAtExit() {
        guard var saved = activeTerminal.withLock({ $0 }) else { return }
        endwin()
        tcsetattr(STDIN_FILENO, TCSANOW, &saved)
    }
}

/// Why the terminal could not be taken over.
public enum TerminalError: Error, CustomStringConvertible, Sendable {
    case notATerminal
    case cannotStart

    public var description: String {
        switch self {
        case .notATerminal: "the console needs a terminal (stdin and stdout must be a tty)"
        case .cannotStart: "ncurses could not start on this terminal (check TERM)"
        }
    }
}
