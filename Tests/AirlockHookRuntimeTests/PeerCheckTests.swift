import AirlockCore
import AirlockHarness
import AirlockWireCore
import Foundation
import Testing

@testable import AirlockHookRuntime

/// The hook believes a broker only after the kernel vouches for it: its uid, and a socket
/// directory nobody else can write to. An impostor's `allow` becomes an explicit deny.
@Suite struct PeerCheckTests {
    static let deadline = 2_000

    func exchange(_ path: String, check: PeerCheck = PeerCheck()) -> Result<Bool, BrokerFailure> {
        Result { () throws(BrokerFailure) -> Bool in
            let line = SubmitCodec.request(
                SubmitParams(action: Action(kind: .shell(command: "ls")), deadlineMs: Self.deadline),
                id: BrokerAsk.requestID)
            return try BrokerSocket(path: path, peerCheck: check)
                .exchange(line, deadline: MonotonicTime.now.adding(milliseconds: Self.deadline)).allows
        }
    }

    @Test func aListenerOfOurOwnInAPrivateDirectoryIsBelieved() throws {
        let directory = try TemporaryDirectory(mode: 0o700)
        let listener = try AllowingListener(path: directory.path + "/s.sock")
        #expect(try exchange(listener.path).get() == true)
    }

    @Test(arguments: [0o777, 0o770, 0o1777, 0o722] as [mode_t])
    func aListenerInADirectoryOthersCanWriteIsRefused(_ mode: mode_t) throws {
        let directory = try TemporaryDirectory(mode: mode)
        let listener = try AllowingListener(path: directory.path + "/s.sock")
        let result = exchange(listener.path)
        guard case .failure(let failure) = result else {
            Issue.record("believed the listener: \(result)")
            return
        }
        #expect(failure.isUntrustedBroker)
        #expect(failure.description.contains("writable by other users"), "\(failure)")
        // Refused before the request was sent: an impostor learns nothing of the action.
        #expect(listener.requestCount == 0)
    }

    /// /tmp is everyone's: a socket right in it could be anybody's, whoever owns /tmp.
    @Test func aListenerRightInTmpIsRefused() throws {
        let listener = try AllowingListener(path: "/tmp/al-peer-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).sock")
        guard case .failure(let failure) = exchange(listener.path) else {
            Issue.record("believed a listener in /tmp")
            return
        }
        #expect(failure.isUntrustedBroker)
    }

    @Test func theSystemUserIsBelievedWhenItIsTheServer() throws {
        let directory = try TemporaryDirectory(mode: 0o700)
        let listener = try AllowingListener(path: directory.path + "/s.sock")
        // This process plays the system user: the listener's uid is listed under that name, and
        // the hook is made to believe it runs as some other uid.
        let passwd = directory.path + "/passwd"
        try "root:x:0:0::/root:/bin/sh\nal-system:x:\(getuid()):\(getgid())::/var/lib/airlock:/usr/sbin/nologin\n"
            .write(toFile: passwd, atomically: true, encoding: .utf8)
        let asAgent = PeerCheck(ownUID: getuid() &+ 4242, systemUserName: "al-system", passwordFile: passwd)
        #expect(try exchange(listener.path, check: asAgent).get() == true)

        let noSuchUser = PeerCheck(ownUID: getuid() &+ 4242, systemUserName: "al-nobody", passwordFile: passwd)
        guard case .failure(let failure) = exchange(listener.path, check: noSuchUser) else {
            Issue.record("believed a listener of another uid")
            return
        }
        #expect(failure.isUntrustedBroker)
        #expect(failure.description.contains("neither this user"), "\(failure)")
    }

    /// `--system`: the environment names Airlock's system user (tests move it). Named as the
    /// hook's own account — the agent's — or as root, it is never believed, even when it is
    /// the listener (the agent's own, in its own private directory).
    @Test(arguments: ["self", "root"])
    func aSystemUserThatIsTheHooksOwnAccountOrRootIsNeverBelieved(_ named: String) throws {
        let directory = try TemporaryDirectory(mode: 0o700)
        let listener = try AllowingListener(path: directory.path + "/s.sock")
        let passwd = directory.path + "/passwd"
        // Both names list the listener's uid (ours); only the hook's own uid differs.
        try "root:x:\(getuid()):0::/root:/bin/sh\nal-me:x:\(getuid()):\(getgid())::/home/me:/bin/sh\n"
            .write(toFile: passwd, atomically: true, encoding: .utf8)
        var check = PeerCheck(
            ownUID: named == "self" ? getuid() : getuid() &+ 4242, systemUserName: named == "self" ? "al-me" : "root",
            passwordFile: passwd)
        check.believesOnlySystemUser = true
        check.refusesOwnAccount = true
        guard case .failure(let failure) = exchange(listener.path, check: check) else {
            Issue.record("believed a system user named \(named)")
            return
        }
        #expect(failure.isUntrustedBroker)
        #expect(listener.requestCount == 0)
    }

    /// A read the local fallback would allow is denied outright when an impostor answers.
    @Test func anImpostorsAllowBecomesADeny() throws {
        let directory = try TemporaryDirectory(mode: 0o777)
        let listener = try AllowingListener(path: directory.path + "/s.sock")
        let gate = BrokerAsk(socketPath: listener.path, fallback: LocalFallback())
        let answer = gate.decide(Action(kind: .shell(command: "ls")), budgetMs: Self.deadline)
        #expect(!answer.allows)
        #expect(answer.reason.contains("does not trust what answers on its socket"), "\(answer.reason)")
        // Without anything listening, the same read is decided locally, and allowed.
        let nobody = BrokerAsk(socketPath: directory.path + "/none.sock", fallback: LocalFallback())
        #expect(nobody.decide(Action(kind: .shell(command: "ls")), budgetMs: Self.deadline).allows)
    }
}
