/// Where each panel of a frame goes. One function answers for the renderer and for the
/// reducer, which needs the detail pane's size to lay its lines out and to know what a frame
/// that was shown could have shown.
struct Layout: Equatable {
    /// Between the header and the status line.
    var body: Rect
    var queue: Rect
    /// The detail pane, or the exception or revoke panel over it.
    var detail: Rect
    var boundaries: Rect?
    var exceptions: Rect?
    /// The boundary panel's compact form (below 100 columns).
    var compactBoundaries: Bool

    /// Where the detail's lines go: inside the box, one cell in from the left.
    var detailText: Rect {
        let inside = detail.inset
        return Rect(column: inside.column + 1, row: inside.row, width: max(0, inside.width - 1), height: inside.height)
    }
}

extension Screen {
    /// The frame's layout, or nil when the pane is below the 60×15 floor (or help covers it all).
    /// Panels collapse in steps: from 100 columns queue and detail sit side by side, below they
    /// stack; the boundary and exception panels give way first when rows run short.
    static func layout(_ state: ConsoleState) -> Layout? {
        let size = state.size
        guard fits(size) else { return nil }
        let body = Rect(column: 0, row: 1, width: size.columns, height: size.rows - 3)
        var main = body
        var exceptionsRect: Rect?
        let exceptions = state.activeExceptions
        if size.rows >= 30, !exceptions.isEmpty {
            let height = min(exceptions.count, 4) + 2
            main.height -= height
            exceptionsRect = Rect(column: 0, row: main.bottom, width: size.columns, height: height)
        }
        let wide = size.columns >= sideBySideColumns
        var boundariesRect: Rect?
        if size.rows >= 22 {
            let height = boundaryPanelHeight(state, width: size.columns, compact: !wide)
            main.height -= height
            boundariesRect = Rect(column: 0, row: main.bottom, width: size.columns, height: height)
        }
        let queueRect: Rect
        let detailRect: Rect
        if wide {
            let queueWidth = queueWidth(columns: size.columns)
            queueRect = Rect(column: main.column, row: main.row, width: queueWidth, height: main.height)
            detailRect = Rect(
                column: main.column + queueWidth, row: main.row, width: main.width - queueWidth, height: main.height)
        } else {
            let queueHeight = max(4, min(main.height / 3, state.queue.visibleCount + 2))
            queueRect = Rect(column: main.column, row: main.row, width: main.width, height: queueHeight)
            detailRect = Rect(
                column: main.column, row: main.row + queueHeight, width: main.width, height: main.height - queueHeight)
        }
        return Layout(
            body: body, queue: queueRect, detail: detailRect, boundaries: boundariesRect, exceptions: exceptionsRect,
            compactBoundaries: !wide)
    }

    /// Side by side, the queue takes 55% of the width, between 44 and 80 columns: its command
    /// column is the one that gets cut; the detail wraps and scrolls.
    static func queueWidth(columns: Int) -> Int { min(max(44, columns * 11 / 20), 80) }
}

extension Interaction {
    /// Whether the detail pane shows the selected action (no panel drawn over it).
    var showsDetail: Bool {
        switch self {
        case .help, .exception, .revoking, .recent, .confirmingTrust: false
        case .browsing, .filtering, .denying, .confirmingHardFloor, .vetoCountdown, .enteringPassphrase: true
        }
    }
}
