import AirlockHookRuntime
import AirlockWire
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A blocking client for the broker's Unix socket, one request at a time, for short-lived CLI
/// commands: requests are written and answers read with `WireCodec`. Every wait is bounded, and
/// the server is checked (`PeerCheck`) before a request is sent: a console must not show, nor
/// decide, what an impostor made up.
public struct SocketClient: Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public let path: String
    public var peerCheck = PeerCheck(environment: ProcessInfo.processInfo.environment)
    private let codec = WireCodec()

    public init(path: String) {
        self.path = path
    }

    /// A client of the separated deployment's sockets: it believes only Airlock's system user
    /// there, so a passphrase is never sent to a listener the agent (the reviewer's own uid)
    /// put in place.
    public static func system(path: String) -> SocketClient {
        var client = SocketClient(path: path)
        client.peerCheck.believesOnlySystemUser = true
        return client
    }

    /// Sends one request and returns its typed result; throws with the broker's message on error.
    /// With `passphrase` (the separated deployment's `review.sock`), the connection first shows
    /// the reviewer's passphrase (`authenticate`).
    public func call<R: Decodable>(
        _ request: ClientRequest, as type: R.Type, timeout: TimeInterval = 5, authenticatingWith passphrase: String? = nil
    ) throws -> R {
        let fd = try connect()
        defer { close(fd) }
        let deadline = Date().addingTimeInterval(timeout)
        var framer = LineFramer()
        if let passphrase {
            _ = try exchange(
                fd, .authenticate(AuthenticateParams(passphrase: passphrase)), id: 0, as: AuthenticateResult.self,
                framer: &framer, deadline: deadline, timeout: timeout)
        }
        return try exchange(fd, request, id: 1, as: R.self, framer: &framer, deadline: deadline, timeout: timeout)
    }

    /// Writes one request and reads lines until its answer.
    private func exchange<R: Decodable>(
        _ fd: Int32, _ request: ClientRequest, id: Int64, as type: R.Type, framer: inout LineFramer, deadline: Date,
        timeout: TimeInterval
    ) throws -> R {
        guard writeAll(fd, try codec.encodeRequest(request, id: .number(id))) else {
            throw Failure(description: "writing to the broker failed")
        }
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else {
                throw Failure(description: "the broker did not answer within \(Int(timeout)) s")
            }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(min(remaining, 1) * 1000))
            if ready < 0, errno != EINTR {
                throw Failure(description: "waiting for the broker failed: \(String(cString: strerror(errno)))")
            }
            guard ready > 0 else { continue }
            let count = read(fd, &chunk, chunk.count)
            guard count > 0 else { throw Failure(description: "the broker closed the connection") }
            for line in framer.lines(chunk[0..<count]) {
                guard case .success(let bytes) = line else { continue }
                switch try? codec.decodeServerMessage(bytes) {
                case .response(.number(id))?:
                    do {
                        return try codec.result(R.self, from: bytes)
                    } catch {
                        throw Failure(description: "the broker's answer could not be read: \(error)")
                    }
                case .error(.number(id)?, let error)?:
                    throw Failure(description: error.message)
                case .notification?, .response?, .error?:
                    continue
                case nil:
                    throw Failure(description: "the broker sent something that is not JSON-RPC")
                }
            }
        }
    }

    /// The broker's `status`.
    public func status(timeout: TimeInterval = 2) throws -> StatusResult {
        try call(.status, as: StatusResult.self, timeout: timeout)
    }

    /// True when a broker accepts connections on the socket.
    public var isBrokerRunning: Bool {
        guard let fd = try? connect() else { return false }
        close(fd)
        return true
    }

    /// A connected socket to the broker (the caller closes it).
    public func connect() throws -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "cannot create a socket") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            close(fd)
            throw Failure(description: "socket path too long: \(path)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else {
            close(fd)
            throw Failure(
                description:
                    "no broker is listening on \(path) (start one with `airlock serve`, or open the console with `airlock`)"
            )
        }
        if let problem = peerCheck.problem(descriptor: fd, socketPath: path) {
            close(fd)
            throw Failure(description: "refusing to talk to the server on \(path): \(problem)")
        }
        return fd
    }
}
