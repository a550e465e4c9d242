/// One line of a panel: spans of text, each with a role. Hidden-character markers inside a span
/// keep the marker role.
struct StyledLine {
    struct Span {
        var text: VisibleText
        var role: Role
    }

    var spans: [Span]

    init(_ spans: [Span] = []) { self.spans = spans }

    init(_ text: String, _ role: Role = .text) {
        spans = [Span(text: VisibleText.singleLine(text), role: role)]
    }

    static func + (lhs: StyledLine, rhs: StyledLine) -> StyledLine { StyledLine(lhs.spans + rhs.spans) }

    mutating func append(_ text: String, _ role: Role = .text) {
        spans.append(Span(text: VisibleText.singleLine(text), role: role))
    }

    /// Draws the line; returns the column after it.
    @discardableResult
    func draw(on canvas: inout Canvas, column: Int, row: Int, limit: Int) -> Int {
        var x = column
        for span in spans where x < limit {
            x = canvas.write(span.text, column: x, row: row, limit: limit, style: canvas.theme.style(span.role))
        }
        return x
    }

    /// Breaks visible text into lines no wider than `width`; markers move whole to the next
    /// line when they fit there, so `⟨ESC⟩` is never cut in half.
    static func wrap(_ text: VisibleText, width: Int, role: Role, firstPrefix: String = "", prefix: String = "")
        -> [StyledLine]
    {
        guard width > 4 else { return [StyledLine(text.string, role)] }
        var lines: [StyledLine] = []
        var current = StyledLine(firstPrefix, .textDim)
        var used = DisplayWidth.of(firstPrefix)
        var plain = ""
        func flushPlain() {
            if !plain.isEmpty {
                current.spans.append(
                    Span(text: VisibleText(segments: [.init(text: plain, isMarker: false)]), role: role))
            }
            plain = ""
        }
        func newLine() {
            flushPlain()
            lines.append(current)
            current = StyledLine(prefix, .textDim)
            used = DisplayWidth.of(prefix)
        }
        for segment in text.segments {
            if segment.isMarker {
                let markerWidth = DisplayWidth.of(segment.text)
                if used + markerWidth > width, used > DisplayWidth.of(prefix),
                    markerWidth <= width - DisplayWidth.of(prefix)
                {
                    newLine()
                }
                flushPlain()
                current.spans.append(Span(text: VisibleText(segments: [segment]), role: role))
                used += markerWidth
                continue
            }
            for character in segment.text {
                let characterWidth = max(1, DisplayWidth.of(character))
                if used + characterWidth > width { newLine() }
                plain.append(character)
                used += characterWidth
            }
        }
        flushPlain()
        lines.append(current)
        return lines
    }
}
