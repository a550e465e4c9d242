import AirlockCore
import AirlockWire
import FoundationEssentials

/// Trust as a reviewer operation: `trust` and `untrust` are authorised like `grant`
/// (`MethodAccess`: a reviewer named from the connection, never an agent's socket; refused
/// from inside any waiting agent's process tree; `trust` asks a passphrase-authenticated
/// reviewer for the passphrase again, as it loosens Airlock), the list is written off the loop,
/// the change is logged with the reviewer the kernel names, and the workspace's boundaries are
/// measured again at once so the next action there is judged by them. Pending actions stay for
/// the reviewer: trust changes what happens next, it approves nothing that already waits.
extension BrokerStateMachine {
    mutating func trustRequested(
        _ params: TrustParams, trusted: Bool, from connection: ConnectionID, _ requestID: RequestID?, now: Date,
        passphraseChecked: Bool = false, _ effects: inout [BrokerEffect]
    ) {
        var waiting = params
        waiting.passphrase = nil
        guard
            let identity = admitTrustChange(
                TrustAdmission(
                    method: trusted ? "trust" : "untrust", workspace: params.workspace, what: params.workspace,
                    loosens: trusted && !passphraseChecked, passphrase: params.passphrase,
                    check: .trust(requestID, waiting)),
                from: connection, requestID, now: now, &effects)
        else { return }
        effects.append(
            .changeTrust(
                TrustChange(
                    connection: connection, requestID: requestID, workspace: params.workspace, trusted: trusted,
                    reviewer: identity.name, reviewerIdentity: identity.logged,
                    reason: params.reason.flatMap(Self.nonEmpty))))
    }

    /// What a trust change shows the checks every such change passes before it is written.
    struct TrustAdmission {
        var method: String
        var workspace: String
        /// How the refusal log and the passphrase prompt name what is trusted.
        var what: String
        /// Whether it loosens Airlock and no passphrase was checked for it yet.
        var loosens: Bool
        var passphrase: String?
        /// What to carry on with once the passphrase matches.
        var check: PassphraseCheck
    }

    /// The checks shared by `trust` and `trustPolicy` and their undoing: an absolute path,
    /// never from inside a waiting agent's tree, and the passphrase again for what loosens on a
    /// passphrase-authenticated connection. The reviewer to log, or nil when it failed or now
    /// waits for the passphrase check.
    mutating func admitTrustChange(
        _ admission: TrustAdmission, from connection: ConnectionID, _ requestID: RequestID?, now: Date,
        _ effects: inout [BrokerEffect]
    ) -> ReviewerIdentity? {
        guard admission.workspace.hasPrefix("/") else {
            let message = "invalid params for \(admission.method): workspace must be an absolute path"
            fail(connection, requestID, RPCError(.invalidParams, message), &effects)
            return nil
        }
        let guarded = pending.values.map(\.agent.withoutOrphans)
        let what = "\(admission.method) \(admission.what)"
        if let refusal = selfApprovalRefusal(connection, agents: guarded, what: what) {
            effects.append(.logRefusal(refusal.log))
            fail(connection, requestID, refusal.error, &effects)
            return nil
        }
        if admission.loosens, asksPassphraseAgain(connection) {
            guard let passphrase = admission.passphrase, !passphrase.isEmpty else {
                let error = RPCError(.passphraseRequired, "trusting \(admission.what) needs your passphrase again")
                fail(connection, requestID, error, &effects)
                return nil
            }
            askPassphrase(passphrase, for: admission.check, on: connection, now: now, &effects)
            return nil
        }
        return reviewer(connection)
    }

    mutating func trustChanged(
        _ change: TrustChange, _ outcome: Result<TrustResult, TrustFailure>, now: Date, _ effects: inout [BrokerEffect]
    ) {
        guard let result = written(outcome, change.connection, change.requestID, &effects) else { return }
        if result.changed {
            log(trustRecord(change, result, now: now), &effects)
            forgetBoundaries(of: result.workspace, &effects)
        }
        reply(change.connection, change.requestID, .trust(result), &effects)
    }

    /// What a trust write came back with; on failure the reviewer's request fails with why, and nil.
    mutating func written<Result>(
        _ outcome: Swift.Result<Result, TrustFailure>, _ connection: ConnectionID, _ requestID: RequestID?,
        _ effects: inout [BrokerEffect]
    ) -> Result? {
        switch outcome {
        case .success(let result): return result
        case .failure(let failure):
            fail(connection, requestID, RPCError(.invalidParams, "\(failure)"), &effects)
            return nil
        }
    }

    /// Drops what is known of the repository's boundaries and measures them again: actions
    /// there wait for the new report (up to the probe budget) rather than use the old one.
    mutating func forgetBoundaries(of repository: String, _ effects: inout [BrokerEffect]) {
        var keys = Set(
            workspaces.reports.compactMap { key, known in
                key == repository || key.hasPrefix(repository + "/") || known.report?.workspace == repository
                    ? key : nil
            })
        keys.insert(repository)
        for key in keys.sorted() {
            workspaces.reports[key] = nil
            if workspaces.measuring.contains(key) {
                workspaces.invalidated.insert(key)
            } else if configuration.appliesBoundaries {
                measureBoundaries(key, &effects)
            }
        }
    }

    /// The decision-log entry of a trust change: the reviewer's, with the repository and its remote.
    mutating func trustRecord(_ change: TrustChange, _ result: TrustResult, now: Date) -> DecisionRecord {
        let verb = change.trusted ? "trust" : "untrust"
        let remote = result.remote.map { " (remote \($0))" } ?? " (no remote)"
        let who = change.trusted ? "Trusted by \(change.reviewer)" : "Trust withdrawn by \(change.reviewer)"
        let why = change.reason.map { ": \($0)" } ?? "."
        let summary = Self.clipped(redactor.redact("airlock \(verb) \(ShellQuote.word(result.workspace))"))
        return DecisionRecord(
            time: now, actionID: makeActionID(), harness: "airlock", workspace: result.workspace,
            summary: summary, categories: [], risk: .low, verdict: change.trusted ? .allow : .deny,
            source: .human(change.reviewer), reviewer: change.reviewer, reviewerIdentity: change.reviewerIdentity,
            reason: Self.clipped(redactor.redact(who + remote + why)))
    }
}
