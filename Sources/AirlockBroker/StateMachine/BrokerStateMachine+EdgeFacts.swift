import AirlockCore
import AirlockWire
import FoundationEssentials

/// The integrity floor judges real targets: a submission whose first assessment asks the edge
/// for facts (where written paths lead through symlinks, a patch file's targets, an archive's
/// members, the files a branch switch writes, whether a program is Airlock's binary) waits for
/// them off the event loop (`.gatherFacts` → `.factsGathered`), then is assessed again with
/// them. Like repository rules, facts that do not come back in time deny what waited: a look
/// that failed never turns into an allow.
extension BrokerStateMachine {
    /// Assesses a submission; parks it and asks the edge when facts would change the judgement.
    /// Returns false when it can be decided now (with `answer` as given).
    mutating func awaitFacts(
        _ answer: Answer, wanted: EdgeFactRequest, deadlineMs: Int?, now: Date, _ effects: inout [BrokerEffect]
    ) -> Bool {
        guard !wanted.isEmpty, configuration.gathersEdgeFacts else { return false }
        awaitingFacts[answer.id] = WorkspaceKnowledge.Awaiting(answer: answer, deadlineMs: deadlineMs, submittedAt: now)
        effects.append(.gatherFacts(actionID: answer.id, request: wanted))
        return true
    }

    mutating func factsGathered(_ actionID: String, facts: EdgeFacts, now: Date, _ effects: inout [BrokerEffect]) {
        guard var waiting = awaitingFacts.removeValue(forKey: actionID) else { return }
        var host = configuration.hostFacts
        host.edge = facts
        waiting.answer.assessment = Classifier.assess(waiting.answer.action, host: host)
        continueSubmission(
            waiting.answer, deadlineMs: waiting.deadlineMs, submittedAt: waiting.submittedAt, now: now, &effects)
    }

    /// Denies submissions whose facts did not arrive by `cutoff` (all of them when nil).
    mutating func denyAwaitingFacts(olderThan cutoff: Date? = nil, now: Date, _ effects: inout [BrokerEffect]) {
        let late = awaitingFacts.values.filter { waiting in cutoff.map { waiting.submittedAt <= $0 } ?? true }
        for waiting in late.sorted(by: { $0.submittedAt < $1.submittedAt }) {
            awaitingFacts[waiting.answer.id] = nil
            let text =
                "Denied: the files this action names could not be looked at in time, so its real targets are "
                + "not known. Retry in a moment."
            send(waiting.answer, .deny, reason: text, source: .fallback, reviewer: nil, now: now, &effects)
        }
    }

    /// Submissions from a closed connection that waited for facts: withdrawn, logged.
    mutating func withdrawAwaitingFacts(from connection: ConnectionID, now: Date, _ effects: inout [BrokerEffect]) {
        let gone = awaitingFacts.values.filter { $0.answer.requester == connection }
        for waiting in gone.sorted(by: { $0.submittedAt < $1.submittedAt }) {
            awaitingFacts[waiting.answer.id] = nil
            let reason = "Withdrawn: the agent disconnected before the files its action names were looked at."
            effects.append(
                .appendDecision(
                    record(waiting.answer, verdict: .deny, source: .withdrawn, reviewer: nil, reason: reason, now: now))
            )
        }
    }
}
