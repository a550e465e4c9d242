import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Prints exactly one answer and exits, whichever comes first: the normal path or the
/// watchdog that fires at the deadline. Harnesses fail open on silence, so something explicit
/// must be printed even when a read, a connect or a write blocks.
final class OneShotOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var fallback: (text: String, status: Int32)
    private var done = false

    init(fallback text: String, status: Int32) {
        fallback = (text, status)
    }

    /// Replaces what the watchdog prints, once we know better.
    func setFallback(_ text: String, status: Int32) {
        lock.withLock { fallback = (text, status) }
    }

    /// Prints the fallback at `deadline` unless an answer was printed before.
    func arm(deadline: DispatchTime) {
        DispatchQueue.global().asyncAfter(deadline: deadline) { [self] in
            let (text, status) = lock.withLock { fallback }
            finish(text, status: status)
        }
    }

    /// Prints `text` (with a newline when non-empty) and exits; later calls never print.
    func finish(_ text: String, status: Int32) -> Never {
        lock.lock()
        if done {
            // The other path is printing; let it exit the process.
            while true { pause() }
        }
        done = true
        let bytes = Array((text.isEmpty ? "" : text + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { break }
            offset += written
        }
        _exit(status)
    }
}
