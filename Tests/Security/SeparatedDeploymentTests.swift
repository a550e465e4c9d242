import AirlockCore
import Foundation
import GRDB
import Testing

@testable import AirlockStore

/// Issue 12's attacks on the separated deployment (`sudo airlock setup --system`), with real
/// users: Airlock's system user runs the broker, an agent account (and the reviewer's own
/// account, as an agent running as the reviewer would) attacks, and the reviewer approves with
/// a passphrase. Every attack fails; the reviewer's approval goes through. Needs root (CI).
@Suite(.serialized, .ownThreads, TestUser.required) struct SeparatedDeploymentTests {
    /// The real approval: the reviewer authenticates on review.sock, is asked for the
    /// passphrase again for a high-risk action, gives it, and the agent's call is allowed.
    @Test func theReviewerApprovesWithThePassphrase() throws {
        let deployment = try SeparatedBroker()
        let hook = try deployment.waitingHook()
        let steps = [
            RPCClient.send("authenticate", ["passphrase": deployment.passphrase], id: 0),
            RPCClient.send("subscribe", id: 1), RPCClient.waitPending,
            RPCClient.send("decide", ["ids": ["$PENDING"], "verdict": "allow"], id: 2),
            RPCClient.send(
                "decide", ["ids": ["$PENDING"], "verdict": "allow", "passphrase": deployment.passphrase], id: 3),
        ]
        let output = try atTerminal(RPCClient.argv(deployment.reviewSocket, steps), as: deployment.reviewer)
        let answers = try #require(RPCClient.answers(output.stdout), "\(output)")
        #expect(RPCClient.errorCode(answers.first) == nil, "authenticated: \(answers)")
        #expect(RPCClient.errorCode(answers[2]) == -32009, "asked for the passphrase again: \(answers)")
        #expect(RPCClient.errorCode(answers[3]) == nil, "\(answers)")
        let (decision, reason) = hook.finish()
        #expect(decision == "allow", "\(reason)")
        #expect(reason.contains("Allowed by \(deployment.reviewer.name)"), "\(reason)")
        deployment.stop()
        let audit = try run([Programs.airlock, "audit", "--json", "--system"], environment: deployment.environment)
        #expect(audit.stdout.contains("authenticated by passphrase"), "\(audit.stdout)")
    }

    /// The console on review.sock, as the reviewer, in a tmux pane: keys an agent running as
    /// the reviewer types into the pane (`tmux send-keys`) reach the passphrase prompt and
    /// approve nothing; the reviewer, who knows the passphrase, approves.
    @Test func keysTypedIntoTheConsolePaneCannotApproveButTheReviewerCan() throws {
        let deployment = try SeparatedBroker()
        let hook = try deployment.waitingHook()
        let home = String(cString: getpwnam(deployment.reviewer.name).pointee.pw_dir)
        let console = try TmuxConsole(
            arguments: ["console", "--system"], environment: deployment.environment.merging(["HOME": home]) { $1 },
            as: deployment.reviewer)
        try #require(try console.waitFor("passphrase") != nil, "\(console.shown)")
        try console.send(deployment.passphrase, literal: true)
        try console.send("Enter")
        try #require(try console.waitFor("git push --force origin main") != nil, "\(console.shown)")
        // The agent types: an approval, then Enter at the prompt, then a guess.
        try console.send("a")
        #expect(try console.waitFor("passphrase to approve") != nil, "\(console.shown)")
        try console.send("Enter")
        #expect(try console.waitFor("nothing was approved") != nil, "\(console.shown)")
        try console.send("a")
        try console.send("not the passphrase", literal: true)
        try console.send("Enter")
        #expect(try console.waitFor("passphrase; nothing was done") != nil, "\(console.shown)")
        #expect(hook.isWaiting, "the agent's keys approved nothing")
        // The reviewer (a wrong guess locks the account out for a second first).
        let deadline = Date().addingTimeInterval(20)
        while hook.isWaiting, Date() < deadline {
            try console.send("a")
            guard try console.waitFor("passphrase to approve", seconds: 5) != nil else { continue }
            try console.send(deployment.passphrase, literal: true)
            try console.send("Enter")
            _ = try console.waitFor("Allowed", seconds: 2)
        }
        #expect(hook.finish().decision == "allow", "\(console.shown)")
    }

    /// Detached helpers of the agent (as the agent's account, and as the reviewer's own account
    /// without the passphrase) cannot decide on either socket.
    @Test(arguments: Detachment.allCases)
    func aDetachedHelpersDecideIsRefusedOnBothSockets(_ detachment: Detachment) throws {
        let deployment = try SeparatedBroker()
        let hook = try deployment.waitingHook()
        for attacker in [deployment.agent, deployment.reviewer] {
            for (socket, code) in [(deployment.reviewSocket, -32008), (deployment.agentSocket, -32010)] {
                let output = "/tmp/alsep-attack-\(UInt32.random(in: 0...UInt32.max))"
                defer { unlink(output) }
                // It cannot subscribe to learn the action's id; it guesses one.
                let steps = [
                    RPCClient.send("decide", ["ids": ["guessed-1"], "verdict": "allow", "reviewer": "alice"], id: 2)
                ]
                let line = detachment.shellLine(RPCClient.argv(socket, steps), output: output)
                _ = try attacker.run(["/bin/sh", "-c", line])
                let text = try #require(waitForOutput(output), "\(attacker.name) on \(socket) said nothing")
                #expect(RPCClient.errorCode(RPCClient.answers(text)?.last) == code, "\(attacker.name): \(text)")
            }
        }
        deployment.stop()
        #expect(hook.finish().decision == "deny", "nothing was approved")
    }

    /// The agent submits with a forged `agentPID` and names itself a reviewer: agent.sock takes
    /// submissions only, and review.sock believes no name a client sends.
    @Test func aForgedAgentPIDOrReviewerNameOpensNothing() throws {
        let deployment = try SeparatedBroker()
        let submitThenDecide: [[String: Any]] = [
            [
                "send": [
                    "jsonrpc": "2.0", "method": "submit",
                    "params": ["action": ["kind": ["shell": ["command": "rm -rf build"]], "agentPID": 1]],
                ]
            ],
            RPCClient.send("decide", ["ids": ["x"], "verdict": "allow", "reviewer": deployment.reviewer.name], id: 2),
        ]
        let onAgent = try atTerminal(RPCClient.argv(deployment.agentSocket, submitThenDecide), as: deployment.agent)
        #expect(RPCClient.errorCode(RPCClient.answers(onAgent.stdout)?.last) == -32010, "\(onAgent.stdout)")
        let named = [
            RPCClient.send("decide", ["ids": ["x"], "verdict": "allow", "reviewer": deployment.reviewer.name], id: 2)
        ]
        for attacker in [deployment.agent, deployment.reviewer] {
            let onReview = try atTerminal(RPCClient.argv(deployment.reviewSocket, named), as: attacker)
            #expect(RPCClient.errorCode(RPCClient.answers(onReview.stdout)?.last) == -32008, "\(onReview.stdout)")
        }
    }

    /// Trusting a repository loosens Airlock: `trust` is not served on agent.sock, review.sock
    /// wants an authenticated reviewer, and even then the passphrase again. The list is written
    /// in Airlock's own state directory, out of the agents' reach.
    @Test func onlyTheAuthenticatedReviewerTrustsWithThePassphraseAgain() throws {
        let deployment = try SeparatedBroker()
        let project = deployment.base + "/project"
        _ = try run(["/usr/bin/env", "git", "init", "-q", project])
        _ = chmod(project, 0o755)
        let trust = RPCClient.send("trust", ["workspace": project, "reviewer": deployment.reviewer.name], id: 2)
        let onAgent = try atTerminal(RPCClient.argv(deployment.agentSocket, [trust]), as: deployment.agent)
        #expect(RPCClient.errorCode(RPCClient.answers(onAgent.stdout)?.last) == -32010, "\(onAgent.stdout)")
        for attacker in [deployment.agent, deployment.reviewer] {
            let unauthenticated = try atTerminal(RPCClient.argv(deployment.reviewSocket, [trust]), as: attacker)
            #expect(
                RPCClient.errorCode(RPCClient.answers(unauthenticated.stdout)?.last) == -32008,
                "\(attacker.name): \(unauthenticated.stdout)")
        }
        let withPassphrase = RPCClient.send(
            "trust",
            ["workspace": project, "reviewer": deployment.reviewer.name, "passphrase": deployment.passphrase], id: 3)
        let steps = [RPCClient.send("authenticate", ["passphrase": deployment.passphrase], id: 0), trust, withPassphrase]
        let output = try atTerminal(RPCClient.argv(deployment.reviewSocket, steps), as: deployment.reviewer)
        let answers = try #require(RPCClient.answers(output.stdout), "\(output)")
        #expect(RPCClient.errorCode(answers.first) == nil, "authenticated: \(answers)")
        #expect(RPCClient.errorCode(answers[1]) == -32009, "asked for the passphrase again: \(answers)")
        #expect(RPCClient.errorCode(answers[2]) == nil, "\(answers)")
        let list = (try? String(contentsOfFile: deployment.stateDirectory + "/trusted-repos", encoding: .utf8)) ?? ""
        #expect(list.contains(project), "the list in Airlock's state directory: \(list)")
        deployment.stop()
        let audit = try run([Programs.airlock, "audit", "--json", "--system"], environment: deployment.environment)
        #expect(audit.stdout.contains("airlock trust"), "\(audit.stdout)")
        #expect(audit.stdout.contains("authenticated by passphrase"), "\(audit.stdout)")
    }

    /// Trusting a repository's policy file: not served on agent.sock, refused on review.sock
    /// without the passphrase (for the agent's account and the reviewer's own alike), and the
    /// authenticated reviewer gives it again. The trust lands in Airlock's own store.
    @Test func onlyTheAuthenticatedReviewerTrustsAPolicyFile() throws {
        let deployment = try SeparatedBroker()
        let project = deployment.base + "/policyproject"
        _ = try run(["/usr/bin/env", "git", "init", "-q", project])
        _ = chmod(project, 0o755)
        try FileManager.default.createDirectory(atPath: project + "/.airlock", withIntermediateDirectories: true)
        let text = "[[allow]]\ncommand = \"make docs\"\n"
        try text.write(toFile: project + "/.airlock/policy.toml", atomically: true, encoding: .utf8)
        _ = chmod(project + "/.airlock/policy.toml", 0o644)
        let hash = PolicySource.sha256(Data(text.utf8))
        let trust = RPCClient.send("trustPolicy", ["workspace": project, "sha256": hash], id: 2)
        for attacker in [deployment.agent, deployment.reviewer] {
            let onAgent = try atTerminal(RPCClient.argv(deployment.agentSocket, [trust]), as: attacker)
            #expect(RPCClient.errorCode(RPCClient.answers(onAgent.stdout)?.last) == -32010, "\(onAgent.stdout)")
            let onReview = try atTerminal(RPCClient.argv(deployment.reviewSocket, [trust]), as: attacker)
            #expect(RPCClient.errorCode(RPCClient.answers(onReview.stdout)?.last) == -32008, "\(onReview.stdout)")
        }
        let withPassphrase = RPCClient.send(
            "trustPolicy", ["workspace": project, "sha256": hash, "passphrase": deployment.passphrase], id: 3)
        let steps = [RPCClient.send("authenticate", ["passphrase": deployment.passphrase], id: 0), trust, withPassphrase]
        let output = try atTerminal(RPCClient.argv(deployment.reviewSocket, steps), as: deployment.reviewer)
        let answers = try #require(RPCClient.answers(output.stdout), "\(output)")
        #expect(RPCClient.errorCode(answers[1]) == -32009, "asked for the passphrase again: \(answers)")
        #expect(RPCClient.errorCode(answers[2]) == nil, "\(answers)")
        deployment.stop()
        let store = try PolicyStore.open(path: deployment.stateDirectory + "/airlock.sqlite")
        let sealer = try ExceptionSealer.keyFile(stateDirectory: deployment.stateDirectory)
        #expect(try store.isPolicyFileTrusted(path: project + "/.airlock/policy.toml", sha256: hash, sealer: sealer))
        let audit = try run([Programs.airlock, "audit", "--json", "--system"], environment: deployment.environment)
        #expect(audit.stdout.contains("airlock policy trust"), "\(audit.stdout)")
    }

    /// Guessing the passphrase: each wrong one locks the account out for longer.
    @Test func wrongPassphrasesAreRefusedAndSlowedDown() throws {
        let deployment = try SeparatedBroker()
        let guesses = (0..<3).map { RPCClient.send("authenticate", ["passphrase": "guess \($0)"], id: $0) }
        let output = try atTerminal(RPCClient.argv(deployment.reviewSocket, guesses), as: deployment.reviewer)
        let answers = try #require(RPCClient.answers(output.stdout))
        #expect(answers.allSatisfy { RPCClient.errorCode($0) == -32008 }, "\(answers)")
        #expect(RPCClient.errorMessage(answers.last).contains("too many wrong passphrases"), "\(answers)")
    }

    /// The store and the log belong to Airlock's user: the agent can neither read nor write
    /// them; a row put there (by root) without the broker's seal is refused and reported.
    @Test func theStoreIsOutOfTheAgentsReachAndUnsealedRowsAreRefused() throws {
        let deployment = try SeparatedBroker()
        let database = deployment.stateDirectory + "/airlock.sqlite"
        let python = RPCClient.python
        for attacker in [deployment.agent, deployment.reviewer] {
            let write = try attacker.run([
                python, "-c", "import sqlite3; sqlite3.connect('\(database)').execute('DELETE FROM decision_log')",
            ])
            #expect(write.status != 0, "\(attacker.name) reached the store")
            #expect(write.stderr.contains("unable to open") || write.stderr.contains("ermission"), "\(write.stderr)")
            let key = try attacker.run(["/bin/cat", ExceptionSealer.keyPath(stateDirectory: deployment.stateDirectory)])
            #expect(key.status != 0, "\(attacker.name) read the seal key")
        }
        let queue = try DatabaseQueue(path: database)
        try queue.write { db in
            try PolicyException(
                id: "inserted", effect: .allow, scope: .category(.destructiveFS), binding: .everywhere,
                createdAt: Date(), expiresAt: Date(timeIntervalSince1970: 4_102_444_800), grantedBy: deployment.reviewer.name,
                reason: "inserted around the broker"
            ).insert(db)
        }
        let deadline = Date().addingTimeInterval(15)
        var status = ""
        while Date() < deadline, !status.contains("REFUSED") {
            status = try deployment.agent.run(
                [Programs.airlock, "status", "--system"], environment: deployment.environment
            ).stdout
            if !status.contains("REFUSED") { usleep(200_000) }
        }
        #expect(status.contains("REFUSED     stored exception inserted"), "\(status)")
        #expect(status.contains("(separated)"), "\(status)")
    }

    /// Rewriting the log with its chain recomputed (which only root can, here) is caught by
    /// the broker's anchor.
    @Test func aRewrittenLogIsCaughtByTheBrokersAnchor() throws {
        let deployment = try SeparatedBroker()
        for command in ["ls", "pwd"] {
            let output = try run(
                deployment.hookArgv(as: deployment.agent), stdin: claudeBash(command, cwd: "/tmp"))
            #expect(claudeDecision(output).decision == "allow", "\(output)")
        }
        deployment.stop()
        try SameUserAttackTests.tamper(databaseDirectory: deployment.stateDirectory, "rewritten")
        let verify = try run([Programs.airlock, "audit", "--verify", "--system"], environment: deployment.environment)
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("REWRITTEN"), "\(verify.stdout)")
    }

    /// The agent's own listener, in its own private directory, is not the system user: a hook
    /// installed with `--system` refuses it (the same-user deployment's limit, closed).
    @Test func theAgentsOwnListenerIsRefusedBySystemHooks() throws {
        let deployment = try SeparatedBroker()
        let directory = try deployment.agent.directory(mode: 0o700)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let impostor = try Impostor(path: directory + "/agent.sock", as: deployment.agent)
        var environment = deployment.environment
        environment["AIRLOCK_SYSTEM_RUN_DIR"] = directory
        environment["HOME"] = "/tmp"
        let output = try deployment.agent.run(
            [Programs.hook, "claude", "--system"], environment: environment, stdin: claudeBash("ls", cwd: "/tmp"))
        let (decision, reason) = claudeDecision(output)
        #expect(decision == "deny", "\(output)")
        #expect(reason.contains("not as Airlock's system user"), "\(reason)")
        #expect(impostor.stop() == 0, "the hook told the impostor nothing")
    }

    /// The hook takes Airlock's system user's name and socket directory from its environment
    /// (`AIRLOCK_SYSTEM_USER`, `AIRLOCK_SYSTEM_RUN_DIR`: tests move them). An agent that gets
    /// both into its harness's environment (a line in its own `~/.profile` that the next session
    /// reads) names itself the system user and its own listener the broker: a `--system` hook
    /// never believes its own account, nor root, whatever the environment says.
    @Test func aHookWhoseEnvironmentNamesTheAgentAsAirlocksUserIsRefused() throws {
        let deployment = try SeparatedBroker()
        let directory = try deployment.agent.directory(mode: 0o700)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let impostor = try Impostor(path: directory + "/agent.sock", as: deployment.agent)
        var environment = deployment.environment
        environment["AIRLOCK_SYSTEM_RUN_DIR"] = directory
        environment["AIRLOCK_SYSTEM_USER"] = deployment.agent.name
        environment["HOME"] = "/tmp"
        let output = try deployment.agent.run(
            [Programs.hook, "claude", "--system"], environment: environment,
            stdin: claudeBash("rm -rf /tmp/important", cwd: "/tmp"))
        let (decision, reason) = claudeDecision(output)
        #expect(decision == "deny", "\(output)")
        #expect(reason.contains("never this hook's own account"), "\(reason)")
        #expect(impostor.stop() == 0, "the hook told the impostor nothing")
    }

    /// `setup --system` run again changes nothing; `--uninstall` takes the sockets away and
    /// keeps the store.
    @Test func setupIsIdempotentAndUninstalls() throws {
        let deployment = try SeparatedBroker()
        let again = try run(
            [Programs.airlock, "setup", "--system", "--user", deployment.system.name], environment: deployment.environment)
        #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
        #expect(again.stdout.contains("exists"), "\(again.stdout)")
        var info = stat()
        #expect(stat(deployment.stateDirectory, &info) == 0 && info.st_mode & 0o777 == 0o700)
        #expect(info.st_uid == deployment.system.uid)
        deployment.stop()
        let gone = try run(
            [Programs.airlock, "setup", "--system", "--uninstall", "--user", deployment.system.name],
            environment: deployment.environment)
        #expect(gone.status == 0, "\(gone.stdout)\(gone.stderr)")
        #expect(!FileManager.default.fileExists(atPath: deployment.runDirectory))
        #expect(FileManager.default.fileExists(atPath: deployment.stateDirectory))
    }
}
