import AirlockCore
import AirlockWire
import Foundation
import NIOCore
import NIOPosix
import Testing

@testable import AirlockBroker

/// The broker on a real Unix socket: files, limits, misbehaving clients, concurrency.
///
/// The limit only catches a hang: in the whole `swift test`, tests that block (real processes,
/// real users) hold the cooperative pool's threads, and these async tests wait their turn.
@Suite(.timeLimit(.minutes(5)))
struct BrokerServerTests {
    // MARK: The socket file

    @Test func socketIsOwnerOnlyInAPrivateDirectory() async throws {
        let fixture = try await BrokerFixture.start()
        var info = stat()
        #expect(stat(fixture.socketPath, &info) == 0)
        #expect(info.st_mode & S_IFMT == S_IFSOCK)
        #expect(info.st_mode & 0o777 == 0o600)
        #expect(stat(fixture.directory + "/run", &info) == 0)
        #expect(info.st_mode & 0o777 == 0o700)
        try await fixture.stop()
    }

    @Test func secondBrokerOnTheSameSocketRefusesToStart() async throws {
        let fixture = try await BrokerFixture.start()
        do {
            _ = try await BrokerServer.start(
                configuration: BrokerConfiguration(socketPath: fixture.socketPath), persistence: InMemoryPersistence())
            Issue.record("a second broker started")
        } catch let error as BrokerError {
            #expect(error == .alreadyRunning(socketPath: fixture.socketPath))
            #expect("\(error)".contains("another airlock broker is already listening on \(fixture.socketPath)"))
        }
        // The first one is untouched.
        let status = try await fixture.withConnection { try await $0.call(.status, id: 1, as: StatusResult.self) }
        #expect(try status.get().pending == 0)
        try await fixture.stop()
        #expect(access(fixture.socketPath, F_OK) != 0, "shutdown removes the socket")
    }

    @Test func staleSocketFileIsReplaced() async throws {
        let directory = try BrokerFixture.makeDirectory()
        let path = directory + "/airlock.sock"
        // A socket file nobody listens on, as a crashed broker leaves behind.
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8) + [0]) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        #expect(bound == 0)
        close(descriptor)
        #expect(access(path, F_OK) == 0)

        let server = try await BrokerServer.start(
            configuration: BrokerConfiguration(socketPath: path), persistence: InMemoryPersistence())
        let status = try await LineConnection.with(path) { try await $0.call(.status, id: 1, as: StatusResult.self) }
        #expect(try status.get().protocolVersion == 2)
        try await server.shutdown()
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test func somethingElseAtTheSocketPathIsLeftAlone() async throws {
        let directory = try BrokerFixture.makeDirectory()
        let path = directory + "/airlock.sock"
        #expect(FileManager.default.createFile(atPath: path, contents: Data("keep me".utf8)))
        await #expect(throws: BrokerError.notASocket(path)) {
            _ = try await BrokerServer.start(
                configuration: BrokerConfiguration(socketPath: path), persistence: InMemoryPersistence())
        }
        #expect(FileManager.default.contents(atPath: path) == Data("keep me".utf8))
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The broker listens only where its hooks would believe it (`PeerCheck`): not in a directory
    /// others may write, sticky or not — anyone could bind a name in `/tmp` first.
    @Test(arguments: [0o1777, 0o777, 0o770, 0o1733] as [mode_t])
    func aDirectoryOthersMayWriteIsRefused(_ mode: mode_t) async throws {
        let directory = try BrokerFixture.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(chmod(directory, mode) == 0)
        let path = directory + "/airlock.sock"
        await #expect {
            _ = try await BrokerServer.start(
                configuration: BrokerConfiguration(socketPath: path), persistence: InMemoryPersistence())
        } throws: { error in
            guard case .unsafeDirectory(_, let reason) = error as? BrokerError else { return false }
            return reason.contains("other users may write")
        }
        #expect(access(path, F_OK) != 0, "nothing was bound")
    }

    /// Another user who can reach the socket (here: permissions loosened on purpose) is still
    /// refused, by the peer credentials the kernel reports.
    @Test(
        .enabled(
            if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")
                && FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")))
    func peerOfAnotherUserIsRefused() async throws {
        let fixture = try await BrokerFixture.start()
        #expect(chmod(fixture.directory, 0o755) == 0 && chmod(fixture.directory + "/run", 0o755) == 0)
        #expect(chmod(fixture.socketPath, 0o666) == 0)
        let script = """
            import socket, sys
            s = socket.socket(socket.AF_UNIX)
            s.connect(sys.argv[1])
            s.sendall(b'{"jsonrpc":"2.0","id":1,"method":"status"}\\n')
            data = b''
            while True:
                chunk = s.recv(4096)
                if not chunk: break
                data += chunk
            sys.stdout.write(data.decode())
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = [
            "--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/python3", "-c", script, fixture.socketPath,
        ]
        let output = Pipe()
        process.standardOutput = output
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problems = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(text.contains("-32007"), "got: \(text) \(problems)")
        #expect(!text.contains("protocolVersion"), "no answer to a stranger")
        try await fixture.stop()
    }

    // MARK: Misbehaving clients

    @Test func malformedAndOversizedLinesGetErrorsAndTheConnectionGoesOn() async throws {
        let fixture = try await BrokerFixture.start()
        let codes = try await fixture.withConnection { connection in
            var codes: [Int] = []
            let oversized = [UInt8](repeating: UInt8(ascii: "x"), count: WireProtocol.maxLineBytes + 10) + [10]
            try await connection.send("not json\n")
            try await connection.send(oversized)
            try await connection.send([0x7B, 0xFF, 0x7D, 10])
            try await connection.send(#"{"jsonrpc":"2.0","id":3,"method":"approveEverything"}"# + "\n")
            try await connection.send(#"{"jsonrpc":"2.0","id":4,"method":"decide","params":{"ids":"x"}}"# + "\n")
            try await connection.send("[1,2]\n")
            for _ in 0..<6 {
                guard case .error(_, let error)? = try await connection.readMessage()?.0 else { break }
                codes.append(error.code)
            }
            let status = try await connection.call(.status, id: 5, as: StatusResult.self)
            #expect(try status.get().connections == 1)
            return codes
        }
        #expect(codes == [-32700, -32001, -32700, -32601, -32602, -32600])
        try await fixture.stop()
    }

    @Test func halfWrittenLineThenDisconnectIsDropped() async throws {
        let fixture = try await BrokerFixture.start()
        try await fixture.withConnection { connection in
            try await connection.send(
                #"{"jsonrpc":"2.0","id":1,"method":"submit","params":{"action":{"kind":{"shell":{"comm"#)
        }
        try await fixture.withConnection { connection in
            try await connection.send(Array(#"{"jsonrpc":"2.0","id":1,"method":"sub"#.utf8))
            try await connection.send(.shell("ls"), id: 2)  // the same line goes on: still garbage
        }
        let status = try await fixture.withConnection { try await $0.call(.status, id: 1, as: StatusResult.self) }
        #expect(try status.get().pending == 0)
        await fixture.server.waitUntilStored()
        #expect(fixture.persistence.decisions.isEmpty, "nothing half-sent was acted on")
        try await fixture.stop()
    }

    @Test func halfClosedSubmitterGetsItsAnswerThenTheBrokerCloses() async throws {
        let fixture = try await BrokerFixture.start()
        let lines = try await fixture.withConnection { connection in
            // Like `printf '…' | socat - UNIX-CONNECT:…`: no trailing newline, then EOF.
            var line = try connection.codec.encodeRequest(.shell("ls"), id: 1)
            line.removeLast()
            try await connection.send(line)
            connection.finishSending()
            var lines: [[UInt8]] = []
            while let line = try await connection.readLine() { lines.append(line) }
            return lines
        }
        #expect(lines.count == 1)
        let result = try WireCodec().result(SubmitResult.self, from: lines[0])
        #expect(result.decision == .allow)
        try await fixture.stop()
    }

    @Test func agentVanishingMidRequestWithdrawsItsAction() async throws {
        let fixture = try await BrokerFixture.start()
        try await fixture.withConnection { console in
            _ = try await console.call(.subscribe(SubscribeParams(reviewer: "t")), id: 1, as: SubscribeResult.self)
                .get()
            // The agent leaves once its action is queued (before, it would be withdrawn unseen).
            let queued = try await fixture.withConnection { agent in
                try await agent.send(.shell("rm -rf build"), id: 1)
                guard case .notification(.actionQueued(let queued))? = try await console.readMessage()?.0 else {
                    throw NotQueued()
                }
                return queued
            }
            guard case .notification(.actionExpired(let expired))? = try await console.readMessage()?.0 else {
                Issue.record("no actionExpired")
                return
            }
            #expect(expired.id == queued.item.id)
            #expect(expired.cause == .withdrawn)
        }
        await fixture.server.waitUntilStored()
        #expect(fixture.persistence.decisions.map(\.source) == [.withdrawn])
        try await fixture.stop()
    }

    struct NotQueued: Error {}

    @Test func clientsThatHangUpBeforeTheirAnswerDoNotHurtTheBroker() async throws {
        let fixture = try await BrokerFixture.start()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<50 {
                group.addTask {
                    try await fixture.withConnection { agent in
                        try await agent.send(.shell("ls"), id: .number(Int64(index)))
                    }
                }
            }
            try await group.waitForAll()
        }
        // Every request that arrived was decided once; the broker still answers.
        var rounds = 0
        // (Each is answered, or withdrawn when it hung up before its policy was read: logged either way.)
        while fixture.persistence.decisions.count < 50 && rounds < 1000 {
            _ = try await fixture.withConnection { try await $0.call(.status, id: 1, as: StatusResult.self) }.get()
            await fixture.server.waitUntilStored()
            rounds += 1
        }
        #expect(fixture.persistence.decisions.count == 50)
        #expect(Set(fixture.persistence.decisions.map(\.actionID)).count == 50)
        try await fixture.stop()
    }

    @Test func consoleInsideTheAgentsProcessTreeIsRefused() async throws {
        // The kernel's process tree: the agent is the submitter's parent — this test's parent
        // process, whatever pid the submission names — so this console descends from it.
        let fixture = try await BrokerFixture.start(processes: .live)
        try await fixture.withConnection { console in
            _ = try await console.call(.subscribe(SubscribeParams()), id: 1, as: SubscribeResult.self).get()
            try await fixture.withConnection { agent in
                try await agent.send(.shell("rm -rf build", agentPID: 4_000_001), id: 1)
                guard case .notification(.actionQueued(let queued))? = try await console.readMessage()?.0 else {
                    Issue.record("no actionQueued")
                    return
                }
                let decided = try await console.call(
                    .decide(DecideParams(ids: [queued.item.id], verdict: .allow, reviewer: "me")), id: 2,
                    as: DecideResult.self)
                guard case .failure(let error) = decided else {
                    Issue.record("self-approval was accepted")
                    return
                }
                #expect(error.knownCode == .selfApprovalRefused)
            }
            // The agent hung up; its action leaves the queue without an approval.
            while let (message, _) = try await console.readMessage() {
                if case .notification(.actionExpired(let expired)) = message {
                    #expect(expired.cause == .withdrawn)
                    break
                }
            }
        }
        await fixture.server.waitUntilStored()
        #expect(fixture.persistence.decisions.map(\.source) == [.withdrawn], "never approved")
        try await fixture.stop()
    }

    @Test func consoleSeesGrantsAndListsExceptions() async throws {
        let fixture = try await BrokerFixture.start()
        try await fixture.withConnection { console in
            let grant = ExceptionGrant(
                effect: .deny, scope: .commandPrefix(["curl"]), binding: .everywhere, ttlSeconds: 60, reason: "offline")
            let granted = try await console.call(
                .grant(GrantParams(exception: grant, reviewer: "alice")), id: 1, as: GrantResult.self
            ).get()
            #expect(granted.exception.grantedBy == BrokerFixture.ownName, "the connection's user, not the client's name")
            let listed = try await console.call(.list, id: 2, as: ListResult.self).get()
            #expect(listed.exceptions.map(\.id) == [granted.exception.id])
            // The store is written off the event loop, after the reply.
            await fixture.server.waitUntilStored()
            #expect(fixture.persistence.allExceptions.map(\.id) == [granted.exception.id])
            let answer = try await fixture.withConnection {
                try await $0.call(.shell("curl https://example.com"), id: 1, as: SubmitResult.self)
            }.get()
            #expect(answer.decision == .deny)
            #expect(answer.reason == "Denied by \(BrokerFixture.ownName): offline")
        }
        try await fixture.stop()
    }

    // MARK: Concurrency

    @Test func twoHundredConcurrentSubmittersAreEachAnsweredExactlyOnce() async throws {
        let fixture = try await BrokerFixture.start()
        let submitters = 200
        let asks = 50
        try await withThrowingTaskGroup(of: Void.self) { group in
            let subscribed = AsyncStream<Void>.makeStream()
            // The console: approve even-numbered hosts, deny the others, until every ask is decided.
            group.addTask {
                try await fixture.withConnection { console in
                    _ = try await console.call(
                        .subscribe(SubscribeParams(reviewer: "bot")), id: 0, as: SubscribeResult.self
                    ).get()
                    subscribed.continuation.yield()
                    subscribed.continuation.finish()
                    var decided = 0
                    var nextID: Int64 = 1
                    while decided < asks, let (message, _) = try await console.readMessage() {
                        switch message {
                        case .notification(.actionQueued(let queued)):
                            guard case .shell(let command) = queued.item.action.kind else { continue }
                            let number = Int(command.split(separator: "-").last?.split(separator: ".").first ?? "") ?? 1
                            let params = DecideParams(
                                ids: [queued.item.id], verdict: number % 2 == 0 ? .allow : .deny, reviewer: "bot")
                            try await console.send(.decide(params), id: .number(nextID))
                            nextID += 1
                        case .response:
                            decided += 1
                        case .error(_, let error):
                            Issue.record("console got \(error)")
                            decided += 1
                        default:
                            continue
                        }
                    }
                }
            }
            for await _ in subscribed.stream {}
            for index in 0..<submitters {
                group.addTask {
                    let isAsk = index % 4 == 0
                    let command = isAsk ? "curl https://host-\(index).example" : "ls src"
                    let lines = try await fixture.withConnection { agent in
                        try await agent.send(.shell(command), id: .number(Int64(index)))
                        agent.finishSending()
                        var lines: [[UInt8]] = []
                        while let line = try await agent.readLine() { lines.append(line) }
                        return lines
                    }
                    #expect(lines.count == 1, "submitter \(index) got \(lines.count) answers")
                    let codec = WireCodec()
                    guard let line = lines.first,
                        case .response(.number(Int64(index))) = try codec.decodeServerMessage(line)
                    else {
                        Issue.record("submitter \(index) got no answer to its own request")
                        return
                    }
                    let result = try codec.result(SubmitResult.self, from: line)
                    let expected: FinalVerdict = !isAsk ? .allow : (index % 2 == 0 ? .allow : .deny)
                    #expect(result.decision == expected, "submitter \(index)")
                }
            }
            try await group.waitForAll()
        }
        await fixture.server.waitUntilStored()
        let decisions = fixture.persistence.decisions
        #expect(decisions.count == submitters)
        #expect(Set(decisions.map(\.actionID)).count == submitters)
        #expect(decisions.filter { $0.source == .human(BrokerFixture.ownName) }.count == asks)
        try await fixture.stop()
    }

    // MARK: Process tree

    @Test func processTreeFollowsParents() {
        #expect(ProcessTree.isDescendant(getpid(), of: getpid()))
        #expect(ProcessTree.isDescendant(getpid(), of: getppid()))
        #expect(!ProcessTree.isDescendant(getppid(), of: getpid()))
        #expect(!ProcessTree.isDescendant(getpid(), of: 999_999))
        #expect(ProcessTree.parseStatParent(Array("123 (a) b (c)) S 77 1 2".utf8)) == 77)
    }
}
