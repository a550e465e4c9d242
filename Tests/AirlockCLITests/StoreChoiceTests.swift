import Foundation
import Testing

@testable import airlock

/// One place chooses the store for every command: `--store`, else AIRLOCK_STORE_URL, else
/// config.toml's `store`, else this machine's SQLite file. A password is accepted only from the
/// environment; a config file that cannot say which store it names is an error.
@Suite struct StoreChoiceTests {
    static let flagURL = "postgres://flag@db.example/airlock"
    static let environmentURL = "postgres://env@db.example/airlock"
    static let configURL = "postgres://config@db.example/airlock"

    /// A config directory holding `config.toml` with `text` (none when nil).
    static func configDirectory(_ text: String?) throws -> String {
        let directory = FileManager.default.temporaryDirectory.path + "/airlock-choice-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if let text { try text.write(toFile: directory + "/config.toml", atomically: true, encoding: .utf8) }
        return directory
    }

    @Test(
        arguments: [
            (flagURL, environmentURL, configURL, "flag"),
            (nil, environmentURL, configURL, "env"),
            (nil, nil, configURL, "config"),
            (nil, "", configURL, "config"),
            (nil, nil, nil, nil),
        ] as [(String?, String?, String?, String?)])
    func theFlagBeatsTheEnvironmentWhichBeatsTheFile(
        flag: String?, environment: String?, config: String?, user: String?
    ) throws {
        let directory = try Self.configDirectory(config.map { "theme = \"light\"\nstore = \"\($0)\"\n" })
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let choice = try StoreChoice.resolve(
            flag: flag, configDirectory: directory,
            environment: environment.map { ["AIRLOCK_STORE_URL": $0] } ?? [:])
        #expect(choice.team?.user == user)
        if user == nil { #expect(choice == .local) }
    }

    @Test func aPasswordInConfigTomlIsRefusedAndNeverShown() throws {
        let directory = try Self.configDirectory("store = \"postgres://alice:hunter2-pw@db.example/airlock\"\n")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            _ = try StoreChoice.resolve(configDirectory: directory, environment: [:])
            Issue.record("a password in config.toml was accepted")
        } catch {
            let text = "\(error)"
            #expect(text.contains("passfile") && text.contains("PGPASSFILE"), "\(text)")
            #expect(text.contains("config.toml"), "\(text)")
            #expect(!text.contains("hunter2"), "\(text)")
        }
        // The same URL from the environment is allowed, and its description hides the password.
        let fromEnvironment = try StoreChoice.resolve(
            configDirectory: directory,
            environment: ["AIRLOCK_STORE_URL": "postgres://alice:hunter2-pw@db.example/airlock"])
        #expect(fromEnvironment.team?.password == "hunter2-pw")
        #expect(!"\(fromEnvironment)".contains("hunter2"))
        // On the command line it is refused, as before.
        #expect(throws: (any Error).self) {
            try StoreChoice.resolve(
                flag: "postgres://alice:hunter2-pw@db.example/airlock", configDirectory: directory, environment: [:])
        }
    }

    @Test(arguments: [
        "store = postgres://unquoted\n",  // not TOML
        "store = 5\n",  // not a URL
        "store = \"\"\n",
        "store = \"mysql://alice@db/airlock\"\n",
    ])
    func aConfigThatCannotNameItsStoreIsAnError(text: String) throws {
        let directory = try Self.configDirectory(text)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(throws: (any Error).self) { try StoreChoice.resolve(configDirectory: directory, environment: [:]) }
        // The environment decides without reading the file.
        let chosen = try StoreChoice.resolve(
            configDirectory: directory, environment: ["AIRLOCK_STORE_URL": Self.environmentURL])
        #expect(chosen.team?.user == "env")
    }

    /// Every command that opens the store refuses the same config file the same way.
    @Test(arguments: [["audit"], ["audit", "--verify"], ["policy", "list"], ["serve"]])
    func everyCommandRefusesAPasswordInConfigToml(arguments: [String]) throws {
        let root = FileManager.default.temporaryDirectory.path + "/airlock-choice-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: root + "/config", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try "store = \"postgres://alice:hunter2-pw@127.0.0.1:1/airlock\"\n".write(
            toFile: root + "/config/config.toml", atomically: true, encoding: .utf8)
        let output = try CLIRunner.run(
            arguments,
            environment: [
                "AIRLOCK_STATE_DIR": root + "/state", "AIRLOCK_CONFIG_DIR": root + "/config", "AIRLOCK_STORE_URL": "",
                "AIRLOCK_SOCKET": root + "/airlock.sock",
            ])
        #expect(output.status != 0)
        #expect(output.stderr.contains("PGPASSFILE"), "\(output.stderr)")
        #expect(!(output.stdout + output.stderr).contains("hunter2"))
        #expect(!FileManager.default.fileExists(atPath: root + "/state/airlock.sqlite"), "it fell back to SQLite")
    }
}
