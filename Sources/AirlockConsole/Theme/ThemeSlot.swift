/// One role's look as a theme file gives it: colours for colour terminals and the attributes
/// that stand in for them when there is no colour.
struct ThemeSlot: Equatable, Sendable {
    var foreground: ThemeColor = .terminalDefault
    var background: ThemeColor = .terminalDefault
    var attributes: TextAttributes = []
    /// What monochrome terminals get instead (bold, dim, underline, reverse).
    var monochrome: TextAttributes = []

    func style(for depth: ColorDepth) -> CellStyle {
        if depth == .monochrome { return CellStyle(attributes: monochrome) }
        return CellStyle(
            foreground: foreground.resolved(for: depth), background: background.resolved(for: depth),
            attributes: attributes)
    }
}
