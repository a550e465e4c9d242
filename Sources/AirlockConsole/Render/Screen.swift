/// Lays the frame out for the screen size and draws every panel into a cell buffer.
/// Panels collapse in steps: from 100 columns queue and detail sit side by side, below they
/// stack; the boundary and exception panels give way first when rows run short.
enum Screen {
    static let minimumSize = ScreenSize(columns: 60, rows: 15)
    static let sideBySideColumns = 100

    static func fits(_ size: ScreenSize) -> Bool {
        size.columns >= minimumSize.columns && size.rows >= minimumSize.rows
    }

    static func render(_ state: ConsoleState, theme: Theme) -> CellBuffer {
        var canvas = Canvas(size: state.size, theme: theme)
        let size = state.size
        guard size.columns >= minimumSize.columns, size.rows >= minimumSize.rows else {
            drawTooSmall(&canvas, size: size)
            return canvas.buffer
        }
        drawHeader(&canvas, state)
        drawStatusLine(&canvas, state, row: size.rows - 2)
        drawFooter(&canvas, state, row: size.rows - 1)
        let body = Rect(column: 0, row: 1, width: size.columns, height: size.rows - 3)
        if state.interaction == .help {
            drawHelp(&canvas, state, in: body)
            return canvas.buffer
        }
        var main = body
        // Bottom panels, when there is room: the five boundaries, then active exceptions.
        let exceptions = state.activeExceptions
        if size.rows >= 30, !exceptions.isEmpty {
            let height = min(exceptions.count, 4) + 2
            main.height -= height
            drawExceptions(&canvas, state, in: Rect(column: 0, row: main.bottom, width: size.columns, height: height))
        }
        let wide = size.columns >= sideBySideColumns
        if size.rows >= 22 {
            let height = wide ? 4 : 3
            main.height -= height
            drawBoundaries(
                &canvas, state, in: Rect(column: 0, row: main.bottom, width: size.columns, height: height),
                compact: !wide)
        }
        let queueRect: Rect
        let detailRect: Rect
        if wide {
            let queueWidth = min(max(44, size.columns / 2), 72)
            queueRect = Rect(column: main.column, row: main.row, width: queueWidth, height: main.height)
            detailRect = Rect(
                column: main.column + queueWidth, row: main.row, width: main.width - queueWidth, height: main.height)
        } else {
            let queueHeight = max(4, min(main.height / 3, state.queue.visibleCount + 2))
            queueRect = Rect(column: main.column, row: main.row, width: main.width, height: queueHeight)
            detailRect = Rect(
                column: main.column, row: main.row + queueHeight, width: main.width, height: main.height - queueHeight)
        }
        drawQueue(&canvas, state, in: queueRect)
        switch state.interaction {
        case .exception(let draft): drawExceptionDraft(&canvas, state, draft, in: detailRect)
        case .revoking(let index): drawRevokePicker(&canvas, state, index: index, in: detailRect)
        default: drawDetail(&canvas, state, in: detailRect)
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
