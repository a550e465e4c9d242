import AirlockCore
import AirlockHarness
import AirlockHookRuntime
import AirlockProbe
import AirlockWire
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The process plumbing of `airlock mcp`: runs the server, pumps lines both ways on their own
/// threads, and gates each `tools/call` on a thread of its own so a slow or denied call never
/// holds up other traffic. The client's side is this process's stdin and stdout unless given.
public final class MCPProxy: Sendable {
    /// Client lines larger than this are refused with an error; the connection survives.
    static let clientLineLimit = 4 * 1_048_576
    /// Server lines are trusted further (results can be large) but not without bound.
    static let serverLineLimit = 256 * 1_048_576
    /// How long the server gets to exit after its stdin closes before SIGTERM, then SIGKILL.
    static let graceSeconds = 5.0

    /// Why the proxy could not start.
    public struct StartFailure: Error, CustomStringConvertible {
        public var description: String
    }

    private let command: [String]
    private let gate: BrokerGate
    private let cwd = FileManager.default.currentDirectoryPath
    private let stateDirectory: String
    private let clientInput: Int32
    private let clientOutput: Int32
    private let process = Process()
    private let toServer = Pipe()
    private let fromServer = Pipe()

    /// The core's tool catalog, and whether the server's stdin is still open (a closed
    /// descriptor's number may be reused, so nothing may write after the close).
    private let state: Mutex<(core: MCPProxyCore, isServerInputOpen: Bool)>
    /// Calls still being decided; the server's stdin stays open until they are forwarded or denied.
    private let inFlight = DispatchGroup()
    /// Serialises whole lines onto the client's side, which the server pump and gate threads share.
    private let output = Mutex(())

    /// `environment` names the broker's socket, Airlock's state directory and the deadline.
    public init(
        server: String, command: [String], environment: [String: String] = ProcessInfo.processInfo.environment,
        system: Bool = false, clientInput: Int32 = STDIN_FILENO, clientOutput: Int32 = STDOUT_FILENO
    ) {
        state = Mutex((MCPProxyCore(server: server), true))
        self.command = command
        gate = BrokerGate(environment: environment, system: system)
        stateDirectory = AirlockLocations(environment: environment).stateDirectory
        self.clientInput = clientInput
        self.clientOutput = clientOutput
    }

    /// Runs until the server exits; returns the status to exit with.
    public func run() throws -> Int32 {
        // A peer that goes away must not kill the proxy with SIGPIPE; writes report it instead.
        signal(SIGPIPE, SIG_IGN)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        process.standardInput = toServer
        process.standardOutput = fromServer
        // stderr is inherited: the server's logging reaches the client's log untouched.
        do {
            try process.run()
        } catch {
            throw StartFailure(description: "cannot start the MCP server \(command.joined(separator: " ")): \(error)")
        }
        Thread.detachNewThread { [self] in pumpClient() }
        let drained = DispatchSemaphore(value: 0)
        Thread.detachNewThread { [self] in
            pumpServer()
            drained.signal()
        }
        let status = Self.waitForExit(process.processIdentifier) ?? foundationStatus()
        // A grandchild may keep the server's stdout open; what the server wrote is flushed by now.
        _ = drained.wait(timeout: .now() + 2)
        return status
    }

    /// The status Foundation recorded, for when it reaped the server before `waitForExit` looked.
    private func foundationStatus() -> Int32 {
        process.waitUntilExit()
        if process.terminationReason == .uncaughtSignal { return 128 + process.terminationStatus }
        return process.terminationStatus
    }

    /// The server's exit status (128 + signal when killed), without reaping it: Foundation's
    /// `waitUntilExit` also waits for every grandchild that inherited its descriptors. Nil when
    /// Foundation has reaped it already.
    private static func waitForExit(_ pid: pid_t) -> Int32? {
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0 {
            guard errno == EINTR else { return nil }
        }
        let status = info._sifields._sigchld.si_status
        return Int(info.si_code) == Int(CLD_EXITED) ? status : 128 + status
    }

    // MARK: - Client → server

    private func pumpClient() {
        Self.readLines(from: clientInput, limit: Self.clientLineLimit) { handleClient($0) }
        // A client may close its side right after its last request and still read the answers.
        inFlight.wait()
        closeServerInput()
    }

    private func handleClient(_ framed: Result<[UInt8], FramingError>) {
        let line: [UInt8]
        switch framed {
        case .success(let bytes): line = bytes
        case .failure(.invalidUTF8):
            writeClient(MCPProxyCore.error(id: .null, code: -32700, message: "Parse error: the line is not UTF-8"))
            return
        case .failure(let error):
            writeClient(MCPProxyCore.error(id: .null, code: -32600, message: "Invalid Request: \(error)"))
            return
        }
        switch state.withLock({ $0.core.fromClient(line) }) {
        case .forward: writeServer(line)
        case .reply(let answer): writeClient(answer)
        case .drop(let reason): log("dropped a client message: \(reason)")
        case .gate(let call):
            let action = state.withLock { $0.core.action(for: call, cwd: cwd) }
            inFlight.enter()
            Thread.detachNewThread { [self] in
                defer { inFlight.leave() }
                let budgetMs = BrokerGate.budgetMs(deadlineMs: gate.deadlineMs(default: 600_000))
                let answer = gate.decide(action, toolUseID: call.toolUseID, budgetMs: budgetMs)
                if answer.allows {
                    writeServer(line)
                } else {
                    writeClient(MCPProxyCore.denial(for: call, reason: answer.reason))
                }
            }
        }
    }

    private func writeServer(_ line: [UInt8]) {
        state.withLock { state in
            guard state.isServerInputOpen else { return }
            if !writeAll(toServer.fileHandleForWriting.fileDescriptor, line + [0x0A]) {
                log("the MCP server stopped reading its input")
            }
        }
    }

    /// Closes the server's stdin (the client is gone), then escalates if it does not exit.
    private func closeServerInput() {
        state.withLock { state in
            state.isServerInputOpen = false
            try? toServer.fileHandleForWriting.close()
        }
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + Self.graceSeconds) { [self] in
            guard process.isRunning else { return }
            kill(pid, SIGTERM)
            DispatchQueue.global().asyncAfter(deadline: .now() + Self.graceSeconds) { [self] in
                if process.isRunning { kill(pid, SIGKILL) }
            }
        }
    }

    // MARK: - Server → client

    private func pumpServer() {
        Self.readLines(from: fromServer.fileHandleForReading.fileDescriptor, limit: Self.serverLineLimit) {
            handleServer($0)
        }
    }

    /// Every line (or framing error) read from `descriptor` until it ends, a last line without
    /// its newline included.
    private static func readLines(
        from descriptor: Int32, limit: Int, _ handle: (Result<[UInt8], FramingError>) -> Void
    ) {
        var framer = LineFramer(maxLineBytes: limit)
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(descriptor, &chunk, chunk.count)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            framer.append(chunk[0..<count], handle)
        }
        if let last = framer.finish() { handle(last) }
    }

    private func handleServer(_ framed: Result<[UInt8], FramingError>) {
        guard case .success(let line) = framed else {
            log("dropped a line from the MCP server: \(framed)")
            return
        }
        let inventory = state.withLock { state -> MCPInventory? in
            let before = (state.core.listedTools, state.core.annotations)
            state.core.fromServer(line)
            let core = state.core
            guard core.listedTools != before.0 || core.annotations != before.1 else { return nil }
            return MCPInventory(
                server: core.server, seenAt: ISO8601DateFormatter().string(from: Date()),
                tools: core.listedTools.sorted().map { .init(name: $0, annotations: core.annotations[$0]) })
        }
        if let inventory { record(inventory) }
        output.withLock { _ in _ = writeAll(clientOutput, line + [0x0A]) }
    }

    /// Records the tools the server listed, for `airlock doctor` and the MCP tool scope boundary.
    /// Tool names and annotations only; a failure is logged and changes nothing else.
    private func record(_ inventory: MCPInventory) {
        let path = MCPInventory.path(stateDirectory: stateDirectory, server: inventory.server)
        do {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(inventory).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            log("cannot record the tool inventory in \(path): \(error.localizedDescription)")
        }
    }

    private func writeClient(_ line: String) {
        output.withLock { _ in _ = writeAll(clientOutput, Array((line + "\n").utf8)) }
    }

    private func log(_ message: String) {
        FileHandle.standardError.write(Data("airlock mcp: \(message)\n".utf8))
    }
}
