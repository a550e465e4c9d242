import Foundation
import Testing

@testable import AirlockConsole

@Suite struct ThemeTests {
    static let themesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("themes")

    @Test(arguments: Theme.builtInNames)
    func builtInThemesParseAtEveryDepthAndGiveEveryRoleAMonoFallback(name: String) throws {
        for depth in [ColorDepth.trueColor, .indexed256, .ansi16, .monochrome] {
            let theme = try #require(Theme.builtIn(name, depth: depth))
            #expect(theme.name == name)
            for role in Role.allCases {
                let style = theme.style(role)
                switch depth {
                case .trueColor: #expect(!isColor(style.foreground, .indexed) && !isColor(style.foreground, .ansi))
                case .indexed256: #expect(!isColor(style.foreground, .rgb) && !isColor(style.foreground, .ansi))
                case .ansi16: #expect(!isColor(style.foreground, .rgb) && !isColor(style.foreground, .indexed))
                case .monochrome: #expect(style.foreground == .default && style.background == .default)
                }
            }
        }
        // Every slot in the file states its mono fallback (the parser demands it; this checks the files).
        let text = try #require(BuiltInThemes.text(named: name))
        let roleLines = text.split(separator: "\n").filter { $0.hasPrefix("\"") }
        #expect(roleLines.count == Role.allCases.count)
    }

    @Test func monochromeStillTellsRiskApartByAttributes() throws {
        let theme = try #require(Theme.builtIn("default", depth: .monochrome))
        #expect(theme.style(.riskCritical).attributes != theme.style(.riskLow).attributes)
        #expect(theme.style(.selectionCursor).attributes.contains(.reverse))
        #expect(theme.style(.hiddenCharacter).attributes.contains(.reverse))
    }

    enum Kind { case rgb, indexed, ansi }
    func isColor(_ color: TerminalColor, _ kind: Kind) -> Bool {
        switch (color, kind) {
        case (.rgb, .rgb), (.indexed, .indexed), (.ansi, .ansi): true
        default: false
        }
    }

    @Test func colourDegradation() {
        #expect(ThemeColor("#ff0000")?.resolved(for: .trueColor) == .rgb(255, 0, 0))
        #expect(ThemeColor("#ff0000")?.resolved(for: .indexed256) == .indexed(196))
        #expect(ThemeColor("#ff0000")?.resolved(for: .ansi16) == .ansi(9))
        #expect(ThemeColor("#808080")?.resolved(for: .indexed256) == .indexed(244))
        #expect(ThemeColor("#000000")?.resolved(for: .ansi16) == .ansi(0))
        #expect(ThemeColor("#ff0000")?.resolved(for: .monochrome) == .default)
        #expect(ThemeColor("default")?.resolved(for: .trueColor) == .default)
        #expect(ThemeColor("red") == nil)
        #expect(ThemeColor("#12345") == nil)
        #expect(ThemeColor("#12345g") == nil)
    }

    @Test(arguments: [
        (["NO_COLOR": "1", "COLORTERM": "truecolor"], 256, ColorDepth.monochrome),
        (["COLORTERM": "truecolor", "TERM": "xterm-256color"], 256, .trueColor),
        (["COLORTERM": "24bit"], 8, .trueColor),
        (["TERM": "tmux-256color"], 8, .indexed256),
        (["TERM": "screen"], 256, .indexed256),
        (["TERM": "xterm"], 8, .ansi16),
        (["TERM": "xterm"], 0, .monochrome),
        (["TERM": "dumb", "COLORTERM": "truecolor"], 256, .monochrome),
        (["NO_COLOR": ""], 8, .ansi16),
    ])
    func colourDepthDetection(environment: [String: String], colors: Int, expected: ColorDepth) {
        #expect(ColorDepth.detect(environment: environment, terminalColors: colors) == expected)
    }

    @Test(arguments: [
        ("[colours]\n", 1, "unknown table"),
        ("name = \"x\"\n[roles]\n\"risk.hgh\" = { fg = \"#ff0000\", mono = [] }\n", 3, "unknown role"),
        ("[roles]\n\n\"text\" = { fg = \"#ff00\", mono = [] }\n", 3, "is not \"default\" or \"#rrggbb\""),
        ("[roles]\n\"text\" = { fg = \"#ff0000\" }\n", 2, "mono fallback"),
        ("[roles]\n\"text\" = { fg = \"#ff0000\", mono = [\"blink\"] }\n", 2, "unknown attribute"),
        ("[roles]\n\"text\" = { mono = [] }\n\"text\" = { mono = [] }\n", 3, "given twice"),
        ("[roles]\n\"text\" = { colour = \"#ff0000\", mono = [] }\n", 2, "unknown slot key"),
        ("[roles]\n\"text\" = { mono = [] } extra\n", 2, "unexpected text"),
        ("title = \"x\"\n", 1, "unknown key"),
        ("[roles]\n\"text\" = { mono = [\"bold\" }\n", 2, "expected , or ]"),
    ])
    func badThemeFilesNameFileAndLine(text: String, line: Int, message: String) {
        do {
            _ = try Theme.parse(text, fileName: "my.toml", depth: .trueColor)
            Issue.record("parsed a bad theme")
        } catch {
            #expect(error.fileName == "my.toml")
            #expect(error.line == line)
            #expect(error.message.contains(message), "\(error)")
            #expect(error.description.hasPrefix("my.toml:\(line): "))
        }
    }

    @Test func aPartialThemeKeepsTheDefaultForMissingRoles() throws {
        let theme = try Theme.parse(
            "name = \"mine\"\n[roles]\n\"risk.high\" = { fg = \"#00ff00\", mono = [\"underline\"] } # green, why not\n",
            fileName: "mine.toml", depth: .trueColor)
        #expect(theme.name == "mine")
        #expect(theme.style(.riskHigh).foreground == .rgb(0, 255, 0))
        #expect(theme.style(.header) == Theme.fallback(depth: .trueColor).style(.header))
    }

    /// The embedded built-ins are the shipped files. `AIRLOCK_REGENERATE_DOCS=1 swift test
    /// --filter builtInThemeFiles` rewrites BuiltInThemes.swift from themes/*.toml.
    @Test func builtInThemeFilesMatchTheEmbeddedText() throws {
        var generated = """
            // Generated from themes/*.toml; `AIRLOCK_REGENERATE_DOCS=1 swift test --filter builtInThemeFiles` rewrites it.
            // A test fails when this and the files differ.

            /// The built-in themes, embedded so the console needs no files to start.
            enum BuiltInThemes {
                static func text(named name: String) -> String? {
                    switch name {

            """
        let identifiers = [
            "default": "defaultTheme", "light": "light", "high-contrast": "highContrast", "monochrome": "monochrome",
        ]
        for name in Theme.builtInNames { generated += "        case \"\(name)\": \(identifiers[name] ?? name)\n" }
        generated += "        default: nil\n        }\n    }\n"
        for name in Theme.builtInNames {
            let file = try String(
                contentsOf: Self.themesDirectory.appendingPathComponent("\(name).toml"), encoding: .utf8)
            #expect(BuiltInThemes.text(named: name) == file, "themes/\(name).toml differs from the embedded copy")
            let indented = file.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? "" : "        " + $0 }.joined(separator: "\n")
            generated += "\n    static let \(identifiers[name] ?? name) = #\"\"\"\n" + indented + "\n        \"\"\"#\n"
        }
        generated += "}\n"
        let target = Self.themesDirectory.deletingLastPathComponent()
            .appendingPathComponent("Sources/AirlockConsole/Theme/BuiltInThemes.swift")
        if ProcessInfo.processInfo.environment["AIRLOCK_REGENERATE_DOCS"] == "1" {
            try generated.write(to: target, atomically: true, encoding: .utf8)
        }
        #expect(try String(contentsOf: target, encoding: .utf8) == generated, "BuiltInThemes.swift is stale")
    }
}
