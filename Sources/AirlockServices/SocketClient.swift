import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A blocking, one-request JSON-RPC client for the broker's Unix socket, for short-lived
/// CLI commands. Every wait is bounded.
struct SocketClient {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let path: String

    /// Sends one request and returns its `result` object; throws with the broker's message on error.
    func call(_ method: String, params: [String: Any] = [:], timeout: TimeInterval = 5) throws -> [String: Any] {
        var params = params
        params["airlock"] = 1
        let request: [String: Any] = ["jsonrpc": "2.0", "id": 1, "method": method, "params": params]
        let data = try JSONSerialization.data(withJSONObject: request) + Data([0x0A])
        let fd = try connect()
        defer { close(fd) }
        try write(fd, data)
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = Data()
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = buffer[buffer.startIndex..<newline]
                buffer.removeSubrange(buffer.startIndex...newline)
                guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any] else {
                    throw Failure(description: "the broker sent something that is not JSON")
                }
                // Skip notifications: they carry a method and no id.
                if object["id"] == nil || object["id"] is NSNull, object["method"] != nil { continue }
                if let error = object["error"] as? [String: Any] {
                    throw Failure(description: (error["message"] as? String) ?? "the broker refused the request")
                }
                return (object["result"] as? [String: Any]) ?? [:]
            }
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
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = read(fd, &chunk, chunk.count)
            guard count > 0 else { throw Failure(description: "the broker closed the connection") }
            buffer.append(contentsOf: chunk[0..<count])
        }
    }

    /// True when a broker accepts connections on the socket.
    var isBrokerRunning: Bool {
        guard let fd = try? connect() else { return false }
        close(fd)
        return true
    }

    /// A connected socket to the broker (the caller closes it).
    func connect() throws -> Int32 {
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
        return fd
    }

    private func write(_ fd: Int32, _ data: Data) throws {
        try data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let written = Glibc.write(fd, base + offset, raw.count - offset)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { throw Failure(description: "writing to the broker failed") }
                offset += written
            }
        }
    }
}
