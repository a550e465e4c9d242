/// One line of a panel: spans of text, each with a role. Hidden-character markers inside a span
/// keep the marker role.
struct StyledLine: Sendable {
    struct Span: Sendable {
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

    /// Cells the line takes.
    var width: Int { spans.reduce(0) { $0 + DisplayWidth.of($1.text.string) } }

    /// Draws the line; returns the column after it.
    @discardableResult
    func draw(on canvas: inout Canvas, column: Int, row: Int, limit: Int) -> Int {
        var x = column
        for span in spans where x < limit {
            x = canvas.write(span.text, column: x, row: row, limit: limit, style: canvas.theme.style(span.role))
        }
        return x
    }

    /// Breaks visible text into lines no wider than `width`, character by character (exact
    /// text: every space is where the agent put it); markers move whole to the next line when
    /// they fit there, so `⟨ESC⟩` is never cut in half.
    static func wrap(_ text: VisibleText, width: Int, role: Role, firstPrefix: String = "", prefix: String = "")
        -> [StyledLine]
    {
        wrapCountingSource(text, width: width, role: role, firstPrefix: firstPrefix, prefix: prefix).map(\.line)
    }

    /// `wrap`, with how many scalars of the original text each line ends after (counted from
    /// the start of `text`), so a reader of the lines can tell which part of the text was seen.
    static func wrapCountingSource(
        _ text: VisibleText, width: Int, role: Role, firstPrefix: String = "", prefix: String = ""
    ) -> [(line: StyledLine, sourceEnd: Int)] {
        guard width > 4 else {
            let total = text.segments.reduce(0) { $0 + $1.sourceScalars }
            return [(StyledLine(firstPrefix, .textDim) + StyledLine([Span(text: text, role: role)]), total)]
        }
        var lines: [(line: StyledLine, sourceEnd: Int)] = []
        var current = StyledLine(firstPrefix, .textDim)
        let prefixWidth = DisplayWidth.of(prefix)
        var used = DisplayWidth.of(firstPrefix)
        var consumed = 0
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
            lines.append((current, consumed))
            current = StyledLine(prefix, .textDim)
            used = prefixWidth
        }
        for segment in text.segments {
            if segment.isMarker {
                let markerWidth = DisplayWidth.of(segment.text)
                if used + markerWidth > width, used > prefixWidth, markerWidth <= width - prefixWidth {
                    newLine()
                }
                flushPlain()
                current.spans.append(Span(text: VisibleText(segments: [segment]), role: role))
                used += markerWidth
                consumed += segment.sourceScalars
                continue
            }
            for character in segment.text {
                let characterWidth = max(1, DisplayWidth.of(character))
                if used + characterWidth > width { newLine() }
                plain.append(character)
                used += characterWidth
                consumed += character.unicodeScalars.count
            }
        }
        flushPlain()
        lines.append((current, consumed))
        return lines
    }

    /// The line broken at spaces into lines no wider than `width`, styles kept; lines after the
    /// first start with `indent` spaces. A word longer than a line is broken where it must be.
    func wrapped(width: Int, indent: Int = 2) -> [StyledLine] {
        guard width > indent + 4, self.width > width else { return [self] }
        var lines: [StyledLine] = []
        var current = StyledLine()
        var used = 0
        let margin = String(repeating: " ", count: indent)
        func newLine() {
            lines.append(current)
            current = StyledLine(margin, .text)
            used = indent
        }
        func put(_ segment: VisibleText.Segment, _ role: Role) {
            if let last = current.spans.last, last.role == role, !segment.isMarker,
                last.text.segments.last?.isMarker == false
            {
                current.spans[current.spans.count - 1].text.segments[last.text.segments.count - 1].text += segment.text
            } else {
                current.spans.append(Span(text: VisibleText(segments: [segment]), role: role))
            }
            used += DisplayWidth.of(segment.text)
        }
        for span in spans {
            for segment in span.text.segments {
                for token in segment.isMarker ? [segment.text] : Self.words(segment.text) {
                    let tokenWidth = DisplayWidth.of(token)
                    let isSpace = token.allSatisfy { $0 == " " }
                    if used + tokenWidth > width, used > indent {
                        newLine()
                        if isSpace { continue }
                    }
                    if used + tokenWidth <= width || segment.isMarker {
                        put(.init(text: token, isMarker: segment.isMarker), span.role)
                        continue
                    }
                    // Longer than a whole line: break it by characters.
                    var piece = ""
                    for character in token {
                        let characterWidth = max(1, DisplayWidth.of(character))
                        if used + DisplayWidth.of(piece) + characterWidth > width {
                            put(.init(text: piece, isMarker: false), span.role)
                            piece = ""
                            newLine()
                        }
                        piece.append(character)
                    }
                    if !piece.isEmpty { put(.init(text: piece, isMarker: false), span.role) }
                }
            }
        }
        lines.append(current)
        return lines
    }

    /// Words and the runs of spaces between them, in order: "a  b" → ["a", "  ", "b"].
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var inSpace = false
        for character in text {
            let isSpace = character == " "
            if isSpace != inSpace, !current.isEmpty {
                words.append(current)
                current = ""
            }
            inSpace = isSpace
            current.append(character)
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}
