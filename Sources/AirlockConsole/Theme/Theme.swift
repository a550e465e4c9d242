/// Styles for the console's roles, resolved for one colour depth. Widgets ask for a role;
/// the theme answers with a cell style the terminal can show.
public struct Theme: Sendable {
    public private(set) var name: String
    public private(set) var depth: ColorDepth
    private var styles: [CellStyle]

    public static let builtInNames: [String] = ["default", "light", "high-contrast", "monochrome"]

    /// A built-in theme resolved for a depth (its text is also shipped in themes/<name>.toml).
    public static func builtIn(_ name: String, depth: ColorDepth) -> Theme? {
        guard let text = BuiltInThemes.text(named: name),
            let theme = try? parse(text, fileName: "themes/\(name).toml", depth: depth)
        else { return nil }
        return theme
    }

    /// The default theme, for when a chosen one cannot be used.
    public static func fallback(depth: ColorDepth) -> Theme {
        if let theme = builtIn("default", depth: depth) { return theme }
        preconditionFailure("the built-in default theme does not parse")
    }

    /// Parses a theme file; errors carry file:line. Roles the file leaves out keep the
    /// default theme's look.
    public static func parse(_ text: String, fileName: String, depth: ColorDepth) throws(ThemeError) -> Theme {
        let parsed = try ThemeFile.parse(text, fileName: fileName)
        var slots = parsed.slots
        if let defaultText = BuiltInThemes.text(named: "default"), text != defaultText {
            let defaults = try ThemeFile.parse(defaultText, fileName: "themes/default.toml").slots
            for (role, slot) in defaults where slots[role] == nil { slots[role] = slot }
        }
        let styles = Role.allCases.map { (slots[$0] ?? ThemeSlot()).style(for: depth) }
        return Theme(name: parsed.name ?? fileName, depth: depth, styles: styles)
    }

    /// The style for a role.
    public func style(_ role: Role) -> CellStyle { styles[role.rawValue] }
}
