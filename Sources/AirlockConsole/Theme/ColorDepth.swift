/// How many colours the terminal can show; themes are resolved for one depth.
public enum ColorDepth: Sendable {
    case trueColor, indexed256, ansi16, monochrome

    /// From the environment (NO_COLOR, COLORTERM, TERM) and the terminal's colour count (ncurses COLORS).
    /// `NO_COLOR` (any non-empty value, no-color.org) and `TERM=dumb` win over everything; COLORTERM
    /// `truecolor`/`24bit` promises 24-bit colour on a terminal that has colour at all.
    public static func detect(environment: [String: String], terminalColors: Int) -> ColorDepth {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .monochrome }
        let term = environment["TERM"] ?? ""
        if term == "dumb" { return .monochrome }
        let colorTerm = (environment["COLORTERM"] ?? "").lowercased()
        let hasColor = terminalColors >= 8
        if hasColor, colorTerm == "truecolor" || colorTerm == "24bit" { return .trueColor }
        if terminalColors >= 256 || (hasColor && term.hasSuffix("256color")) { return .indexed256 }
        if hasColor { return .ansi16 }
        return .monochrome
    }
}
