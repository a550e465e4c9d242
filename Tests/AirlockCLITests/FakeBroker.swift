import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A stand-in broker on a Unix socket: it answers each connection with `reply` (or never
/// answers when nil, or hangs up at once when `hangUp`) and records the request lines it received.
final class FakeBroker: Sendable {
    let path: String
    private let fd: Int32
    /// The request lines read so far, and the connections held open.
    private let state = Mutex<(received: [String], clients: [Int32])>(([], []))

    /// A private directory of its own: the hook trusts only a socket whose directory nobody else
    /// can write to (PeerCheck), and /tmp is everyone's.
    private let directory: String

    init(reply: String?, hangUp: Bool = false) throws {
        directory = "/tmp/airlock-fake-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        guard mkdir(directory, 0o700) == 0 else { throw CocoaError(.fileWriteUnknown) }
        path = directory + "/s.sock"
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            let bytes = Array(path.utf8)
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard fd >= 0, bound == 0, listen(fd, 16) == 0 else { throw CocoaError(.fileWriteUnknown) }
        let listener = fd
        Thread.detachNewThread { [self] in
            while true {
                let client = accept(listener, nil, nil)
                guard client >= 0 else { return }
                if hangUp {
                    close(client)
                    continue
                }
                state.withLock { $0.clients.append(client) }
                var line: [UInt8] = []
                var byte: UInt8 = 0
                while read(client, &byte, 1) == 1, byte != 0x0A { line.append(byte) }
                state.withLock { $0.received.append(String(decoding: line, as: UTF8.self)) }
                if let reply {
                    _ = Array((reply + "\n").utf8).withUnsafeBytes {
                        send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
                    }
                }
                // Connections stay open, as a stuck broker's would.
            }
        }
    }

    var requests: [String] { state.withLock { $0.received } }

    deinit {
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
        state.withLock { $0.clients.forEach { close($0) } }
        unlink(path)
        rmdir(directory)
    }
}
