import Foundation
import Testing

/// `airlock team key export` and `import`: the team's seal key leaves only for a terminal or a
/// new 0600 file, and arrives only as a 32-byte key that replaces another only when asked.
/// `airlock team grants` is in AirlockTeamStoreTests (run against a real database).
@Suite struct TeamCommandTests {
    /// A machine's state and config directories.
    struct Machine {
        let root: String
        var state: String { root + "/state" }
        var keyPath: String { state + "/exception-seal.key" }
        var environment: [String: String] {
            ["AIRLOCK_STATE_DIR": state, "AIRLOCK_CONFIG_DIR": root + "/config", "AIRLOCK_STORE_URL": "", "HOME": root]
        }

        init(key: [UInt8]? = nil) throws {
            root = FileManager.default.temporaryDirectory.path + "/airlock-teamkey-\(UUID().uuidString.prefix(8))"
            try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
            if let key {
                FileManager.default.createFile(
                    atPath: keyPath, contents: Data(key), attributes: [.posixPermissions: 0o600])
            }
        }

        func remove() { try? FileManager.default.removeItem(atPath: root) }

        func run(_ arguments: [String], stdin: Data? = nil) throws -> CLIRunner.Output {
            try CLIRunner.run(["team", "key"] + arguments, stdin: stdin, environment: environment)
        }
    }

    static let key = (0..<32).map { UInt8($0 * 7 % 256) }
    static let otherKey = (0..<32).map { UInt8(255 - $0) }

    static func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int
    }

    @Test func theKeyTravelsThroughANewPrivateFile() throws {
        let alice = try Machine(key: Self.key)
        let bob = try Machine()
        defer { alice.remove(); bob.remove() }
        let file = alice.root + "/team.key"

        // Into a pipe (the test's stdout) it is refused: nobody chose who reads it there.
        let piped = try alice.run(["export"])
        #expect(piped.status != 0)
        #expect(piped.stderr.contains("not a terminal"), "\(piped.stderr)")
        #expect(!piped.stdout.contains("airlock-team-key"))

        let exported = try alice.run(["export", "--to", file])
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(Self.mode(file) == 0o600)
        // Never over an existing file (nor through a link someone planted there).
        #expect(try alice.run(["export", "--to", file]).status != 0)
        let link = alice.root + "/link.key"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: alice.root + "/elsewhere")
        #expect(try alice.run(["export", "--to", link]).status != 0)
        #expect(!FileManager.default.fileExists(atPath: alice.root + "/elsewhere"))

        let imported = try bob.run(["import", file])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("restart the broker"), "\(imported.stdout)")
        #expect(FileManager.default.contents(atPath: bob.keyPath).map(Array.init) == Self.key)
        #expect(Self.mode(bob.keyPath) == 0o600)
        #expect(try FileManager.default.attributesOfItem(atPath: bob.keyPath)[.ownerAccountID] as? UInt32 == getuid())
        // Again: the same key, nothing changes.
        let again = try bob.run(["import", file])
        #expect(again.status == 0 && again.stdout.contains("nothing changed"), "\(again.stdout)")
    }

    @Test func forceWritesToAPipeAndImportReadsStandardInput() throws {
        let alice = try Machine(key: Self.key)
        let bob = try Machine()
        defer { alice.remove(); bob.remove() }
        let forced = try alice.run(["export", "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stdout.hasPrefix("airlock-team-key-v1:"))
        #expect(forced.stderr.contains("fingerprint"))
        let imported = try bob.run(["import", "-"], stdin: Data(forced.stdout.utf8))
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(FileManager.default.contents(atPath: bob.keyPath).map(Array.init) == Self.key)
    }

    @Test func anotherKeyIsReplacedOnlyWhenAsked() throws {
        let bob = try Machine(key: Self.otherKey)
        defer { bob.remove() }
        let file = bob.root + "/team.key"
        // A copy of the key file itself (32 raw bytes) is read too.
        FileManager.default.createFile(atPath: file, contents: Data(Self.key))
        let refused = try bob.run(["import", file])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("--replace"), "\(refused.stderr)")
        #expect(FileManager.default.contents(atPath: bob.keyPath).map(Array.init) == Self.otherKey)
        let replaced = try bob.run(["import", file, "--replace"])
        #expect(replaced.status == 0, "\(replaced.stderr)")
        #expect(FileManager.default.contents(atPath: bob.keyPath).map(Array.init) == Self.key)
        #expect(Self.mode(bob.keyPath) == 0o600)
    }

    @Test(arguments: [
        Data("airlock-team-key-v1:c2hvcnQ=\n".utf8),  // 5 bytes
        Data("airlock-team-key-v1:not base64!\n".utf8),
        Data(repeating: 1, count: 31),
        Data(repeating: 1, count: 33),
        Data(),
    ])
    func anythingButA32ByteKeyIsRefusedAndChangesNothing(input: Data) throws {
        let bob = try Machine(key: Self.otherKey)
        defer { bob.remove() }
        let result = try bob.run(["import", "-"], stdin: input)
        #expect(result.status != 0)
        #expect(FileManager.default.contents(atPath: bob.keyPath).map(Array.init) == Self.otherKey)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: bob.state)
        #expect(leftovers == ["exception-seal.key"])
    }

    /// An agent cannot run it through its tools: any `airlock team …` changes Airlock itself.
    @Test(arguments: [
        "airlock team key import /tmp/k", "airlock team key export --force", "airlock team grants --role x",
    ])
    func anAgentsTeamCommandIsAtTheIntegrityFloor(command: String) throws {
        let checked = try CLIRunner.run(["check", "--json", command], environment: ["AIRLOCK_STORE_URL": ""])
        #expect(checked.stdout.contains("self_modification"), "\(checked.stdout)\(checked.stderr)")
    }
}
