import AirlockCore
import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A JSON-RPC client on a broker's Unix socket, one line at a time, as a hook or a console
/// speaks it. Reads block on a dispatch queue of the client's own, never on Swift
/// concurrency's threads (the brokers under test run there).
final class LineClient: @unchecked Sendable {
    // @unchecked: `buffer` is touched only on `queue`.
    private let fd: Int32
    private let queue = DispatchQueue(label: "line-client")
    private var buffer: [UInt8] = []
    /// Lines read while waiting for another: a later wait finds them, so no event is lost to
    /// the order it came in.
    private var backlog: [JSONValue] = []

    init(socket path: String) throws {
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.enumerated() { raw[index] = byte }
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else { throw ClusterError("cannot connect to \(path): errno \(errno)") }
    }

    deinit { close(fd) }

    func send(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }

    /// The next line as JSON, or nil when none came within `timeout` seconds.
    func next(timeout: Double = 10) async -> JSONValue? {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: self.readLine(timeout: timeout)) }
        }
    }

    /// Reads lines until one matches, within `timeout` seconds; skips the others.
    func waitFor(timeout: Double = 10, _ matches: (JSONValue) -> Bool) async -> JSONValue? {
        if let index = queue.sync(execute: { backlog.firstIndex(where: matches) }) {
            return queue.sync { backlog.remove(at: index) }
        }
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            guard let line = await next(timeout: end.timeIntervalSinceNow) else { return nil }
            if matches(line) { return line }
            queue.sync { backlog.append(line) }
        }
        return nil
    }

    /// A notification of this method (and, when given, matching `where`).
    func notification(
        _ method: String, timeout: Double = 10, where condition: (JSONValue) -> Bool = { _ in true }
    ) async -> JSONValue? {
        await waitFor(timeout: timeout) { $0["method"]?.stringValue == method && condition($0["params"] ?? .null) }
    }

    /// The answer to request `id`.
    func response(_ id: Int, timeout: Double = 10) async -> JSONValue? {
        await waitFor(timeout: timeout) { $0["id"]?.numberValue == Double(id) && $0["method"] == nil }
    }

    private func readLine(timeout: Double) -> JSONValue? {
        let end = Date().addingTimeInterval(timeout)
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                return try? JSONValue.parse(line)
            }
            let left = end.timeIntervalSinceNow
            guard left > 0 else { return nil }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(left * 1000)) > 0 else { return nil }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = read(fd, &chunk, chunk.count)
            guard count > 0 else { return nil }
            buffer += chunk[..<count]
        }
    }
}

extension JSONValue {
    var numberValue: Double? {
        if case .number(let value) = self { return value }
        return nil
    }
}
