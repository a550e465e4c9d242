import AirlockCore
import AirlockWire
import FoundationEssentials
import Logging
import NIOCore
import NIOPosix

/// Owns the state machine on the broker's event loop and carries out its effects: writes
/// lines to channels and logs, on the loop; hands store work to the `PersistenceLane` and file
/// reads to thread pools, whose results come back to the loop as events.
///
/// Confinement: every method runs on `eventLoop` (handlers, the timer and every result hop
/// live there), which is what serialises all events into one order. Nothing here blocks.
final class BrokerEngine {
    private var machine: BrokerStateMachine
    private var lane: PersistenceLane?
    private let readers: BrokerReaders
    /// Repository policy reads, and (apart, so a slow probe never delays policy) boundary probes.
    private let policyThreads: NIOThreadPool
    private let probeThreads: NIOThreadPool
    /// Passphrase checks (scrypt), apart so a guess never delays policy.
    private let passphraseThreads: NIOThreadPool
    private let codec = WireCodec()
    private let logger: Logger
    private let clock: @Sendable () -> Date
    private let eventLoop: any EventLoop
    private let ownUID: UInt32
    private var channels: [ConnectionID: any Channel] = [:]
    /// Connections whose peer has shut down its sending side: they are closed once answered.
    private var inputClosed: Set<ConnectionID> = []
    private var needsFlush: Set<ConnectionID> = []
    private var nextConnection: UInt64 = 1
    /// Store work asked for and not yet handed to the lane: handed over together a few
    /// milliseconds later (or at once when many wait), so a busy broker wakes the lane once per
    /// batch rather than once per decision.
    private var storeJobs: [PersistenceLane.Job] = []
    private var isHandOffScheduled = false
    static let handOffDelay = TimeAmount.milliseconds(5)
    static let handOffBatch = 256

    init(
        machine: BrokerStateMachine, readers: BrokerReaders, policyThreads: NIOThreadPool, probeThreads: NIOThreadPool,
        passphraseThreads: NIOThreadPool, logger: Logger, clock: @escaping @Sendable () -> Date,
        eventLoop: any EventLoop, ownUID: UInt32
    ) {
        self.machine = machine
        self.readers = readers
        self.policyThreads = policyThreads
        self.probeThreads = probeThreads
        self.passphraseThreads = passphraseThreads
        self.logger = logger
        self.clock = clock
        self.eventLoop = eventLoop
        self.ownUID = ownUID
    }

    /// Connects the store; done before the socket accepts anyone.
    func attach(_ lane: PersistenceLane) {
        self.lane = lane
    }

    // MARK: Connections

    /// Names a new connection; it takes part once its credentials are checked.
    func connectionOpened(_ channel: any Channel) -> ConnectionID {
        eventLoop.preconditionInEventLoop()
        let id = ConnectionID(nextConnection)
        nextConnection += 1
        channels[id] = channel
        return id
    }

    /// Admits a connection: on the shared socket only from our own user (the separated
    /// deployment's sockets admit every user the socket's permissions let in; `MethodAccess`
    /// decides what each may ask). Refuses (and closes) anyone else.
    func credentialsArrived(_ peer: PeerCredentials, for id: ConnectionID, on listener: Listener = .shared) -> Bool {
        guard listener != .shared || peer.uid == ownUID else {
            logger.warning(
                "refused a connection from uid \(peer.uid.map(String.init) ?? "unknown") (pid \(peer.pid.map(String.init) ?? "unknown"))"
            )
            let error = RPCError(.permissionDenied, "permission denied: this broker serves only its own user")
            write(codec.encodeError(error, id: .null), to: id)
            flush()
            if let channel = channels[id] {
                // Half-close so the error is read before EOF: closing with the peer's request
                // still unread would reset the connection and lose the explanation. The
                // connection ends for good shortly after, whatever the peer does.
                channel.close(mode: .output, promise: nil)
                channel.eventLoop.scheduleTask(in: .seconds(2)) { channel.close(promise: nil) }
            }
            channels[id] = nil
            return false
        }
        apply(machine.handle(.connectionOpened(id, peer: peer, listener: listener)))
        return true
    }

    /// Lines (or framing errors) read from one connection, in order.
    func linesReceived(_ lines: [Result<[UInt8], FramingError>], from id: ConnectionID) {
        for line in lines {
            switch line {
            case .failure(let error):
                write(codec.encodeError(error.rpcError, id: .null), to: id)
            case .success(let bytes):
                switch codec.decodeRequest(bytes) {
                case nil:
                    continue
                case .failure(let failure):
                    write(codec.encodeError(failure.error, id: failure.id), to: id)
                case .success(let envelope):
                    apply(machine.handle(BrokerEvent(envelope, from: id, now: clock())))
                }
            }
        }
        closeIfDone(id)
        flush()
    }

    /// The peer will send nothing more; answer what it asked, then close.
    func inputClosed(_ id: ConnectionID) {
        inputClosed.insert(id)
        closeIfDone(id)
        flush()
    }

    func connectionClosed(_ id: ConnectionID) {
        channels[id] = nil
        inputClosed.remove(id)
        needsFlush.remove(id)
        apply(machine.handle(.connectionClosed(id, now: clock())))
        flush()
    }

    // MARK: Time and shutdown

    func tick() {
        handle(.clockTicked(now: clock()))
    }

    /// An event from off the loop (a read's result, the store's news), applied in turn.
    func handle(_ event: BrokerEvent) {
        apply(machine.handle(event))
        flush()
    }

    /// What a reload found; nil when the read failed.
    func exceptionsRead(_ list: [PolicyException]?, at now: Date) {
        handle(list.map { .exceptionsReloaded($0, now: now) } ?? .exceptionReloadFailed(now: now))
    }

    /// Denies whatever still waits and closes every connection.
    func stop() -> EventLoopFuture<Void> {
        apply(machine.handle(.brokerStopping(now: clock())))
        flush()
        handOffStoreJobs()
        let closes = channels.values.map { $0.close() }
        return EventLoopFuture.andAllComplete(closes, on: eventLoop)
    }

    // MARK: Effects

    private func apply(_ effects: [BrokerEffect]) {
        for effect in effects {
            switch effect {
            case .sendResult(let connection, let id, let result):
                write(codec.encodeResult(result, id: id), to: connection)
                closeIfDone(connection)
            case .sendError(let connection, let id, let error):
                write(codec.encodeError(error, id: id), to: connection)
            case .notify(let connections, let notification):
                guard let line = codec.encodeNotification(notification) else {
                    logger.error("could not encode a \(notification.method.rawValue) notification")
                    continue
                }
                for connection in connections { notify(line, to: connection) }
            case .appendDecision(let record): storeJobs.append(.append(record))
            case .saveException(let exception, let sample): storeJobs.append(.grant(exception, sample: sample))
            case .revokeException(let id, let reviewer, let at):
                storeJobs.append(.revoke(id: id, reviewer: reviewer, at: at))
            case .recordUse(let exceptionID): storeJobs.append(.recordUse(exceptionID))
            case .reloadExceptions: storeJobs.append(.reload)
            case .publishAction(let item): storeJobs.append(.publish(item))
            case .claimDecisions(let claim, let ids, let seals, let verdict, let reviewer, let identity, let reason):
                storeJobs.append(
                    .claim(
                        claim, ids: ids, seals: seals, verdict: verdict, reviewer: reviewer, reviewerIdentity: identity,
                        reason: reason))
            case .approveInQueue(let request, let approvals): storeJobs.append(.approve(request, approvals))
            case .settleAction(let id, let settlement): storeJobs.append(.settle(id, settlement))
            case .readTeamQueue(let own): storeJobs.append(.readQueue(own: own))
            case .loadRepositoryPolicy(let workspace):
                let read = readers.repositoryRules
                offLoop(policyThreads, "read the policy of \(workspace)", { read(workspace) }) { rules, now in
                    .repositoryPolicyLoaded(workspace: workspace, rules: rules, now: now)
                }
            case .gatherFacts(let actionID, let request):
                let gather = readers.edgeFacts
                offLoop(policyThreads, "look at the files \(actionID) names", { gather(request) }) { facts, now in
                    .factsGathered(actionID: actionID, facts: facts, now: now)
                }
            case .measureBoundaries(let workspace, let account):
                let measure = readers.boundaryReport
                offLoop(probeThreads, "measure the boundaries of \(workspace)", { measure(workspace, account) }) {
                    report, now in
                    let clear = report.map { "\($0.boundaries.filter { $0.state == .clear }.count) of 5 clear" }
                    self.logger.info("measured the boundaries of \(workspace): \(clear ?? "not measurable here")")
                    return .boundariesMeasured(workspace: workspace, report: report, now: now)
                }
            case .checkPassphrase(let connection, let user, let passphrase, let check):
                let matches = readers.passphraseMatches
                offLoop(passphraseThreads, "check a passphrase", { matches(user, passphrase) }) { matched, now in
                    .passphraseChecked(connection, check, matches: matched, now: now)
                }
            case .logRefusal(let message):
                logger.warning("\(message)")
            case .changeTrust(let change):
                let write = readers.changeTrust
                let verb = change.trusted ? "trust" : "untrust"
                offLoop(policyThreads, "\(verb) \(change.workspace)", { write(change.workspace, change.trusted) }) {
                    outcome, now in
                    if case .success(let result) = outcome, result.changed {
                        self.logger.info("\(change.reviewer) \(verb)ed \(result.workspace)")
                    }
                    return .trustChanged(change, outcome, now: now)
                }
            case .changePolicyTrust(let change):
                let write = readers.changePolicyTrust
                let verb = change.trusted ? "trust" : "untrust"
                offLoop(policyThreads, "\(verb) the policy file of \(change.workspace)", {
                    write(change.workspace, change.sha256, change.trusted)
                }) { outcome, now in
                    if case .success(let result) = outcome, result.changed {
                        self.logger.info("\(change.reviewer) \(verb)ed the policy file \(result.path)")
                    }
                    return .policyTrustChanged(change, outcome, now: now)
                }
            case .readTrustList(let connection, let id):
                let read = readers.trustList
                offLoop(policyThreads, "read the trusted list", read) { outcome, _ in
                    .trustListRead(connection, id, outcome)
                }
            case .notifyReviewer(let text):
                let notify = readers.notify
                // Fire and forget: the command is bounded by the reader; nothing waits for it.
                probeThreads.submit { _ in notify(text) }
            }
        }
    }

    /// Runs a blocking read on `threads` and feeds its result back to the machine on the loop.
    /// A read that cannot run (the broker is stopping) is dropped: what waited for it is denied.
    private func offLoop<T: Sendable>(
        _ threads: NIOThreadPool, _ what: String, _ read: @escaping @Sendable () -> T,
        _ event: @escaping (T, Date) -> BrokerEvent
    ) {
        threads.runIfActive(eventLoop: eventLoop, read).assumeIsolated().whenComplete { result in
            switch result {
            case .success(let value): self.handle(event(value, self.clock()))
            case .failure(let error): self.logger.warning("could not \(what): \(error)")
            }
        }
    }

    private func write(_ line: [UInt8], to id: ConnectionID) {
        guard let channel = channels[id] else { return }
        var buffer = channel.allocator.buffer(capacity: line.count)
        buffer.writeBytes(line)
        channel.write(buffer, promise: nil)
        needsFlush.insert(id)
    }

    /// A console that stopped reading is cut off rather than buffered for without bound; it
    /// reconnects and subscribes again to catch up.
    private func notify(_ line: [UInt8], to id: ConnectionID) {
        guard let channel = channels[id] else { return }
        guard channel.isWritable else {
            logger.warning("closing console connection \(id): it stopped reading notifications")
            channel.close(promise: nil)
            return
        }
        write(line, to: id)
    }

    private func closeIfDone(_ id: ConnectionID) {
        guard inputClosed.contains(id), !machine.isAwaitingAnswer(id), !machine.isSubscribed(id),
            let channel = channels[id]
        else { return }
        inputClosed.remove(id)
        needsFlush.remove(id)
        // Close after what was written so far has gone out.
        channel.writeAndFlush(channel.allocator.buffer(capacity: 0)).whenComplete { _ in channel.close(promise: nil) }
    }

    /// Hands the store work asked for so far to the lane, in order.
    func handOffStoreJobs() {
        isHandOffScheduled = false
        guard !storeJobs.isEmpty else { return }
        lane?.submit(storeJobs)
        storeJobs.removeAll(keepingCapacity: true)
    }

    private func scheduleHandOff() {
        guard !storeJobs.isEmpty else { return }
        if storeJobs.count >= Self.handOffBatch { return handOffStoreJobs() }
        guard !isHandOffScheduled else { return }
        isHandOffScheduled = true
        eventLoop.assumeIsolated().scheduleTask(in: Self.handOffDelay) { self.handOffStoreJobs() }
    }

    private func flush() {
        scheduleHandOff()
        for id in needsFlush { channels[id]?.flush() }
        needsFlush.removeAll(keepingCapacity: true)
    }
}
