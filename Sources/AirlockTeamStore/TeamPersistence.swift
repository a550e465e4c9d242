import AirlockBroker
import AirlockCore
import AirlockStore
import AirlockWire
import Foundation
import Logging
import PostgresNIO
import Synchronization

/// A broker's persistence on the team's PostgreSQL store, and its share of the team's queue.
///
/// - Pushed, not polled: one connection of its own `LISTEN`s on channel `airlock`; the
///   database's triggers announce `policy` (exceptions, trust) and `queue` changes, which
///   reach the broker as `changes` and `queueChanges` (and once on every (re)connection, to
///   catch up on what was missed).
/// - Trusted repository policy files are the team's: read with the exceptions (on every push
///   and reconnection) and answered from memory; while the database has been away longer than
///   `trustStaleness`, nothing counts as trusted (the repository's allow rules stop applying,
///   as allow exceptions do), and trust returns with the database.
/// - Time is the database's: every read of the exceptions also reads its clock, and `clock`
///   gives the broker the local clock corrected by the measured offset.
/// - Faults lose nothing: decisions that cannot be written go to a local journal and are
///   replayed in order (once each) when the database answers again; a settlement of the queue
///   is retried; `healthChanges` says `degraded` meanwhile.
public final class TeamPersistence: BrokerPersistence, SharedQueue {
    public let store: TeamStore
    public let origin: ActionOrigin
    private let journal: DecisionJournal
    private let logger: Logger
    private let localClock: @Sendable () -> Date
    private let seal: @Sendable (PolicyException) -> PolicyException
    /// Database time minus local time, in seconds.
    private let offset = Locked<Double>(0)
    private let health: Mutex<StoreHealth>
    private let unsettled = Mutex<[(String, QueueSettlement)]>([])
    private let policyStream: (stream: AsyncStream<Void>, continuation: AsyncStream<Void>.Continuation)
    private let queueStream: (stream: AsyncStream<Void>, continuation: AsyncStream<Void>.Continuation)
    private let healthStream: (stream: AsyncStream<StoreHealth>, continuation: AsyncStream<StoreHealth>.Continuation)
    private let listener = Mutex<Task<Void, Never>?>(nil)
    /// Trusted policy files, path to digest, as last read.
    private let trustedPolicies = Mutex<[String: String]>([:])
    /// When the database stopped answering (local clock); nil while it answers.
    private let degradedSince = Mutex<Date?>(nil)
    private let trustStaleness: TimeInterval
    /// Seals and checks trust in policy files with the team's key; without it nothing is trusted.
    private let trustSealer: ExceptionSealer?
    /// The log's writers take turns: the broker's log lane appending, and a replay of the
    /// journal started by a read of the exceptions on the other lane. Only a holder writes the
    /// journal or the log, so the log keeps the order decisions were made in.
    private let logTurns = TurnTaking()
    public let writesLogApart: Bool

    /// `journalPath` is a file in the broker's state directory; `seal` seals an exception as
    /// the database stamped it, with the key the team's brokers share (the broker's
    /// `ExceptionSealer`, whose checks every row read back must pass); `localClock` the
    /// machine's clock (injected by tests to skew it); `trustSealer` the same key, for trust in
    /// policy files (none: no policy file is trusted); `writesLogApart` false puts the log's
    /// appends back in the one lane with everything else (the benchmark's baseline).
    public init(
        store: TeamStore, origin: ActionOrigin, journalPath: String,
        seal: @escaping @Sendable (PolicyException) -> PolicyException, trustSealer: ExceptionSealer? = nil,
        localClock: @escaping @Sendable () -> Date = { Date() }, trustStaleness: Duration = .seconds(30),
        writesLogApart: Bool = true, logger: Logger = Logger(label: "airlock.team-store")
    ) {
        self.store = store
        self.writesLogApart = writesLogApart
        self.trustSealer = trustSealer
        self.trustStaleness =
            Double(trustStaleness.components.seconds) + Double(trustStaleness.components.attoseconds) / 1e18
        self.seal = seal
        self.origin = origin
        self.journal = DecisionJournal(path: journalPath)
        self.localClock = localClock
        self.logger = logger
        health = Mutex(StoreHealth(state: .ok, store: store.location.description))
        policyStream = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
        queueStream = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
        healthStream = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(4))
    }

    /// Starts listening for the team's changes, and reads the database's clock once.
    public func start() async {
        try? await measureClock()
        try? await readTrust()
        // The broker shows the store's health from the start (`airlock status`), not only
        // after its first change.
        healthStream.continuation.yield(currentHealth)
        let task = Task { [weak self] in
            guard let self else { return }
            await self.listen()
        }
        listener.withLock { $0 = task }
    }

    /// Stops listening and closes the connections.
    public func stop() async {
        listener.withLock { $0 }?.cancel()
        policyStream.continuation.finish()
        queueStream.continuation.finish()
        healthStream.continuation.finish()
        await store.close()
    }

    /// The broker's clock: the local one, corrected to the database's.
    public var clock: @Sendable () -> Date {
        { [localClock, offset] in localClock().addingTimeInterval(offset.value) }
    }

    public var currentHealth: StoreHealth { health.withLock { $0 } }

    // MARK: BrokerPersistence

    public var changes: AsyncStream<Void>? { policyStream.stream }
    public var sharedQueue: (any SharedQueue)? { self }
    public var healthChanges: AsyncStream<StoreHealth>? { healthStream.stream }

    public func appendDecisions(_ records: [DecisionRecord]) async throws {
        await logTurns.take()
        defer { logTurns.pass() }
        // In order: what waits in the journal goes first; while it cannot, so do these.
        if journal.count > 0 {
            do {
                try await replayJournal()
            } catch {
                try journal.append(records)
                failed(error)
                return
            }
        }
        // In bounded transactions: one of thousands of rows outlasts the time limit, and then
        // its replay would too, every time.
        var written = 0
        do {
            for chunk in Self.chunks(records) {
                try await store.appendDecisions(Array(chunk))
                written += chunk.count
            }
            succeeded()
        } catch {
            try journal.append(Array(records[written...]))
            failed(error)
        }
    }

    /// Rows one transaction of the log takes at most.
    static let chunkSize = 500

    static func chunks<T>(_ items: [T]) -> [ArraySlice<T>] {
        stride(from: 0, to: items.count, by: chunkSize).map { items[$0..<min($0 + chunkSize, items.count)] }
    }

    public func activeExceptions(at now: Date) async throws -> [PolicyException] {
        let before = localClock()
        do {
            let (exceptions, databaseNow) = try await store.activeExceptions()
            record(databaseNow: databaseNow, sentAt: before, receivedAt: localClock())
            try await readTrust()
            succeeded()
            try? await recover()
            return exceptions
        } catch {
            failed(error)
            throw error
        }
    }

    /// The reason a reviewer typed is redacted before it is stored (and sealed as stored): the
    /// team's database is shown to every machine and kept for good.
    public func grant(_ exception: PolicyException, now: Date, sample: Assessment?) async throws {
        var stored = exception
        stored.reason = Redactor().redact(exception.reason)
        try await guarded { [stored] in try await self.store.grant(stored, sample: sample, seal: self.seal) }
    }

    public func revoke(id: String, by reviewer: String, at now: Date) async throws -> PolicyException? {
        try await guarded { try await self.store.revoke(id: id, by: reviewer) }
    }

    public func recordUse(of id: String) async throws -> PolicyException? {
        try await guarded { try await self.store.recordUse(of: id) }
    }

    public func isPolicyFileTrusted(path: String, sha256: String) -> Bool {
        if let since = degradedSince.withLock({ $0 }), localClock().timeIntervalSince(since) >= trustStaleness {
            return false
        }
        return trustedPolicies.withLock { $0[path] == sha256.lowercased() }
    }

    /// Trusts this content of the policy file at `path` for the whole team, sealed with the team's key.
    public func trustPolicyFile(path: String, sha256: String) async throws {
        guard let trustSealer else { throw TeamStoreError.noKey("trust \(path)") }
        let sha256 = sha256.lowercased()
        try await guarded {
            try await self.store.trustPolicyFile(
                path: path, sha256: sha256, seal: trustSealer.seal(policyFile: path, sha256: sha256))
        }
    }

    /// Withdraws the team's trust in the policy file at `path`; true when some content was trusted.
    public func untrustPolicyFile(path: String) async throws -> Bool {
        try await guarded { try await self.store.untrustPolicyFile(path: path) }
    }

    /// Reads the team's trusted policy files; a row without the team key's seal (written around
    /// the brokers) is left out and logged.
    private func readTrust() async throws {
        var trusted: [String: String] = [:]
        for (path, row) in try await store.sealedPolicyFiles() {
            if trustSealer?.isSealed(policyFile: path, sha256: row.sha256, seal: row.seal) == true {
                trusted[path] = row.sha256
            } else {
                logger.warning("refused trust in \(path) from the team store: not sealed with this team's key")
            }
        }
        trustedPolicies.withLock { [trusted] in $0 = trusted }
    }

    // MARK: SharedQueue

    public var queueChanges: AsyncStream<Void> { queueStream.stream }

    public func publish(_ item: QueuedAction) async throws {
        try await guarded { try await self.store.publish(item, broker: self.origin) }
    }

    public func claim(
        _ ids: [String], seals: [String: String], verdict: FinalVerdict, reviewer: String, reviewerIdentity: String?,
        reason: String
    ) async throws -> [String: ClaimOutcome] {
        // The reason goes to every machine's queue already redacted: the broker redacts it before
        // sealing the claim over it, so it is stored exactly as sealed.
        try await guarded {
            try await self.store.claim(
                ids, seals: seals, verdict: verdict, reviewer: reviewer, reviewerIdentity: reviewerIdentity,
                reason: reason)
        }
    }

    public func approve(_ approvals: [String: ApprovalRequest]) async throws -> [String: ApprovalClaim] {
        try await guarded { try await self.store.approve(approvals) }
    }

    public func settle(_ id: String, _ settlement: QueueSettlement) async throws {
        do {
            try await guarded { try await self.store.settle(id, settlement) }
        } catch {
            unsettled.withLock { $0.append((id, settlement)) }
            throw error
        }
    }

    public func snapshot(own: [String]) async throws -> TeamQueueSnapshot {
        try await guarded { try await self.store.snapshot(broker: self.origin.broker, own: own) }
    }

    // MARK: Faults

    private func guarded<T>(_ body: () async throws -> T) async throws -> T {
        do {
            let value = try await body()
            succeeded()
            return value
        } catch {
            failed(error)
            throw error
        }
    }

    /// Replays the journal and the settlements that failed, once the database answers.
    /// A replay waits for no append: while one holds the turn, it replays the journal itself
    /// before it writes (only a holder of the turn fills the journal).
    private func recover() async throws {
        if journal.count > 0, logTurns.tryTake() {
            defer { logTurns.pass() }
            try await replayJournal()
        }
        let retry = unsettled.withLock { list in
            defer { list = [] }
            return list
        }
        for (id, settlement) in retry { try? await settle(id, settlement) }
    }

    /// Appends the journal's decisions in order; ones the log already holds (a replay cut off
    /// after its commit) are not appended twice.
    private func replayJournal() async throws {
        let records = try journal.pending()
        guard !records.isEmpty else { return }
        for chunk in Self.chunks(records) {
            let logged = try await store.loggedActionIDs(chunk.map(\.actionID))
            try await store.appendDecisions(chunk.filter { !logged.contains($0.actionID) })
            try journal.remove(first: chunk.count)
        }
        logger.info("team store: replayed \(records.count) journaled decisions")
        updateHealth { $0.journaled = 0 }
    }

    private func succeeded() {
        degradedSince.withLock { $0 = nil }
        let journaled = journal.count
        updateHealth { health in
            health.journaled = journaled
            if journaled == 0 {
                health.state = .ok
                health.reason = nil
            }
        }
    }

    private func failed(_ error: any Error) {
        let now = localClock()
        degradedSince.withLock { $0 = $0 ?? now }
        let journaled = journal.count
        let reason = (error as? TeamStoreError).map(\.description) ?? "the team database is unreachable"
        updateHealth { health in
            health.state = .degraded
            health.reason = reason
            health.journaled = journaled
        }
    }

    private func updateHealth(_ change: (inout StoreHealth) -> Void) {
        let changed = health.withLock { health -> StoreHealth? in
            let before = health
            change(&health)
            return health == before ? nil : health
        }
        if let changed {
            if changed.state == .degraded {
                logger.warning("team store degraded: \(changed.summary)")
            } else {
                logger.info("team store: the database answers again")
            }
            healthStream.continuation.yield(changed)
        }
    }

    // MARK: Clock

    private func measureClock() async throws {
        let before = localClock()
        let now = try await store.databaseNow()
        record(databaseNow: now, sentAt: before, receivedAt: localClock())
    }

    /// The database's time was read between two local readings: take the middle.
    private func record(databaseNow: Int64, sentAt: Date, receivedAt: Date) {
        let local = sentAt.timeIntervalSince1970 + receivedAt.timeIntervalSince(sentAt) / 2
        offset.set(Double(databaseNow) / 1000 - local)
    }

    // MARK: Listening

    /// Listens until cancelled, reconnecting after a loss (backing off to 2 s).
    private func listen() async {
        var delay = Duration.milliseconds(100)
        var number = 1_000
        while !Task.isCancelled {
            number += 1
            do {
                let connection = try await store.link.connectAlone(id: number)
                defer { PostgresLink.close(connection) }
                try await connection.listen(on: "airlock") { notifications in
                    delay = .milliseconds(100)
                    // Caught up on whatever happened while not listening.
                    policyStream.continuation.yield()
                    queueStream.continuation.yield()
                    for try await notification in notifications {
                        if notification.payload == "queue" {
                            queueStream.continuation.yield()
                        } else {
                            policyStream.continuation.yield()
                        }
                    }
                }
            } catch {
                if Task.isCancelled { return }
                logger.debug("team store: listening failed: \(String(describing: error))")
            }
            try? await Task.sleep(for: delay)
            delay = min(delay * 2, .seconds(2))
        }
    }
}
