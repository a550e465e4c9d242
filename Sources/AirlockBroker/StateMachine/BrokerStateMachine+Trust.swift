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
        let method = trusted ? "trust" : "untrust"
        guard params.workspace.hasPrefix("/") else {
            return fail(
                connection, requestID,
                RPCError(.invalidParams, "invalid params for \(method): workspace must be an absolute path"), &effects)
        }
        let identity = reviewer(connection)
        let guarded = pending.values.map(\.agent.withoutOrphans)
        if let refusal = selfApprovalRefusal(connection, agents: guarded, what: "\(method) \(params.workspace)") {
            effects.append(.logRefusal(refusal.log))
            return fail(connection, requestID, refusal.error, &effects)
        }
        if trusted, !passphraseChecked, asksPassphraseAgain(connection) {
            guard let passphrase = params.passphrase, !passphrase.isEmpty else {
                let error = RPCError(.passphraseRequired, "trusting \(params.workspace) needs your passphrase again")
                return fail(connection, requestID, error, &effects)
            }
            var waiting = params
            waiting.passphrase = nil
            return askPassphrase(passphrase, for: .trust(requestID, waiting), on: connection, now: now, &effects)
        }
        effects.append(
            .changeTrust(
                TrustChange(
                    connection: connection, requestID: requestID, workspace: params.workspace, trusted: trusted,
                    reviewer: identity.name, reviewerIdentity: identity.logged,
                    reason: params.reason.flatMap(Self.nonEmpty))))
    }

    mutating func trustChanged(
        _ change: TrustChange, _ outcome: Result<TrustResult, TrustFailure>, now: Date, _ effects: inout [BrokerEffect]
    ) {
        let result: TrustResult
        switch outcome {
        case .failure(let failure):
            return fail(change.connection, change.requestID, RPCError(.invalidParams, "\(failure)"), &effects)
        case .success(let written):
            result = written
        }
        if result.changed {
            log(trustRecord(change, result, now: now), &effects)
            forgetBoundaries(of: result.workspace, &effects)
        }
        reply(change.connection, change.requestID, .trust(result), &effects)
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
