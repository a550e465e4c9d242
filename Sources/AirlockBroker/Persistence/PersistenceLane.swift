import AirlockCore
import AirlockWire
import FoundationEssentials
import Logging
import Synchronization

/// Carries the state machine's store effects to `BrokerPersistence` off the event loop: one at
/// a time, in the order they were asked for, decisions merged into batches. What a read finds
/// is handed back through `deliver`; a failure is logged and changes nothing else.
///
/// A store that `writesLogApart` gets two such lanes: the decision log's appends in one, in
/// their order and batched as before, and everything else (grants, revocations, reloads, the
/// shared queue) in the other, so under load a grant never waits behind queued decisions.
final class PersistenceLane: Sendable {
    enum Job: Sendable {
        case append(DecisionRecord)
        case grant(PolicyException, sample: Assessment?)
        case revoke(id: String, reviewer: String, at: Date)
        case recordUse(String)
        /// Read the exceptions in force at the time `clock` gives when the read starts.
        case reload
        /// Team mode: the shared queue (`SharedQueue`).
        case publish(QueuedAction)
        case claim(
            UInt64, ids: [String], seals: [String: String], verdict: FinalVerdict, reviewer: String,
            reviewerIdentity: String?, reason: String)
        case approve(UInt64, [String: ApprovalRequest])
        case settle(String, QueueSettlement)
        case readQueue(own: [String])
    }

    private enum Lane { case main, log }

    private struct Queue {
        var jobs: [Job] = []
        var isRunning = false
        var drained: [CheckedContinuation<Void, Never>] = []
    }

    private let persistence: any BrokerPersistence
    private let logger: Logger
    private let clock: @Sendable () -> Date
    private let deliver: @Sendable ([PolicyException]?, Date) -> Void
    private let report: @Sendable (BrokerEvent) -> Void
    /// Receives the log's head after each batch of decisions is written.
    private let anchored: @Sendable (LogAnchor) -> Void
    /// Everything but the log's appends when the store writes the log apart; else everything.
    private let queue = Mutex(Queue())
    /// The log's appends, when the store writes the log apart.
    private let logQueue = Mutex(Queue())

    /// `deliver` receives each reload's exceptions (nil when the read failed) and the time
    /// they were read for; `report` the shared queue's answers, as events; `anchored` the log's
    /// head after each batch of decisions is written.
    init(
        persistence: any BrokerPersistence, logger: Logger, clock: @escaping @Sendable () -> Date,
        deliver: @escaping @Sendable ([PolicyException]?, Date) -> Void,
        report: @escaping @Sendable (BrokerEvent) -> Void = { _ in },
        anchored: @escaping @Sendable (LogAnchor) -> Void = { _ in }
    ) {
        self.persistence = persistence
        self.logger = logger
        self.clock = clock
        self.deliver = deliver
        self.report = report
        self.anchored = anchored
    }

    /// Queues jobs, in order, behind every job of their lane queued before them.
    func submit(_ jobs: [Job]) {
        guard persistence.writesLogApart else { return submit(jobs, to: .main) }
        var appends: [Job] = []
        var others: [Job] = []
        for job in jobs {
            if case .append = job { appends.append(job) } else { others.append(job) }
        }
        if !others.isEmpty { submit(others, to: .main) }
        if !appends.isEmpty { submit(appends, to: .log) }
    }

    private func submit(_ jobs: [Job], to lane: Lane) {
        let start = withQueue(lane) { queue -> Bool in
            queue.jobs += jobs
            defer { queue.isRunning = true }
            return !queue.isRunning
        }
        if start { Task { await self.run(lane) } }
    }

    /// Returns once every job queued so far is done (for shutdown and tests).
    func drain() async {
        await drain(.main)
        await drain(.log)
    }

    private func drain(_ lane: Lane) async {
        await withCheckedContinuation { continuation in
            let idle = withQueue(lane) { queue -> Bool in
                if queue.isRunning { queue.drained.append(continuation) }
                return !queue.isRunning
            }
            if idle { continuation.resume() }
        }
    }

    private func withQueue<Result: Sendable>(_ lane: Lane, _ body: (inout Queue) -> Result) -> Result {
        switch lane {
        case .main: queue.withLock { body(&$0) }
        case .log: logQueue.withLock { body(&$0) }
        }
    }

    private func run(_ lane: Lane) async {
        while true {
            let jobs = withQueue(lane) { queue -> [Job] in
                defer { queue.jobs.removeAll(keepingCapacity: true) }
                return queue.jobs
            }
            if jobs.isEmpty {
                let waiting = withQueue(lane) { queue -> [CheckedContinuation<Void, Never>]? in
                    // Jobs may have arrived since the take above; only an empty queue stops.
                    guard queue.jobs.isEmpty else { return nil }
                    queue.isRunning = false
                    defer { queue.drained = [] }
                    return queue.drained
                }
                guard let waiting else { continue }
                for continuation in waiting { continuation.resume() }
                return
            }
            var batch: [DecisionRecord] = []
            for job in jobs {
                if case .append(let record) = job {
                    batch.append(record)
                    continue
                }
                await append(batch)
                batch = []
                await perform(job)
            }
            await append(batch)
        }
    }

    private func append(_ batch: [DecisionRecord]) async {
        guard !batch.isEmpty else { return }
        await attempt("log \(batch.count) decisions") {
            try await persistence.appendDecisions(batch)
            if let head = try await persistence.logHead() { anchored(head) }
        }
    }

    private func perform(_ job: Job) async {
        switch job {
        case .append(let record):
            await append([record])
        case .grant(let exception, let sample):
            await attempt("save exception \(exception.id)") {
                try await persistence.grant(exception, now: exception.createdAt, sample: sample)
            }
        case .revoke(let id, let reviewer, let time):
            await attempt("revoke exception \(id)") { _ = try await persistence.revoke(id: id, by: reviewer, at: time) }
        case .recordUse(let id):
            await attempt("count a use of exception \(id)") { _ = try await persistence.recordUse(of: id) }
        case .publish(let item):
            await attempt("publish \(item.id) to the team's queue") { try await shared().publish(item) }
        case .claim(let number, let ids, let seals, let verdict, let reviewer, let identity, let reason):
            var outcomes: [String: ClaimOutcome]?
            await attempt("claim \(ids.joined(separator: ", ")) in the team's queue") {
                outcomes = try await shared().claim(
                    ids, seals: seals, verdict: verdict, reviewer: reviewer, reviewerIdentity: identity, reason: reason)
            }
            report(.decisionsClaimed(claim: number, outcomes: outcomes, now: clock()))
        case .approve(let number, let requests):
            var outcomes: [String: ApprovalClaim]?
            await attempt("approve \(requests.keys.sorted().joined(separator: ", ")) in the team's queue") {
                outcomes = try await shared().approve(requests)
            }
            report(.approvalsRecorded(request: number, outcomes: outcomes, now: clock()))
        case .settle(let id, let settlement):
            await attempt("settle \(id) in the team's queue") { try await shared().settle(id, settlement) }
        case .readQueue(let own):
            var snapshot: TeamQueueSnapshot?
            await attempt("read the team's queue") { snapshot = try await shared().snapshot(own: own) }
            report(.teamQueueRead(snapshot, now: clock()))
        case .reload:
            let now = clock()
            do {
                deliver(try await persistence.activeExceptions(at: now), now)
            } catch {
                logger.error("persistence: could not reload exceptions: \(error)")
                deliver(nil, now)
            }
        }
    }

    private func shared() throws -> any SharedQueue {
        guard let queue = persistence.sharedQueue else { throw BrokerError.noSharedQueue }
        return queue
    }

    private func attempt(_ what: String, _ body: () async throws -> Void) async {
        do {
            try await body()
        } catch {
            logger.error("persistence: could not \(what): \(error)")
        }
    }
}
