#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Prints exactly one answer and exits, whichever comes first: the normal path, or SIGALRM at
/// the deadline. Harnesses fail open on silence, so something explicit must be printed even
/// when a read, a connect or a write blocks.
///
/// A timer signal rather than a thread: the hook stays single-threaded and starts no thread
/// it does not need. The handler only calls `write` and `_exit` (async-signal-safe) on bytes
/// prepared beforehand, and the normal path blocks the signal before it prints, so the two
/// can never both print. This assumes the calling process has no other thread that could
/// take the signal (true of `airlock-hook` and of `airlock hook`).
public enum Watchdog {
    /// Arms the timer: at `milliseconds` from now, `text` (and a newline) is printed and the
    /// process exits with `status`, unless `finish` ran first.
    public static func arm(milliseconds: Int, text: String, status: Int32) {
        setFallback(text, status: status)
        var action = sigaction()
        #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = watchdogFired
        #else
            action.__sigaction_u.__sa_handler = watchdogFired
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGALRM, &action, nil)
        // A blocked signal mask is inherited across exec: a parent spawning us from a thread that
        // blocks SIGALRM (test runners, some harnesses) would otherwise silence the watchdog.
        var alarm = sigset_t()
        sigemptyset(&alarm)
        sigaddset(&alarm, SIGALRM)
        sigprocmask(SIG_UNBLOCK, &alarm, nil)
        var timer = itimerval()
        timer.it_value.tv_sec = .init(milliseconds / 1000)
        timer.it_value.tv_usec = .init(milliseconds % 1000 * 1000)
        #if canImport(Glibc)
            setitimer(__itimer_which_t(ITIMER_REAL.rawValue), &timer, nil)
        #else
            setitimer(ITIMER_REAL, &timer, nil)
        #endif
    }

    /// Replaces what the watchdog prints, once we know better.
    public static func setFallback(_ text: String, status: Int32) {
        let bytes = Array((text.isEmpty ? "" : text + "\n").utf8)
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        _ = buffer.initialize(from: bytes)
        withAlarmBlocked {
            let old = fallbackOutput
            fallbackOutput = FallbackOutput(
                bytes: UnsafeBufferPointer(rebasing: buffer[0..<bytes.count]), status: status)
            old?.bytes.deallocate()
        }
    }

    /// Prints `text` (with a newline when non-empty) and exits; the watchdog can no longer fire.
    public static func finish(_ text: String, status: Int32) -> Never {
        var blocked = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGALRM)
        sigprocmask(SIG_BLOCK, &blocked, nil)
        let bytes = Array((text.isEmpty ? "" : text + "\n").utf8)
        bytes.withUnsafeBufferPointer { writeAll($0) }
        _exit(status)
    }

    private static func withAlarmBlocked(_ body: () -> Void) {
        var blocked = sigset_t(), previous = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGALRM)
        sigprocmask(SIG_BLOCK, &blocked, &previous)
        body()
        sigprocmask(SIG_SETMASK, &previous, nil)
    }
}

/// What the signal handler prints; only touched with SIGALRM blocked, or by the handler.
private struct FallbackOutput {
    var bytes: UnsafeBufferPointer<UInt8>
    var status: Int32
}

// A signal handler cannot capture context, so its text lives in a global. Safe because it is
// written only with the signal blocked and read only by the handler (see `Watchdog`).
nonisolated(unsafe) private var fallbackOutput: FallbackOutput?

private func watchdogFired(_: Int32) {
    if let output = fallbackOutput {
        writeAll(output.bytes)
        _exit(output.status)
    }
    // Unreachable: `arm` always sets the text first. A non-zero status is the safer silence.
    _exit(2)
}

/// Writes every byte to stdout, retrying short writes; gives up quietly on an error.
private func writeAll(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard var base = bytes.baseAddress else { return }
    var left = bytes.count
    while left > 0 {
        let written = write(STDOUT_FILENO, base, left)
        if written < 0, errno == EINTR { continue }
        guard written > 0 else { return }
        base += written
        left -= written
    }
}
