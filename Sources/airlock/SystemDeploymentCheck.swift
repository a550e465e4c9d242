import AirlockInstall
import Foundation

/// `airlock doctor --system`: whether the separated deployment (docs/security.md) holds as set
/// up — who owns each socket and directory, who may write them, which broker answers, where the
/// hooks point, what sudo lets reviewers do. Pure: facts in, one check per line out;
/// `DoctorCommand` gathers the facts.
struct SystemDeploymentCheck {
    /// What `stat` (without following links) says of one path.
    struct PathFacts: Equatable {
        enum Kind: Equatable { case directory, socket, file, link, other }
        var kind: Kind
        var uid: UInt32
        var gid: UInt32
        /// The permission bits (`0o755`).
        var mode: UInt32
    }

    struct Facts: Equatable {
        var systemUser: String
        var systemUID: UInt32?
        /// Who runs doctor.
        var callerUID: UInt32
        var callerName: String
        var runDirectory: String
        var run: PathFacts?
        var agentSocket: String
        var agent: PathFacts?
        var reviewSocket: String
        var review: PathFacts?
        var stateDirectory: String
        var state: PathFacts?
        /// Whether the caller may write the state directory (`access(W_OK)`).
        var stateWritableByCaller: Bool
        var configDirectory: String
        var config: PathFacts?
        /// The policy file, nil when there is none.
        var policyPath: String
        var policy: PathFacts?
        /// The uid of the broker answering on agent.sock, from the kernel; nil when none answers.
        var brokerUID: UInt32?
        /// Airlock's hook in the caller's harness settings (installed ones only).
        var hooks: [HookHealth]
        var sudoersPath: String
        var sudoers: PathFacts?
        var sudoersText: String?
    }

    typealias Check = DeploymentReport.Check

    static func checks(_ facts: Facts) -> [Check] {
        let user = facts.systemUser
        let setup = "sudo airlock setup --system"
        var checks: [Check] = []
        guard let system = facts.systemUID else {
            return [Check(name: "system user", isMet: false, detail: "no account named \(user)", fix: setup)]
        }
        checks.append(Check(name: "system user", isMet: true, detail: "\(user) (uid \(system))"))

        let broker: Check
        switch facts.brokerUID {
        case nil:
            broker = Check(name: "broker", isMet: false, detail: "nothing answers on \(facts.agentSocket)", fix: setup)
        case system?:
            broker = Check(name: "broker", isMet: true, detail: "answers on \(facts.agentSocket) as \(user)")
        case let other?:
            broker = Check(
                name: "broker", isMet: false,
                detail: "answers on \(facts.agentSocket) as uid \(other), not \(user): hooks with --system refuse it",
                fix: "stop it; start airlock serve --system as \(user)")
        }
        checks.append(broker)

        checks.append(
            owned(
                "socket directory", facts.runDirectory, facts.run, kind: .directory, by: system, user,
                noWriteBy: 0o022, why: "only \(user) may put a socket there", fix: setup))
        for (name, path, found) in [
            ("agent.sock", facts.agentSocket, facts.agent), ("review.sock", facts.reviewSocket, facts.review),
        ] {
            checks.append(
                owned(
                    name, path, found, kind: .socket, by: system, user, noWriteBy: 0,
                    why: name == "agent.sock" ? "agents submit here" : "reviewers authenticate here", fix: setup))
        }

        var state = owned(
            "state directory", facts.stateDirectory, facts.state, kind: .directory, by: system, user,
            noWriteBy: 0o077, why: "the store, the log and the seal key: only \(user) reads or writes them",
            fix: "sudo chown \(user) \(facts.stateDirectory) && sudo chmod 700 \(facts.stateDirectory)")
        if state.isMet, facts.callerUID != 0, facts.callerUID != system, facts.stateWritableByCaller {
            state.isMet = false
            state.detail = "\(facts.callerName) may write \(facts.stateDirectory)"
        }
        checks.append(state)

        checks.append(
            owned(
                "policy directory", facts.configDirectory, facts.config, kind: .directory, by: 0, "root",
                noWriteBy: 0o022, why: "root's to change", fix: "sudo chown root \(facts.configDirectory) && sudo chmod 755 \(facts.configDirectory)"))
        if facts.policy == nil {
            checks.append(Check(name: "policy file", isMet: true, detail: "no \(facts.policyPath): the defaults apply"))
        } else {
            checks.append(
                owned(
                    "policy file", facts.policyPath, facts.policy, kind: .file, by: 0, "root", noWriteBy: 0o022,
                    why: "root's to change", fix: "sudo chown root \(facts.policyPath) && sudo chmod 644 \(facts.policyPath)"))
        }

        checks.append(hookCheck(facts))
        checks.append(sudoersCheck(facts))
        return checks
    }

    /// A path that must exist as `kind`, belong to `owner`, and give no write (bits in `noWriteBy`) to others.
    static func owned(
        _ name: String, _ path: String, _ found: PathFacts?, kind: PathFacts.Kind, by owner: UInt32, _ ownerName: String,
        noWriteBy forbidden: UInt32, why: String, fix: String
    ) -> Check {
        guard let found else { return Check(name: name, isMet: false, detail: "\(path) is missing", fix: fix) }
        let mode = String(found.mode, radix: 8)
        guard found.kind == kind else {
            return Check(name: name, isMet: false, detail: "\(path) is not a \(kind) (a \(found.kind))", fix: fix)
        }
        guard found.uid == owner else {
            return Check(
                name: name, isMet: false, detail: "\(path) belongs to uid \(found.uid), not \(ownerName)", fix: fix)
        }
        guard found.mode & forbidden == 0 else {
            return Check(name: name, isMet: false, detail: "\(path) is \(mode): others may change it", fix: fix)
        }
        return Check(name: name, isMet: true, detail: "\(path) \(mode) \(ownerName): \(why)")
    }

    static func hookCheck(_ facts: Facts) -> Check {
        let fix = "airlock install <harness> --system"
        guard !facts.hooks.isEmpty else {
            return Check(
                name: "hook", isMet: false, detail: "no harness of \(facts.callerName) runs Airlock's hook", fix: fix)
        }
        let local = facts.hooks.filter { !$0.isSystem }
        guard local.isEmpty else {
            let files = local.map(\.path).joined(separator: ", ")
            return Check(
                name: "hook", isMet: false,
                detail: "\(files): the hook asks the same-user socket, not \(facts.agentSocket)", fix: fix)
        }
        let names = facts.hooks.map(\.harness).joined(separator: ", ")
        return Check(name: "hook", isMet: true, detail: "\(names): --system, agent.sock, believes only \(facts.systemUser)")
    }

    /// The drop-in `setup --reviewer` writes: root's, read-only, running Airlock only as its
    /// user, and each reviewer's own password (no NOPASSWD).
    static func sudoersCheck(_ facts: Facts) -> Check {
        guard let found = facts.sudoers else {
            return Check(name: "sudoers", isMet: true, detail: "no \(facts.sudoersPath): reviewers use their passphrase")
        }
        let fix = "sudo airlock setup --system --reviewer NAME (it rewrites \(facts.sudoersPath))"
        let file = owned(
            "sudoers", facts.sudoersPath, found, kind: .file, by: 0, "root", noWriteBy: 0o022, why: "",
            fix: fix)
        guard file.isMet else { return file }
        let rules = (facts.sudoersText ?? "").split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") && !$0.hasPrefix("Defaults") }
        for rule in rules {
            if rule.uppercased().contains("NOPASSWD") {
                return Check(
                    name: "sudoers", isMet: false, detail: "\(rule): NOPASSWD lets an agent as that user reach Airlock",
                    fix: fix)
            }
            if !rule.contains("(\(facts.systemUser))") {
                return Check(
                    name: "sudoers", isMet: false, detail: "\(rule): runs as someone other than \(facts.systemUser)",
                    fix: fix)
            }
        }
        return Check(
            name: "sudoers", isMet: true,
            detail: "\(facts.sudoersPath): \(rules.count) reviewer line(s), as \(facts.systemUser), with their own password")
    }
}
