import AirlockWire
import NIOCore

/// One client connection: checks who it is, frames its bytes into lines and hands them to
/// the engine. Runs on the broker's event loop, like the engine.
final class BrokerConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let engine: BrokerEngine
    /// The socket this connection came in on.
    private let listener: Listener
    /// Who is on the other end; the kernel's answer (SO_PEERCRED) unless a test supplies one.
    private let peer: (any Channel) -> EventLoopFuture<PeerCredentials>
    private var connection: ConnectionID?
    private var framer = LineFramer()
    /// Bytes that arrive before the peer's credentials are checked wait here.
    private var held: [ByteBuffer] = []
    private var state = State.checking
    private var isInputClosedEarly = false

    private enum State { case checking, admitted, refused }

    init(
        engine: BrokerEngine, listener: Listener = .shared,
        peer: @escaping (any Channel) -> EventLoopFuture<PeerCredentials> = { PeerCredentials.read(from: $0) }
    ) {
        self.engine = engine
        self.listener = listener
        self.peer = peer
    }

    func channelActive(context: ChannelHandlerContext) {
        let id = engine.connectionOpened(context.channel)
        connection = id
        peer(context.channel).assumeIsolated().whenComplete { result in
            let peer = (try? result.get()) ?? PeerCredentials(pid: nil, uid: nil)
            guard self.engine.credentialsArrived(peer, for: id, on: self.listener) else {
                self.state = .refused
                self.held = []
                return
            }
            self.state = .admitted
            let held = self.held
            self.held = []
            for buffer in held { self.process(buffer, from: id) }
            if self.isInputClosedEarly { self.finishInput(from: id) }
        }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        switch state {
        case .checking: held.append(buffer)
        case .admitted: if let connection { process(buffer, from: connection) }
        case .refused: break
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .some(.inputClosed) = event as? ChannelEvent {
            switch state {
            case .checking: isInputClosedEarly = true
            case .admitted: if let connection { finishInput(from: connection) }
            case .refused: break
            }
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let connection, state != .refused { engine.connectionClosed(connection) }
        connection = nil
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A reset or broken pipe from a vanished client ends only that connection.
        context.close(promise: nil)
    }

    private func process(_ buffer: ByteBuffer, from id: ConnectionID) {
        var lines: [Result<[UInt8], FramingError>] = []
        buffer.withUnsafeReadableBytes { bytes in
            framer.append(bytes) { lines.append($0) }
        }
        engine.linesReceived(lines, from: id)
    }

    private func finishInput(from id: ConnectionID) {
        if let last = framer.finish() { engine.linesReceived([last], from: id) }
        engine.inputClosed(id)
    }
}
