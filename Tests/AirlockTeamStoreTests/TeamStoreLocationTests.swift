import Foundation
import Testing

@testable import AirlockTeamStore

@Suite struct TeamStoreLocationTests {
    @Test(arguments: [
        ("postgres://alice@db.example/airlock", "postgres alice@db.example:5432/airlock (sslmode=prefer)"),
        ("postgresql://bob@10.1.2.3:6543/team?sslmode=require", "postgres bob@10.1.2.3:6543/team (sslmode=require)"),
        ("postgres://carol@x/airlock?host=/run/postgresql", "postgres carol@/run/postgresql/.s.PGSQL.5432/airlock (sslmode=prefer)"),
        ("postgres://dave@h/d?sslmode=verify-full&sslrootcert=/etc/ca.pem", "postgres dave@h:5432/d (sslmode=verify-full)"),
    ])
    func readsURLs(url: String, description: String) throws {
        #expect(try TeamStoreLocation.parse(url, environment: [:]).description == description)
    }

    @Test(arguments: [
        "postgres://db.example/airlock",  // no user
        "postgres://alice@db.example/",  // no database
        "postgres://alice@db.example/airlock?sslmode=sometimes",
        "postgres://alice@db.example/airlock?colour=blue",
        "postgres://alice@x/airlock?host=/run/postgresql&sslmode=require",  // TLS over a socket
        "mysql://alice@db/airlock",
    ])
    func refusesBadURLs(url: String) {
        #expect(throws: TeamStoreError.self) { try TeamStoreLocation.parse(url, environment: [:]) }
    }

    @Test func aPasswordOnTheCommandLineIsRefusedAndNeverDescribed() throws {
        let url = "postgres://alice:s3cret-pw@db.example/airlock"
        #expect(throws: TeamStoreError.self) { try TeamStoreLocation.parse(url, from: .commandLine, environment: [:]) }
        let location = try TeamStoreLocation.parse(url, environment: [:])
        #expect(location.password == "s3cret-pw")
        #expect(!location.description.contains("s3cret"))
        #expect(!"\(location)".contains("s3cret"))
    }

    /// A config file gets copied and shown: a password there is refused, and the error says
    /// where a password goes instead, without repeating it.
    @Test func aPasswordInAConfigFileIsRefused() throws {
        let url = "postgres://alice:s3cret-pw@db.example/airlock"
        do {
            _ = try TeamStoreLocation.parse(url, from: .configFile("/home/alice/.config/airlock/config.toml"), environment: [:])
            Issue.record("accepted")
        } catch {
            #expect(error.description.contains("PGPASSFILE"))
            #expect(error.description.contains("config.toml"))
            #expect(!error.description.contains("s3cret"))
        }
        #expect(try TeamStoreLocation.parse(url, from: .environment, environment: [:]).password == "s3cret-pw")
    }

    @Test func readsThePasswordFromAPassfile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/pgpass"
        let text = "# comment\nother:5432:airlock:alice:wrong\ndb.example:*:airlock:alice:pa\\:ss\n*:*:*:*:fallback\n"
        FileManager.default.createFile(atPath: file, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        let location = try TeamStoreLocation.parse(
            "postgres://alice@db.example/airlock", from: .commandLine, environment: ["PGPASSFILE": file])
        #expect(location.password == "pa:ss")
        let named = try TeamStoreLocation.parse(
            "postgres://zed@elsewhere/x?passfile=\(file)", from: .commandLine, environment: [:])
        #expect(named.password == "fallback")
        // A passfile others can read is refused, as libpq does.
        chmod(file, 0o644)
        #expect(throws: TeamStoreError.self) {
            try TeamStoreLocation.parse("postgres://alice@db.example/airlock", environment: ["PGPASSFILE": file])
        }
    }
}
