import AirlockCore

/// Text made safe to put in cells: every control, escape, zero-width, bidi or other invisible
/// character becomes a visible marker such as `⟨ESC U+1B⟩`, so what the reviewer reads is what
/// runs and no raw control byte ever reaches the terminal. A run of the same hidden character
/// is one marker with its count (`⟨ZERO WIDTH SPACE U+200B ×5,000⟩`): as exact, and a megabyte
/// of them stays a line instead of becoming thousands.
struct VisibleText: Equatable, Sendable {
    /// A run of text, either ordinary or a marker standing for hidden characters.
    struct Segment: Equatable, Sendable {
        var text: String
        var isMarker: Bool
        /// How many scalars of the original text it stands for (a marker: the run's length).
        var sourceScalars: Int

        init(text: String, isMarker: Bool, sourceScalars: Int? = nil) {
            self.text = text
            self.isMarker = isMarker
            self.sourceScalars = sourceScalars ?? (isMarker ? 1 : text.unicodeScalars.count)
        }
    }

    var segments: [Segment]

    /// Lines of `text`, each as segments; newlines split lines (shown as lines, not hidden).
    static func lines(_ text: String) -> [VisibleText] {
        var result: [VisibleText] = []
        var current = VisibleText(segments: [])
        var plain = ""
        var run: (scalar: Unicode.Scalar, count: Int)?
        func flushPlain() {
            if !plain.isEmpty { current.segments.append(Segment(text: plain, isMarker: false)) }
            plain = ""
        }
        func flushRun() {
            guard let (scalar, count) = run, let marker = marker(for: scalar) else { return }
            let text = count == 1 ? marker : String(marker.dropLast()) + " ×\(Numbers.grouped(count))⟩"
            current.segments.append(Segment(text: text, isMarker: true, sourceScalars: count))
            run = nil
        }
        for scalar in text.unicodeScalars {
            if let (previous, count) = run, previous == scalar {
                run = (previous, count + 1)
                continue
            }
            flushRun()
            if scalar == "\n" {
                flushPlain()
                result.append(current)
                current = VisibleText(segments: [])
            } else if marker(for: scalar) != nil {
                flushPlain()
                run = (scalar, 1)
            } else {
                plain.unicodeScalars.append(scalar)
            }
        }
        flushRun()
        flushPlain()
        result.append(current)
        return result
    }

    /// The whole text on one line: newlines become a visible `↵` marker.
    static func singleLine(_ text: String) -> VisibleText {
        let lines = lines(text)
        var segments: [Segment] = []
        for (index, line) in lines.enumerated() {
            if index > 0 { segments.append(Segment(text: "↵", isMarker: true)) }
            segments += line.segments
        }
        return VisibleText(segments: segments)
    }

    /// Plain string form (markers included), for widths and searching.
    var string: String { segments.map(\.text).joined() }

    /// The marker for a character that must not reach a cell as itself, or nil for an ordinary one.
    /// Core's names come first (the same words the classifier's findings use); any other control,
    /// format, surrogate, private-use or unassigned scalar gets its code point.
    static func marker(for scalar: Unicode.Scalar) -> String? {
        if scalar == "\t" { return "⟨TAB⟩" }
        // Printable ASCII is by far the most common case: answer it before any lookup.
        if scalar.value >= 0x20, scalar.value < 0x7F { return nil }
        if let name = HiddenCharacters.name(of: scalar) {
            return name == "ESC" ? "⟨ESC⟩" : "⟨\(name) U+\(String(scalar.value, radix: 16, uppercase: true))⟩"
        }
        if scalar.value < 0x300 { return nil }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator:
            return "⟨U+\(String(scalar.value, radix: 16, uppercase: true))⟩"
        default:
            return nil
        }
    }
}
