import AirlockCore
import AirlockWire
import Foundation
import Logging
import NIOCore
import NIOEmbedded
import NIOPosix
import Testing

@testable import AirlockBroker

/// One connection, in memory: `BrokerConnectionHandler` and the engine on an `EmbeddedChannel`,
/// the peer's credentials given by the test, time not involved.
@Suite struct ConnectionHandlerTests {
    /// A connection whose credentials arrive when the test fulfils `credentials`.
    final class Harness {
        let loop = EmbeddedEventLoop()
        let channel: EmbeddedChannel
        let credentials: EventLoopPromise<PeerCredentials>
        let persistence = InMemoryPersistence()
        let pools = [NIOThreadPool(numberOfThreads: 1), NIOThreadPool(numberOfThreads: 1), NIOThreadPool(numberOfThreads: 1)]
        let codec = WireCodec()

        init() throws {
            let machine = BrokerStateMachine(
                configuration: BrokerConfiguration(socketPath: "/unused"), startedAt: Date(), idPrefix: "e",
                isDescendant: { _, _ in false })
            for pool in pools { pool.start() }
            let engine = BrokerEngine(
                machine: machine, readers: BrokerReaders(), policyThreads: pools[0], probeThreads: pools[1],
                passphraseThreads: pools[2], logger: Logger(label: "test"), clock: { Date() }, eventLoop: loop, ownUID: 1000)
            engine.attach(
                PersistenceLane(persistence: persistence, logger: Logger(label: "test"), clock: { Date() }) { _, _ in })
            let promise = loop.makePromise(of: PeerCredentials.self)
            credentials = promise
            channel = EmbeddedChannel(
                handler: BrokerConnectionHandler(engine: engine) { _ in promise.futureResult }, loop: loop)
            try channel.connect(to: SocketAddress(unixDomainSocketPath: "/unused")).wait()
        }

        deinit {
            for pool in pools { try? pool.syncShutdownGracefully() }
        }

        func send(_ text: String) throws {
            try channel.writeInbound(ByteBuffer(string: text))
        }

        /// Every line written to the peer so far.
        func written() throws -> [String] {
            var text = ""
            while let buffer = try channel.readOutbound(as: ByteBuffer.self) { text += String(buffer: buffer) }
            return text.split(separator: "\n").map(String.init)
        }
    }

    static let submit =
        #"{"jsonrpc":"2.0","id":7,"method":"submit","params":{"action":{"kind":{"shell":{"command":"ls"}}}}}"#

    /// Bytes that arrive before the kernel says who sent them wait; a line split across reads is
    /// one line; the answer goes back on the same connection.
    @Test func linesWaitForTheCredentialsThenAreAnswered() throws {
        let harness = try Harness()
        try harness.send(String(Self.submit.prefix(40)))
        try harness.send(String(Self.submit.dropFirst(40)) + "\n")
        #expect(try harness.written().isEmpty, "nothing is answered before the peer is known")
        harness.credentials.succeed(PeerCredentials(pid: 4242, uid: 1000))
        let lines = try harness.written()
        #expect(lines.count == 1)
        let result = try harness.codec.result(SubmitResult.self, from: Array(lines[0].utf8))
        #expect(result.decision == .allow)
        #expect(result.source == .mode(.workspaceEdit))
        try harness.send("not json\n")
        #expect(try harness.written().first?.contains("-32700") == true)
        #expect(harness.channel.isActive, "a bad line never closes the connection")
    }

    /// Another user gets one error line and nothing it sent is acted on.
    @Test func anotherUserIsRefused() throws {
        let harness = try Harness()
        try harness.send(Self.submit + "\n")
        harness.credentials.succeed(PeerCredentials(pid: 4242, uid: 1001))
        let lines = try harness.written()
        #expect(lines.count == 1)
        #expect(lines.first?.contains("-32007") == true)
        try harness.send(Self.submit + "\n")
        #expect(try harness.written().isEmpty)
    }

    /// A peer that shuts down its sending side after a last line without a newline is
    /// answered, then the connection closes.
    @Test func halfCloseIsAnsweredThenClosed() throws {
        let harness = try Harness()
        harness.credentials.succeed(PeerCredentials(pid: 4242, uid: 1000))
        try harness.send(Self.submit)
        #expect(try harness.written().isEmpty)
        harness.channel.pipeline.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        harness.loop.run()
        #expect(try harness.written().count == 1)
        #expect(!harness.channel.isActive)
    }
}
