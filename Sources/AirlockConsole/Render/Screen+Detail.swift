import AirlockCore
import AirlockWire

/// The selected action in full, as its `DetailDocument` lays it out, scrolled to
/// `state.detailScroll`; the bottom border says how long it has waited and where the window is.
extension Screen {
    static func drawDetail(_ canvas: inout Canvas, _ state: ConsoleState, layout: Layout) {
        let rect = layout.detail
        guard let entry = state.cursorEntry else {
            canvas.box(rect, title: "Detail")
            return
        }
        let inside = canvas.box(rect, title: "\(entry.tool) · \(entry.item.action.harness) · \(entry.place)")
        let text = layout.detailText
        guard text.width > 2, text.height > 0 else { return }
        let document = detailDocument(state, entry, width: text.width)
        let window = DetailWindow(document, scroll: state.detailScroll, height: text.height)
        var row = text.row
        for index in window.shown {
            document.lines[index].draw(on: &canvas, column: text.column, row: row, limit: text.right)
            row += 1
        }
        if let marker = window.marker {
            canvas.write(
                marker, column: text.column, row: row, limit: text.right, style: canvas.theme.style(.hardFloor))
        }
        // The bottom border: how long it has waited, and where the window is in a long detail.
        let item = entry.item
        let age = Durations.short(state.now.timeIntervalSince(item.queuedAt))
        let left = Durations.short(item.deadline.timeIntervalSince(state.now))
        let border = rect.bottom - 1
        let dim = canvas.theme.style(.textDim)
        let timesEnd = canvas.write(
            " waiting \(age) · denied in \(left) ", column: rect.column + 2, row: border, limit: rect.right - 2,
            style: dim)
        let count = document.lines.count
        if count > text.height, window.shown.count > 0 {
            let position =
                " lines \(Numbers.grouped(window.shown.lowerBound + 1))–\(Numbers.grouped(window.shown.upperBound))"
                + " of \(Numbers.grouped(count)) · J/K "
            if DisplayWidth.of(position) < rect.right - 2 - timesEnd {
                canvas.writeRight(position, row: border, limit: rect.right - 1, style: dim)
            }
        }
        _ = inside
    }

    /// The document the reducer built for this action and width, or one built now (a state
    /// made without the reducer, as some tests do).
    static func detailDocument(_ state: ConsoleState, _ entry: QueueEntry, width: Int) -> DetailDocument {
        if let document = state.detail, document.key == state.detailKey(for: entry.item, width: width) {
            return document
        }
        return DetailDocument.build(
            entry.item, width: width, blast: state.blast[entry.item.id],
            onDisk: DiffPreview.target(of: entry.item.action).flatMap { state.files[$0] },
            filesVersion: state.filesVersion)
    }
}
