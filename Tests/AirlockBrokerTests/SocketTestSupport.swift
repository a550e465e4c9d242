import AirlockCore
import AirlockWire
import Foundation
import NIOCore
import NIOPosix

@testable import AirlockBroker

/// A broker on a socket in a fresh temporary directory.
struct BrokerFixture {
    let directory: String
    let socketPath: String
    let server: BrokerServer
    let persistence: InMemoryPersistence

    /// A short unique directory: socket paths are limited to about 100 bytes.
    static func makeDirectory() throws -> String {
        var template = Array("/tmp/airlock-t-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw POSIXError(.EIO) }
        return String(cString: made)
    }

    /// The real process tree, but every submitter's parent ("the agent") is a pid that does not
    /// exist: this test process submits and decides alike, which the real broker rightly refuses.
    static let elsewhereAgent = ProcessFacts(
        isDescendant: ProcessTree.isDescendant, parent: { _ in 4_000_000 }, terminal: ProcessTree.terminal(of:),
        userName: ProcessFacts.live.userName)

    /// This process's account name: what the broker records as the reviewer, whatever a
    /// client's params say.
    static var ownName: String { ProcessFacts.live.userName(getuid()) ?? "uid \(getuid())" }

    static func start(
        socketName: String = "run/airlock.sock", processes: ProcessFacts = elsewhereAgent,
        _ configure: (inout BrokerConfiguration) -> Void = { _ in }
    ) async throws -> BrokerFixture {
        let directory = try makeDirectory()
        let socketPath = directory + "/" + socketName
        // The test process has no controlling terminal; the terminal rule is the state machine's
        // (IdentityTests) and the Security suite's, with real terminals.
        var configuration = BrokerConfiguration(socketPath: socketPath, reviewerNeedsTerminal: false, idPrefix: "s")
        configure(&configuration)
        let persistence = InMemoryPersistence()
        let server = try await BrokerServer.start(
            configuration: configuration, persistence: persistence, processes: processes)
        return BrokerFixture(directory: directory, socketPath: socketPath, server: server, persistence: persistence)
    }

    func stop() async throws {
        try await server.shutdown()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Runs `body` with a fresh client connection, closed afterwards.
    func withConnection<R: Sendable>(_ body: (LineConnection) async throws -> R) async throws -> R {
        try await LineConnection.with(socketPath, body)
    }
}

/// A line-oriented client for tests, used by one task at a time.
final class LineConnection {
    private var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private var framer = LineFramer(maxLineBytes: 64 << 20)
    private var ready: [[UInt8]] = []
    let codec = WireCodec()

    private init(
        _ iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator,
        _ outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    ) {
        self.iterator = iterator
        self.outbound = outbound
    }

    static func with<R: Sendable>(_ path: String, _ body: (LineConnection) async throws -> R) async throws -> R {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.allowRemoteHalfClosure, value: true)
            .connect(unixDomainSocketPath: path) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(
                        wrappingChannelSynchronously: channel, configuration: .init(isOutboundHalfClosureEnabled: true))
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            try await body(LineConnection(inbound.makeAsyncIterator(), outbound))
        }
    }

    func send(_ text: String) async throws {
        try await send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) async throws {
        try await outbound.write(ByteBuffer(bytes: bytes))
    }

    func send(_ request: ClientRequest, id: RequestID?) async throws {
        try await send(try codec.encodeRequest(request, id: id))
    }

    /// Shuts down the sending side; replies can still be read.
    func finishSending() {
        outbound.finish()
    }

    /// The next line from the broker, or nil once it closed the connection.
    func readLine() async throws -> [UInt8]? {
        while ready.isEmpty {
            guard let buffer = try await iterator.next() else { return nil }
            buffer.withUnsafeReadableBytes { bytes in
                framer.append(bytes) { if case .success(let line) = $0 { ready.append(line) } }
            }
        }
        return ready.removeFirst()
    }

    /// The next line, decoded.
    /// The next message, leaving out the decision feed (`actionDecided`, `boundariesMeasured`),
    /// which comes with every decision; `readFeedMessage` reads everything.
    func readMessage() async throws -> (ServerMessage, [UInt8])? {
        while let (message, line) = try await readFeedMessage() {
            switch message {
            case .notification(.actionDecided), .notification(.boundariesMeasured): continue
            default: return (message, line)
            }
        }
        return nil
    }

    func readFeedMessage() async throws -> (ServerMessage, [UInt8])? {
        guard let line = try await readLine() else { return nil }
        return (try codec.decodeServerMessage(line), line)
    }

    /// Sends a request and reads until its response (skipping notifications).
    func call<R: Decodable>(_ request: ClientRequest, id: RequestID, as type: R.Type) async throws -> Result<
        R, RPCError
    > {
        try await send(request, id: id)
        while let (message, line) = try await readMessage() {
            switch message {
            case .response(id): return .success(try codec.result(R.self, from: line))
            case .error(id, let error): return .failure(error)
            default: continue
            }
        }
        throw ConnectionClosed()
    }

    struct ConnectionClosed: Error {}
}

extension ClientRequest {
    /// A shell action from an agent that is not an ancestor of the test process.
    static func shell(_ command: String, agentPID: Int32 = 999_999, deadlineMs: Int? = nil) -> ClientRequest {
        .submit(
            SubmitParams(
                action: Action(
                    harness: "test", session: "s1", agentPID: agentPID, cwd: "/work/proj",
                    kind: .shell(command: command)),
                deadlineMs: deadlineMs))
    }
}
