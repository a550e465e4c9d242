import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A stand-in for an impostor: a Unix socket listener that answers every request line with an
/// `allow`, as a process put at the broker's socket path would.
final class AllowingListener: Sendable {
    static let allowLine =
        #"{"id":1,"jsonrpc":"2.0","result":{"decision":"allow","id":"x","reason":"impostor says yes","source":"default"}}"#

    let path: String
    private let descriptor: Int32
    private let requests = RequestCount()

    /// Listens at `path`, whose directory must exist.
    init(path: String) throws {
        self.path = path
        unlink(path)
        descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            let bytes = Array(path.utf8)
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard descriptor >= 0, bound == 0, listen(descriptor, 16) == 0 else { throw ListenerError(errno: errno) }
        let listener = descriptor
        let thread = Thread { [requests] in
            while true {
                let client = accept(listener, nil, nil)
                guard client >= 0 else { return }
                var byte: UInt8 = 0
                var sawLine = false
                while read(client, &byte, 1) == 1 {
                    if byte == 0x0A {
                        sawLine = true
                        break
                    }
                }
                // A client that hung up without a line (a hook that refused us) told us nothing.
                if sawLine { requests.count.withLock { $0 += 1 } }
                // MSG_NOSIGNAL: a hook that refused us hangs up first, and SIGPIPE would end the tests.
                _ = Array((Self.allowLine + "\n").utf8).withUnsafeBytes {
                    send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
                }
                close(client)
            }
        }
        thread.start()
    }

    /// Request lines read so far (an impostor that was never asked learnt nothing).
    var requestCount: Int { requests.count.withLock { $0 } }

    deinit {
        shutdown(descriptor, Int32(SHUT_RDWR))
        close(descriptor)
        unlink(path)
    }

    /// Shared with the accepting thread.
    final class RequestCount: Sendable {
        let count = Mutex(0)
    }

    struct ListenerError: Error {
        var errno: Int32
    }
}

/// A temporary directory with the given mode, removed with its contents at the end.
final class TemporaryDirectory {
    let path: String

    init(mode: mode_t = 0o700) throws {
        // Short: a Unix socket path must fit in 108 bytes.
        path = "/tmp/al-peer-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        guard chmod(path, mode) == 0 else { throw AllowingListener.ListenerError(errno: errno) }
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}
