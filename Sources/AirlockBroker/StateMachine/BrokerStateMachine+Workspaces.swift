import AirlockCore
import AirlockWire
import FoundationEssentials

/// A repository's own rules and a workspace's boundaries: read off the event loop when the
/// machine asks, kept in `workspaces`. Policy never decides with repository rules older than
/// `repositoryPolicyLifetime`: a submission in a workspace whose rules are stale waits for them
/// (a removed allow rule or withdrawn trust must not be used once more). It never waits on
/// boundaries: until a report is in, the chosen mode stands.
extension BrokerStateMachine {
    func hasFreshRules(_ workspace: String, now: Date) -> Bool {
        guard let known = workspaces.rules[workspace] else { return false }
        return now.timeIntervalSince(known.loadedAt) < configuration.repositoryPolicyLifetime.seconds
    }

    /// Parks a submission until its repository's rules are read, asking for them once.
    mutating func awaitRules(
        _ waiting: WorkspaceKnowledge.AwaitingRules, workspace: String, _ effects: inout [BrokerEffect]
    ) {
        workspaces.awaiting[workspace, default: []].append(waiting)
        if workspaces.loading.insert(workspace).inserted {
            effects.append(.loadRepositoryPolicy(workspace: workspace))
        }
    }

    mutating func repositoryPolicyLoaded(
        _ workspace: String, rules: [PolicyRule], now: Date, _ effects: inout [BrokerEffect]
    ) {
        workspaces.loading.remove(workspace)
        workspaces.rules[workspace] = WorkspaceKnowledge.Rules(rules: rules, loadedAt: now)
        for waiting in workspaces.awaiting.removeValue(forKey: workspace) ?? [] {
            answerSubmission(
                waiting.answer, deadlineMs: waiting.deadlineMs, submittedAt: waiting.submittedAt, now: now, &effects)
        }
        workspaces.trim()
    }

    /// Asks for the boundaries of the action's workspace when they apply and the report is
    /// missing or older than `boundaryReportLifetime`.
    mutating func requestBoundaries(for action: Action, now: Date, _ effects: inout [BrokerEffect]) {
        guard configuration.appliesBoundaries, let workspace = action.workspaceRoot ?? action.cwd else { return }
        if let known = workspaces.reports[workspace],
            now.timeIntervalSince(known.measuredAt) < configuration.boundaryReportLifetime.seconds
        {
            return
        }
        if workspaces.measuring.insert(workspace).inserted {
            effects.append(.measureBoundaries(workspace: workspace))
        }
    }

    /// The workspace's rules as last read, for re-evaluating queued actions (they were decided
    /// with fresh ones when they arrived).
    func knownRules(_ workspace: String?) -> [PolicyRule] {
        workspace.flatMap { workspaces.rules[$0]?.rules } ?? []
    }

    func knownReport(for action: Action) -> BoundaryReport? {
        guard configuration.appliesBoundaries, let workspace = action.workspaceRoot ?? action.cwd else { return nil }
        return workspaces.reports[workspace]?.report
    }

    /// Denies submissions whose rules did not arrive by `cutoff` (all of them when nil): an
    /// unread policy never turns into an allow.
    mutating func denyAwaitingRules(
        olderThan cutoff: Date? = nil, now: Date, reason: String = "its repository's policy could not be read in time",
        _ effects: inout [BrokerEffect]
    ) {
        for (workspace, list) in workspaces.awaiting {
            let late = list.filter { waiting in cutoff.map { waiting.submittedAt <= $0 } ?? true }
            guard !late.isEmpty else { continue }
            let kept = list.filter { waiting in cutoff.map { waiting.submittedAt > $0 } ?? false }
            workspaces.awaiting[workspace] = kept.isEmpty ? nil : kept
            // A read that never came back is asked for again by the next submission.
            if kept.isEmpty { workspaces.loading.remove(workspace) }
            for waiting in late {
                let text = "Denied: \(reason) (\(workspace)/.airlock/policy.toml). Retry in a moment."
                send(waiting.answer, .deny, reason: text, source: .fallback, reviewer: nil, now: now, &effects)
            }
        }
    }

    /// Submissions from a connection that closed while they waited for rules: withdrawn, logged.
    mutating func withdrawAwaitingRules(from connection: ConnectionID, now: Date, _ effects: inout [BrokerEffect]) {
        for (workspace, list) in workspaces.awaiting {
            let gone = list.filter { $0.answer.requester == connection }
            guard !gone.isEmpty else { continue }
            let kept = list.filter { $0.answer.requester != connection }
            workspaces.awaiting[workspace] = kept.isEmpty ? nil : kept
            for waiting in gone {
                let reason = "Withdrawn: the agent disconnected before its policy was read."
                effects.append(
                    .appendDecision(
                        record(
                            waiting.answer, verdict: .deny, source: .withdrawn, reviewer: nil, reason: reason, now: now)
                    ))
            }
        }
    }
}
