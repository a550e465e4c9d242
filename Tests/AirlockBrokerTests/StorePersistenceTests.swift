import AirlockCore
import AirlockStore
import AirlockWire
import Foundation
import Testing

@testable import AirlockBroker

/// The broker on the real SQLite store: decisions land in the hash-chained log, and nothing
/// secret reaches it.
struct StorePersistenceTests {
    static let secrets = [
        "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB",
        "AKIAIOSFODNN7EXAMPLE",
        "sk-proj-Abcdefghij0123456789KLMNOPqrstuv",
        "hunter2hunter2",
        "xoxb-123456789012-abcdefghijkl",
    ]

    @Test func decisionsAreLoggedRedactedAndChained() async throws {
        let directory = try BrokerFixture.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let databasePath = directory + "/state/airlock.sqlite"
        let store = try PolicyStore.open(path: databasePath)
        let persistence = StorePersistence(store: store)
        let server = try await BrokerServer.start(
            configuration: BrokerConfiguration(socketPath: directory + "/run/airlock.sock", idPrefix: "p"),
            persistence: persistence)
        let commands = [
            "curl -H 'Authorization: Bearer \(Self.secrets[0])' https://api.github.com/user",
            "AWS_ACCESS_KEY_ID=\(Self.secrets[1]) aws s3 ls",
            "OPENAI_API_KEY=\(Self.secrets[2]) python agent.py",
            "mysql -h db.internal -u root --password=\(Self.secrets[3]) -e 'SELECT 1'",
            "echo \(Self.secrets[4]) | slack-post",
            "ls -la",
        ]
        try await LineConnection.with(directory + "/run/airlock.sock") { connection in
            for (index, command) in commands.enumerated() {
                let answer = try await connection.call(
                    .shell(command), id: .number(Int64(index + 1)), as: SubmitResult.self
                ).get()
                #expect(answer.decision == (command == "ls -la" ? .allow : .deny))
            }
        }
        try await server.shutdown()
        // Shutting down waited for the log.
        let records = try store.decisions(since: nil, limit: 100)
        #expect(records.count == commands.count)
        #expect(records.allSatisfy { $0.kind == "shell" })
        #expect(try store.verifyLog() == .intact(count: commands.count))
        for record in records {
            for secret in Self.secrets {
                #expect(!record.summary.contains(secret), "\(record.summary)")
                #expect(!record.reason.contains(secret), "\(record.reason)")
                #expect(record.subject?.contains(secret) == false, "\(record.subject ?? "")")
            }
        }
        // And not in the file's bytes either (WAL included).
        for path in [databasePath, databasePath + "-wal"] {
            guard let bytes = FileManager.default.contents(atPath: path) else { continue }
            let text = String(decoding: bytes, as: UTF8.self)
            for secret in Self.secrets { #expect(!text.contains(secret), "\(secret) found in \(path)") }
        }
    }
}
