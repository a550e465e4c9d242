import AirlockCore
import AirlockStore
import Foundation
import Testing

@testable import AirlockTeamStore

/// The `airlock` commands that open the store, run as built against a real team database:
/// they find it where `airlock serve` does (`store = "…"` in config.toml, AIRLOCK_STORE_URL),
/// `audit --verify` catches every kind of tampering, and `policy trust` trusts for the team.
@Suite(.postgres, .serialized) struct TeamCommandTests {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// A home of its own: state and config directories, config.toml naming `storeURL`.
    struct Machine {
        let root: String
        var environment: [String: String] {
            [
                "AIRLOCK_STATE_DIR": root + "/state", "AIRLOCK_CONFIG_DIR": root + "/config", "AIRLOCK_STORE_URL": "",
                "AIRLOCK_SOCKET": root + "/airlock.sock", "HOME": root,
            ]
        }

        init(storeURL: String?) throws {
            root = FileManager.default.temporaryDirectory.path + "/airlock-teamcli-\(UUID().uuidString.prefix(8))"
            try FileManager.default.createDirectory(atPath: root + "/config", withIntermediateDirectories: true)
            if let storeURL {
                try "store = \"\(storeURL)\"\n".write(
                    toFile: root + "/config/config.toml", atomically: true, encoding: .utf8)
            }
        }

        func remove() { try? FileManager.default.removeItem(atPath: root) }
    }

    /// The `airlock` executable built beside the test bundle.
    static var binary: URL {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [products, products.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("airlock")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return URL(fileURLWithPath: ".build/debug/airlock")
    }

    static func run(_ arguments: [String], environment: [String: String], directory: String? = nil) async throws
        -> Output
    {
        try await PostgresCluster.offThePool {
            let process = Process()
            process.executableURL = binary
            process.arguments = arguments
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let stdout = out.fileHandleForReading.readDataToEndOfFile()
            let stderr = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return Output(
                status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                stderr: String(decoding: stderr, as: UTF8.self))
        }
    }

    static func decision(_ number: Int) -> DecisionRecord {
        DecisionRecord(
            time: Date(timeIntervalSince1970: 1_800_000_000 + Double(number)), actionID: "a-\(number)",
            harness: "claude", summary: "make target-\(number)", categories: [.read], risk: .low, verdict: .allow,
            source: .rule("test"), reason: "test \(number)")
    }

    /// A team database with six logged decisions, and its owner's URL.
    func loggedDatabase() async throws -> (database: String, url: String) {
        let cluster = try cluster()
        let database = try await cluster.makeDatabase()
        let store = try await TeamStore.open(try cluster.location(database))
        try await store.appendDecisions((1...6).map { Self.decision($0) })
        await store.close()
        return (database, cluster.ownerURL(database))
    }

    static let around = "ALTER TABLE airlock.decision_log DISABLE TRIGGER USER"
    static let back = "ALTER TABLE airlock.decision_log ENABLE TRIGGER USER"

    /// What the owner (or anyone who got around the triggers) does, and where verify says the log breaks.
    static let tampering: [(name: String, sql: String, brokenAt: String)] = [
        ("changed", "UPDATE airlock.decision_log SET summary = 'make all' WHERE sequence = 3", "BROKEN at entry 3"),
        ("removed", "DELETE FROM airlock.decision_log WHERE sequence = 4", "BROKEN at entry 4"),
        (
            "reordered",
            """
            UPDATE airlock.decision_log SET sequence = 1000 WHERE sequence = 2;
            UPDATE airlock.decision_log SET sequence = 2 WHERE sequence = 5;
            UPDATE airlock.decision_log SET sequence = 5 WHERE sequence = 1000
            """, "BROKEN at entry 2"
        ),
        ("removed at the end", "DELETE FROM airlock.decision_log WHERE sequence >= 5", "BROKEN at entry 5"),
    ]

    @Test func auditListsAndVerifiesTheTeamsLogAndCatchesEveryTampering() async throws {
        for tamper in Self.tampering {
            let (database, url) = try await loggedDatabase()
            let machine = try Machine(storeURL: url)
            defer { machine.remove() }
            let listing = try await Self.run(["audit"], environment: machine.environment)
            #expect(listing.status == 0, "\(listing.stderr)")
            #expect(listing.stdout.contains("make target-6"), "\(listing.stdout)")
            let intact = try await Self.run(["audit", "--verify"], environment: machine.environment)
            #expect(intact.status == 0, "\(intact.stdout)\(intact.stderr)")
            #expect(intact.stdout.contains("intact: 6 entries"), "\(intact.stdout)")

            try await cluster().psql("\(Self.around); \(tamper.sql); \(Self.back)", database: database)
            let broken = try await Self.run(["audit", "--verify"], environment: machine.environment)
            #expect(broken.status == 1, "\(tamper.name): \(broken.stdout)\(broken.stderr)")
            #expect(broken.stdout.contains(tamper.brokenAt), "\(tamper.name): \(broken.stdout)")
        }
    }

    /// A head saved elsewhere (`--anchor FILE`) catches what the owner could also hide from
    /// `log_anchor`: the log cut short and its anchor rewritten to match.
    @Test func aSavedHeadCatchesALogCutTogetherWithItsAnchor() async throws {
        let (database, url) = try await loggedDatabase()
        let machine = try Machine(storeURL: url)
        defer { machine.remove() }
        let store = try await TeamStore.connect(try cluster().location(database))
        let head = try #require(try await store.decisions(since: nil, limit: 1).last)
        await store.close()
        let saved = machine.root + "/head.json"
        try JSONEncoder().encode(LogAnchor(count: head.sequence, hash: head.hash)).write(
            to: URL(fileURLWithPath: saved))
        try await cluster().psql(
            """
            \(Self.around); DELETE FROM airlock.decision_log WHERE sequence = 6; \(Self.back);
            UPDATE airlock.log_anchor SET count = 5, head_hash = (SELECT hash FROM airlock.decision_log WHERE sequence = 5)
            """, database: database)
        let fooled = try await Self.run(["audit", "--verify"], environment: machine.environment)
        #expect(fooled.status == 0, "the chain and the database's anchor agree: \(fooled.stdout)")
        let caught = try await Self.run(["audit", "--verify", "--anchor", saved], environment: machine.environment)
        #expect(caught.status == 1, "\(caught.stdout)\(caught.stderr)")
        #expect(caught.stdout.contains("anchor"), "\(caught.stdout)")
    }

    /// Flag > AIRLOCK_STORE_URL > config.toml: the environment's database wins over the file's.
    @Test func theEnvironmentWinsOverConfigToml() async throws {
        let (_, logged) = try await loggedDatabase()
        let empty = try await cluster().makeDatabase()
        let store = try await TeamStore.open(try cluster().location(empty))
        await store.close()
        let machine = try Machine(storeURL: cluster().ownerURL(empty))
        defer { machine.remove() }
        let fromFile = try await Self.run(["audit"], environment: machine.environment)
        #expect(fromFile.stdout.contains("no decisions logged"), "\(fromFile.stdout)\(fromFile.stderr)")
        var environment = machine.environment
        environment["AIRLOCK_STORE_URL"] = logged
        let fromEnvironment = try await Self.run(["audit"], environment: environment)
        #expect(fromEnvironment.stdout.contains("make target-6"), "\(fromEnvironment.stdout)\(fromEnvironment.stderr)")
    }

    @Test func policyTrustTrustsForTheTeam() async throws {
        let cluster = try cluster()
        let database = try await cluster.makeDatabase()
        let store = try await TeamStore.open(try cluster.location(database))
        defer { Task { await store.close() } }
        let machine = try Machine(storeURL: cluster.ownerURL(database))
        defer { machine.remove() }
        let repository = machine.root + "/repo"
        try FileManager.default.createDirectory(atPath: repository + "/.git", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: repository + "/.airlock", withIntermediateDirectories: true)
        let policy = "[[allow]]\ncommand = [\"make\", \"docs\"]\n"
        try policy.write(toFile: PolicySource.repositoryPolicyPath(repository), atomically: true, encoding: .utf8)

        // Trust goes through the broker, which writes where it keeps its store: the team's. A
        // process without a terminal (an agent's tool call) is refused; a reviewer at one is not.
        let broker = Process()
        broker.executableURL = Self.binary
        broker.arguments = ["serve"]
        broker.environment = ProcessInfo.processInfo.environment.merging(machine.environment) { $1 }
        let brokerOutput = Pipe()
        broker.standardOutput = brokerOutput
        broker.standardError = FileHandle.nullDevice
        try broker.run()
        defer {
            broker.interrupt()
            broker.waitUntilExit()
        }
        let brokerLines = brokerOutput.fileHandleForReading
        let started = try await PostgresCluster.offThePool {
            var seen = Data()
            while !String(decoding: seen, as: UTF8.self).contains("listening") {
                let chunk = brokerLines.availableData
                if chunk.isEmpty { break }
                seen += chunk
            }
            return String(decoding: seen, as: UTF8.self)
        }
        #expect(started.contains("listening"), "\(started)")
        let detached = try await Self.run(["policy", "trust", repository], environment: machine.environment)
        #expect(detached.status != 0)
        #expect(detached.stderr.contains("controlling terminal"), "\(detached.stderr)")
        let command = ([Self.binary.path, "policy", "trust", repository]).map { "'\($0)'" }.joined(separator: " ")
        let trusted = try await PostgresCluster.offThePool { () throws -> Output in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            process.arguments = ["-qec", command, "/dev/null"]
            process.environment = ProcessInfo.processInfo.environment.merging(machine.environment) { $1 }
            let out = Pipe()
            process.standardOutput = out
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let stdout = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: "")
        }
        #expect(trusted.status == 0, "\(trusted.stdout)")
        #expect(
            try await store.trustedPolicyDigest(path: PolicySource.repositoryPolicyPath(repository))
                == PolicySource.sha256(Data(policy.utf8)))
        let listed = try await Self.run(["policy", "list"], environment: machine.environment, directory: repository)
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains("repo, trusted"), "\(listed.stdout)")
    }

    /// `airlock doctor` holds the logging boundary to the team's log: intact, then tampered.
    @Test func doctorVerifiesTheTeamsLog() async throws {
        let (database, url) = try await loggedDatabase()
        let machine = try Machine(storeURL: url)
        defer { machine.remove() }
        let intact = try await Self.run(["doctor", machine.root], environment: machine.environment)
        #expect(intact.stdout.contains("decision log on and intact (6 records)"), "\(intact.stdout)\(intact.stderr)")
        try await cluster().psql(
            "\(Self.around); DELETE FROM airlock.decision_log WHERE sequence = 2; \(Self.back)", database: database)
        let broken = try await Self.run(["doctor", machine.root], environment: machine.environment)
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("decision log broken at record 2"), "\(broken.stdout)")
    }

    /// A command never migrates: a database without Airlock's schema is reported, not created.
    @Test func aCommandDoesNotMigrate() async throws {
        let database = try await cluster().makeDatabase()
        let machine = try Machine(storeURL: cluster().ownerURL(database))
        defer { machine.remove() }
        let audit = try await Self.run(["audit"], environment: machine.environment)
        #expect(audit.status != 0)
        #expect(audit.stderr.contains("start a broker"), "\(audit.stderr)")
        let tables = try await cluster().psql(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'airlock'", database: database)
        #expect(tables.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    }

    /// The SQL `airlock team grants` prints is what a DBA runs; a role given it can append to
    /// the log and cannot change it nor its anchor.
    @Test func teamGrantsPrintsWhatTheBrokersRoleNeeds() async throws {
        let cluster = try cluster()
        let (database, _) = try await loggedDatabase()
        let role = "broker_cli_\(database)"
        let printed = try await Self.run(["team", "grants", "--role", role], environment: [:])
        #expect(printed.status == 0, "\(printed.stderr)")
        let statements = printed.stdout.split(separator: "\n").filter { !$0.hasPrefix("--") }.map(String.init)
        #expect(statements == TeamSchema.brokerGrants(role: role).map { $0 + ";" })
        try await cluster.psql("CREATE ROLE \(role) LOGIN", database: database)
        try await cluster.psql(printed.stdout, database: database)
        try await cluster.psql(
            """
            INSERT INTO airlock.policy_trust (path, sha256, trusted_at) VALUES ('/r/.airlock/policy.toml', repeat('a', 64), 0)
            """, database: database, user: role)
        await #expect(throws: ClusterError.self) {
            try await cluster.psql(
                "DELETE FROM airlock.decision_log WHERE sequence = 6", database: database, user: role)
        }
        await #expect(throws: ClusterError.self) {
            try await cluster.psql("UPDATE airlock.log_anchor SET count = 5", database: database, user: role)
        }
    }
}
