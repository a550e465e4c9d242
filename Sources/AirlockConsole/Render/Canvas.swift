/// Writes text into a `CellBuffer` a grapheme at a time, clipped to a rectangle, with wide
/// characters taking two cells. Every string goes through `VisibleText` first, so no control
/// byte or invisible character can reach a cell.
struct Canvas {
    var buffer: CellBuffer
    let theme: Theme

    init(size: ScreenSize, theme: Theme) {
        self.buffer = CellBuffer(size: size, fill: Cell(" ", style: theme.style(.text)))
        self.theme = theme
    }

    var size: ScreenSize { buffer.size }

    /// Fills a rectangle with blanks in a style.
    mutating func fill(_ rect: Rect, style: CellStyle) {
        let blank = Cell(" ", style: style)
        for row in max(0, rect.row)..<min(size.rows, rect.row + rect.height) {
            for column in max(0, rect.column)..<min(size.columns, rect.column + rect.width) {
                buffer[column, row] = blank
            }
        }
    }

    /// Writes one line of text from `column` but not past `limit` (exclusive); returns the
    /// column after the last cell written. Text that does not fit ends in "…". One pass: the
    /// ellipsis replaces the last glyph written once the next one does not fit.
    @discardableResult
    mutating func write(
        _ text: VisibleText, column: Int, row: Int, limit: Int, style: CellStyle, markerStyle: CellStyle? = nil
    ) -> Int {
        guard row >= 0, row < size.rows else { return column }
        let end = min(limit, size.columns)
        var x = column
        let markerStyle = markerStyle ?? theme.style(.hiddenCharacter)
        var lastStart = -1
        for segment in text.segments {
            let segmentStyle = segment.isMarker ? markerStyle : style
            for character in segment.text {
                var width = DisplayWidth.of(character)
                var glyph: String
                if width == 0 {
                    // A mark with nothing to sit on: give it a dotted circle so it takes its own cell.
                    glyph = "◌" + String(character)
                    width = 1
                } else {
                    glyph = String(character)
                }
                if x + width > end {
                    putEllipsis(at: x, lastStart: lastStart, end: end, row: row, style: style)
                    return min(x, end)
                }
                if x >= 0 {
                    buffer[x, row] = Cell(glyph, style: segmentStyle)
                    if width == 2 { buffer[x + 1, row] = Cell("", style: segmentStyle) }
                }
                lastStart = x
                x += width
            }
        }
        return x
    }

    /// Marks cut-off text: "…" in the free cell at `x`, or over the last glyph when none is free.
    private mutating func putEllipsis(at x: Int, lastStart: Int, end: Int, row: Int, style: CellStyle) {
        if x < end, x >= 0 {
            buffer[x, row] = Cell("…", style: style)
        } else if lastStart >= 0 {
            let wasWide = lastStart + 1 < end && buffer[lastStart + 1, row].isContinuation
            buffer[lastStart, row] = Cell("…", style: style)
            if wasWide { buffer[lastStart + 1, row] = Cell(" ", style: style) }
        }
    }

    /// Writes a string of our own or from the broker (made visible first).
    @discardableResult
    mutating func write(_ text: String, column: Int, row: Int, limit: Int, style: CellStyle) -> Int {
        write(VisibleText.singleLine(text), column: column, row: row, limit: limit, style: style)
    }

    /// Writes text right-aligned so it ends just before `limit`; returns where it starts.
    @discardableResult
    mutating func writeRight(_ text: String, row: Int, limit: Int, style: CellStyle) -> Int {
        let visible = VisibleText.singleLine(text)
        let start = limit - DisplayWidth.of(visible.string)
        write(visible, column: start, row: row, limit: limit, style: style)
        return start
    }

    /// A box with a title in its top border; returns the inside.
    @discardableResult
    mutating func box(_ rect: Rect, title: String, focused: Bool = false) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else {
            return Rect(column: rect.column, row: rect.row, width: 0, height: 0)
        }
        let style = theme.style(focused ? .borderFocus : .border)
        let right = rect.column + rect.width - 1
        let bottom = rect.row + rect.height - 1
        for column in rect.column...right {
            put("─", column: column, row: rect.row, style: style)
            put("─", column: column, row: bottom, style: style)
        }
        for row in rect.row...bottom {
            put("│", column: rect.column, row: row, style: style)
            put("│", column: right, row: row, style: style)
        }
        put("┌", column: rect.column, row: rect.row, style: style)
        put("┐", column: right, row: rect.row, style: style)
        put("└", column: rect.column, row: bottom, style: style)
        put("┘", column: right, row: bottom, style: style)
        if !title.isEmpty, rect.width > 4 {
            let end = write(
                " " + title + " ", column: rect.column + 1, row: rect.row, limit: right, style: theme.style(.title))
            _ = end
        }
        return rect.inset
    }

    private mutating func put(_ glyph: String, column: Int, row: Int, style: CellStyle) {
        guard buffer.contains(column: column, row: row) else { return }
        buffer[column, row] = Cell(glyph, style: style)
    }
}

/// A rectangle of cells.
struct Rect: Equatable {
    var column: Int
    var row: Int
    var width: Int
    var height: Int

    var right: Int { column + width }
    var bottom: Int { row + height }
    /// One cell in from every side.
    var inset: Rect { Rect(column: column + 1, row: row + 1, width: max(0, width - 2), height: max(0, height - 2)) }
}
