/// The one place that judges approvals against the trusted policy's requirements: pure, from
/// the requirements that match an action, the accounts that approved it so far (in order, as
/// the broker knows them from the kernel) and the account whose agent submitted it.
///
/// A requirement is met when enough distinct *people* count for it: accounts are mapped to
/// people (`ReviewerPolicy.person`), a person counts once however many of their accounts
/// approve, only members of its group count when it names one, and the submitter's person
/// does not count when it says `notOwnAgent`. An action is allowed when every matching
/// requirement is met; with none, one approval by anyone is enough.
public enum ApprovalJudgement {
    /// Where approvals `approvals` leave the action: `.satisfied` or `.needsMore`.
    public static func status(
        _ requirements: [ApprovalRequirement], policy: ReviewerPolicy, approvals: [String], submitter: String?
    ) -> ApprovalOutcome {
        let rules = effective(requirements)
        let counts = rules.map { counted($0, policy: policy, approvals: approvals, submitter: submitter).count }
        guard zip(rules, counts).contains(where: { $1 < $0.approvals }) else { return .satisfied }
        return .needsMore(describe(rules, counts))
    }

    /// What one more approval by `reviewer` does, after `approvals`.
    public static func judge(
        _ requirements: [ApprovalRequirement], policy: ReviewerPolicy, approvals: [String], reviewer: String,
        submitter: String?
    ) -> ApprovalOutcome {
        let rules = effective(requirements)
        let unmet = rules.filter { counted($0, policy: policy, approvals: approvals, submitter: submitter).count < $0.approvals }
        guard !unmet.isEmpty else { return .satisfied }
        let helps = unmet.contains { rule in
            counted(rule, policy: policy, approvals: approvals + [reviewer], submitter: submitter).count
                > counted(rule, policy: policy, approvals: approvals, submitter: submitter).count
        }
        guard helps else { return .notCounted(whyNot(reviewer, unmet, policy: policy, approvals: approvals, submitter: submitter)) }
        return status(requirements, policy: policy, approvals: approvals + [reviewer], submitter: submitter)
    }

    /// The people who count for `rule` among `approvals`.
    static func counted(
        _ rule: ApprovalRequirement, policy: ReviewerPolicy, approvals: [String], submitter: String?
    ) -> Set<String> {
        let own = submitter.map { policy.person($0).id }
        var people: Set<String> = []
        for account in approvals {
            let person = policy.person(account)
            if let group = rule.group, !person.groups.contains(group) { continue }
            if rule.notOwnAgent, person.id == own { continue }
            people.insert(person.id)
        }
        return people
    }

    private static func effective(_ requirements: [ApprovalRequirement]) -> [ApprovalRequirement] {
        requirements.isEmpty ? [ApprovalRequirement()] : requirements
    }

    /// "1 of 2 approvals, needs a lead": the count of the largest requirement, then each group
    /// still short of people.
    private static func describe(_ rules: [ApprovalRequirement], _ counts: [Int]) -> String {
        var parts: [String] = []
        if let widest = rules.indices.max(by: { rules[$0].approvals < rules[$1].approvals }), rules[widest].approvals > 1 {
            parts.append("\(min(counts[widest], rules[widest].approvals)) of \(rules[widest].approvals) approvals")
        }
        for (rule, count) in zip(rules, counts) where count < rule.approvals {
            guard let group = rule.group else { continue }
            let missing = rule.approvals - count
            let clause = missing == 1 ? "needs \(article(singular(group))) \(singular(group))" : "needs \(missing) more \(group)"
            if !parts.contains(clause) { parts.append(clause) }
        }
        return parts.isEmpty ? "needs 1 approval" : parts.joined(separator: ", ")
    }

    private static func whyNot(
        _ reviewer: String, _ unmet: [ApprovalRequirement], policy: ReviewerPolicy, approvals: [String], submitter: String?
    ) -> String {
        let person = policy.person(reviewer)
        let shown = policy.display(reviewer)
        if approvals.contains(where: { policy.person($0).id == person.id }) {
            return "\(shown) already approved this; one person counts once"
        }
        if let submitter, policy.person(submitter).id == person.id, unmet.contains(where: \.notOwnAgent) {
            return "\(shown)'s own agent submitted this, and the policy does not count its person"
        }
        let groups = unmet.compactMap(\.group)
        if !groups.isEmpty {
            return "\(shown) is not in \(groups.map { "group \($0)" }.joined(separator: " or ")), which this still needs"
        }
        return "\(shown)'s approval adds nothing this action still needs"
    }

    static func singular(_ group: String) -> String {
        group.count > 1 && group.hasSuffix("s") ? String(group.dropLast()) : group
    }

    private static func article(_ word: String) -> String {
        guard let first = word.lowercased().first else { return "a" }
        return "aeiou".contains(first) ? "an" : "a"
    }
}
