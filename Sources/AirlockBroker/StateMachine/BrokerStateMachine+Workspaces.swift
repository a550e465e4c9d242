import AirlockCore
import AirlockWire
import FoundationEssentials

/// A repository's own rules and a workspace's boundaries: read off the event loop when the
/// machine asks, kept in `workspaces`. Policy never decides with repository rules older than
/// `repositoryPolicyLifetime`: a submission in a workspace whose rules are stale waits for them
/// (a removed allow rule or withdrawn trust must not be used once more). A submission in a
/// workspace whose boundaries were never measured waits for the first report up to
/// `boundaryProbeBudget`, so the first action gets the answer the hundredth does; past the
/// budget it is judged read-only. A report that is only old is measured again while the old
/// one decides.
extension BrokerStateMachine {
    func hasFreshRules(_ workspace: String, now: Date) -> Bool {
        guard let known = workspaces.rules[workspace] else { return false }
        return now.timeIntervalSince(known.loadedAt) < configuration.repositoryPolicyLifetime.seconds
    }

    /// The workspace whose boundaries apply to `action`.
    func boundaryWorkspace(_ action: Action) -> String? {
        guard configuration.appliesBoundaries else { return nil }
        return action.workspaceRoot ?? action.cwd
    }

    /// Whether the action's workspace has no boundary report yet (none was ever measured).
    func lacksBoundaries(_ action: Action) -> String? {
        guard let workspace = boundaryWorkspace(action), workspaces.reports[workspace] == nil else { return nil }
        return workspace
    }

    /// Parks a submission until what it waits for is in, asking for the rules once.
    mutating func park(_ waiting: WorkspaceKnowledge.Awaiting, _ effects: inout [BrokerEffect]) {
        workspaces.awaiting.append(waiting)
        if let workspace = waiting.rules, workspaces.loading.insert(workspace).inserted {
            effects.append(.loadRepositoryPolicy(workspace: workspace))
        }
    }

    mutating func repositoryPolicyLoaded(
        _ workspace: String, rules: [PolicyRule], now: Date, _ effects: inout [BrokerEffect]
    ) {
        workspaces.loading.remove(workspace)
        workspaces.rules[workspace] = WorkspaceKnowledge.Rules(rules: rules, loadedAt: now)
        for index in workspaces.awaiting.indices where workspaces.awaiting[index].rules == workspace {
            workspaces.awaiting[index].rules = nil
        }
        answerReady(now: now, &effects)
        workspaces.trim()
    }

    mutating func boundariesMeasured(
        _ workspace: String, report: BoundaryReport?, now: Date, _ effects: inout [BrokerEffect]
    ) {
        workspaces.measuring.remove(workspace)
        // Measured before the trusted list changed: it may say the opposite of what holds now.
        if workspaces.invalidated.remove(workspace) != nil {
            measureBoundaries(workspace, &effects)
            return
        }
        workspaces.reports[workspace] = WorkspaceKnowledge.Report(report: report, measuredAt: now)
        workspaces.late.remove(workspace)
        if let report {
            notify(.boundariesMeasured(BoundariesMeasured(workspace: workspace, report: report)), &effects)
        }
        for index in workspaces.awaiting.indices where workspaces.awaiting[index].boundaries == workspace {
            workspaces.awaiting[index].boundaries = nil
        }
        answerReady(now: now, &effects)
        workspaces.trim()
    }

    /// Answers, in arrival order, the waiting submissions that no longer wait for anything.
    mutating func answerReady(now: Date, _ effects: inout [BrokerEffect]) {
        guard workspaces.awaiting.contains(where: { $0.rules == nil && $0.boundaries == nil }) else { return }
        let ready = workspaces.awaiting.filter { $0.rules == nil && $0.boundaries == nil }
        workspaces.awaiting.removeAll { $0.rules == nil && $0.boundaries == nil }
        for waiting in ready {
            answerSubmission(
                waiting.answer, deadlineMs: waiting.deadlineMs, submittedAt: waiting.submittedAt,
                boundariesLate: waiting.boundariesLate, now: now, &effects)
        }
    }

    /// Asks for the boundaries of the action's workspace when they apply and the report is
    /// missing or older than `boundaryReportLifetime`.
    /// `account` is the submitter's uid in the separated deployment (nil otherwise): a report
    /// measured for another account is dropped and measured again for this one.
    mutating func requestBoundaries(
        for action: Action, account: UInt32? = nil, now: Date, _ effects: inout [BrokerEffect]
    ) {
        guard let workspace = boundaryWorkspace(action) else { return }
        if let account, workspaces.accounts.updateValue(account, forKey: workspace) != account {
            workspaces.reports[workspace] = nil
            if workspaces.measuring.contains(workspace) { workspaces.invalidated.insert(workspace) }
        }
        if let known = workspaces.reports[workspace],
            now.timeIntervalSince(known.measuredAt) < configuration.boundaryReportLifetime.seconds
        {
            return
        }
        measureBoundaries(workspace, &effects)
    }

    /// Measures a workspace's boundaries unless a measurement is already on its way.
    mutating func measureBoundaries(_ workspace: String, _ effects: inout [BrokerEffect]) {
        if workspaces.measuring.insert(workspace).inserted {
            effects.append(.measureBoundaries(workspace: workspace, account: workspaces.accounts[workspace]))
        }
    }

    /// The workspace's rules as last read, for re-evaluating queued actions (they were decided
    /// with fresh ones when they arrived).
    func knownRules(_ workspace: String?) -> [PolicyRule] {
        workspace.flatMap { workspaces.rules[$0]?.rules } ?? []
    }

    func knownReport(for action: Action) -> BoundaryReport? {
        boundaryWorkspace(action).flatMap { workspaces.reports[$0]?.report }
    }

    /// The clock for waiting submissions: rules that did not arrive in time deny; a boundary
    /// report that did not arrive within the probe budget stops being waited for (the action is
    /// judged read-only).
    mutating func awaitingTicked(now: Date, _ effects: inout [BrokerEffect]) {
        guard !workspaces.awaiting.isEmpty else { return }
        let budget = now.addingTimeInterval(-configuration.boundaryProbeBudget.seconds)
        var late = false
        for index in workspaces.awaiting.indices
        where workspaces.awaiting[index].boundaries != nil && workspaces.awaiting[index].submittedAt <= budget {
            if let workspace = workspaces.awaiting[index].boundaries { workspaces.late.insert(workspace) }
            workspaces.awaiting[index].boundaries = nil
            workspaces.awaiting[index].boundariesLate = true
            late = true
        }
        denyAwaitingRules(
            olderThan: now.addingTimeInterval(-configuration.repositoryPolicyTimeout.seconds), now: now, &effects)
        if late { answerReady(now: now, &effects) }
    }

    /// Denies submissions whose rules did not arrive by `cutoff` (all that wait for anything
    /// when nil): an unread policy never turns into an allow.
    mutating func denyAwaitingRules(
        olderThan cutoff: Date? = nil, now: Date, reason: String = "its repository's policy could not be read in time",
        _ effects: inout [BrokerEffect]
    ) {
        let isLate = { (waiting: WorkspaceKnowledge.Awaiting) -> Bool in
            guard let cutoff else { return true }
            return waiting.rules != nil && waiting.submittedAt <= cutoff
        }
        guard workspaces.awaiting.contains(where: isLate) else { return }
        let late = workspaces.awaiting.filter(isLate)
        workspaces.awaiting.removeAll(where: isLate)
        // A read that never came back is asked for again by the next submission.
        let stillWaited = Set(workspaces.awaiting.compactMap(\.rules))
        for workspace in Set(late.compactMap(\.rules)) where !stillWaited.contains(workspace) {
            workspaces.loading.remove(workspace)
        }
        for waiting in late {
            let place = waiting.rules ?? waiting.boundaries ?? waiting.answer.action.workspaceRoot ?? "its workspace"
            let what = waiting.rules != nil ? "/.airlock/policy.toml" : ""
            let text = "Denied: \(reason) (\(place)\(what)). Retry in a moment."
            send(waiting.answer, .deny, reason: text, source: .fallback, reviewer: nil, now: now, &effects)
        }
    }

    /// Submissions from a connection that closed while they waited: withdrawn, logged.
    mutating func withdrawAwaiting(from connection: ConnectionID, now: Date, _ effects: inout [BrokerEffect]) {
        guard workspaces.awaiting.contains(where: { $0.answer.requester == connection }) else { return }
        let gone = workspaces.awaiting.filter { $0.answer.requester == connection }
        workspaces.awaiting.removeAll { $0.answer.requester == connection }
        for waiting in gone {
            let reason = "Withdrawn: the agent disconnected before its policy was read."
            log(
                record(waiting.answer, verdict: .deny, source: .withdrawn, reviewer: nil, reason: reason, now: now),
                &effects)
        }
    }
}
