import Foundation
import Testing

/// `airlock serve` as a process: it answers `status`, refuses a second broker, reloads a
/// broken policy without opening up, and stops cleanly on SIGTERM.
struct ServeCommandTests {
    @Test func servesStatusAndStopsCleanly() throws {
        var template = Array("/tmp/airlock-s-XXXXXX".utf8CString)
        let root = try #require(mkdtemp(&template).map { String(cString: $0) })
        defer { try? FileManager.default.removeItem(atPath: root) }
        let environment = [
            "AIRLOCK_SOCKET": root + "/run/airlock.sock", "AIRLOCK_STATE_DIR": root + "/state",
            "AIRLOCK_CONFIG_DIR": root + "/config",
        ]
        try FileManager.default.createDirectory(atPath: root + "/config", withIntermediateDirectories: true)
        try "mode = \"auto-loop\"\n".write(toFile: root + "/config/policy.toml", atomically: true, encoding: .utf8)

        let broker = Process()
        broker.executableURL = CLIRunner.binary
        broker.arguments = ["serve"]
        broker.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        // The broker's log (stderr, unbuffered) says when it listens.
        let output = Pipe()
        broker.standardOutput = FileHandle.nullDevice
        broker.standardError = output
        try broker.run()
        defer { if broker.isRunning { broker.terminate() } }

        // Blocking reads until the broker says it listens.
        var printed = ""
        while !printed.contains("listening") {
            let data = output.fileHandleForReading.availableData
            try #require(!data.isEmpty, "the broker exited: \(printed)")
            printed += String(decoding: data, as: UTF8.self)
        }
        let status = try CLIRunner.run(["status", "--json"], environment: environment)
        #expect(status.status == 0, "\(status.stdout)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        #expect(object["running"] as? Bool == true)
        #expect(object["mode"] as? String == "auto-loop")
        #expect(try CLIRunner.run(["status", "--tmux"], environment: environment).stdout == "airlock: ok\n")
        #expect(!(try CLIRunner.run(["status"], environment: environment).stdout.contains("restart the broker")))
        // The configuration names a team store after the broker started: status says so.
        try "store = \"postgres://alice@db.example/airlock\"\n".write(
            toFile: root + "/config/config.toml", atomically: true, encoding: .utf8)
        let stale = try CLIRunner.run(["status"], environment: environment)
        #expect(stale.stdout.contains("the broker uses this machine's SQLite store"), "\(stale.stdout)")
        #expect(stale.stdout.contains("restart the broker"), "\(stale.stdout)")
        try FileManager.default.removeItem(atPath: root + "/config/config.toml")

        let second = try CLIRunner.run(["serve"], environment: environment)
        #expect(second.status != 0)
        #expect(second.stderr.contains("another airlock broker is already listening"))

        broker.terminate()
        broker.waitUntilExit()
        #expect(broker.terminationStatus == 0)
        #expect(!FileManager.default.fileExists(atPath: root + "/run/airlock.sock"))
        let down = try CLIRunner.run(["status"], environment: environment)
        #expect(down.status == 1)
        #expect(down.stdout.contains("not running"))
    }

    /// A team store URL that cannot be used is a clear error, before the broker listens or
    /// anything is written: a password on the command line (every user's `ps` shows it), a
    /// URL that is not PostgreSQL's, a database nobody answers for.
    @Test(arguments: [
        ("postgres://alice:secret@localhost/airlock", "a password on the command line"),
        ("postgres://alice@localhost/airlock?sslmod=require", "sslmod is not understood"),
        ("postgres://alice@localhost/airlock?host=/nonexistent&port=1", "cannot open the team store"),
    ])
    func refusesAnUnusableTeamStore(url: String, says: String) throws {
        var template = Array("/tmp/airlock-s-XXXXXX".utf8CString)
        let root = try #require(mkdtemp(&template).map { String(cString: $0) })
        defer { try? FileManager.default.removeItem(atPath: root) }
        let environment = [
            "AIRLOCK_SOCKET": root + "/run/airlock.sock", "AIRLOCK_STATE_DIR": root + "/state",
            "AIRLOCK_CONFIG_DIR": root + "/config", "AIRLOCK_STORE_URL": "",
        ]
        let serve = try CLIRunner.run(["serve", "--store", url], environment: environment)
        #expect(serve.status != 0)
        #expect(serve.stderr.contains(says), "\(serve.stderr)")
        #expect(!serve.stderr.contains("secret"))
        #expect(!FileManager.default.fileExists(atPath: root + "/run/airlock.sock"))
        #expect(!FileManager.default.fileExists(atPath: root + "/state/team-journal.jsonl"))
    }

    /// Root's broker would make root the "system user" every --system client believes: refused,
    /// before it opens a store or a socket.
    @Test(.enabled(if: getuid() == 0, "needs root")) func systemBrokerRefusesToRunAsRoot() throws {
        var template = Array("/tmp/airlock-s-XXXXXX".utf8CString)
        let root = try #require(mkdtemp(&template).map { String(cString: $0) })
        defer { try? FileManager.default.removeItem(atPath: root) }
        let environment = [
            "AIRLOCK_SYSTEM_RUN_DIR": root + "/run", "AIRLOCK_SYSTEM_STATE_DIR": root + "/state",
            "AIRLOCK_SYSTEM_CONFIG_DIR": root + "/config",
        ]
        let output = try CLIRunner.run(["serve", "--system"], environment: environment)
        #expect(output.status != 0)
        #expect(output.stderr.contains("never root"), "\(output.stderr)")
        #expect(!FileManager.default.fileExists(atPath: root + "/state"))
        #expect(!FileManager.default.fileExists(atPath: root + "/run"))
    }
}
