import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a program with a deadline and kills it when the deadline passes: a probe reports
/// "not measured" rather than waiting on a slow `git` in a huge repository.
enum Subprocess {
    enum Outcome: Sendable, Equatable {
        /// The program exited on its own.
        case exited(status: Int32, stdout: Data)
        /// The deadline passed; the program was killed.
        case timedOut
        /// It could not be started.
        case failedToStart(String)
    }

    /// Runs `executable` with `arguments` in `directory`; stdout is collected, stderr discarded.
    static func run(
        _ executable: String, _ arguments: [String], directory: String?, environment: [String: String]? = nil,
        deadline: Deadline
    ) -> Outcome {
        if deadline.isPast { return .timedOut }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if let environment { process.environment = environment }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do {
            try process.run()
        } catch {
            return .failedToStart("\(executable): \(error.localizedDescription)")
        }
        // Drained on its own thread so a large output cannot fill the pipe and stall the child.
        let collected = Collected()
        let drained = DispatchSemaphore(value: 0)
        let reader = output.fileHandleForReading
        DispatchQueue.global().async {
            collected.set(reader.readDataToEndOfFile())
            drained.signal()
        }
        let nanos = UInt64(max(0, deadline.remaining.nanoseconds))
        if exited.wait(timeout: .now() + .nanoseconds(Int(min(nanos, UInt64(Int.max))))) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            exited.wait()
            // The reader finishes on its own once the pipe closes; nobody waits for it.
            return .timedOut
        }
        drained.wait()
        return .exited(status: process.terminationStatus, stdout: collected.value)
    }

    /// The reader thread's result, handed over under a lock.
    private final class Collected: Sendable {
        private let data = Mutex(Data())
        func set(_ value: Data) { data.withLock { $0 = value } }
        var value: Data { data.withLock { $0 } }
    }
}

extension Duration {
    /// Whole nanoseconds, saturating.
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : product + attoseconds / 1_000_000_000
    }
}
