import AirlockCore

/// Which of the three deployments of docs/security.md is in force, and every setting the
/// recommended everyday one (same user with Claude Code's sandbox) depends on. Pure: facts in,
/// report out; `DoctorCommand` gathers the facts.
struct DeploymentReport: Codable, Equatable {
    enum Name: String, Codable {
        /// The agent runs as the reviewer's user, unsandboxed: what holds is what the hook judges.
        case sameUser = "same_user"
        /// The same, with Claude Code's sandbox keeping the agent's shell from Airlock's files and socket.
        case sameUserSandboxed = "same_user_sandboxed"
        /// The broker runs as Airlock's system user.
        case separated
    }

    var name: Name
    /// One line naming the deployment, for the text report.
    var summary: String
    var checks: [Check]

    struct Check: Codable, Equatable {
        var name: String
        var isMet: Bool
        var detail: String
        var fix: String?
    }

    /// The facts the judgement needs.
    struct Facts: Equatable {
        /// Claude Code's sandbox settings for the workspace; nil when Claude Code is not set up.
        var sandbox: HarnessSandbox?
        var bubblewrap: String?
        var socat: String?
        var uid: UInt32
        /// The uid the running broker has, from the kernel; nil when none answers.
        var brokerUID: UInt32?
        /// Airlock's system user's uid, when it exists.
        var systemUID: UInt32?
        var systemUserName: String
    }

    init(_ facts: Facts) {
        let sandbox = facts.sandbox
        checks = [
            Check(
                name: "sandbox.enabled", isMet: sandbox?.isEnabled == true,
                detail: Self.describe(sandbox?.isEnabled, "Claude Code's sandbox"),
                fix: "airlock install claude --sandbox"),
            Check(
                name: "sandbox.failIfUnavailable", isMet: sandbox?.failsIfUnavailable == true,
                detail: Self.describe(
                    sandbox?.failsIfUnavailable, "refusing to run commands bare when the sandbox cannot start"),
                fix: "airlock install claude --sandbox"),
            Check(
                name: "sandbox.allowUnsandboxedCommands", isMet: sandbox?.allowsUnsandboxedCommands == false,
                detail: sandbox?.allowsUnsandboxedCommands == false
                    ? "false: a model's dangerouslyDisableSandbox is ignored"
                    : "not false: the model may ask to run a command outside the sandbox",
                fix: "airlock install claude --sandbox"),
            Check(
                name: "bubblewrap", isMet: facts.bubblewrap != nil,
                detail: facts.bubblewrap.map { "bwrap at \($0)" } ?? "bwrap is not on PATH",
                fix: "apt-get install bubblewrap"),
            Check(
                name: "socat", isMet: facts.socat != nil,
                detail: facts.socat.map { "socat at \($0)" } ?? "socat is not on PATH",
                fix: "apt-get install socat"),
            Check(
                name: "not root", isMet: facts.uid != 0,
                detail: facts.uid == 0 ? "running as root, whom no sandbox contains" : "running as uid \(facts.uid)",
                fix: "run the agent as an ordinary user"),
        ]
        if let broker = facts.brokerUID, broker != facts.uid, broker == facts.systemUID {
            name = .separated
            summary = "separated: the broker runs as \(facts.systemUserName) (uid \(broker))"
        } else if checks.allSatisfy(\.isMet) {
            name = .sameUserSandboxed
            summary =
                "same user + sandbox: Claude Code's sandbox keeps the agent's shell from Airlock's socket and files"
        } else {
            name = .sameUser
            let missing = checks.filter { !$0.isMet }.map(\.name).joined(separator: ", ")
            summary =
                "same user: an agent that runs code as you can reach Airlock's socket and files (missing: \(missing))"
        }
    }

    private static func describe(_ value: Bool?, _ what: String) -> String {
        switch value {
        case true?: "on: \(what)"
        case false?: "off: \(what)"
        case nil: "not set: \(what) is off"
        }
    }
}
