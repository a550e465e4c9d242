import Foundation
import Testing

/// An attacker puts a listener that answers `allow` at the broker's socket path (issue 12:
/// "the socket trusted blindly"). Each hook entry must refuse it with an explicit deny; the
/// one case the same-user deployment cannot tell apart is shown as the limit it is.
@Suite(.ownThreads) struct ImpostorBrokerTests {
    enum Entry: String, CaseIterable, CustomTestStringConvertible {
        case fastHook = "airlock-hook claude"
        case airlockHook = "airlock hook claude"

        var testDescription: String { rawValue }
        var argv: [String] { self == .fastHook ? [Programs.hook, "claude"] : [Programs.airlock, "hook", "claude"] }
    }

    static func hook(_ entry: Entry, socket: String, extra: [String: String] = [:]) throws -> (String, String) {
        let environment = ["AIRLOCK_SOCKET": socket, "AIRLOCK_HOOK_TIMEOUT_MS": "5000"].merging(extra) { $1 }
        return claudeDecision(try run(entry.argv, environment: environment, stdin: claudeBash("ls", cwd: "/tmp")))
    }

    /// A private directory of this user's, with `mode`.
    static func directory(mode: mode_t) throws -> String {
        let path = "/tmp/alsec-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        guard mkdir(path, 0o700) == 0, chmod(path, mode) == 0 else { throw SecurityTestFailure("mkdir \(path)") }
        return path
    }

    @Test(arguments: Entry.allCases, [0o777, 0o775, 0o1777] as [mode_t])
    func aListenerInADirectoryOthersMayWriteIsRefused(_ entry: Entry, _ mode: mode_t) throws {
        let directory = try Self.directory(mode: mode)
        defer { rmdir(directory) }
        let impostor = try Impostor(path: directory + "/airlock.sock")
        let (decision, reason) = try Self.hook(entry, socket: impostor.path)
        #expect(decision == "deny")
        #expect(reason.contains("does not trust what answers on its socket"), "\(reason)")
        #expect(reason.contains("writable by other users"), "\(reason)")
        #expect(impostor.stop() == 0, "the hook told the impostor about the action")
    }

    @Test(arguments: Entry.allCases)
    func aListenerRightInTmpIsRefused(_ entry: Entry) throws {
        let impostor = try Impostor(path: "/tmp/alsec-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).sock")
        let (decision, _) = try Self.hook(entry, socket: impostor.path)
        #expect(decision == "deny")
        #expect(impostor.stop() == 0)
    }

    /// The limit of the same-user deployment (docs/security.md): a process running as the user,
    /// in the user's own private directory, is indistinguishable from the broker. The sandboxed
    /// deployment takes the agent's shell away from Unix sockets; the separated one moves the
    /// broker to another user.
    @Test func limitASameUserListenerInAPrivateDirectoryIsBelieved() throws {
        let directory = try Self.directory(mode: 0o700)
        defer { rmdir(directory) }
        let impostor = try Impostor(path: directory + "/airlock.sock")
        let (decision, reason) = try Self.hook(.fastHook, socket: impostor.path)
        #expect(decision == "allow")
        #expect(reason == "impostor says yes")
        #expect(impostor.stop() == 1)
    }

    @Test(TestUser.required, arguments: Entry.allCases)
    func anotherUsersListenerIsRefused(_ entry: Entry) throws {
        let attacker = try TestUser.create()
        let directory = try attacker.directory(mode: 0o755)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let impostor = try Impostor(path: directory + "/airlock.sock", as: attacker)
        let (decision, reason) = try Self.hook(entry, socket: impostor.path)
        #expect(decision == "deny")
        #expect(reason.contains("runs as uid \(attacker.uid)"), "\(reason)")
        #expect(impostor.stop() == 0)
    }

    /// The same, with the hook itself run by an ordinary account (an agent's user), not root.
    @Test(TestUser.required)
    func anotherUsersListenerIsRefusedByAnAgentsHook() throws {
        let attacker = try TestUser.create()
        let agent = try TestUser.create()
        let directory = try attacker.directory(mode: 0o755)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let impostor = try Impostor(path: directory + "/airlock.sock", as: attacker)
        let output = try agent.run(
            [Programs.hook, "claude"],
            environment: ["AIRLOCK_SOCKET": impostor.path, "AIRLOCK_HOOK_TIMEOUT_MS": "5000", "HOME": "/tmp"],
            stdin: claudeBash("ls", cwd: "/tmp"))
        let (decision, reason) = claudeDecision(output)
        #expect(decision == "deny", "\(output)")
        #expect(reason.contains("neither this user (uid \(agent.uid))"), "\(reason)")
        #expect(impostor.stop() == 0)
    }

    /// The check is precise, not a refusal of every other uid: the account named as Airlock's
    /// system user (separated mode, part 2) is believed, from its own directory.
    @Test(TestUser.required)
    func theSystemUsersBrokerIsBelieved() throws {
        let system = try TestUser.create("alsys", system: true)
        let directory = try system.directory(mode: 0o755)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let impostor = try Impostor(path: directory + "/agent.sock", as: system)
        let (decision, _) = try Self.hook(.fastHook, socket: impostor.path, extra: ["AIRLOCK_SYSTEM_USER": system.name])
        #expect(decision == "allow")
        // …but not when its directory is open to others.
        chmod(directory, 0o777)
        let (open, reason) = try Self.hook(
            .fastHook, socket: impostor.path, extra: ["AIRLOCK_SYSTEM_USER": system.name])
        #expect(open == "deny", "\(reason)")
        _ = impostor.stop()
    }

    /// The CLI (status, the console's link) refuses an impostor too: a console must not show
    /// what one made up, nor send it decisions.
    @Test func theCLIRefusesAnImpostor() throws {
        let directory = try Self.directory(mode: 0o777)
        defer { rmdir(directory) }
        let impostor = try Impostor(path: directory + "/airlock.sock")
        let status = try run([Programs.airlock, "status"], environment: ["AIRLOCK_SOCKET": impostor.path])
        #expect(status.status != 0)
        #expect(status.stdout.contains("refusing to talk to the server"), "\(status.stdout)")
        #expect(impostor.stop() == 0)
    }
}
