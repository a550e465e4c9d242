/// docs/keybindings.md, made from the keymap table (a test fails when the checked-in file is stale).
public enum KeymapDocument {
    public static func markdown() -> String {
        var out = """
            # Console key bindings

            Generated from `Sources/AirlockConsole/Keymap/Keymap.swift`; do not edit by hand.
            Regenerate with `AIRLOCK_REGENERATE_DOCS=1 swift test --filter Keybindings`.

            Enter never approves anything. Keys marked **⚠** let something through; a hard-floor
            action additionally needs the typed word `\(Interaction.confirmationWord)` and a veto countdown
            during which Esc cancels.

            """
        for context in KeyContext.allCases {
            let bindings = Keymap.help(for: context)
            guard !bindings.isEmpty else { continue }
            out += "\n## \(context.title)\n\n| key | action |\n|---|---|\n"
            for binding in bindings {
                let key = binding.keyLabel.replacingOccurrences(of: "|", with: "\\|")
                out += "| `\(key)`\(binding.isDangerous ? " **⚠**" : "") | \(binding.help) |\n"
            }
            if context.takesText { out += "| any other key | is typed into the field |\n" }
        }
        return out
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
