#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Synchronization

/// Prints exactly one answer and exits, whichever comes first: the normal path, or SIGALRM at
/// the deadline. Harnesses fail open on silence, so something explicit must be printed even
/// when a read, a connect or a write blocks.
///
/// A timer signal rather than a thread: the hook starts no thread it does not need. The handler
/// only calls `write` and `_exit` (async-signal-safe) on bytes prepared beforehand. Blocking
/// the signal is per thread, and `airlock hook` has threads of Foundation's (the kernel may hand
/// SIGALRM to any of them while the main thread prints), so whoever prints first claims the
/// answer with an atomic flag; the other prints nothing. Two answers on stdout are no JSON, and
/// harnesses fail open on that.
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
        let output = UnsafeMutablePointer<FallbackOutput>.allocate(capacity: 1)
        output.initialize(
            to: FallbackOutput(bytes: UnsafeBufferPointer(rebasing: buffer[0..<bytes.count]), status: status))
        // Published whole, never freed: a handler on another thread may still be reading the
        // previous one, and the process lives for one hook call (two or three of these).
        fallbackOutput.store(UInt(bitPattern: output), ordering: .releasing)
    }

    /// Prints `text` (with a newline when non-empty) and exits; the watchdog no longer prints.
    public static func finish(_ text: String, status: Int32) -> Never {
        var blocked = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGALRM)
        pthread_sigmask(SIG_BLOCK, &blocked, nil)
        guard claimAnswer() else {
            // The handler, on another thread, is printing the fallback and will exit.
            while true { pause() }
        }
        let bytes = Array((text.isEmpty ? "" : text + "\n").utf8)
        bytes.withUnsafeBufferPointer { writeAll($0) }
        _exit(status)
    }
}

/// What the signal handler prints, immutable once published.
private struct FallbackOutput {
    var bytes: UnsafeBufferPointer<UInt8>
    var status: Int32
}

// A signal handler cannot capture context, so its text lives in a global: the address of a
// `FallbackOutput`, swapped atomically (lock-free atomics are async-signal-safe).
private let fallbackOutput = Atomic<UInt>(0)
// Set by whoever prints the one answer: the normal path or the handler.
private let answerClaimed = Atomic<Bool>(false)

private func claimAnswer() -> Bool {
    answerClaimed.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
}

private func watchdogFired(_: Int32) {
    // The normal path is printing on another thread and will exit.
    guard claimAnswer() else { return }
    if let output = UnsafePointer<FallbackOutput>(bitPattern: fallbackOutput.load(ordering: .acquiring)) {
        writeAll(output.pointee.bytes)
        _exit(output.pointee.status)
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
