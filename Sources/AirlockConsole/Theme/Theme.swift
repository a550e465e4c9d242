/// Styles for the console's roles, resolved for one colour depth.
public struct Theme: Sendable {
    public var name: String
    public var depth: ColorDepth

    public static let builtInNames: [String] = ["default", "light", "high-contrast", "monochrome"]

    /// A built-in theme resolved for a depth (its text is also shipped in themes/<name>.toml).
    public static func builtIn(_ name: String, depth: ColorDepth) -> Theme? {
        builtInNames.contains(name) ? Theme(name: name, depth: depth) : nil
    }

    /// Parses a theme file; errors carry file:line.
    public static func parse(_ text: String, fileName: String, depth: ColorDepth) throws(ThemeError) -> Theme {
        throw ThemeError(fileName: fileName, line: 1, message: "theme files are not read yet")
    }
}
