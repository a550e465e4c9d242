/// Draws every panel of a frame into a cell buffer, where `layout` puts them.
enum Screen {
    static let minimumSize = ScreenSize(columns: 60, rows: 15)
    static let sideBySideColumns = 100

    static func fits(_ size: ScreenSize) -> Bool {
        size.columns >= minimumSize.columns && size.rows >= minimumSize.rows
    }

    static func render(_ state: ConsoleState, theme: Theme) -> CellBuffer {
        var canvas = Canvas(size: state.size, theme: theme)
        let size = state.size
        guard let layout = layout(state) else {
            drawTooSmall(&canvas, size: size)
            return canvas.buffer
        }
        drawHeader(&canvas, state)
        drawStatusLine(&canvas, state, row: size.rows - 2)
        drawFooter(&canvas, state, row: size.rows - 1)
        if state.interaction == .help {
            drawHelp(&canvas, state, in: layout.body)
            return canvas.buffer
        }
        if let rect = layout.exceptions { drawExceptions(&canvas, state, in: rect) }
        if let rect = layout.boundaries {
            drawBoundaries(&canvas, state, in: rect, compact: layout.compactBoundaries)
        }
        if case .recent(let view) = state.interaction {
            drawRecent(&canvas, state, view, layout: layout)
            return canvas.buffer
        }
        drawQueue(&canvas, state, in: layout.queue)
        switch state.interaction {
        case .exception(let draft): drawExceptionDraft(&canvas, state, draft, in: layout.detail)
        case .revoking(let index): drawRevokePicker(&canvas, state, index: index, in: layout.detail)
        case .confirmingTrust(let draft): drawTrustDraft(&canvas, state, draft, in: layout.detail)
        default: drawDetail(&canvas, state, layout: layout)
        }
        return canvas.buffer
    }

    static func drawTooSmall(_ canvas: inout Canvas, size: ScreenSize) {
        let lines = [
            "Airlock needs at least \(minimumSize.columns)×\(minimumSize.rows)",
            "this pane is \(size.columns)×\(size.rows)",
            "q quits",
        ]
        let top = max(0, size.rows / 2 - 1)
        for (offset, line) in lines.enumerated() {
            let width = DisplayWidth.of(line)
            let column = max(0, (size.columns - width) / 2)
            canvas.write(
                line, column: column, row: top + offset, limit: size.columns,
                style: canvas.theme.style(offset == 0 ? .title : .textDim))
        }
    }
}
