import AirlockBroker
import AirlockServices
import AirlockWire
import Foundation
import Testing

/// The CLI's blocking client against a real broker on a temporary socket.
@Suite struct SocketClientTests {
    static func directory() throws -> String {
        var template = Array("/tmp/airlock-sc-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw POSIXError(.EIO) }
        return String(cString: made)
    }

    @Test func readsTypedAnswersAndTheBrokersErrors() async throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let server = try await BrokerServer.start(
            // The test process has no terminal; the rule is tested where there is one (Security).
            configuration: BrokerConfiguration(socketPath: directory + "/s.sock", reviewerNeedsTerminal: false, mode: .autoLoop),
            persistence: InMemoryPersistence())
        let client = SocketClient(path: directory + "/s.sock")
        #expect(client.isBrokerRunning)
        let status = try client.status()
        #expect(status.protocolVersion == WireProtocol.version)
        #expect(status.mode == .autoLoop)
        let answer = try client.call(
            .submit(SubmitParams(action: .init(harness: "test", kind: .shell(command: "ls")))), as: SubmitResult.self)
        #expect(answer.decision == .allow)
        #expect(throws: SocketClient.Failure.self) {
            try client.call(.revoke(RevokeParams(id: "x-none")), as: RevokeResult.self)
        }
        do {
            _ = try client.call(.revoke(RevokeParams(id: "x-none")), as: RevokeResult.self)
        } catch {
            #expect("\(error)".contains("no active exception has id x-none"))
        }
        try await server.shutdown()
        #expect(!client.isBrokerRunning)
    }

    @Test func noBrokerSaysHowToStartOne() throws {
        let client = SocketClient(path: "/tmp/airlock-no-such-\(getpid()).sock")
        do {
            _ = try client.status()
            Issue.record("a status without a broker")
        } catch {
            #expect("\(error)".contains("airlock serve"))
        }
    }
}
