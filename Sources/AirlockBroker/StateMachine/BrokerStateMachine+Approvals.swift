import AirlockCore
import AirlockWire
import FoundationEssentials

/// Named reviewers and thresholds (`reviewers` and `[[require]]` in the trusted policy): an
/// approval of an action the policy asks more of is recorded, and the action is allowed only
/// once `ApprovalJudgement` says its requirements are met. Without such a section (or for an
/// action no requirement matches) one approval by any reviewer decides, as always.
extension BrokerStateMachine {
    /// Where an approval left an action.
    enum ApprovalStep: Equatable {
        /// Allowed: every approval that counted, oldest first.
        case complete([RecordedApproval])
        /// Recorded; what it still needs.
        case waiting(String)
        /// Not recorded, and why.
        case notCounted(String)
    }

    /// What the trusted policy asks of approving an action; empty: one approval by anyone.
    func requirements(_ action: Action, _ assessment: Assessment) -> [ApprovalRequirement] {
        guard !configuration.reviewers.requirements.isEmpty else { return [] }
        return configuration.reviewers.requirements(for: action, assessment)
    }

    /// What approving `item` still takes, for consoles; nil when one approval by anyone does.
    func approvalNeeds(_ item: PendingAction) -> String? {
        let rules = requirements(item.action, item.assessment)
        guard !rules.isEmpty else { return nil }
        return approvalNeeds(rules, approvals: item.approvals.map(\.reviewer), submitter: item.submitter)
    }

    func approvalNeeds(_ rules: [ApprovalRequirement], approvals: [String], submitter: String?) -> String? {
        let status = ApprovalJudgement.status(
            rules, policy: configuration.reviewers, approvals: approvals, submitter: submitter)
        if case .needsMore(let needs) = status { return needs }
        return nil
    }

    /// Records `approval` of the pending action `id` and says where that leaves it.
    mutating func approve(_ id: String, by approval: RecordedApproval) -> ApprovalStep {
        guard let item = pending[id] else { return .notCounted("\(id) is no longer waiting") }
        let rules = requirements(item.action, item.assessment)
        guard !rules.isEmpty else { return .complete([approval]) }
        switch ApprovalJudgement.judge(
            rules, policy: configuration.reviewers, approvals: item.approvals.map(\.reviewer),
            reviewer: approval.reviewer, submitter: item.submitter)
        {
        case .satisfied:
            return .complete(item.approvals + [approval])
        case .notCounted(let why):
            return .notCounted(why)
        case .needsMore(let needs):
            pending[id]?.approvals.append(approval)
            return .waiting(needs)
        }
    }

    /// Allows `item` on the approvals that met its requirements; the log names every reviewer.
    mutating func resolveApproved(
        _ item: PendingAction, _ approvals: [RecordedApproval], now: Date, _ effects: inout [BrokerEffect]
    ) {
        if approvals.count == 1, let only = approvals.first {
            let reason = Self.humanReason(.allow, reviewer: only.reviewer, reason: only.reason)
            return resolve(
                item, .allow, reason: reason, source: .human(only.reviewer), reviewer: only.reviewer,
                reviewerIdentity: only.identity, now: now, &effects)
        }
        let names = approvals.map(\.reviewer).joined(separator: ", ")
        let reason =
            "Allowed by "
            + approvals.map { approval in
                approval.reviewer + (approval.reason.flatMap(Self.nonEmpty).map { " (\($0))" } ?? "")
            }.joined(separator: " and ")
        let identity = approvals.map { "\($0.reviewer): \($0.identity ?? "identity unknown")" }.joined(separator: " | ")
        resolve(
            item, .allow, reason: reason, source: .human(names), reviewer: names, reviewerIdentity: identity, now: now,
            &effects)
    }

    /// Why an allow exception granted with a decision would stand in for approvals one of
    /// `items` still needs, or nil: the granter alone must meet each action's requirements,
    /// since the exception answers the next such action with no one else asked.
    func exceptionRefusal(
        _ grant: ExceptionGrant, reviewer: String, items: [PendingAction], others: [QueuedAction] = []
    ) -> RPCError? {
        guard grant.effect == .allow, !configuration.reviewers.requirements.isEmpty else { return nil }
        let facts =
            items.map { ($0.id, $0.action, $0.assessment, $0.submitter) }
            + others.map { ($0.id, $0.action, $0.assessment, $0.submitter) }
        for (id, action, assessment, submitter) in facts {
            let rules = requirements(action, assessment)
            guard !rules.isEmpty else { continue }
            let alone = ApprovalJudgement.status(
                rules, policy: configuration.reviewers, approvals: [reviewer], submitter: submitter)
            if case .needsMore(let needs) = alone {
                return RPCError(
                    .exceptionRefused,
                    "exception refused: \(id) needs more than one reviewer's word (\(needs)), and an allow "
                        + "exception would answer the next such action on \(reviewer)'s alone; approve it instead")
            }
        }
        return nil
    }

    /// Policy's allow from an exception, kept only when the exception's granter alone meets
    /// the action's requirements; otherwise the action is asked (an exception does not stand
    /// in for a second reviewer or a lead).
    func requiringApprovers(
        _ decision: Decision, _ action: Action, _ assessment: Assessment, submitter: String?
    ) -> Decision {
        guard decision.verdict == .allow, let exceptionID = decision.source.exceptionID,
            !configuration.reviewers.requirements.isEmpty,
            let exception = exceptions.first(where: { $0.id == exceptionID })
        else { return decision }
        let rules = requirements(action, assessment)
        guard !rules.isEmpty else { return decision }
        let status = ApprovalJudgement.status(
            rules, policy: configuration.reviewers, approvals: [exception.grantedBy], submitter: submitter)
        guard case .needsMore = status else { return decision }
        let needs = approvalNeeds(rules, approvals: [], submitter: submitter) ?? "more than one reviewer"
        return Decision(
            .ask,
            reason: "Exception \(exceptionID) (granted by \(exception.grantedBy)) does not stand in for what approving "
                + "this takes: \(needs)",
            source: decision.source)
    }

    /// The account whose agent sent a submission, named as reviewers are (with the host in a
    /// team); nil when the kernel did not say.
    func submitterName(_ requester: ConnectionID) -> String? {
        guard let uid = connections[requester]?.credentials.uid else { return nil }
        var name = account(uid)
        if let team = configuration.team { name += "@" + team.origin.host }
        return name
    }
}
