/// A key press as the console understands it; AirlockTerminal decodes `get_wch` into these.
/// Enter arrives from tmux as U+000A and is decoded to `.enter`; Escape to `.escape`.
public enum Key: Equatable, Hashable, Sendable {
    /// A printable character (including space and wide characters).
    case character(Character)
    /// Control plus a letter, e.g. `.control("c")`.
    case control(Character)
    case enter, escape, backspace, tab, backTab, delete
    case up, down, left, right
    case home, end, pageUp, pageDown
    case function(Int)
}
