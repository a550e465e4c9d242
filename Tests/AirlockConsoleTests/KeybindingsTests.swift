import Foundation
import Testing

@testable import AirlockConsole

@Suite struct KeybindingsTests {
    static let docURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/keybindings.md")

    /// The checked-in docs/keybindings.md is what the keymap generates.
    /// `AIRLOCK_REGENERATE_DOCS=1 swift test --filter Keybindings` rewrites it.
    @Test func checkedInKeybindingsDocIsCurrent() throws {
        let generated = KeymapDocument.markdown()
        if ProcessInfo.processInfo.environment["AIRLOCK_REGENERATE_DOCS"] == "1" {
            try generated.write(to: Self.docURL, atomically: true, encoding: .utf8)
        }
        let checkedIn = try? String(contentsOf: Self.docURL, encoding: .utf8)
        #expect(
            checkedIn == generated,
            "docs/keybindings.md is stale: AIRLOCK_REGENERATE_DOCS=1 swift test --filter Keybindings")
    }

    @Test func noKeyMeansTwoThingsInOneContext() {
        for context in KeyContext.allCases {
            var seen: [Key: Command] = [:]
            for binding in Keymap.bindings where binding.contexts.contains(context) {
                for key in binding.keys {
                    if let earlier = seen[key] { #expect(earlier == binding.command, "\(key) in \(context)") }
                    seen[key] = binding.command
                }
            }
        }
    }

    @Test func enterIsNeverBoundToADecision() {
        for binding in Keymap.bindings where binding.keys.contains(.enter) {
            #expect(![.approve, .approveMarked, .confirmGrant, .allowException].contains(binding.command))
        }
    }

    @Test func escapeBacksOutEverywhere() {
        for context in KeyContext.allCases { #expect(Keymap.command(for: .escape, in: context) == .back) }
    }

    @Test func footerAndHelpComeFromTheTable() {
        let footer = Keymap.footer(for: .queue).map(\.name)
        #expect(footer.starts(with: ["approve", "deny", "time-box"]))
        let state = console(sampleQueue())
        let text = SnapshotText.text(Console.render(state, theme: Theme.fallback(depth: .trueColor)))
        let lastRow = text.split(separator: "\n").last.map(String.init) ?? ""
        for binding in Keymap.footer(for: .queue).prefix(5) {
            #expect(lastRow.contains("\(binding.keyLabel) \(binding.name)"))
        }
        #expect(KeymapDocument.markdown().contains("| `a` **⚠** | Approve the action under the cursor."))
    }
}
