import AirlockCore
import AirlockStore
import AirlockWire
import FoundationEssentials

/// Team mode: the queue shared through the store. Actions this broker queues are published;
/// a console's decision on any action in the team's queue is a compare-and-set in the store
/// (first decision wins across the team), and the broker holding the action answers its hook
/// when it learns the outcome. While the store cannot be reached, allow exceptions apply only
/// within the staleness window and this broker's own actions are decided here.
extension BrokerStateMachine {
    /// Every action a console may decide here, oldest first: this broker's own and, in a team,
    /// those other brokers hold.
    var queueForConsoles: [QueuedAction] {
        let own = orderedPending.map(queued)
        guard configuration.team != nil, !teamQueue.others.isEmpty else { return own }
        return (own + teamQueue.others.values.map(displayed)).sorted { ($0.queuedAt, $0.id) < ($1.queuedAt, $1.id) }
    }

    /// A pending action as consoles see it; in a team, labelled with where it comes from.
    func queued(_ item: PendingAction) -> QueuedAction {
        var queued = item.queued
        queued.origin = configuration.team?.origin
        queued.needs = approvalNeeds(item)
        if queued.needs != nil { queued.submitter = item.submitter }
        if !item.approvals.isEmpty {
            queued.approvals = item.approvals.map { approval in
                let person = configuration.reviewers.person(approval.reviewer)
                return QueuedApproval(
                    reviewer: approval.reviewer, name: person.name == approval.reviewer ? nil : person.name,
                    reason: approval.reason, at: approval.at)
            }
        }
        return queued
    }

    /// Queues the action in the team's store too.
    mutating func publish(_ item: PendingAction, _ effects: inout [BrokerEffect]) {
        guard configuration.team != nil else { return }
        teamQueue.published.insert(item.id)
        let published = queued(item).redacted(by: redactor)
        teamQueue.digests[item.id] = Self.digest(of: published)
        effects.append(.publishAction(published))
    }

    /// What a decision's seal covers of the queued item: SHA-256 of its canonical JSON (keys
    /// sorted), the same on the broker that published it and on one that read it back, so a
    /// row whose item was changed in the database (to show reviewers something else) makes
    /// every decision on it fail the check.
    static func digest(of item: QueuedAction) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(item) else { return "unencodable" }
        return ExceptionSealer.digest(String(decoding: data, as: UTF8.self))
    }

    /// The team key's seal over one decision, for the claim that writes it.
    func seal(_ id: String, digest: String, _ claim: TeamQueueState.Claim, approval: Int = 0) -> String {
        checks.sealDecision(
            QueueDecisionFacts(
                actionID: id, itemDigest: digest, verdict: claim.verdict, reviewer: claim.reviewer,
                reviewerIdentity: claim.reviewerIdentity, reason: claim.reason, approval: approval))
    }

    /// Why a decision read from the team's queue on an action this broker holds is not used,
    /// or nil when it is the team key's seal over this broker's own copy of what was decided
    /// and names a reviewer the team can have.
    func decisionProblem(_ decision: RemoteDecision) -> String? {
        let facts = QueueDecisionFacts(
            actionID: decision.id, itemDigest: teamQueue.digests[decision.id] ?? "", verdict: decision.verdict,
            reviewer: decision.reviewer, reviewerIdentity: decision.reviewerIdentity, reason: decision.reason,
            approval: decision.approval)
        guard decision.seal != nil else {
            return "it carries no seal: it was written around the brokers"
        }
        guard checks.isSealed(facts, decision.seal) else {
            return "its seal is not the team key's seal over this action as published and what was decided"
        }
        guard checks.isKnownReviewer(decision.reviewer) else {
            return "it names a reviewer this team cannot have (\(decision.reviewer))"
        }
        return nil
    }

    /// Remembers (and says once: the log, consoles, `status`) a decision in the team's queue
    /// that was not used; the action stays pending.
    mutating func refuse(_ decision: RemoteDecision, _ problem: String, _ effects: inout [BrokerEffect]) {
        refuse(
            key: "decision on \(decision.id)",
            "\(decision.verdict == .allow ? "an allow" : "a deny") by \(decision.reviewer) refused: \(problem)", &effects)
    }

    mutating func refuse(key: String, _ reason: String, _ effects: inout [BrokerEffect]) {
        guard teamQueue.refusedDecisions[key] == nil else { return }
        let rejection = RejectedException(id: key, reason: reason)
        teamQueue.refusedDecisions[key] = rejection
        if teamQueue.refusedDecisions.count > TeamQueueState.refusalMemory, let oldest = teamQueue.refusedOrder.first {
            teamQueue.refusedDecisions[oldest] = nil
            teamQueue.refusedOrder.removeFirst()
        }
        teamQueue.refusedOrder.append(key)
        effects.append(.logRefusal("refused a \(key) in the team's queue: \(rejection.reason)"))
        notify(.exceptionRejected(rejection), &effects)
    }

    /// Tells the team this broker ended one of its published actions.
    mutating func settleIfPublished(_ id: String, _ settlement: QueueSettlement, _ effects: inout [BrokerEffect]) {
        teamQueue.digests[id] = nil
        guard teamQueue.published.remove(id) != nil else { return }
        effects.append(.settleAction(id: id, settlement))
    }

    /// Hands a console's decision to the store's compare-and-set; the reply waits for it.
    mutating func claim(_ claim: TeamQueueState.Claim, _ effects: inout [BrokerEffect]) {
        let number = teamQueue.nextClaim
        teamQueue.nextClaim += 1
        teamQueue.claims[number] = claim
        var seals: [String: String] = [:]
        for id in claim.own {
            let digest = teamQueue.digests[id] ?? pending[id].map { Self.digest(of: queued($0).redacted(by: redactor)) }
            seals[id] = seal(id, digest: digest ?? "", claim)
        }
        for id in claim.others {
            seals[id] = seal(id, digest: teamQueue.others[id].map(Self.digest(of:)) ?? "", claim)
        }
        effects.append(
            .claimDecisions(
                claim: number, ids: claim.own + claim.others, seals: seals, verdict: claim.verdict,
                reviewer: claim.reviewer, reviewerIdentity: claim.reviewerIdentity, reason: claim.reason))
    }

    /// Applies the store's answer to a claim and replies to the console that made it. Without
    /// an answer (the store unreachable), this broker's own actions are decided here (nobody
    /// else can reach them meanwhile) and other brokers' actions are left to them.
    mutating func decisionsClaimed(
        _ number: UInt64, outcomes: [String: ClaimOutcome]?, now: Date, _ effects: inout [BrokerEffect]
    ) {
        guard let claim = teamQueue.claims.removeValue(forKey: number) else { return }
        var resolved: [String] = []
        var failed = claim.failed
        for id in claim.own {
            let outcome = outcomes?[id] ?? .won
            if case .lost(let what) = outcome {
                failed.append(.init(id: id, code: .alreadyResolved, message: "\(id) was already resolved: \(what)"))
                continue
            }
            guard let item = pending[id] else {
                let what = resolvedRecently[id] ?? "answered meanwhile"
                failed.append(.init(id: id, code: .alreadyResolved, message: "\(id) was already resolved: \(what)"))
                continue
            }
            // A won claim already settled the store's row; an unanswered one settles it later.
            if outcomes != nil { teamQueue.published.remove(id) }
            resolve(
                item, claim.verdict, reason: claim.reason, source: .human(claim.reviewer), reviewer: claim.reviewer,
                reviewerIdentity: claim.reviewerIdentity, now: now, &effects)
            resolved.append(id)
        }
        for id in claim.others {
            guard let outcomes else {
                failed.append(
                    .init(
                        id: id, code: .internalError,
                        message: "\(id) was not decided: the team's store cannot be reached; its own broker decides it"))
                continue
            }
            switch outcomes[id] ?? .unknown {
            case .won:
                teamQueue.others[id] = nil
                remember(id, "\(claim.verdict == .allow ? "allowed" : "denied") (human:\(claim.reviewer))")
                let answer = ActionResolved(
                    id: id, decision: claim.verdict, reason: claim.reason, source: .human(claim.reviewer),
                    reviewer: claim.reviewer)
                notify(.actionResolved(answer), &effects)
                resolved.append(id)
            case .lost(let what):
                failed.append(.init(id: id, code: .alreadyResolved, message: "\(id) was already resolved: \(what)"))
            case .unknown:
                failed.append(.init(id: id, code: .notFound, message: "no pending action has id \(id)"))
            }
        }
        replyDecided(
            claim.connection, claim.requestID, resolved: resolved, failed: failed, granting: claim.exception,
            sample: claim.sample, now: now, &effects)
    }

    /// Ends a console's decision the store answered: puts the exception it granted in force when
    /// something was decided, and replies with what was resolved, what still waits for more
    /// approvals and what failed (an error when nothing was decided at all).
    mutating func replyDecided(
        _ connection: ConnectionID, _ requestID: RequestID?, resolved: [String], waiting: [DecideResult.Waiting] = [],
        failed: [DecideResult.Failure], granting made: PolicyException?, sample: Assessment?, now: Date,
        _ effects: inout [BrokerEffect]
    ) {
        var alsoResolved: [String] = []
        var exception: PolicyException?
        if let made, !resolved.isEmpty || !waiting.isEmpty {
            alsoResolved = install(made, sample: sample, now: now, &effects)
            exception = exceptions.first { $0.id == made.id } ?? made
        }
        if resolved.isEmpty, waiting.isEmpty, let first = failed.first {
            return fail(connection, requestID, RPCError(code: first.code, message: first.message), &effects)
        }
        let result = DecideResult(
            resolved: resolved, failed: failed, exception: exception, alsoResolved: alsoResolved,
            waiting: waiting.isEmpty ? nil : waiting)
        reply(connection, requestID, .decide(result), &effects)
    }

    /// Asks for the team's queue, unless a read is already on its way (then once more after it).
    mutating func askForTeamQueue(_ effects: inout [BrokerEffect]) {
        guard configuration.team != nil else { return }
        guard !teamQueue.isReading else {
            teamQueue.isReadWanted = true
            return
        }
        teamQueue.isReading = true
        teamQueue.isReadWanted = false
        effects.append(.readTeamQueue(own: teamQueue.published.sorted()))
    }

    /// Applies decisions made elsewhere on this broker's actions, and shows consoles the
    /// actions other brokers hold now.
    mutating func teamQueueRead(_ snapshot: TeamQueueSnapshot?, now: Date, _ effects: inout [BrokerEffect]) {
        teamQueue.isReading = false
        defer { if teamQueue.isReadWanted { askForTeamQueue(&effects) } }
        guard let snapshot else { return }
        for decision in snapshot.decided {
            guard let item = pending[decision.id] else { continue }
            if let problem = decisionProblem(decision) ?? approvalsProblem(decision, item) {
                refuse(decision, problem, &effects)
                continue
            }
            teamQueue.published.remove(decision.id)
            resolve(
                item, decision.verdict, reason: decision.reason, source: .human(decision.reviewer),
                reviewer: decision.reviewer, reviewerIdentity: decision.reviewerIdentity, now: now, &effects)
        }
        let incoming = Dictionary(
            snapshot.others.filter { pending[$0.id] == nil }.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for (id, item) in teamQueue.others where incoming[id] == nil {
            let cause: ActionExpired.Cause = item.deadline <= now ? .timeout : .withdrawn
            let from = item.origin.map { " on \($0.label)" } ?? ""
            notify(
                .actionExpired(ActionExpired(id: id, cause: cause, reason: "No longer waiting: ended\(from).")),
                &effects)
        }
        // New, or changed in the store since it was read: consoles show what a decision on it
        // would be sealed over.
        for item in incoming.values.sorted(by: { ($0.queuedAt, $0.id) < ($1.queuedAt, $1.id) })
        where teamQueue.others[item.id] != item {
            notify(.actionQueued(ActionQueued(item: displayed(item))), &effects)
        }
        for id in teamQueue.others.keys where incoming[id] == nil { teamQueue.approvals[id] = nil }
        teamQueue.others = incoming
        for (id, list) in snapshot.approvals {
            if pending[id] != nil {
                applyApprovals(id, list, now: now, &effects)
            } else if let item = incoming[id] {
                let verified = verifiedApprovals(id, list, digest: Self.digest(of: item), &effects)
                guard verified.map(\.reviewer) != (teamQueue.approvals[id] ?? []).map(\.reviewer) else { continue }
                teamQueue.approvals[id] = verified
                notify(.actionQueued(ActionQueued(item: displayed(item))), &effects)
            }
        }
    }

    /// While the team's exceptions cannot be read, allow exceptions stop applying once the
    /// last good read is older than the staleness window: what they allowed is asked again.
    mutating func enforceStaleness(now: Date, _ effects: inout [BrokerEffect]) {
        guard let team = configuration.team else { return }
        let readAt = teamQueue.exceptionsReadAt ?? startedAt
        guard now.timeIntervalSince(readAt) > team.exceptionStaleness.seconds,
            exceptions.contains(where: { $0.effect == .allow })
        else { return }
        let stale = exceptions.filter { $0.effect == .allow }
        exceptions.removeAll { $0.effect == .allow }
        for exception in stale { notify(.exceptionExpired(ExceptionExpired(exception: exception)), &effects) }
    }

    mutating func storeHealthChanged(_ health: StoreHealth, _ effects: inout [BrokerEffect]) {
        guard health != storeHealth else { return }
        storeHealth = health
        notify(.storeHealthChanged(health), &effects)
    }
}
