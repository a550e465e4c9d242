import AirlockWireCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One request and its answer over the broker's Unix socket, with plain system calls: the
/// hook is a short-lived process and links nothing it does not need. Every wait is bounded
/// by `deadline`; a broker that hangs up never raises SIGPIPE (silence would fail open). The
/// server is checked (`PeerCheck`) before anything is sent to it.
public struct BrokerSocket {
    public let path: String
    public let peerCheck: PeerCheck

    public init(path: String, peerCheck: PeerCheck = PeerCheck()) {
        self.path = path
        self.peerCheck = peerCheck
    }

    /// Sends `line` and returns the first decision read back, before `deadline`.
    public func exchange(_ line: [UInt8], deadline: MonotonicTime) throws(BrokerFailure) -> (
        allows: Bool, reason: String
    ) {
        let fd = try connect()
        defer { close(fd) }
        try send(fd, line)
        var buffer: [UInt8] = []
        var scanned = 0
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            while let newline = buffer[scanned...].firstIndex(of: 0x0A) {
                switch SubmitCodec.reply(buffer[scanned..<newline], to: BrokerAsk.requestID) {
                case .decided(let answer): return (answer.decision == .allow, answer.reason)
                case .notification: scanned = newline + 1
                case .failed(let why): throw BrokerFailure(why)
                }
            }
            scanned = buffer.count
            let remaining = deadline.millisecondsLeft
            guard remaining > 0 else { throw BrokerFailure.timedOut }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(clamping: remaining))
            if ready < 0, errno != EINTR { throw BrokerFailure("waiting for the broker failed (errno \(errno))") }
            guard ready > 0 else { continue }
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { throw BrokerFailure("the broker closed the connection without an answer") }
            buffer += chunk[0..<count]
            if buffer.count > Self.replyLimit { throw BrokerFailure("the broker's answer is too large") }
        }
    }

    /// Replies are a few hundred bytes; more than this is not a broker we understand.
    static let replyLimit = 1_048_576

    private func connect() throws(BrokerFailure) -> Int32 {
        #if canImport(Glibc)
            let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_UNIX, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw BrokerFailure("cannot create a socket") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            close(fd)
            throw BrokerFailure("the socket path is too long: \(path)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                #if canImport(Glibc)
                    Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                #else
                    Darwin.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                #endif
            }
        }
        guard result == 0 else {
            close(fd)
            throw BrokerFailure("no broker is listening on \(path)")
        }
        if let problem = peerCheck.problem(descriptor: fd, socketPath: path) {
            close(fd)
            throw BrokerFailure.untrusted(problem)
        }
        return fd
    }

    private func send(_ fd: Int32, _ bytes: [UInt8]) throws(BrokerFailure) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { raw in
                #if canImport(Glibc)
                    Glibc.send(fd, raw.baseAddress, raw.count, Int32(MSG_NOSIGNAL))
                #else
                    Darwin.send(fd, raw.baseAddress, raw.count, 0)
                #endif
            }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { throw BrokerFailure("writing to the broker failed") }
            offset += written
        }
    }
}
