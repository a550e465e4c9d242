import AirlockBroker
import AirlockCore
import AirlockStore
import AirlockWire
import Foundation
import NIOCore
import NIOPosix
import Synchronization

// Broker benchmark: `swift run --package-path Benchmarks -c release broker-bench [--store]`
// [--clients 32] [--seconds 3] [--queued 2000] [--load-rounds 10] [--store]; `--pipeline` times the decision path alone.
// `--store postgres://…` adds a team run: two brokers on SQLite, then two brokers on the team
// store, `--clients` each, and the grant-to-effect latency from one broker's console to the
// other's, then the same again while the 32 clients per broker keep deciding, one lane against
// two (see TeamBench.swift).
//
// In one process: a line echo server and the broker, each on its own Unix socket, each driven
// by N client threads doing blocking request/response round trips. Prints throughput and
// latency for policy-hit actions next to the echo baseline, then holds 2,000 queued actions
// in a fresh broker and prints the resident memory.

let arguments = CommandLine.arguments.dropFirst()
func option(_ name: String, _ fallback: Int) -> Int {
    guard let index = arguments.firstIndex(of: name), arguments.index(after: index) < arguments.endIndex,
        let value = Int(arguments[arguments.index(after: index)])
    else { return fallback }
    return value
}
let clients = option("--clients", 32)
let seconds = option("--seconds", 3)
let queuedTarget = option("--queued", 2000)

// MARK: A blocking client, like the hook

/// One Unix socket connection doing request/response round trips with blocking calls.
final class BlockingClient {
    private let descriptor: Int32
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    private var start = 0
    private var end = 0

    init?(path: String) {
        descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8) + [0]) }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        if connected != 0 {
            close(descriptor)
            return nil
        }
    }

    deinit { close(descriptor) }

    func send(_ line: [UInt8]) -> Bool {
        var sent = 0
        while sent < line.count {
            let count = line[sent...].withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if count <= 0 { return false }
            sent += count
        }
        return true
    }

    /// Reads one line (without its newline); nil at end of stream.
    func readLine() -> [UInt8]? {
        while true {
            if let newline = buffer[start..<end].firstIndex(of: 10) {
                let line = Array(buffer[start..<newline])
                start = newline + 1
                return line
            }
            if start > 0 {
                buffer.replaceSubrange(0..<(end - start), with: buffer[start..<end])
                end -= start
                start = 0
            }
            if end == buffer.count { buffer += [UInt8](repeating: 0, count: buffer.count) }
            // Into the array's own storage: a slice here would copy the whole buffer per read.
            let count = buffer.withUnsafeMutableBytes {
                recv(descriptor, $0.baseAddress.map { $0 + end }, $0.count - end, 0)
            }
            if count <= 0 { return nil }
            end += count
        }
    }

    func roundTrip(_ line: [UInt8]) -> Bool { send(line) && readLine() != nil }

    /// Bounds every later read: a console that hears nothing gives up rather than hang the run.
    func limitReads(seconds: Int) {
        var limit = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    }
}

// MARK: Load

struct LoadResult {
    var operations: Int
    var elapsed: Double
    var latencies: [UInt64]

    var perSecond: Double { Double(operations) / elapsed }
    func percentile(_ p: Double) -> Double {
        guard !latencies.isEmpty else { return .nan }
        return Double(latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]) / 1000
    }
}

/// Latencies and failures gathered from all client threads.
final class Collector: Sendable {
    let state = Mutex<(latencies: [UInt64], failures: Int)>(([], 0))
}

/// Runs `clients` threads for `seconds`, each repeating `request` on its own connection (or
/// a new connection per request when `reconnect`), and collects round-trip latencies.
func load(path: String, request: [UInt8], reconnect: Bool = false) -> LoadResult {
    loadTogether(paths: [path], request: request, reconnect: reconnect)[0]
}

/// `load` on several sockets at once (`clients` threads each); one result per socket.
/// With `until`, the clients keep going past `seconds` until it says stop.
func loadTogether(
    paths: [String], request: [UInt8], reconnect: Bool = false, until stop: (@Sendable () -> Bool)? = nil
) -> [LoadResult] {
    let collectors = paths.map { _ in Collector() }
    let group = DispatchGroup()
    let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds) * 1_000_000_000
    let began = DispatchTime.now().uptimeNanoseconds
    for (path, collector) in zip(paths, collectors) {
    for _ in 0..<clients {
        group.enter()
        let thread = Thread {
            var latencies: [UInt64] = []
            latencies.reserveCapacity(100_000)
            var failed = 0
            var client = reconnect ? nil : BlockingClient(path: path)
            while stop.map({ !$0() }) ?? (DispatchTime.now().uptimeNanoseconds < deadline) {
                let start = DispatchTime.now().uptimeNanoseconds
                if reconnect { client = BlockingClient(path: path) }
                guard let connection = client, connection.roundTrip(request) else {
                    failed += 1
                    continue
                }
                latencies.append(DispatchTime.now().uptimeNanoseconds - start)
            }
            client = nil
            collector.state.withLock {
                $0.latencies += latencies
                $0.failures += failed
            }
            group.leave()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }
    }
    group.wait()
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9
    return collectors.map { collector in
        var (all, failures) = collector.state.withLock { $0 }
        if failures > 0 { print("  (\(failures) failed round trips)") }
        all.sort()
        return LoadResult(operations: all.count, elapsed: elapsed, latencies: all)
    }
}

func report(_ name: String, _ result: LoadResult, baseline: LoadResult? = nil) {
    var line = String(
        format: "  %-34@ %9.0f ops/s   p50 %7.1f µs   p99 %7.1f µs", name as NSString, result.perSecond,
        result.percentile(0.50), result.percentile(0.99))
    if let baseline {
        line += String(
            format: "   (%.2f× echo throughput, p99 %.1f× echo)", result.perSecond / baseline.perSecond,
            result.percentile(0.99) / baseline.percentile(0.99))
    }
    print(line)
}

/// VmRSS from /proc/self/status, in kB.
func residentKilobytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
    else { return -1 }
    return Int(line.split(separator: " ").dropFirst().first ?? "") ?? -1
}

// MARK: Echo baseline

/// Writes back whatever it reads: the cost of the socket and the event loop alone.
final class EchoHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.write(data, promise: nil)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        context.flush()
    }
}

let directory = NSTemporaryDirectory() + "airlock-bench-\(getpid())"
try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: directory) }
let codec = WireCodec()

func submitLine(_ command: String) throws -> [UInt8] {
    try codec.encodeRequest(
        .submit(
            SubmitParams(
                action: Action(
                    harness: "bench", session: "s", agentPID: 999_999, cwd: "/work/proj", kind: .shell(command: command)
                ),
                deadlineMs: 600_000)),
        id: 1)
}

// MARK: The decision path without sockets

/// Per-decision cost of each step the broker's event loop takes for one policy-hit line.
func measurePipeline(_ line: [UInt8]) {
    let iterations = 20_000
    var machine = BrokerStateMachine(
        configuration: BrokerConfiguration(socketPath: "/unused"), startedAt: Date(), idPrefix: "b",
        isDescendant: { _, _ in false })
    _ = machine.handle(.connectionOpened(ConnectionID(1), peer: PeerCredentials(pid: 1, uid: 0)))
    var decodeNanos: UInt64 = 0, handleNanos: UInt64 = 0, encodeNanos: UInt64 = 0
    var sink = 0
    for _ in 0..<iterations {
        let t0 = DispatchTime.now().uptimeNanoseconds
        guard case .success(let envelope)? = codec.decodeRequest(line) else { fatalError("bad line") }
        let t1 = DispatchTime.now().uptimeNanoseconds
        let effects = machine.handle(BrokerEvent(envelope, from: ConnectionID(1), now: Date()))
        let t2 = DispatchTime.now().uptimeNanoseconds
        for case .sendResult(_, let id, let result) in effects { sink &+= codec.encodeResult(result, id: id).count }
        let t3 = DispatchTime.now().uptimeNanoseconds
        decodeNanos += t1 - t0
        handleNanos += t2 - t1
        encodeNanos += t3 - t2
    }
    let n = Double(iterations) * 1000
    print(
        String(
            format:
                "  decision path per line, no sockets: decode %.1f µs + classify/policy/log record %.1f µs + encode %.1f µs = %.1f µs (%d)",
            Double(decodeNanos) / n, Double(handleNanos) / n, Double(encodeNanos) / n,
            Double(decodeNanos + handleNanos + encodeNanos) / n, sink % 10))
}

if arguments.contains("--pipeline") {
    measurePipeline(try submitLine("ls -la src"))
    exit(0)
}

print(
    "broker-bench: \(clients) clients × \(seconds) s per run, one process, \(ProcessInfo.processInfo.activeProcessorCount) cores"
)

// MARK: Memory with queued actions (first, while the heap is small)

let rssBefore = residentKilobytes()
do {
    let path = directory + "/queue.sock"
    let server = try await BrokerServer.start(
        configuration: BrokerConfiguration(socketPath: path, waitForConsole: true), persistence: InMemoryPersistence())
    let rssStarted = residentKilobytes()
    guard let submitter = BlockingClient(path: path) else { fatalError("cannot connect to \(path)") }
    var burst: [UInt8] = []
    for index in 0..<queuedTarget {
        burst += try submitLine("curl -X POST https://host-\(index).example.com/api/items --data @payload.json")
    }
    _ = submitter.send(burst)
    // Wait (bounded) until the broker holds them all.
    var pending = 0
    for _ in 0..<200 {
        pending = try statusPending(path: path)
        if pending >= queuedTarget { break }
        usleep(50_000)
    }
    let rssQueued = residentKilobytes()
    print(
        String(
            format:
                "  queued %d ask actions: RSS %.1f MB (process before broker %.1f MB, broker started %.1f MB, +%.1f MB for the queue)",
            pending, Double(rssQueued) / 1024, Double(rssBefore) / 1024, Double(rssStarted) / 1024,
            Double(rssQueued - rssStarted) / 1024))
    print(
        rssQueued < 100 * 1024 && pending >= queuedTarget
            ? "  target 2,000 queued under 100 MB: met" : "  target 2,000 queued under 100 MB: NOT met")
    withExtendedLifetime(submitter) {}
    try await server.shutdown()
}

func statusPending(path: String) throws -> Int {
    guard let client = BlockingClient(path: path), client.send(try codec.encodeRequest(.status, id: 1)),
        let reply = client.readLine()
    else { return 0 }
    return try codec.result(StatusResult.self, from: reply).pending
}

// MARK: Throughput and latency

let echoPath = directory + "/echo.sock"
let echoGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)
let echo = try await ServerBootstrap(group: echoGroup)
    .serverChannelOption(.backlog, value: 1024)
    .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(EchoHandler()) }
    }
    .bind(unixDomainSocketPath: echoPath)
    .get()

let brokerPath = directory + "/broker.sock"
// `--store` logs every decision to the real SQLite store (WAL) instead of memory.
let usesStore = arguments.contains("--store")
let memory = InMemoryPersistence()
let store = usesStore ? try PolicyStore.open(path: directory + "/state/airlock.sqlite") : nil
let storePersistence = store.map { StorePersistence(store: $0) }
let persistence: any BrokerPersistence = storePersistence ?? memory
print(
    "  persistence: \(usesStore ? "SQLite store (WAL), every decision appended to the hash-chained log" : "in memory")")
let broker = try await BrokerServer.start(
    configuration: BrokerConfiguration(socketPath: brokerPath), persistence: persistence)

let policyHit = try submitLine("ls -la src")
// Check the request is what we mean to measure: a policy hit, allowed at once.
guard let probe = BlockingClient(path: brokerPath), probe.send(policyHit), let reply = probe.readLine(),
    (try? codec.result(SubmitResult.self, from: reply))?.decision == .allow
else {
    fatalError("the policy-hit request was not allowed at once")
}

_ = load(path: echoPath, request: policyHit)  // warm-up
let echoPersistent = load(path: echoPath, request: policyHit)
let brokerPersistent = load(path: brokerPath, request: policyHit)
let echoConnect = load(path: echoPath, request: policyHit, reconnect: true)
let brokerConnect = load(path: brokerPath, request: policyHit, reconnect: true)

print("  policy-hit submit (`ls -la src`), \(policyHit.count)-byte request line:")
report("echo, persistent connections", echoPersistent)
report("broker, persistent connections", brokerPersistent, baseline: echoPersistent)
report("echo, connect per request", echoConnect)
report("broker, connect per request (hook)", brokerConnect, baseline: echoConnect)
let best = brokerPersistent
print(best.perSecond >= 10_000 ? "  target ≥ 10,000 decisions/s: met" : "  target ≥ 10,000 decisions/s: NOT met")
print(best.percentile(0.99) <= 5000 ? "  target p99 ≤ 5 ms: met" : "  target p99 ≤ 5 ms: NOT met")
// Shutting down waits until the store has every decision.
try await broker.shutdown()
let logged = try store.map { try $0.decisions(since: nil, limit: Int.max).count } ?? memory.decisions.count
print("  decisions logged: \(logged)")

try await echo.close().get()
try await echoGroup.shutdownGracefully()

if let url = teamStoreURL() {
    try await benchTeam(url: url, request: policyHit)
}
