import AirlockCore
import Foundation
import GRDB
import Testing

@testable import AirlockStore

/// Issue 12's attacks on the default deployment, where the agent runs as the reviewer's user,
/// replayed against a real `airlock serve` and real processes. What docs/security.md says is
/// stopped is stopped; what it names as a limit of this deployment is shown working, as a
/// `limit…` test, so the page cannot claim more than holds.
@Suite(.serialized, .ownThreads) struct SameUserAttackTests {
    /// A broker that queues what needs a human even without a console, and a hook call in the
    /// background whose action (`rm -rf build`, medium risk, not the hard floor) waits in it. The
    /// hook runs under a shell of its own, as a harness runs it: that shell is the agent.
    struct Scene {
        let broker: ServeProcess
        let hook: BackgroundHook
        let directory: String

        init(command: String = "rm -rf build") throws {
            broker = try ServeProcess(extra: ["AIRLOCK_HOOK_TIMEOUT_MS": "25000"], arguments: ["--wait-for-console"])
            directory = broker.directory
            let agent = ["/bin/sh", "-c", "\(Programs.hook) claude; true"]
            hook = try BackgroundHook(agent, environment: broker.environment, input: claudeBash(command, cwd: directory))
            let waiting = try run(RPCClient.argv(broker.socket, [RPCClient.send("subscribe", id: 1), RPCClient.waitPending]))
            guard RPCClient.answers(waiting.stdout) != nil else { throw SecurityTestFailure("nothing was queued: \(waiting)") }
        }

        /// A reviewer at a terminal of its own decides the waiting action.
        func decideAtTerminal(_ verdict: String, reviewer: String = "alice") throws -> [String: Any]? {
            let steps = [
                RPCClient.send("subscribe", id: 1), RPCClient.waitPending,
                RPCClient.send("decide", ["ids": ["$PENDING"], "verdict": verdict, "reviewer": reviewer], id: 2),
            ]
            return RPCClient.answers(try atTerminal(RPCClient.argv(broker.socket, steps)).stdout)?.last
        }
    }

    static var attack: [[String: Any]] {
        [
        RPCClient.send("subscribe", id: 1), RPCClient.waitPending,
            RPCClient.send("decide", ["ids": ["$PENDING"], "verdict": "allow", "reviewer": "alice"], id: 2),
        ]
    }

    // MARK: Stopped

    /// A `decide` from a helper the agent detached (no controlling terminal) is refused.
    @Test(arguments: Detachment.allCases)
    func aDetachedHelpersDecideIsRefused(_ detachment: Detachment) throws {
        let scene = try Scene()
        let output = scene.directory + "/attack.out"
        _ = try run(["/bin/sh", "-c", detachment.shellLine(RPCClient.argv(scene.broker.socket, Self.attack), output: output)])
        let text = try #require(waitForOutput(output), "the detached helper said nothing")
        let answer = RPCClient.answers(text)?.last
        // No terminal: -32008. (Run from a developer's terminal, the helper keeps the agent's
        // terminal, and is refused as the agent's own: -32002.)
        #expect([-32008, -32002].contains(RPCClient.errorCode(answer)), "\(text)")
        #expect(scene.broker.log.contains("refused"), "the broker logs the attempt")
        #expect(try scene.decideAtTerminal("deny").flatMap(RPCClient.errorCode) == nil)
        #expect(scene.hook.finish().decision == "deny", "the helper approved nothing")
    }

    /// The agent names another process as itself (`agentPID`) and approves its own action from
    /// its own tree: the broker takes the agent from the kernel and refuses.
    @Test func aForgedAgentPIDDoesNotLetAProcessApproveItself() throws {
        let broker = try ServeProcess(arguments: ["--wait-for-console"])
        let steps = [
            RPCClient.send("subscribe", id: 1),
            [
                "send": [
                    "jsonrpc": "2.0", "method": "submit",
                    "params": [
                        "action": [
                            "kind": ["shell": ["command": "rm -rf build"]], "agentPID": 1, "harness": "claude",
                        ]
                    ],
                ]
            ],
            RPCClient.waitPending,
            RPCClient.send("decide", ["ids": ["$PENDING"], "verdict": "allow", "reviewer": "alice"], id: 2),
        ]
        let output = try atTerminal(RPCClient.argv(broker.socket, steps))
        let answer = RPCClient.answers(output.stdout)?.last
        #expect(RPCClient.errorCode(answer) == -32002, "\(output.stdout)")
    }

    /// The client calls itself "the-security-team"; the log names the connection's user and
    /// says how the broker knew.
    @Test func theLogNamesTheKernelsReviewerNotTheClients() throws {
        let scene = try Scene()
        let answer = try scene.decideAtTerminal("allow", reviewer: "the-security-team")
        #expect(RPCClient.errorCode(answer) == nil, "\(answer ?? [:])")
        #expect(scene.hook.finish().decision == "allow")
        scene.broker.stop()
        let audit = try run([Programs.airlock, "audit", "--json"], environment: scene.broker.environment)
        let me = String(cString: getpwuid(getuid()).pointee.pw_name)
        #expect(audit.stdout.contains("\"reviewer\":\"\(me)\""), "\(audit.stdout)")
        #expect(!audit.stdout.contains("the-security-team"))
        #expect(audit.stdout.contains("not authenticated (same-user broker"), "\(audit.stdout)")
    }

    /// An exception row written straight into SQLite (the issue's: destructive_fs, everywhere,
    /// until 2100) carries no seal: refused, reported, and it lets nothing through.
    @Test func aRowInsertedIntoTheStoreIsRefusedAndReported() throws {
        let broker = try ServeProcess()
        try Self.insertException(into: broker, sealed: false)
        let status = try Self.waitForStatus(broker) { $0.contains("REFUSED") }
        #expect(status.contains("it carries no seal"), "\(status)")
        let (decision, reason) = try broker.hook(claudeBash("rm -rf build", cwd: broker.directory))
        #expect(decision == "deny")
        #expect(!reason.contains("inserted around the broker"), "\(reason)")
        let doctor = try run([Programs.airlock, "doctor", broker.directory], environment: broker.environment)
        #expect(doctor.stdout.contains("REFUSED exception inserted"), "\(doctor.stdout)")
    }

    /// Deleting the last rows (after dropping the triggers) keeps the chain intact; the anchors
    /// outside the database catch it. So does rewriting a row with the chain recomputed.
    @Test(arguments: ["truncated", "rewritten"])
    func aLogCutShortOrRewrittenIsCaughtByItsAnchors(_ tampering: String) throws {
        let broker = try ServeProcess()
        for command in ["ls", "pwd", "ls -la"] {
            #expect(try broker.hook(claudeBash(command, cwd: broker.directory)).decision == "allow")
        }
        broker.stop()
        let before = try run([Programs.airlock, "audit", "--verify"], environment: broker.environment)
        #expect(before.status == 0, "\(before.stdout)")
        #expect(before.stdout.contains("agrees with the broker"), "\(before.stdout)")
        try Self.tamper(databaseDirectory: broker.databaseDirectory, tampering)
        let after = try run([Programs.airlock, "audit", "--verify"], environment: broker.environment)
        #expect(after.status == 1)
        #expect(after.stdout.contains("hash chain verified"), "the chain alone does not see it: \(after.stdout)")
        #expect(after.stdout.contains(tampering.uppercased()), "\(after.stdout)")
    }

    // MARK: Limits of the same-user deployment (docs/security.md)

    /// LIMIT: a helper started in a terminal of its own (`tmux new-session -d`, or `script`) is
    /// outside the agent's process tree and has a terminal: its `decide` is accepted. The
    /// sandboxed deployment keeps the agent from the socket; the separated one asks for a passphrase.
    @Test func limitAHelperInATerminalOfItsOwnCanDecide() throws {
        guard let tmux = Programs.onPath("tmux") else { throw SecurityTestFailure("no tmux") }
        let scene = try Scene()
        let server = "alsec-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { _ = try? run([tmux, "-L", server, "kill-server"]) }
        let output = scene.directory + "/attack.out"
        let client = RPCClient.argv(scene.broker.socket, Self.attack).map {
            "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }
        _ = try run([tmux, "-L", server, "new-session", "-d", client.joined(separator: " ") + " > \(output) 2>&1"])
        let text = try #require(waitForOutput(output))
        #expect(RPCClient.errorCode(RPCClient.answers(text)?.last) == nil, "\(text)")
        #expect(scene.hook.finish().decision == "allow", "the limit: the agent approved its own action")
    }

    /// LIMIT: keys typed into the console's pane (`tmux send-keys`) approve what is not on the
    /// hard floor: the console cannot tell them from the reviewer's. The sandbox keeps the agent
    /// from the tmux server; the separated deployment asks for the passphrase again.
    @Test func limitKeysTypedIntoTheConsolePaneApprove() throws {
        let scene = try Scene()
        let console = try TmuxConsole(arguments: ["--reviewer", "e2e"], environment: scene.broker.environment)
        #expect(try console.waitFor("rm -rf build") != nil, "\(console.shown)")
        try console.send("a")
        #expect(scene.hook.finish().decision == "allow", "the limit: the agent's keys approved")
    }

    /// LIMIT: an agent that reads the seal key (it is the user's file) can seal a row of its
    /// own; the broker believes it. The sandbox keeps the key out of the agent's shell's reach;
    /// the separated deployment keeps it in Airlock's own directory.
    @Test func limitARowSealedWithTheUsersOwnKeyIsBelieved() throws {
        let broker = try ServeProcess()
        try Self.insertException(into: broker, sealed: true)
        let deadline = Date().addingTimeInterval(15)
        var decision = ""
        while Date() < deadline {
            decision = try broker.hook(claudeBash("rm -rf build", cwd: broker.directory)).decision
            if decision == "allow" { break }
            usleep(200_000)
        }
        #expect(decision == "allow", "the limit: a row the agent sealed itself lets rm -rf through")
    }

    /// LIMIT: an agent that rewrites the log and every anchor (all the user's files) passes
    /// `audit --verify`.
    @Test func limitALogRewrittenTogetherWithItsAnchorsPasses() throws {
        let broker = try ServeProcess()
        for command in ["ls", "pwd"] {
            #expect(try broker.hook(claudeBash(command, cwd: broker.directory)).decision == "allow")
        }
        broker.stop()
        try Self.tamper(databaseDirectory: broker.databaseDirectory, "rewritten")
        let store = try PolicyStore.open(path: broker.databaseDirectory + "/airlock.sqlite")
        let head = try #require(try store.logHead())
        try head.write(to: LogAnchor.brokerPath(stateDirectory: broker.databaseDirectory))
        let after = try run([Programs.airlock, "audit", "--verify"], environment: broker.environment)
        #expect(after.status == 0, "the limit: \(after.stdout)")
    }

    // MARK: Helpers

    /// The row: allow destructive_fs everywhere until 2100, written with SQL.
    static func insertException(into broker: ServeProcess, sealed: Bool) throws {
        let me = String(cString: getpwuid(getuid()).pointee.pw_name)
        let now = Date()
        var row = PolicyException(
            id: "inserted", effect: .allow, scope: .category(.destructiveFS), binding: .everywhere, createdAt: now,
            expiresAt: sealed ? now.addingTimeInterval(3600) : Date(timeIntervalSince1970: 4_102_444_800),
            grantedBy: me, reason: "inserted around the broker")
        if sealed { row = try ExceptionSealer.keyFile(stateDirectory: broker.databaseDirectory).sealed(row) }
        let queue = try DatabaseQueue(path: broker.databaseDirectory + "/airlock.sqlite")
        try queue.write { db in try row.insert(db) }
    }

    /// `airlock status` until `done` holds for its text (the broker re-reads every 2 s).
    static func waitForStatus(_ broker: ServeProcess, _ done: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(15)
        var text = ""
        while Date() < deadline {
            text = try run([Programs.airlock, "status"], environment: broker.environment).stdout
            if done(text) { return text }
            usleep(200_000)
        }
        return text
    }

    /// Cuts the last record off, or rewrites the second with the chain recomputed, as an
    /// attacker with the file would: triggers dropped first.
    static func tamper(databaseDirectory: String, _ how: String) throws {
        let queue = try DatabaseQueue(path: databaseDirectory + "/airlock.sqlite")
        try queue.write { db in
            try db.execute(
                sql: """
                    DROP TRIGGER decision_log_no_update; DROP TRIGGER decision_log_no_delete;
                    DROP TRIGGER decision_log_chain;
                    """)
            var rows = try DecisionLogRow.order(DecisionLogRow.Columns.sequence).fetchAll(db)
            if how == "truncated" {
                try db.execute(sql: "DELETE FROM decision_log WHERE sequence = ?", arguments: [rows.count])
                return
            }
            rows[1].reason = "Allowed: nothing to see here."
            var previous = DecisionLogRow.genesis
            for index in rows.indices {
                rows[index].previousHash = previous
                rows[index].hash = rows[index].computedHash
                previous = rows[index].hash
            }
            try db.execute(sql: "DELETE FROM decision_log")
            for row in rows { try row.insert(db) }
        }
    }
}
