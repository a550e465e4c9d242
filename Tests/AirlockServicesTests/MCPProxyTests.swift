import AirlockServices
import Foundation
import Synchronization
import Testing

/// `airlock mcp`'s plumbing with pipes for the client and a shell loop for the server: lines
/// pass both ways, a tool call is gated (here by the local fallback: no broker), and the proxy
/// ends with the server once the client is gone.
@Suite(.timeLimit(.minutes(1))) struct MCPProxyTests {
    /// A server that echoes each line back, as `[server] …`.
    static let server = ["/bin/sh", "-c", #"while IFS= read -r line; do printf '[server] %s\n' "$line"; done"#]

    @Test func passesLinesGatesCallsAndEndsWithTheServer() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-mcp-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let toProxy = Pipe(), fromProxy = Pipe()
        let proxy = MCPProxy(
            server: "echo", command: Self.server,
            environment: [
                "AIRLOCK_SOCKET": directory + "/none.sock", "AIRLOCK_STATE_DIR": directory + "/state",
                "AIRLOCK_HOOK_TIMEOUT_MS": "2000", "PATH": "/usr/bin:/bin",
            ],
            clientInput: toProxy.fileHandleForReading.fileDescriptor,
            clientOutput: fromProxy.fileHandleForWriting.fileDescriptor)
        let finished = DispatchSemaphore(value: 0)
        let status = Mutex<Int32?>(nil)
        Thread.detachNewThread {
            let exit = try? proxy.run()
            status.withLock { $0 = exit }
            finished.signal()
        }
        let client = toProxy.fileHandleForWriting
        var reader = LineReader(fromProxy.fileHandleForReading)

        client.write(Data(#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#.utf8 + [0x0A]))
        #expect(reader.next() == #"[server] {"jsonrpc":"2.0","id":1,"method":"ping"}"#)

        // Deleting a note is not a low-risk read: without a broker it is denied, and the server
        // never sees it.
        let call =
            #"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"delete_note","arguments":{"name":"a"}}}"#
        client.write(Data(call.utf8 + [0x0A]))
        let line = reader.next()
        let denial = try #require(line)
        #expect(denial.hasPrefix("{") && denial.contains(#""id":2"#) && denial.contains("Denied by Airlock"))

        try client.close()
        finished.wait()
        #expect(status.withLock { $0 } == 0)
        try fromProxy.fileHandleForWriting.close()
        #expect(reader.next() == nil, "nothing else reached the client")
    }
}

/// Lines from a pipe, blocking.
struct LineReader {
    let handle: FileHandle
    var buffer = Data()

    init(_ handle: FileHandle) { self.handle = handle }

    mutating func next() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = buffer[buffer.startIndex..<newline]
                buffer.removeSubrange(buffer.startIndex...newline)
                return String(decoding: line, as: UTF8.self)
            }
            let data = handle.availableData
            guard !data.isEmpty else { return nil }
            buffer += data
        }
    }
}
