import AirlockConsole
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Messages from other threads (the broker link, file reads, probes) for the console loop.
/// Posting also writes a byte to a pipe the loop polls beside stdin, so it wakes at once.
final class MessageQueue: Sendable {
    private let messages = Mutex<[ConsoleMessage]>([])
    /// The loop polls this descriptor; it is readable while messages wait.
    let wakeDescriptor: Int32
    private let wakeWriter: Int32

    init() {
        var descriptors: [Int32] = [-1, -1]
        if pipe(&descriptors) == 0 {
            for descriptor in descriptors {
                _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
                _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            }
        }
        wakeDescriptor = descriptors[0]
        wakeWriter = descriptors[1]
    }

    deinit {
        close(wakeDescriptor)
        close(wakeWriter)
    }

    func post(_ message: ConsoleMessage) {
        messages.withLock { $0.append(message) }
        var byte: UInt8 = 1
        _ = write(wakeWriter, &byte, 1)
    }

    /// Everything posted so far, in order.
    func drain() -> [ConsoleMessage] {
        var sink = [UInt8](repeating: 0, count: 256)
        while read(wakeDescriptor, &sink, sink.count) > 0 {}
        return messages.withLock { messages in
            defer { messages.removeAll() }
            return messages
        }
    }
}
