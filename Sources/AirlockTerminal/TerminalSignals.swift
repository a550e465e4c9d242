import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// SIGINT, SIGTERM, SIGHUP and SIGQUIT while the console owns the terminal: the handler only
/// records the signal (async-signal-safe); the loop sees it within one poll and restores the
/// terminal on its normal way out.
enum TerminalSignals {
    /// The signal that asked us to stop, or 0.
    static let received = Atomic<Int32>(0)

    static let handled: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    static func install() {
        // Ctrl-Z is ignored: ncurses' own SIGTSTP handler waits in sigsuspend for a SIGCONT that
        // never comes once the pane is gone (seen in the tmux tests), leaving the console hung.
        signal(SIGTSTP, SIG_IGN)
        for number in handled {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                TerminalSignals.received.store(number, ordering: .relaxed)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(number, &action, nil)
        }
    }

    static func restoreDefaults() {
        for number in handled + [SIGTSTP] { signal(number, SIG_DFL) }
    }
}
