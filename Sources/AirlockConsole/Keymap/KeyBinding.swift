/// One row of the keymap: the keys, what they do, and how the footer, help and docs show them.
struct KeyBinding: Sendable {
    var keys: [Key]
    /// How the keys are written in hints: "j/↓", "space".
    var keyLabel: String
    /// The footer's word for it: "approve".
    var name: String
    /// The help screen's sentence.
    var help: String
    var command: Command
    /// Where the keys do this. Empty for a row that only describes keys bound one by one in
    /// other rows (`1-5`, `J/K`): it is shown in `describes`.
    var contexts: [KeyContext]
    /// Decides or lets something through: marked in the footer and help.
    var isDangerous = false
    var inFooter = true
    var inHelp = true
    var describes: KeyContext?
}
