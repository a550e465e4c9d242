/// How many colours the terminal can show; themes are resolved for one depth.
public enum ColorDepth: Sendable {
    case trueColor, indexed256, ansi16, monochrome

    /// From the environment (NO_COLOR, COLORTERM, TERM) and the terminal's colour count (ncurses COLORS).
    public static func detect(environment: [String: String], terminalColors: Int) -> ColorDepth {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .monochrome }
        if terminalColors >= 256 { return .indexed256 }
        if terminalColors >= 8 { return .ansi16 }
        return .monochrome
    }
}
