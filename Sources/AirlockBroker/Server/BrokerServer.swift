import AirlockCore
import AirlockStore
import Dispatch
import FoundationEssentials
import Logging
import NIOCore
import NIOPosix
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The broker's socket: a SwiftNIO server on a Unix domain socket around the state machine.
///
/// ```swift
/// let server = try await BrokerServer.start(configuration: configuration, persistence: store)
/// try await server.waitUntilClosed()   // or: try await server.shutdown()
/// ```
/// or, for `airlock serve`, `try await BrokerServer.run(configuration:persistence:)`, which
/// also stops cleanly on SIGINT and SIGTERM.
///
/// The state machine and every connection live on one event loop, so events reach the machine
/// in one order; nothing on that loop blocks. The store is written and read by a
/// `PersistenceLane`, files and probes on thread pools, and their results come back as events.
public final class BrokerServer: Sendable {
    public let socketPath: String
    private let group: MultiThreadedEventLoopGroup
    /// The first listener's channel (the shared or agent socket); `others` holds the review socket.
    private let serverChannel: any Channel
    private let otherChannels: [any Channel]
    private let engine: NIOLoopBound<BrokerEngine>
    private let lane: PersistenceLane
    private let threadPools: [NIOThreadPool]
    private let locks: [SocketLock]
    private let timer: RepeatedTask
    private let watcher: Task<Void, Never>?
    private let shutdownTask: Mutex<Task<Void, any Error>?> = Mutex(nil)

    private init(
        socketPath: String, group: MultiThreadedEventLoopGroup, channels: [any Channel],
        engine: NIOLoopBound<BrokerEngine>, lane: PersistenceLane, threadPools: [NIOThreadPool],
        locks: [SocketLock], timer: RepeatedTask, watcher: Task<Void, Never>?
    ) {
        self.socketPath = socketPath
        self.group = group
        self.serverChannel = channels[0]
        self.otherChannels = Array(channels.dropFirst())
        self.engine = engine
        self.lane = lane
        self.threadPools = threadPools
        self.locks = locks
        self.timer = timer
        self.watcher = watcher
    }

    /// Binds the socket (both sockets, separated) and starts answering. Throws
    /// `BrokerError.alreadyRunning` when another broker listens on the same socket.
    ///
    /// `sealer` seals granted exceptions and checks stored ones (a key of its own by default:
    /// then only exceptions this broker granted are used); `anchorPath`, when given, receives the
    /// decision log's head after every write (`LogAnchor`).
    public static func start(
        configuration: BrokerConfiguration,
        persistence: any BrokerPersistence,
        readers: BrokerReaders = BrokerReaders(),
        logger: Logger = Logger(label: "airlock.broker"),
        clock: @escaping @Sendable () -> Date = { Date() },
        sealer: ExceptionSealer = .ephemeral(),
        processes: ProcessFacts = .live,
        anchorPath: String? = nil
    ) async throws -> BrokerServer {
        var configuration = configuration
        configuration.brokerUID = UInt32(getuid())
        let path = configuration.socketPath
        let separated = configuration.reviewSocketPath != nil
        let directoryMode: mode_t = separated ? 0o755 : 0o700
        var listeners: [(path: String, listener: Listener)] = [(path, separated ? .agent : .shared)]
        if let review = configuration.reviewSocketPath { listeners.append((review, .review)) }
        var locks: [SocketLock] = []
        do {
            for entry in listeners { locks.append(try SocketLock.acquire(entry.path, directoryMode: directoryMode)) }
        } catch {
            for lock in locks { lock.release(removingSocket: false) }
            throw error
        }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let loop = group.next()
        let threadPools = [
            NIOThreadPool(numberOfThreads: 2), NIOThreadPool(numberOfThreads: 1), NIOThreadPool(numberOfThreads: 1),
        ]
        for pool in threadPools { pool.start() }
        do {
            let now = clock()
            var exceptions: [PolicyException] = []
            do {
                exceptions = try await persistence.activeExceptions(at: now)
            } catch {
                // Starting without exceptions only makes the broker stricter.
                logger.error("could not load exceptions, starting without them: \(error)")
            }
            let machine = BrokerStateMachine(
                configuration: configuration, exceptions: exceptions, startedAt: now,
                idPrefix: configuration.idPrefix ?? randomPrefix(), processes: processes,
                checks: ExceptionChecks(sealer: sealer, configuration: configuration, processes: processes))
            let uid = UInt32(getuid())
            let engine = try await loop.submit {
                NIOLoopBound(
                    BrokerEngine(
                        machine: machine, readers: readers, policyThreads: threadPools[0],
                        probeThreads: threadPools[1], passphraseThreads: threadPools[2], logger: logger, clock: clock,
                        eventLoop: loop, ownUID: uid),
                    eventLoop: loop)
            }.get()
            let lane = PersistenceLane(
                persistence: persistence, logger: logger, clock: clock,
                deliver: { list, now in
                    engine.eventLoop.execute { engine.value.exceptionsRead(list, at: now) }
                },
                report: { event in engine.eventLoop.execute { engine.value.handle(event) } },
                anchored: { anchor in
                    if let anchorPath { LogAnchorWriter.write(anchor, to: anchorPath, logger: logger) }
                    engine.eventLoop.execute { engine.value.handle(.logAnchored(anchor)) }
                })
            try await loop.submit { engine.value.attach(lane) }.get()
            // A store that can tell when exceptions change elsewhere is listened to; the others
            // are re-read on the clock.
            let watcher = Self.watch(persistence, engine: engine, clock: clock)
            var channels: [any Channel] = []
            for (index, entry) in listeners.enumerated() {
                let listener = entry.listener
                do {
                    channels.append(
                        try await ServerBootstrap(group: loop)
                            .serverChannelOption(.backlog, value: 1024)
                            .childChannelOption(.allowRemoteHalfClosure, value: true)
                            .childChannelOption(.writeBufferWaterMark, value: .init(low: 1 << 20, high: 8 << 20))
                            .childChannelInitializer { channel in
                                channel.eventLoop.makeCompletedFuture {
                                    try channel.pipeline.syncOperations.addHandler(
                                        BrokerConnectionHandler(engine: engine.value, listener: listener))
                                }
                            }
                            .bind(unixDomainSocketPath: entry.path, cleanupExistingSocketFile: false)
                            .get())
                } catch {
                    watcher?.cancel()
                    for channel in channels { try? await channel.close() }
                    throw BrokerError.bindFailed(entry.path, reason: "\(error)")
                }
                try locks[index].setSocketPermissions(
                    mode: mode_t(configuration.socketMode), group: configuration.socketGroup)
            }
            let tick = TimeAmount.nanoseconds(Int64(configuration.tickInterval.seconds * 1e9))
            let timer = loop.scheduleRepeatedTask(initialDelay: tick, delay: tick) { _ in engine.value.tick() }
            logger.info("airlock broker listening on \(listeners.map(\.path).joined(separator: " and "))")
            return BrokerServer(
                socketPath: path, group: group, channels: channels, engine: engine, lane: lane,
                threadPools: threadPools, locks: locks, timer: timer, watcher: watcher)
        } catch {
            for lock in locks { lock.release(removingSocket: false) }
            try? await group.shutdownGracefully()
            for pool in threadPools { try? await pool.shutdownGracefully() }
            throw error
        }
    }

    /// Starts a broker and serves until SIGINT or SIGTERM, then stops cleanly: `airlock serve`.
    public static func run(
        configuration: BrokerConfiguration, persistence: any BrokerPersistence,
        readers: BrokerReaders = BrokerReaders(),
        logger: Logger = Logger(label: "airlock.broker")
    ) async throws {
        let server = try await start(
            configuration: configuration, persistence: persistence, readers: readers, logger: logger)
        let sources = [SIGINT, SIGTERM].map { signalNumber in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                logger.info("signal \(signalNumber): stopping the broker")
                Task { try? await server.shutdown() }
            }
            source.resume()
            return source
        }
        defer { sources.forEach { $0.cancel() } }
        try await server.waitUntilClosed()
        try await server.shutdown()
    }

    /// Returns when the server has stopped listening (after `shutdown()`).
    public func waitUntilClosed() async throws {
        try await serverChannel.closeFuture.get()
    }

    /// Stops listening, denies whatever still waits, closes every connection, waits until the
    /// store has every decision, and removes the socket. Safe to call more than once; later
    /// calls wait for the first.
    public func shutdown() async throws {
        let task = shutdownTask.withLock { task in
            if let task { return task }
            let made = Task { try await self.stop() }
            task = made
            return made
        }
        try await task.value
    }

    /// Re-reads nothing itself: the caller passes the new mode and rules (from the policy
    /// files) and pending actions they now decide are answered.
    public func updatePolicy(
        mode: Mode, rules: [PolicyRule], reviewers: ReviewerPolicy = ReviewerPolicy(), now: Date = Date()
    ) {
        let engine = self.engine
        engine.eventLoop.execute {
            engine.value.handle(.policyReloaded(mode: mode, rules: rules, reviewers: reviewers, now: now))
        }
    }

    /// Returns once every store write the broker asked for so far is done (decisions logged,
    /// exceptions saved).
    public func waitUntilStored() async {
        let engine = self.engine
        try? await engine.eventLoop.submit { engine.value.handOffStoreJobs() }.get()
        await lane.drain()
    }

    /// Picks up exceptions granted elsewhere now instead of at the next periodic reload.
    public func reloadExceptions(now: Date = Date()) {
        let engine = self.engine
        engine.eventLoop.execute { engine.value.handle(.exceptionsChangedElsewhere(now: now)) }
    }

    private func stop() async throws {
        timer.cancel()
        watcher?.cancel()
        try? await serverChannel.close()
        for channel in otherChannels { try? await channel.close() }
        let engine = self.engine
        try? await engine.eventLoop.flatSubmit { engine.value.stop() }.get()
        await lane.drain()
        for pool in threadPools { try? await pool.shutdownGracefully() }
        for lock in locks { lock.release() }
        try await group.shutdownGracefully()
    }

    /// Listens to what the store pushes (exceptions changed elsewhere, the team's queue, its
    /// health) and hands each to the machine on its loop; nil when the store pushes nothing.
    private static func watch(
        _ persistence: any BrokerPersistence, engine: NIOLoopBound<BrokerEngine>, clock: @escaping @Sendable () -> Date
    ) -> Task<Void, Never>? {
        let changes = persistence.changes
        let queue = persistence.sharedQueue?.queueChanges
        let health = persistence.healthChanges
        guard changes != nil || queue != nil || health != nil else { return nil }
        let post: @Sendable (BrokerEvent) -> Void = { event in engine.eventLoop.execute { engine.value.handle(event) } }
        return Task {
            await withTaskGroup(of: Void.self) { group in
                if let changes {
                    group.addTask { for await _ in changes { post(.exceptionsChangedElsewhere(now: clock())) } }
                }
                if let queue {
                    group.addTask { for await _ in queue { post(.teamQueueChanged(now: clock())) } }
                }
                if let health {
                    group.addTask { for await state in health { post(.storeHealthChanged(state, now: clock())) } }
                }
            }
        }
    }

    private static func randomPrefix() -> String {
        var generator = SystemRandomNumberGenerator()
        return String(generator.next() & 0xFF_FFFF, radix: 16)
    }
}
