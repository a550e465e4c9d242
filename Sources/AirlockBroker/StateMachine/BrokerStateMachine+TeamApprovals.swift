import AirlockCore
import AirlockWire
import FoundationEssentials

/// Approvals across a team: an approval of an action the policy asks several for is appended
/// to the action's row in the team's queue (under the row's lock, so two at once both count),
/// sealed with the team's key; the broker holding the action checks every seal against its
/// own copy of what it published, judges the approvals with its own policy and answers its
/// hook once they meet it. Every console sees the approvals so far.
extension BrokerStateMachine {
    /// Whether a console's allow of these actions goes through approvals rather than a claim:
    /// some action among them needs more than one approval by anyone.
    func needsApprovals(own: [PendingAction], others: [String]) -> Bool {
        guard !configuration.reviewers.requirements.isEmpty else { return false }
        return own.contains { !requirements($0.action, $0.assessment).isEmpty }
            || others.contains { id in
                teamQueue.others[id].map { !requirements($0.action, $0.assessment).isEmpty } ?? false
            }
    }

    /// What approving an action in the team's queue is judged on: its facts, the approvals it
    /// has so far, the digest the seals cover.
    private func approvalFacts(_ id: String) -> (requirements: [ApprovalRequirement], approvals: [RecordedApproval], submitter: String?, digest: String)? {
        if let item = pending[id] {
            let digest = teamQueue.digests[id] ?? Self.digest(of: queued(item).redacted(by: redactor))
            return (requirements(item.action, item.assessment), item.approvals, item.submitter, digest)
        }
        if let item = teamQueue.others[id] {
            return (
                requirements(item.action, item.assessment), teamQueue.approvals[id] ?? [], item.submitter,
                Self.digest(of: item)
            )
        }
        return nil
    }

    /// Asks the store to append a console's approval to each action (those it would add
    /// nothing to are refused here, and why).
    mutating func approveInTeam(_ request: TeamQueueState.Approval, _ effects: inout [BrokerEffect]) {
        var request = request
        var asks: [String: ApprovalRequest] = [:]
        for id in request.own + request.others {
            guard let facts = approvalFacts(id) else { continue }
            let outcome = ApprovalJudgement.judge(
                facts.requirements, policy: configuration.reviewers, approvals: facts.approvals.map(\.reviewer),
                reviewer: request.approval.reviewer, submitter: facts.submitter)
            if case .notCounted(let why) = outcome {
                request.failed.append(.init(id: id, code: .approvalNotCounted, message: "\(id) not counted: \(why)"))
                continue
            }
            let seals = (0..<TeamQueueState.approvalSeals).map { number in
                checks.sealDecision(
                    QueueDecisionFacts(
                        actionID: id, itemDigest: facts.digest, verdict: .allow, reviewer: request.approval.reviewer,
                        reviewerIdentity: request.approval.identity, reason: request.approval.reason ?? "",
                        approval: number))
            }
            asks[id] = ApprovalRequest(
                reviewer: request.approval.reviewer, reviewerIdentity: request.approval.identity,
                reason: request.approval.reason ?? "", seals: seals)
        }
        guard !asks.isEmpty else {
            let first = request.failed.first
            let error = RPCError(
                code: first?.code ?? RPCErrorCode.notFound.rawValue, message: first?.message ?? "nothing to approve")
            return fail(request.connection, request.requestID, error, &effects)
        }
        request.own = request.own.filter { asks[$0] != nil }
        request.others = request.others.filter { asks[$0] != nil }
        let number = teamQueue.nextClaim
        teamQueue.nextClaim += 1
        teamQueue.approving[number] = request
        effects.append(.approveInQueue(request: number, asks))
    }

    /// Applies the store's answer to approvals and replies to the console that gave them.
    /// Without an answer (the store unreachable) this broker's own actions are approved here,
    /// where nobody else can reach them meanwhile; other brokers' are left to them.
    mutating func approvalsRecorded(
        _ number: UInt64, outcomes: [String: ApprovalClaim]?, now: Date, _ effects: inout [BrokerEffect]
    ) {
        guard let request = teamQueue.approving.removeValue(forKey: number) else { return }
        var resolved: [String] = []
        var waiting: [DecideResult.Waiting] = []
        var failed = request.failed
        for id in request.own + request.others {
            let outcome: ApprovalClaim
            if let outcomes {
                outcome = outcomes[id] ?? .unknown
            } else if pending[id] != nil {
                switch approve(id, by: request.approval) {
                case .complete(let approvals):
                    if let item = pending[id] { resolveApproved(item, approvals, now: now, &effects) }
                    resolved.append(id)
                case .waiting(let needs):
                    waiting.append(.init(id: id, needs: needs))
                    if let item = pending[id] { notify(.actionQueued(ActionQueued(item: queued(item))), &effects) }
                case .notCounted(let why):
                    failed.append(.init(id: id, code: .approvalNotCounted, message: "\(id) not counted: \(why)"))
                }
                continue
            } else {
                failed.append(
                    .init(
                        id: id, code: .internalError,
                        message: "\(id) was not approved: the team's store cannot be reached; its own broker decides it"))
                continue
            }
            switch outcome {
            case .recorded(let list):
                if pending[id] != nil {
                    if applyApprovals(id, list, now: now, &effects) {
                        resolved.append(id)
                    } else {
                        waiting.append(.init(id: id, needs: pending[id].flatMap { approvalNeeds($0) } ?? "more approvals"))
                    }
                } else if let item = teamQueue.others[id] {
                    let verified = verifiedApprovals(id, list, digest: Self.digest(of: item), &effects)
                    teamQueue.approvals[id] = verified
                    let status = ApprovalJudgement.status(
                        requirements(item.action, item.assessment), policy: configuration.reviewers,
                        approvals: verified.map(\.reviewer), submitter: item.submitter)
                    let from = item.origin.map { " on \($0.label)" } ?? ""
                    switch status {
                    case .needsMore(let needs): waiting.append(.init(id: id, needs: needs))
                    default: waiting.append(.init(id: id, needs: "nothing more: its own broker\(from) answers it"))
                    }
                    notify(.actionQueued(ActionQueued(item: displayed(item))), &effects)
                }
            case .lost(let what):
                failed.append(.init(id: id, code: .alreadyResolved, message: "\(id) was already resolved: \(what)"))
            case .unknown:
                failed.append(.init(id: id, code: .notFound, message: "no pending action has id \(id)"))
            }
        }
        replyDecided(
            request.connection, request.requestID, resolved: resolved, waiting: waiting, failed: failed,
            granting: request.exception, sample: request.sample, now: now, &effects)
    }

    /// Takes the approvals the team's queue holds for this broker's pending action `id`: those
    /// that carry the team's seal over what it published count; the action is allowed once
    /// they meet its requirements. Returns whether it was.
    @discardableResult
    mutating func applyApprovals(
        _ id: String, _ list: [QueueApproval], now: Date, _ effects: inout [BrokerEffect]
    ) -> Bool {
        guard let item = pending[id], let digest = teamQueue.digests[id] else { return false }
        let verified = verifiedApprovals(id, list, digest: digest, &effects)
        let rules = requirements(item.action, item.assessment)
        let status = ApprovalJudgement.status(
            rules, policy: configuration.reviewers, approvals: verified.map(\.reviewer), submitter: item.submitter)
        if status == .satisfied, !verified.isEmpty {
            // Only the approvals that counted are named: the same person twice is one.
            resolveApproved(item, counted(verified, rules, submitter: item.submitter), now: now, &effects)
            return true
        }
        if verified.map(\.reviewer) != item.approvals.map(\.reviewer) {
            pending[id]?.approvals = verified
            if let updated = pending[id] { notify(.actionQueued(ActionQueued(item: queued(updated))), &effects) }
        }
        return false
    }

    /// The approvals that each added something, in order (a second approval by the same
    /// person, or by someone no requirement counts, is left out).
    private func counted(
        _ approvals: [RecordedApproval], _ rules: [ApprovalRequirement], submitter: String?
    ) -> [RecordedApproval] {
        var kept: [RecordedApproval] = []
        for approval in approvals {
            let outcome = ApprovalJudgement.judge(
                rules, policy: configuration.reviewers, approvals: kept.map(\.reviewer), reviewer: approval.reviewer,
                submitter: submitter)
            if case .notCounted = outcome { continue }
            kept.append(approval)
            if outcome == .satisfied { break }
        }
        return kept
    }

    /// The approvals in `list` whose seal is the team key's over this action as published and
    /// whose reviewer the team can have; the others are refused (said once) and left out.
    mutating func verifiedApprovals(
        _ id: String, _ list: [QueueApproval], digest: String, _ effects: inout [BrokerEffect]
    ) -> [RecordedApproval] {
        var verified: [RecordedApproval] = []
        for (position, entry) in list.enumerated() {
            let facts = QueueDecisionFacts(
                actionID: id, itemDigest: digest, verdict: .allow, reviewer: entry.reviewer,
                reviewerIdentity: entry.reviewerIdentity, reason: entry.reason, approval: entry.approval)
            let problem: String? =
                if entry.seal == nil {
                    "it carries no seal: it was written around the brokers"
                } else if entry.approval != position || !checks.isSealed(facts, entry.seal) {
                    "its seal is not the team key's seal over this action as published and this approval"
                } else if !checks.isKnownReviewer(entry.reviewer) {
                    "it names a reviewer this team cannot have (\(entry.reviewer))"
                } else {
                    nil
                }
            if let problem {
                refuse(key: "approval \(position + 1) of \(id)", "an approval by \(entry.reviewer) refused: \(problem)", &effects)
                continue
            }
            verified.append(
                RecordedApproval(
                    reviewer: entry.reviewer, identity: entry.reviewerIdentity, reason: Self.nonEmpty(entry.reason),
                    at: nil))
        }
        return verified
    }

    /// Why a sealed allow in the team's queue does not answer this broker's action: it is one
    /// reviewer's word, and this broker's policy asks more of this action.
    func approvalsProblem(_ decision: RemoteDecision, _ item: PendingAction) -> String? {
        guard decision.verdict == .allow else { return nil }
        let rules = requirements(item.action, item.assessment)
        guard !rules.isEmpty else { return nil }
        let status = ApprovalJudgement.status(
            rules, policy: configuration.reviewers, approvals: item.approvals.map(\.reviewer) + [decision.reviewer],
            submitter: item.submitter)
        guard case .needsMore(let needs) = status else { return nil }
        return "it allows on one reviewer's word, and this broker's policy asks more of this action (\(needs))"
    }

    /// Another broker's action as this machine's consoles see it: with the approvals it has
    /// and what it still needs by this machine's policy. (`teamQueue.others` keeps the item as
    /// published: decisions' seals cover that form.)
    func displayed(_ item: QueuedAction) -> QueuedAction {
        let rules = requirements(item.action, item.assessment)
        guard !rules.isEmpty else { return item }
        var shown = item
        let approvals = teamQueue.approvals[item.id] ?? []
        let status = ApprovalJudgement.status(
            rules, policy: configuration.reviewers, approvals: approvals.map(\.reviewer), submitter: item.submitter)
        if case .needsMore(let needs) = status { shown.needs = needs } else { shown.needs = nil }
        shown.approvals =
            approvals.isEmpty
            ? nil
            : approvals.map { approval in
                let person = configuration.reviewers.person(approval.reviewer)
                return QueuedApproval(
                    reviewer: approval.reviewer, name: person.name == approval.reviewer ? nil : person.name,
                    reason: approval.reason, at: approval.at)
            }
        return shown
    }
}
