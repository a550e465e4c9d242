// Generated from themes/*.toml; `AIRLOCK_REGENERATE_DOCS=1 swift test --filter builtInThemeFiles` rewrites it.
// A test fails when this and the files differ.

/// The built-in themes, embedded so the console needs no files to start.
enum BuiltInThemes {
    static func text(named name: String) -> String? {
        switch name {
        case "default": defaultTheme
        case "light": light
        case "high-contrast": highContrast
        case "monochrome": monochrome
        default: nil
        }
    }

    static let defaultTheme = #"""
        # Airlock console theme: default (dark background).
        # Slots name roles, never places on screen. fg/bg are "default" or "#rrggbb" (degraded to
        # 256 or 16 colours as the terminal allows); attrs: bold, dim, underline, reverse;
        # mono is what a terminal without colour (or NO_COLOR) shows instead.
        name = "default"

        [roles]
        "text" = { fg = "default", mono = [] }
        "text.dim" = { fg = "#8a8a8a", mono = ["dim"] }
        "header" = { fg = "#ffffff", bg = "#303a4a", attrs = ["bold"], mono = ["reverse"] }
        "border" = { fg = "#5f6b7a", mono = [] }
        "border.focus" = { fg = "#87afd7", mono = ["bold"] }
        "title" = { fg = "#87afd7", attrs = ["bold"], mono = ["bold"] }
        "selection.cursor" = { fg = "#ffffff", bg = "#3a4a6a", attrs = ["bold"], mono = ["reverse"] }
        "selection.marked" = { fg = "#ffd75f", attrs = ["bold"], mono = ["underline"] }
        "risk.low" = { fg = "#87d787", mono = [] }
        "risk.medium" = { fg = "#ffd75f", mono = ["bold"] }
        "risk.high" = { fg = "#ff875f", attrs = ["bold"], mono = ["bold"] }
        "risk.critical" = { fg = "#ff5f5f", attrs = ["bold", "underline"], mono = ["bold", "underline"] }
        "category" = { fg = "#afafd7", mono = [] }
        "hard_floor" = { fg = "#ff5f5f", attrs = ["bold"], mono = ["bold", "underline"] }
        "hidden_character" = { fg = "#000000", bg = "#ffaf00", attrs = ["bold"], mono = ["reverse", "bold"] }
        "command" = { fg = "#ffffff", attrs = ["bold"], mono = ["bold"] }
        "diff.added" = { fg = "#87d787", mono = ["bold"] }
        "diff.removed" = { fg = "#ff8787", mono = ["dim"] }
        "diff.hunk" = { fg = "#87afd7", mono = ["underline"] }
        "diff.context" = { fg = "#bcbcbc", mono = [] }
        "boundary.clear" = { fg = "#87d787", mono = [] }
        "boundary.fuzzy" = { fg = "#ffd75f", mono = ["bold"] }
        "boundary.open" = { fg = "#ff5f5f", attrs = ["bold"], mono = ["bold", "underline"] }
        "decision.allow" = { fg = "#87d787", attrs = ["bold"], mono = ["bold"] }
        "decision.deny" = { fg = "#ff5f5f", attrs = ["bold"], mono = ["bold"] }
        "countdown" = { fg = "#ffd75f", mono = ["underline"] }
        "flash.info" = { fg = "#87d7ff", mono = ["bold"] }
        "flash.error" = { fg = "#ffffff", bg = "#af0000", attrs = ["bold"], mono = ["reverse", "bold"] }
        "key" = { fg = "#87afd7", attrs = ["bold"], mono = ["bold"] }
        "key.dangerous" = { fg = "#ff875f", attrs = ["bold"], mono = ["bold", "underline"] }
        "input" = { fg = "#ffffff", bg = "#262626", mono = ["underline"] }
        "status.ok" = { fg = "#87d787", bg = "#303a4a", mono = ["reverse"] }
        "status.lost" = { fg = "#ffffff", bg = "#af0000", attrs = ["bold"], mono = ["bold"] }

        """#

    static let light = #"""
        # Airlock console theme: light background.
        # Slots name roles, never places on screen. fg/bg are "default" or "#rrggbb" (degraded to
        # 256 or 16 colours as the terminal allows); attrs: bold, dim, underline, reverse;
        # mono is what a terminal without colour (or NO_COLOR) shows instead.
        name = "light"

        [roles]
        "text" = { fg = "default", mono = [] }
        "text.dim" = { fg = "#6c6c6c", mono = ["dim"] }
        "header" = { fg = "#1c1c1c", bg = "#d0d8e8", attrs = ["bold"], mono = ["reverse"] }
        "border" = { fg = "#9e9e9e", mono = [] }
        "border.focus" = { fg = "#005f87", mono = ["bold"] }
        "title" = { fg = "#005f87", attrs = ["bold"], mono = ["bold"] }
        "selection.cursor" = { fg = "#1c1c1c", bg = "#bcd0f0", attrs = ["bold"], mono = ["reverse"] }
        "selection.marked" = { fg = "#875f00", attrs = ["bold"], mono = ["underline"] }
        "risk.low" = { fg = "#008700", mono = [] }
        "risk.medium" = { fg = "#875f00", mono = ["bold"] }
        "risk.high" = { fg = "#af5f00", attrs = ["bold"], mono = ["bold"] }
        "risk.critical" = { fg = "#d70000", attrs = ["bold", "underline"], mono = ["bold", "underline"] }
        "category" = { fg = "#5f5f87", mono = [] }
        "hard_floor" = { fg = "#d70000", attrs = ["bold"], mono = ["bold", "underline"] }
        "hidden_character" = { fg = "#000000", bg = "#ffaf00", attrs = ["bold"], mono = ["reverse", "bold"] }
        "command" = { fg = "#1c1c1c", attrs = ["bold"], mono = ["bold"] }
        "diff.added" = { fg = "#008700", mono = ["bold"] }
        "diff.removed" = { fg = "#af0000", mono = ["dim"] }
        "diff.hunk" = { fg = "#005f87", mono = ["underline"] }
        "diff.context" = { fg = "#4e4e4e", mono = [] }
        "boundary.clear" = { fg = "#008700", mono = [] }
        "boundary.fuzzy" = { fg = "#875f00", mono = ["bold"] }
        "boundary.open" = { fg = "#d70000", attrs = ["bold"], mono = ["bold", "underline"] }
        "decision.allow" = { fg = "#008700", attrs = ["bold"], mono = ["bold"] }
        "decision.deny" = { fg = "#d70000", attrs = ["bold"], mono = ["bold"] }
        "countdown" = { fg = "#875f00", mono = ["underline"] }
        "flash.info" = { fg = "#005faf", mono = ["bold"] }
        "flash.error" = { fg = "#1c1c1c", bg = "#d70000", attrs = ["bold"], mono = ["reverse", "bold"] }
        "key" = { fg = "#005f87", attrs = ["bold"], mono = ["bold"] }
        "key.dangerous" = { fg = "#af5f00", attrs = ["bold"], mono = ["bold", "underline"] }
        "input" = { fg = "#1c1c1c", bg = "#eeeeee", mono = ["underline"] }
        "status.ok" = { fg = "#008700", bg = "#d0d8e8", mono = ["reverse"] }
        "status.lost" = { fg = "#1c1c1c", bg = "#d70000", attrs = ["bold"], mono = ["bold"] }

        """#

    static let highContrast = #"""
        # Airlock console theme: high contrast (pure colours, black background).
        # Slots name roles, never places on screen. fg/bg are "default" or "#rrggbb" (degraded to
        # 256 or 16 colours as the terminal allows); attrs: bold, dim, underline, reverse;
        # mono is what a terminal without colour (or NO_COLOR) shows instead.
        name = "high-contrast"

        [roles]
        "text" = { fg = "default", mono = [] }
        "text.dim" = { fg = "#d0d0d0", mono = ["dim"] }
        "header" = { fg = "#ffffff", bg = "#000000", attrs = ["bold"], mono = ["reverse"] }
        "border" = { fg = "#ffffff", mono = [] }
        "border.focus" = { fg = "#00ffff", mono = ["bold"] }
        "title" = { fg = "#00ffff", attrs = ["bold"], mono = ["bold"] }
        "selection.cursor" = { fg = "#ffffff", bg = "#0000ff", attrs = ["bold"], mono = ["reverse"] }
        "selection.marked" = { fg = "#ffff00", attrs = ["bold"], mono = ["underline"] }
        "risk.low" = { fg = "#00ff00", mono = [] }
        "risk.medium" = { fg = "#ffff00", mono = ["bold"] }
        "risk.high" = { fg = "#ff8700", attrs = ["bold"], mono = ["bold"] }
        "risk.critical" = { fg = "#ff0000", attrs = ["bold", "underline"], mono = ["bold", "underline"] }
        "category" = { fg = "#ffffff", mono = [] }
        "hard_floor" = { fg = "#ff0000", attrs = ["bold"], mono = ["bold", "underline"] }
        "hidden_character" = { fg = "#000000", bg = "#ffaf00", attrs = ["bold"], mono = ["reverse", "bold"] }
        "command" = { fg = "#ffffff", attrs = ["bold"], mono = ["bold"] }
        "diff.added" = { fg = "#00ff00", mono = ["bold"] }
        "diff.removed" = { fg = "#ff0000", mono = ["dim"] }
        "diff.hunk" = { fg = "#00ffff", mono = ["underline"] }
        "diff.context" = { fg = "#ffffff", mono = [] }
        "boundary.clear" = { fg = "#00ff00", mono = [] }
        "boundary.fuzzy" = { fg = "#ffff00", mono = ["bold"] }
        "boundary.open" = { fg = "#ff0000", attrs = ["bold"], mono = ["bold", "underline"] }
        "decision.allow" = { fg = "#00ff00", attrs = ["bold"], mono = ["bold"] }
        "decision.deny" = { fg = "#ff0000", attrs = ["bold"], mono = ["bold"] }
        "countdown" = { fg = "#ffff00", mono = ["underline"] }
        "flash.info" = { fg = "#00ffff", mono = ["bold"] }
        "flash.error" = { fg = "#ffffff", bg = "#ff0000", attrs = ["bold"], mono = ["reverse", "bold"] }
        "key" = { fg = "#00ffff", attrs = ["bold"], mono = ["bold"] }
        "key.dangerous" = { fg = "#ff8700", attrs = ["bold"], mono = ["bold", "underline"] }
        "input" = { fg = "#ffffff", bg = "#000000", mono = ["underline"] }
        "status.ok" = { fg = "#00ff00", bg = "#000000", mono = ["reverse"] }
        "status.lost" = { fg = "#ffffff", bg = "#ff0000", attrs = ["bold"], mono = ["bold"] }

        """#

    static let monochrome = #"""
        # Airlock console theme: monochrome (attributes only, the same on every terminal).
        # Slots name roles, never places on screen. fg/bg are "default" or "#rrggbb" (degraded to
        # 256 or 16 colours as the terminal allows); attrs: bold, dim, underline, reverse;
        # mono is what a terminal without colour (or NO_COLOR) shows instead.
        name = "monochrome"

        [roles]
        "text" = { fg = "default", mono = [] }
        "text.dim" = { attrs = ["dim"], mono = ["dim"] }
        "header" = { attrs = ["reverse"], mono = ["reverse"] }
        "border" = { attrs = [], mono = [] }
        "border.focus" = { attrs = ["bold"], mono = ["bold"] }
        "title" = { attrs = ["bold"], mono = ["bold"] }
        "selection.cursor" = { attrs = ["reverse"], mono = ["reverse"] }
        "selection.marked" = { attrs = ["underline"], mono = ["underline"] }
        "risk.low" = { attrs = [], mono = [] }
        "risk.medium" = { attrs = ["bold"], mono = ["bold"] }
        "risk.high" = { attrs = ["bold"], mono = ["bold"] }
        "risk.critical" = { attrs = ["bold", "underline"], mono = ["bold", "underline"] }
        "category" = { attrs = [], mono = [] }
        "hard_floor" = { attrs = ["bold", "underline"], mono = ["bold", "underline"] }
        "hidden_character" = { attrs = ["reverse", "bold"], mono = ["reverse", "bold"] }
        "command" = { attrs = ["bold"], mono = ["bold"] }
        "diff.added" = { attrs = ["bold"], mono = ["bold"] }
        "diff.removed" = { attrs = ["dim"], mono = ["dim"] }
        "diff.hunk" = { attrs = ["underline"], mono = ["underline"] }
        "diff.context" = { attrs = [], mono = [] }
        "boundary.clear" = { attrs = [], mono = [] }
        "boundary.fuzzy" = { attrs = ["bold"], mono = ["bold"] }
        "boundary.open" = { attrs = ["bold", "underline"], mono = ["bold", "underline"] }
        "decision.allow" = { attrs = ["bold"], mono = ["bold"] }
        "decision.deny" = { attrs = ["bold"], mono = ["bold"] }
        "countdown" = { attrs = ["underline"], mono = ["underline"] }
        "flash.info" = { attrs = ["bold"], mono = ["bold"] }
        "flash.error" = { attrs = ["reverse", "bold"], mono = ["reverse", "bold"] }
        "key" = { attrs = ["bold"], mono = ["bold"] }
        "key.dangerous" = { attrs = ["bold", "underline"], mono = ["bold", "underline"] }
        "input" = { attrs = ["underline"], mono = ["underline"] }
        "status.ok" = { attrs = ["reverse"], mono = ["reverse"] }
        "status.lost" = { attrs = ["bold"], mono = ["bold"] }

        """#
}
