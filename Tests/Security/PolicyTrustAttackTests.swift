import AirlockStore
import Foundation
import Testing

/// Trusting a repository's `.airlock/policy.toml` lets its allow rules apply, so it is a
/// reviewer's operation on the broker (`trustPolicy`), like trusting the repository: the agent —
/// with no terminal, from a helper it detached, or by the CLI as a tool call — is refused and
/// nothing is written; the reviewer at a terminal trusts it, and the file's rules then count.
@Suite(.serialized, .ownThreads) struct PolicyTrustAttackTests {
    /// A broker and a repository with an allow rule in its own policy file, not trusted yet.
    struct Scene {
        let broker: ServeProcess
        let project: String
        let hash: String

        init() throws {
            broker = try ServeProcess()
            project = broker.directory + "/project"
            try FileManager.default.createDirectory(atPath: project + "/.airlock", withIntermediateDirectories: true)
            let initialised = try run(["/usr/bin/env", "git", "init", "-q", project])
            guard initialised.status == 0 else { throw SecurityTestFailure("git init failed: \(initialised)") }
            let text = "[[allow]]\ncommand = \"make docs\"\n"
            try text.write(toFile: project + "/.airlock/policy.toml", atomically: true, encoding: .utf8)
            hash = PolicySource.sha256(Data(text.utf8))
        }

        func request(_ method: String = "trustPolicy", sha256: String? = nil) -> [[String: Any]] {
            [RPCClient.send(method, ["workspace": project, "sha256": sha256 ?? hash, "reviewer": "alice"], id: 1)]
        }

        /// What `airlock policy list` says of the repository's rules.
        var listed: String {
            (try? run([Programs.airlock, "policy", "list"], environment: broker.environment, directory: project))?.stdout
                ?? ""
        }
    }

    @Test(arguments: ["trustPolicy", "untrustPolicy"])
    func aRawRequestWithoutATerminalIsRefused(_ method: String) throws {
        let scene = try Scene()
        let output = try run(TrustAttackTests.withoutTerminal(RPCClient.argv(scene.broker.socket, scene.request(method))))
        let answer = RPCClient.answers(output.stdout)?.last
        #expect(RPCClient.errorCode(answer) == -32008, "\(output)")
        #expect(RPCClient.errorMessage(answer).contains("controlling terminal"), "\(output)")
        #expect(scene.listed.contains("NOT trusted"), "\(scene.listed)")
    }

    @Test(arguments: Detachment.allCases)
    func aDetachedHelperCannotTrustAPolicyFile(_ detachment: Detachment) throws {
        let scene = try Scene()
        let output = scene.broker.directory + "/attack.out"
        let argv = RPCClient.argv(scene.broker.socket, scene.request())
        _ = try run(TrustAttackTests.withoutTerminal(["/bin/sh", "-c", detachment.shellLine(argv, output: output)]))
        let text = try #require(waitForOutput(output), "the detached helper said nothing")
        #expect(RPCClient.errorCode(RPCClient.answers(text)?.last) == -32008, "\(text)")
        #expect(scene.listed.contains("NOT trusted"), "\(scene.listed)")
    }

    /// `airlock policy trust` as a tool call (no terminal): refused, the store untouched — the
    /// command no longer writes the store itself.
    @Test func theCommandWithoutATerminalWritesNothing() throws {
        let scene = try Scene()
        let result = try run(
            TrustAttackTests.withoutTerminal([Programs.airlock, "policy", "trust", scene.project]),
            environment: scene.broker.environment)
        #expect(result.status != 0)
        #expect(result.stderr.contains("controlling terminal"), "\(result)")
        #expect(scene.listed.contains("NOT trusted"), "\(scene.listed)")
    }

    /// The file changed after the reviewer read it (the agent swapped it in between): the broker
    /// hashes what it reads itself and trusts nothing.
    @Test func aFileChangedAfterTheReviewerReadItIsNotTrusted() throws {
        let scene = try Scene()
        try "[[allow]]\ncategory = \"network\"\n".write(
            toFile: scene.project + "/.airlock/policy.toml", atomically: true, encoding: .utf8)
        let output = try atTerminal(RPCClient.argv(scene.broker.socket, scene.request()))
        let answer = RPCClient.answers(output.stdout)?.last
        #expect(RPCClient.errorCode(answer) == -32602, "\(output)")
        #expect(RPCClient.errorMessage(answer).contains("changed since you read it"), "\(output)")
        #expect(scene.listed.contains("NOT trusted"), "\(scene.listed)")
    }

    /// A policy file that is a link (to a file of the broker's own, say): not followed, not trusted.
    @Test func aLinkedPolicyFileIsNotTrusted() throws {
        let scene = try Scene()
        let path = scene.project + "/.airlock/policy.toml"
        let elsewhere = scene.broker.directory + "/elsewhere.toml"
        try FileManager.default.moveItem(atPath: path, toPath: elsewhere)
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: elsewhere)
        let output = try atTerminal(RPCClient.argv(scene.broker.socket, scene.request()))
        let answer = RPCClient.answers(output.stdout)?.last
        #expect(RPCClient.errorCode(answer) == -32602, "\(output)")
        #expect(RPCClient.errorMessage(answer).contains("link"), "\(output)")
    }

    /// The old route around the broker: a trust row written straight into the store carries no
    /// seal of the broker's and is not believed.
    @Test func aTrustRowWrittenIntoTheStoreIsNotBelieved() throws {
        let scene = try Scene()
        let store = try PolicyStore.open(path: scene.broker.databaseDirectory + "/airlock.sqlite")
        try store.trustPolicyFile(path: scene.project + "/.airlock/policy.toml", sha256: scene.hash, at: Date())
        #expect(scene.listed.contains("NOT trusted"), "\(scene.listed)")
    }

    /// The reviewer at a terminal, by the CLI: trusted, its rules count, the log names the account.
    @Test func theReviewerAtATerminalTrustsIt() throws {
        let scene = try Scene()
        let trusted = try atTerminal(
            ["/usr/bin/env", "-C", scene.project, Programs.airlock, "policy", "trust"], environment: scene.broker.environment)
        #expect(trusted.stdout.contains("trusted \(scene.project)/.airlock/policy.toml"), "\(trusted)")
        #expect(scene.listed.contains("repo, trusted"), "\(scene.listed)")
        scene.broker.stop()
        let audit = try run([Programs.airlock, "audit", "--json"], environment: scene.broker.environment)
        #expect(audit.stdout.contains("airlock policy trust"), "\(audit.stdout)")
        #expect(audit.stdout.contains("not authenticated (same-user broker"), "\(audit.stdout)")
    }
}
