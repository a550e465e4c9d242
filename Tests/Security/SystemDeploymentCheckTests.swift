import AirlockInstall
import Testing

@testable import airlock

/// The judgement behind `airlock doctor --system`, fact by fact: what a sound deployment looks
/// like, and each loosening that must fail its own line (what the real-user test cannot set up
/// without touching the machine's /etc: sudoers, a root broker).
@Suite struct SystemDeploymentCheckTests {
    typealias Path = SystemDeploymentCheck.PathFacts

    static let sound = SystemDeploymentCheck.Facts(
        systemUser: "airlock", systemUID: 990, callerUID: 1001, callerName: "agent", runDirectory: "/run/airlock",
        run: Path(kind: .directory, uid: 990, gid: 990, mode: 0o755), agentSocket: "/run/airlock/agent.sock",
        agent: Path(kind: .socket, uid: 990, gid: 990, mode: 0o666), reviewSocket: "/run/airlock/review.sock",
        review: Path(kind: .socket, uid: 990, gid: 990, mode: 0o666), stateDirectory: "/var/lib/airlock",
        state: Path(kind: .directory, uid: 990, gid: 990, mode: 0o700), stateWritableByCaller: false,
        configDirectory: "/etc/airlock", config: Path(kind: .directory, uid: 0, gid: 0, mode: 0o755),
        policyPath: "/etc/airlock/policy.toml", policy: nil, brokerUID: 990,
        hooks: [
            HookHealth(
                harness: "claude", path: "/home/agent/.claude/settings.json", isInstalled: true, timeout: "timeout 900",
                isTimeoutLongEnough: true, notes: [], isSystem: true)
        ],
        sudoersPath: "/etc/sudoers.d/airlock", sudoers: nil, sudoersText: nil)

    static func failing(_ facts: SystemDeploymentCheck.Facts) -> [String] {
        SystemDeploymentCheck.checks(facts).filter { !$0.isMet }.map(\.name)
    }

    @Test func aSoundDeploymentHoldsEveryCheck() {
        #expect(Self.failing(Self.sound).isEmpty)
        #expect(SystemDeploymentCheck.checks(Self.sound).count == 10)
    }

    static let loosenings: [(String, @Sendable (inout SystemDeploymentCheck.Facts) -> Void, String)] = [
        ("no system user", { $0.systemUID = nil }, "system user"),
        ("no broker", { $0.brokerUID = nil }, "broker"),
        ("a root broker", { $0.brokerUID = 0 }, "broker"),
        ("the agent's own broker", { $0.brokerUID = 1001 }, "broker"),
        ("a socket directory others may write", { $0.run?.mode = 0o1777 }, "socket directory"),
        ("agent.sock owned by the agent", { $0.agent?.uid = 1001 }, "agent.sock"),
        ("review.sock a plain file", { $0.review?.kind = .file }, "review.sock"),
        ("the store readable by all", { $0.state?.mode = 0o755 }, "state directory"),
        ("the store the agent's", { $0.state?.uid = 1001 }, "state directory"),
        ("the store writable through an ACL", { $0.stateWritableByCaller = true }, "state directory"),
        ("a policy directory the agent owns", { $0.config?.uid = 1001 }, "policy directory"),
        ("a group-writable policy file", { $0.policy = Path(kind: .file, uid: 0, gid: 0, mode: 0o664) }, "policy file"),
        ("a policy file that is a link", { $0.policy = Path(kind: .link, uid: 0, gid: 0, mode: 0o777) }, "policy file"),
        ("no hook", { $0.hooks = [] }, "hook"),
        ("a hook on the same-user socket", { $0.hooks[0].isSystem = false }, "hook"),
        (
            "sudoers with NOPASSWD",
            {
                $0.sudoers = Path(kind: .file, uid: 0, gid: 0, mode: 0o440)
                $0.sudoersText = "alice ALL=(airlock) NOPASSWD: /usr/local/bin/airlock\n"
            }, "sudoers"
        ),
        (
            "sudoers running as root",
            {
                $0.sudoers = Path(kind: .file, uid: 0, gid: 0, mode: 0o440)
                $0.sudoersText = "alice ALL=(ALL) /usr/local/bin/airlock\n"
            }, "sudoers"
        ),
        (
            "sudoers the agent may write",
            {
                $0.sudoers = Path(kind: .file, uid: 1001, gid: 0, mode: 0o440)
                $0.sudoersText = "alice ALL=(airlock) /usr/local/bin/airlock\n"
            }, "sudoers"
        ),
    ]

    @Test(arguments: loosenings.indices)
    func eachLooseningFailsItsOwnLine(_ index: Int) {
        let (what, change, line) = Self.loosenings[index]
        var facts = Self.sound
        change(&facts)
        let failing = Self.failing(facts)
        #expect(failing.contains(line), "\(what): \(failing)")
        if line != "system user" { #expect(failing == [line], "\(what) fails only its line: \(failing)") }
    }

    @Test func theDropInSetupWritesPasses() {
        var facts = Self.sound
        facts.sudoers = Path(kind: .file, uid: 0, gid: 0, mode: 0o440)
        facts.sudoersText = "# Written by `airlock setup --system`\nDefaults:alice timestamp_type=tty\nalice ALL=(airlock) /usr/local/bin/airlock\n"
        #expect(Self.failing(facts).isEmpty)
    }
}
