/// The one table of key bindings. Dispatch, the footer hints, the `?` help screen and
/// docs/keybindings.md are all made from it, so they cannot disagree.
enum Keymap {
    static let bindings: [KeyBinding] = [
        // Queue.
        KeyBinding(
            keys: [.character("j"), .down], keyLabel: "j/↓", name: "down", help: "Move to the next pending action.",
            command: .moveDown, contexts: [.queue, .revoke, .recent], inFooter: false),
        KeyBinding(
            keys: [.character("k"), .up], keyLabel: "k/↑", name: "up", help: "Move to the previous pending action.",
            command: .moveUp, contexts: [.queue, .revoke, .recent], inFooter: false),
        KeyBinding(
            keys: [.pageDown], keyLabel: "PgDn", name: "page down", help: "Move one screen down.",
            command: .pageDown, contexts: [.queue], inFooter: false),
        KeyBinding(
            keys: [.pageUp], keyLabel: "PgUp", name: "page up", help: "Move one screen up.",
            command: .pageUp, contexts: [.queue], inFooter: false),
        KeyBinding(
            keys: [.home], keyLabel: "Home", name: "top", help: "Move to the first (riskiest) action.",
            command: .moveToTop, contexts: [.queue, .recent], inFooter: false),
        KeyBinding(
            keys: [.end], keyLabel: "End", name: "bottom", help: "Move to the last action.",
            command: .moveToBottom, contexts: [.queue, .recent], inFooter: false),
        KeyBinding(
            keys: [.character("J")], keyLabel: "J", name: "detail down",
            help: "Scroll the detail down half a pane: long commands, findings, diffs. Nothing is cut; "
                + "an approval waits until all of the command has been on screen.",
            command: .detailDown, contexts: [.queue], inFooter: false),
        KeyBinding(
            keys: [.character("K")], keyLabel: "K", name: "detail up", help: "Scroll the detail up half a pane.",
            command: .detailUp, contexts: [.queue], inFooter: false),
        KeyBinding(
            keys: [.character("a")], keyLabel: "a", name: "approve",
            help:
                "Approve the action under the cursor. Hard-floor actions ask you to type “approve” and wait 3 s. "
                + "Only what has been on screen: on a long command, a first shows the part not seen yet.",
            command: .approve, contexts: [.queue], isDangerous: true),
        KeyBinding(
            keys: [.character("d")], keyLabel: "d", name: "deny",
            help: "Deny the action under the cursor; type an optional reason for the agent, Enter sends.",
            command: .deny, contexts: [.queue]),
        KeyBinding(
            keys: [.character("t")], keyLabel: "t", name: "time-box",
            help: "Grant a time-boxed allow exception made from this action (choose TTL and scope first).",
            command: .allowException, contexts: [.queue], isDangerous: true),
        KeyBinding(
            keys: [.character("T")], keyLabel: "T", name: "deny-box",
            help: "Grant a time-boxed deny exception: matching actions get your reason without asking you.",
            command: .denyException, contexts: [.queue]),
        KeyBinding(
            keys: [.character("J"), .character("K")], keyLabel: "J/K", name: "scroll", help: "Scroll the detail.",
            command: .described, contexts: [], inHelp: false, describes: .queue),
        KeyBinding(
            keys: [.character(" ")], keyLabel: "space", name: "select", help: "Mark or unmark the action for A / D.",
            command: .toggleMark, contexts: [.queue]),
        KeyBinding(
            keys: [.character("A")], keyLabel: "A", name: "approve sel",
            help: "Approve every marked action (typed confirmation if any is on the hard floor).",
            command: .approveMarked, contexts: [.queue], isDangerous: true),
        KeyBinding(
            keys: [.character("D")], keyLabel: "D", name: "deny sel",
            help: "Deny every marked action, with an optional reason.", command: .denyMarked, contexts: [.queue]),
        KeyBinding(
            keys: [.character("g")], keyLabel: "g", name: "group",
            help: "Mark all pending actions similar to this one (same command or tool and categories, any session).",
            command: .selectGroup, contexts: [.queue]),
        KeyBinding(
            keys: [.character("/")], keyLabel: "/", name: "filter",
            help: "Filter the queue by typed text (tool, repo, command, category, reason).",
            command: .startFilter, contexts: [.queue]),
        KeyBinding(
            keys: [.character("R")], keyLabel: "R", name: "recent",
            help: "Show the recent decisions of every session, automatic allows and denies included, "
                + "with source, reason and time (the header counts automatic denials).",
            command: .showRecent, contexts: [.queue]),
        KeyBinding(
            keys: [.character("w")], keyLabel: "w", name: "trust repo",
            help: "Trust the selected action's repository: shows the repository, its remote and what "
                + "changes, then y trusts it (written to the trusted list, logged under your name).",
            command: .trustWorkspace, contexts: [.queue], isDangerous: true, inFooter: false),
        KeyBinding(
            keys: [.character("x")], keyLabel: "x", name: "revoke", help: "Choose an active exception to revoke.",
            command: .startRevoke, contexts: [.queue]),
        KeyBinding(
            keys: [.character("?")], keyLabel: "?", name: "help", help: "Show this help.", command: .showHelp,
            contexts: [.queue]),
        KeyBinding(
            keys: [.character("q")], keyLabel: "q", name: "quit",
            help: "Quit the console (pending actions keep waiting in the broker).", command: .quit,
            contexts: [.queue]),
        // Recent decisions.
        KeyBinding(
            keys: [.character("/")], keyLabel: "/", name: "filter",
            help: "Filter the decisions by typed words (verdict, source, tool, command, reason, repo).",
            command: .startFilter, contexts: [.recent]),
        KeyBinding(
            keys: [.character("t")], keyLabel: "t", name: "exception",
            help: "Make a time-boxed exception the other way, in the same panel as t: allow from a denied "
                + "decision, deny from an allowed one.",
            command: .recentException, contexts: [.recent], isDangerous: true),
        KeyBinding(
            keys: [.character("R")], keyLabel: "R", name: "queue", help: "Back to the queue.",
            command: .back, contexts: [.recent]),
        KeyBinding(
            keys: [.enter], keyLabel: "Enter", name: "apply", help: "Keep the filter and browse the decisions.",
            command: .submitText, contexts: [.recentFilter]),
        // Trust.
        KeyBinding(
            keys: [.character("y")], keyLabel: "y", name: "trust it",
            help: "Trust the repository: its next actions are judged as trusted; what waits stays for you.",
            command: .confirmTrust, contexts: [.trust], isDangerous: true),
        // Text fields.
        KeyBinding(
            keys: [.enter], keyLabel: "Enter", name: "apply", help: "Keep the filter and return to the queue.",
            command: .submitText, contexts: [.filter]),
        KeyBinding(
            keys: [.enter], keyLabel: "Enter", name: "send deny", help: "Send the deny with the typed reason.",
            command: .submitText, contexts: [.denyReason]),
        KeyBinding(
            keys: [.enter], keyLabel: "Enter", name: "next", help: "Keep the reason and choose TTL and scope.",
            command: .submitText, contexts: [.exceptionReason]),
        KeyBinding(
            keys: [.enter], keyLabel: "Enter", name: "send",
            help: "Send the approval (or the trust) with the typed passphrase.",
            command: .submitText, contexts: [.passphrase]),
        KeyBinding(
            keys: [.backspace, .delete], keyLabel: "⌫", name: "erase", help: "Erase the last typed character.",
            command: .deleteCharacter,
            contexts: [.filter, .denyReason, .hardFloorConfirmation, .exceptionReason, .recentFilter, .passphrase],
            inFooter: false),
        // Exception panel.
        KeyBinding(
            keys: [.character("1")], keyLabel: "1", name: "5m", help: "Expire after 5 minutes.",
            command: .chooseTTL(0), contexts: [.exception], inFooter: false, inHelp: false),
        KeyBinding(
            keys: [.character("2")], keyLabel: "2", name: "15m", help: "Expire after 15 minutes.",
            command: .chooseTTL(1), contexts: [.exception], inFooter: false, inHelp: false),
        KeyBinding(
            keys: [.character("3")], keyLabel: "3", name: "1h", help: "Expire after 1 hour.",
            command: .chooseTTL(2), contexts: [.exception], inFooter: false, inHelp: false),
        KeyBinding(
            keys: [.character("4")], keyLabel: "4", name: "4h", help: "Expire after 4 hours.",
            command: .chooseTTL(3), contexts: [.exception], inFooter: false, inHelp: false),
        KeyBinding(
            keys: [.character("5")], keyLabel: "5", name: "8h", help: "Expire after 8 hours.",
            command: .chooseTTL(4), contexts: [.exception], inFooter: false, inHelp: false),
        KeyBinding(
            keys: [.character("1"), .character("2"), .character("3"), .character("4"), .character("5")],
            keyLabel: "1-5", name: "TTL", help: "Choose how long it lasts: 5m, 15m, 1h, 4h, 8h.",
            command: .described, contexts: [], describes: .exception),
        KeyBinding(
            keys: [.tab, .down, .character("j")], keyLabel: "Tab/j", name: "scope",
            help: "Next scope: exact action, command prefix, category in this repo, MCP tool, paths.",
            command: .nextScope, contexts: [.exception]),
        KeyBinding(
            keys: [.backTab, .up, .character("k")], keyLabel: "S-Tab/k", name: "prev scope",
            help: "Previous scope.", command: .previousScope, contexts: [.exception], inFooter: false),
        KeyBinding(
            keys: [.character("b")], keyLabel: "b", name: "session/repo",
            help: "Bind it to this session or to this repository.", command: .toggleBinding,
            contexts: [.exception]),
        KeyBinding(
            keys: [.character("r")], keyLabel: "r", name: "reason", help: "Edit the reason.", command: .editReason,
            contexts: [.exception]),
        KeyBinding(
            keys: [.character("y")], keyLabel: "y", name: "grant",
            help: "Grant it (refused, with the reason shown, when the grant rules forbid it).",
            command: .confirmGrant, contexts: [.exception], isDangerous: true),
        // Revoke.
        KeyBinding(
            keys: [.character("y"), .character("x")], keyLabel: "y/x", name: "revoke it",
            help: "Revoke the chosen exception now.", command: .confirmRevoke, contexts: [.revoke],
            isDangerous: false),
        // Everywhere.
        KeyBinding(
            keys: [.escape], keyLabel: "Esc", name: "back",
            help:
                "Back out: close the panel, cancel the typing, cancel a hard-floor approval before it is sent; in the queue, clear the filter and marks.",
            command: .back, contexts: KeyContext.allCases),
        KeyBinding(
            keys: [.character("?"), .character("q")], keyLabel: "?/q", name: "close", help: "Close the help.",
            command: .back, contexts: [.help]),
    ]

    /// Per-context dispatch tables, built once from `bindings`. A binding with no contexts only
    /// documents keys that rows above bind one by one.
    private static let dispatch: [KeyContext: [Key: Command]] = {
        var table: [KeyContext: [Key: Command]] = [:]
        for binding in bindings {
            for context in binding.contexts {
                for key in binding.keys where table[context]?[key] == nil {
                    table[context, default: [:]][key] = binding.command
                }
            }
        }
        return table
    }()

    /// The command a key means in a context, or nil (typed text, or nothing).
    static func command(for key: Key, in context: KeyContext) -> Command? { dispatch[context]?[key] }

    /// The bindings the footer shows for a context, in table order.
    static func footer(for context: KeyContext) -> [KeyBinding] {
        bindings.filter { $0.inFooter && ($0.contexts.contains(context) || $0.describes == context) }
    }

    /// The bindings of one context for the help screen and the docs.
    static func help(for context: KeyContext) -> [KeyBinding] {
        bindings.filter { $0.inHelp && ($0.contexts.contains(context) || $0.describes == context) }
    }
}
