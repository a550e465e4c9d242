import AirlockCore
import AirlockWire
import FoundationEssentials

extension BrokerStateMachine {
    /// Answers an action's requester and logs the decision.
    mutating func send(
        _ answer: Answer, _ verdict: FinalVerdict, reason: String, source: Decision.Source, reviewer: String?,
        reviewerIdentity: String? = nil, now: Date, _ effects: inout [BrokerEffect]
    ) {
        rememberHookDecision(answer, verdict, reason: reason, now: now)
        noteAnswered(answer, verdict, source: source)
        if let requestID = answer.requestID {
            let result = SubmitResult(id: answer.id, decision: verdict, reason: reason, source: source)
            effects.append(.sendResult(answer.requester, requestID, .submit(result)))
        }
        var entry = record(
            answer, verdict: verdict.verdict, source: source, reviewer: reviewer, reason: reason, now: now)
        entry.reviewerIdentity = reviewerIdentity
        log(entry, &effects)
    }

    /// Answers a pending action and takes it out of the queue, telling consoles.
    mutating func resolve(
        _ item: PendingAction, _ verdict: FinalVerdict, reason: String, source: Decision.Source, reviewer: String?,
        reviewerIdentity: String? = nil, now: Date, _ effects: inout [BrokerEffect]
    ) {
        pending[item.id] = nil
        settleIfPublished(item.id, .answered(verdict, reason: reason), &effects)
        remember(item.id, "\(verdict == .allow ? "allowed" : "denied") (\(source))")
        send(
            item.answer, verdict, reason: reason, source: source, reviewer: reviewer,
            reviewerIdentity: reviewerIdentity, now: now, &effects)
        let resolved = ActionResolved(
            id: item.id, decision: verdict, reason: reason, source: source, reviewer: reviewer)
        notify(.actionResolved(resolved), &effects)
    }

    /// Takes a pending action out of the queue without a reviewer: denied at its deadline, or
    /// withdrawn (`source` nil) when its requester is gone and nobody is left to answer.
    mutating func expire(
        _ item: PendingAction, cause: ActionExpired.Cause, reason: String, source: Decision.Source?, now: Date,
        _ effects: inout [BrokerEffect]
    ) {
        pending[item.id] = nil
        settleIfPublished(item.id, source == nil ? .withdrawn : .expired(reason: reason), &effects)
        if let source {
            remember(item.id, "denied (\(source))")
            send(item.answer, .deny, reason: reason, source: source, reviewer: nil, now: now, &effects)
        } else {
            remember(item.id, "withdrawn by the agent")
            let entry = record(item.answer, verdict: .deny, source: .withdrawn, reviewer: nil, reason: reason, now: now)
            log(entry, &effects)
        }
        notify(.actionExpired(ActionExpired(id: item.id, cause: cause, reason: reason)), &effects)
    }

    /// Puts a new exception in force and resolves the pending actions policy now answers.
    /// Returns the ids it resolved.
    mutating func install(
        _ exception: PolicyException, sample: Assessment?, now: Date, _ effects: inout [BrokerEffect]
    ) -> [String] {
        exceptions.append(exception)
        changedHere(exception.id)
        effects.append(.saveException(exception, sample: sample))
        var resolutions: [BrokerEffect] = []
        let resolved = resolveCovered(now: now, &resolutions).map(\.id)
        notify(.exceptionGranted(ExceptionGranted(exception: exception, resolved: resolved)), &effects)
        effects += resolutions
        return resolved
    }

    /// Evaluates every pending action again and answers those policy now decides, oldest
    /// first, counting exception uses as it goes (an exception with one use left resolves one).
    @discardableResult
    mutating func resolveCovered(now: Date, _ effects: inout [BrokerEffect]) -> [(id: String, exceptionID: String?)] {
        var resolved: [(id: String, exceptionID: String?)] = []
        for item in orderedPending {
            let decision = decide(item.action, item.assessment, submitter: item.submitter, now: now)
            guard let verdict = FinalVerdict(decision.verdict) else { continue }
            resolve(item, verdict, reason: decision.reason, source: decision.source, reviewer: nil, now: now, &effects)
            if verdict == .allow, let exceptionID = decision.source.exceptionID {
                countUse(of: exceptionID, now: now, &effects)
            }
            resolved.append((item.id, decision.source.exceptionID))
        }
        return resolved
    }

    /// Counts one use of an allow exception; one that runs out of uses expires now.
    mutating func countUse(of exceptionID: String, now: Date, _ effects: inout [BrokerEffect]) {
        guard let index = exceptions.firstIndex(where: { $0.id == exceptionID }) else { return }
        changedHere(exceptionID)
        effects.append(.recordUse(exceptionID: exceptionID))
        guard let left = exceptions[index].usesLeft else { return }
        exceptions[index].usesLeft = max(0, left - 1)
        if left <= 1 {
            let spent = exceptions.remove(at: index)
            retired.insert(spent.id)
            notify(.exceptionExpired(ExceptionExpired(exception: spent)), &effects)
        }
    }

    mutating func expireExceptions(now: Date, _ effects: inout [BrokerEffect]) {
        guard exceptions.contains(where: { !$0.isActive(at: now) }) else { return }
        let ended = exceptions.filter { !$0.isActive(at: now) }
        exceptions.removeAll { !$0.isActive(at: now) }
        retired.formUnion(ended.map(\.id))
        for exception in ended {
            notify(.exceptionExpired(ExceptionExpired(exception: exception)), &effects)
        }
    }

    /// Builds the exception a reviewer asked for and checks it against the grant rules:
    /// an expiry within the cap, and no allow for the hard or integrity floor.
    mutating func makeException(
        _ grant: ExceptionGrant, reviewer: String, now: Date, samples: [Assessment]
    ) -> Result<PolicyException, RPCError> {
        if let uses = grant.usesLeft, uses < 1 {
            return .failure(RPCError(.exceptionRefused, "exception refused: usesLeft must be at least 1"))
        }
        var exception = PolicyException(
            id: "", effect: grant.effect, scope: grant.scope, binding: grant.binding, createdAt: now,
            expiresAt: now.addingTimeInterval(Double(grant.ttlSeconds)), usesLeft: grant.usesLeft, grantedBy: reviewer,
            reason: grant.reason)
        do {
            try exception.validate(now: now, maximumSeconds: configuration.maximumExceptionSeconds)
            for sample in samples {
                try exception.validate(now: now, maximumSeconds: configuration.maximumExceptionSeconds, sample: sample)
            }
        } catch {
            return .failure(RPCError(.exceptionRefused, "exception refused: \(error)"))
        }
        exception.id = "x-\(idPrefix)-\(nextExceptionNumber)"
        nextExceptionNumber += 1
        return .success(checks.seal(exception))
    }

    /// Why `connection` may not decide for these agents, or nil when it may: it is one of their
    /// processes or descends from one, or it sits at one of their terminals. A reviewer whose
    /// process cannot be identified is refused whenever there is an agent to protect, and so is
    /// every reviewer of an agent that could not be told apart from everything (pid 1).
    func selfApprovalRefusal(
        _ connection: ConnectionID, agents: [AgentIdentity], what: String
    ) -> (error: RPCError, log: String)? {
        let pids = Set(agents.flatMap(\.pids).filter { $0 > 0 })
        guard !pids.isEmpty else { return nil }
        guard let pid = connections[connection]?.credentials.pid else {
            return (
                RPCError(
                    .selfApprovalRefused,
                    "refused: the reviewer's process could not be identified, so it cannot be "
                        + "shown to be outside the requesting agent's process tree"),
                "refused \(what) from connection \(connection): reviewer pid unknown"
            )
        }
        if pids.contains(1) {
            return (
                RPCError(
                    .selfApprovalRefused,
                    "refused: the requesting process was orphaned (its parent is init), so no reviewer can be shown "
                        + "to be outside it; such an action is answered only by its deadline or an exception"),
                "refused \(what) from pid \(pid): the requesting agent could not be identified (orphaned submitter)"
            )
        }
        if let terminal = processes.terminal(pid), terminal != 0, agents.contains(where: { $0.terminals.contains(terminal) }) {
            let name = ProcessFacts.terminalName(terminal)
            return (
                RPCError(
                    .selfApprovalRefused,
                    "refused: this comes from the requesting agent's own terminal (\(name)); "
                        + "an agent cannot approve its own actions"),
                "refused self-approval: pid \(pid) at the agent's terminal \(name) tried to \(what)"
            )
        }
        guard let agent = pids.sorted().first(where: { pid == $0 || processes.isDescendant(pid, $0) }) else {
            return nil
        }
        return (
            RPCError(
                .selfApprovalRefused,
                "refused: this comes from inside the requesting agent's own process tree "
                    + "(pid \(pid) descends from agent pid \(agent)); an agent cannot approve its own actions",
                data: .object(["pid": .number(Double(pid)), "agentPID": .number(Double(agent))])),
            "refused self-approval: pid \(pid) (connection \(connection)) tried to \(what); it descends from agent pid \(agent)"
        )
    }

    // MARK: Small helpers

    mutating func reply(
        _ connection: ConnectionID, _ requestID: RequestID?, _ result: ServerResult, _ effects: inout [BrokerEffect]
    ) {
        guard let requestID else { return }
        effects.append(.sendResult(connection, requestID, result))
    }

    mutating func fail(
        _ connection: ConnectionID, _ requestID: RequestID?, _ error: RPCError, _ effects: inout [BrokerEffect]
    ) {
        // Errors are reported even for notifications (id null), so a typo in a console is seen.
        effects.append(.sendError(connection, requestID ?? .null, error))
    }

    func notify(_ notification: ServerNotification, _ effects: inout [BrokerEffect]) {
        guard !subscribers.isEmpty else { return }
        effects.append(.notify(subscribers, notification))
    }

    /// Policy's decision for one action: the user's rules and its repository's own, the
    /// exceptions in force, under its workspace's boundaries once measured. `boundariesLate`:
    /// the first report did not come within the probe budget, and until it does the action is
    /// judged read-only (the stricter of the chosen mode and read-only).
    func decide(
        _ action: Action, _ assessment: Assessment, boundariesLate: Bool = false, submitter: String? = nil, now: Date
    ) -> Decision {
        requiringApprovers(
            policyDecision(action, assessment, boundariesLate: boundariesLate, now: now), action, assessment,
            submitter: submitter)
    }

    private func policyDecision(_ action: Action, _ assessment: Assessment, boundariesLate: Bool, now: Date) -> Decision {
        var context = PolicyContext(
            mode: configuration.mode, rules: configuration.rules + knownRules(action.workspaceRoot),
            exceptions: exceptions, now: now)
        let report = knownReport(for: action)
        guard boundariesLate, report == nil, let workspace = boundaryWorkspace(action) else {
            return holdingRunnerSteps(
                PolicyEngine.evaluate(action, assessment, context: context, boundaries: report), action, assessment)
        }
        context.mode = min(context.mode, .readOnly)
        var decision = PolicyEngine.evaluate(action, assessment, context: context)
        switch decision.source {
        case .mode, .unmatched:
            decision.reason +=
                " (read-only: the boundaries of \(workspace) were not measured within "
                + "\(Self.describe(seconds: configuration.boundaryProbeBudget.seconds)))"
        default: break
        }
        return holdingRunnerSteps(decision, action, assessment)
    }

    /// Why an action that needs a human is denied when no console is open, and what to do: for
    /// an untrusted repository, exactly how to trust it.
    func noConsoleReason(_ answer: Answer, _ decision: Decision) -> String {
        if let report = knownReport(for: answer.action), !report.isTrusted {
            let command = "airlock trust \(ShellQuote.word(report.workspace))"
            return "Denied: \(report.workspace) is not a trusted repository, so Airlock keeps it read-only and "
                + "\(answer.assessment.summary) needs a human, but no Airlock console is open to review it. "
                + "After inspecting the repository, the user can trust it with `\(command)`, open the console "
                + "(`airlock` in a tmux pane) to review each action, or grant a time-boxed exception "
                + "(`airlock policy grant`); then retry."
        }
        return "Denied: this needs a human and no Airlock console is open to review it. "
            + "Ask the user to open one (`airlock` in a tmux pane) or to grant a time-boxed exception "
            + "(`airlock policy grant`), then retry. (\(decision.reason))"
    }

    mutating func makeActionID() -> String {
        defer { nextActionNumber += 1 }
        return "\(idPrefix)-\(nextActionNumber)"
    }

    var orderedPending: [PendingAction] { pending.values.sorted { $0.sequence < $1.sequence } }

    mutating func remember(_ id: String, _ outcome: String) {
        resolvedRecently[id] = outcome
        resolvedOrder.append(id)
        if resolvedOrder.count > 2 * Self.resolvedMemory {
            for old in resolvedOrder.prefix(Self.resolvedMemory) { resolvedRecently[old] = nil }
            resolvedOrder.removeFirst(Self.resolvedMemory)
        }
    }

    func record(
        _ answer: Answer, verdict: Verdict, source: Decision.Source, reviewer: String?, reason: String, now: Date
    ) -> DecisionRecord {
        let summary = answer.action.logSummary
        let loggedSummary = Self.clipped(redactor.redact(summary))
        // A shell command is its own summary: redacted once.
        let logged: (String) -> String = { $0 == summary ? loggedSummary : Self.clipped(redactor.redact($0)) }
        return DecisionRecord(
            time: now, actionID: answer.id, harness: answer.action.harness, session: answer.action.session,
            workspace: answer.action.workspaceRoot, summary: loggedSummary,
            subject: answer.action.kind.loggedForm(logged),
            categories: answer.assessment.categories, risk: answer.assessment.risk, verdict: verdict, source: source,
            reviewer: reviewer, reason: logged(reason))
    }

    /// Log fields stay readable: long commands are cut (after redaction, so no secret is split
    /// into a form the redactor no longer recognises).
    static func clipped(_ text: String, limit: Int = 2000) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "…"
    }

    static func humanReason(_ verdict: FinalVerdict, reviewer: String, reason: String?) -> String {
        let why = reason.flatMap(nonEmpty).map { ": \($0)" } ?? "."
        return (verdict == .allow ? "Allowed by \(reviewer)" : "Denied by \(reviewer)") + why
    }

    static func nonEmpty(_ text: String) -> String? {
        let trimmed = text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()
        return trimmed.isEmpty ? nil : String(trimmed)
    }

    /// "45s", "10m", "1h", "1h30m", "2m5s": how long, as people say it.
    static func describe(seconds: Double) -> String {
        if seconds > 0 && seconds < 1 { return "\(Int(seconds * 1000))ms" }
        let total = max(0, Int(seconds.rounded()))
        let hours = total / 3600, minutes = total % 3600 / 60, rest = total % 60
        if hours > 0 { return minutes == 0 ? "\(hours)h" : "\(hours)h\(minutes)m" }
        if minutes > 0 { return rest == 0 ? "\(minutes)m" : "\(minutes)m\(rest)s" }
        return "\(total)s"
    }
}
