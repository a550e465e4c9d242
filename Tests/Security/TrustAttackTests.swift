import Foundation
import Testing

/// Trusting a repository loosens Airlock (an untrusted one is read-only), so `trust` is a
/// reviewer's operation in `MethodAccess`: on the same-user socket only a process with a
/// controlling terminal of its own, outside every waiting agent's tree. An agent runs as the
/// same user and can reach the socket, but its tool calls and the helpers it detaches have no
/// terminal: whatever it sends, by the CLI or by hand on the socket, is refused with words that
/// say why, and the trusted list stays as it was. The reviewer at a terminal can, and the log
/// names the kernel's account rather than what the client claims.
@Suite(.serialized, .ownThreads) struct TrustAttackTests {
    /// A broker and a git repository it has not been told to trust.
    struct Scene {
        let broker: ServeProcess
        let project: String

        init() throws {
            broker = try ServeProcess()
            project = broker.directory + "/project"
            try FileManager.default.createDirectory(atPath: project, withIntermediateDirectories: true)
            let initialised = try run(["/usr/bin/env", "git", "init", "-q", project])
            guard initialised.status == 0 else { throw SecurityTestFailure("git init failed: \(initialised)") }
        }

        var trustedList: String {
            (try? String(
                contentsOfFile: (broker.environment["AIRLOCK_CONFIG_DIR"] ?? "") + "/trusted-repos", encoding: .utf8))
                ?? ""
        }

        func trustRequest(_ method: String = "trust", reviewer: String = "alice") -> [[String: Any]] {
            [RPCClient.send(method, ["workspace": project, "reviewer": reviewer], id: 1)]
        }
    }

    /// `setsid -w`: a session of its own, so no controlling terminal, as a harness's tool call has
    /// none (and whatever terminal runs these tests is not lent to it).
    static func withoutTerminal(_ argv: [String]) -> [String] { ["/usr/bin/setsid", "-w"] + argv }

    /// `trust` and `untrust` written straight to the socket by a process with no terminal.
    @Test(arguments: ["trust", "untrust"])
    func aRawRequestWithoutATerminalIsRefused(_ method: String) throws {
        let scene = try Scene()
        let output = try run(
            Self.withoutTerminal(RPCClient.argv(scene.broker.socket, scene.trustRequest(method))))
        let answer = RPCClient.answers(output.stdout)?.last
        #expect(RPCClient.errorCode(answer) == -32008, "\(output)")
        #expect(RPCClient.errorMessage(answer).contains("controlling terminal"), "\(output)")
        #expect(!scene.trustedList.contains(scene.project), "the list is unchanged")
        #expect(scene.broker.log.contains("refused \(method) from a process without a controlling terminal"))
    }

    /// A helper the agent detached (nohup, setsid, a double fork) fares no better.
    @Test(arguments: Detachment.allCases)
    func aDetachedHelperCannotTrust(_ detachment: Detachment) throws {
        let scene = try Scene()
        let output = scene.broker.directory + "/attack.out"
        let argv = RPCClient.argv(scene.broker.socket, scene.trustRequest())
        _ = try run(Self.withoutTerminal(["/bin/sh", "-c", detachment.shellLine(argv, output: output)]))
        let text = try #require(waitForOutput(output), "the detached helper said nothing")
        #expect(RPCClient.errorCode(RPCClient.answers(text)?.last) == -32008, "\(text)")
        #expect(!scene.trustedList.contains(scene.project))
    }

    /// `airlock trust` run as a tool call: refused, and the message says what to do instead.
    @Test func theCommandWithoutATerminalIsRefusedClearly() throws {
        let scene = try Scene()
        let result = try run(
            Self.withoutTerminal([Programs.airlock, "trust", scene.project]), environment: scene.broker.environment)
        #expect(result.status != 0)
        #expect(result.stderr.contains("controlling terminal"), "\(result)")
        #expect(!scene.trustedList.contains(scene.project))
        // Reading the list is not loosening anything: it answers without a terminal.
        let list = try run(
            Self.withoutTerminal([Programs.airlock, "trust", "--list"]), environment: scene.broker.environment)
        #expect(list.status == 0, "\(list)")
        #expect(list.stdout.contains("none"), "\(list)")
    }

    /// The reviewer at a terminal trusts it; the log names the account the kernel reports, not
    /// the client's "the-security-team", and says how the broker knew.
    @Test func theReviewerAtATerminalTrustsAndTheLogNamesTheKernelsAccount() throws {
        let scene = try Scene()
        let output = try atTerminal(
            RPCClient.argv(scene.broker.socket, scene.trustRequest(reviewer: "the-security-team")))
        let answer = RPCClient.answers(output.stdout)?.last
        #expect(RPCClient.errorCode(answer) == nil, "\(output)")
        #expect(scene.trustedList.contains(scene.project), "\(scene.trustedList)")
        scene.broker.stop()
        let audit = try run([Programs.airlock, "audit", "--json"], environment: scene.broker.environment)
        let me = String(cString: getpwuid(getuid()).pointee.pw_name)
        #expect(audit.stdout.contains("\"reviewer\":\"\(me)\""), "\(audit.stdout)")
        #expect(audit.stdout.contains("airlock trust"), "\(audit.stdout)")
        #expect(!audit.stdout.contains("the-security-team"))
        #expect(audit.stdout.contains("not authenticated (same-user broker"), "\(audit.stdout)")
    }
}
