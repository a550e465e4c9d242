import Foundation
import Testing

/// Runs a suite's tests on threads of their own instead of Swift concurrency's shared pool,
/// which has one thread per core. These tests block (real processes, real users, tmux); while
/// they held the pool's threads, the async tests of the same `swift test` (a broker on a real
/// socket) waited minutes for a turn and ran into their time limits.
struct OwnThreads: SuiteTrait, TestTrait, TestScoping {
    var isRecursive: Bool { true }

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        // The same task, so Swift Testing's task-locals (which test an expectation belongs to) hold.
        try await withTaskExecutorPreference(ThreadPerJob.shared) { try await function() }
    }
}

extension Trait where Self == OwnThreads {
    static var ownThreads: Self { OwnThreads() }
}

/// Each job on a new thread: a test resumes a handful of times, and a blocked one holds
/// nothing anyone else needs.
final class ThreadPerJob: TaskExecutor, Sendable {
    static let shared = ThreadPerJob()

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        Thread.detachNewThread { job.runSynchronously(on: executor) }
    }
}
