import AirlockCore
import AirlockWire
import FoundationEssentials

/// Trust in a repository's `.airlock/policy.toml` as a reviewer operation: `trustPolicy` and
/// `untrustPolicy` are authorised like `trust` (`MethodAccess`; refused from inside any waiting
/// agent's process tree; `trustPolicy` asks a passphrase-authenticated reviewer for the
/// passphrase again, since the file's allow rules start to apply). The broker reads the file
/// and writes the store off the loop, logs the change under the reviewer the kernel names, and
/// reads the repository's rules and boundaries again at once.
extension BrokerStateMachine {
    mutating func policyTrustRequested(
        _ params: PolicyTrustParams, trusted: Bool, from connection: ConnectionID, _ requestID: RequestID?, now: Date,
        passphraseChecked: Bool = false, _ effects: inout [BrokerEffect]
    ) {
        let hash = params.sha256.flatMap(Self.nonEmpty)
        if trusted, hash == nil {
            let message = "invalid params for trustPolicy: sha256 of the content you read is missing"
            return fail(connection, requestID, RPCError(.invalidParams, message), &effects)
        }
        var waiting = params
        waiting.passphrase = nil
        guard
            let identity = admitTrustChange(
                TrustAdmission(
                    method: trusted ? "trustPolicy" : "untrustPolicy", workspace: params.workspace,
                    what: "the policy file of \(params.workspace)", loosens: trusted && !passphraseChecked,
                    passphrase: params.passphrase, check: .trustPolicy(requestID, waiting)),
                from: connection, requestID, now: now, &effects)
        else { return }
        effects.append(
            .changePolicyTrust(
                PolicyTrustChange(
                    connection: connection, requestID: requestID, workspace: params.workspace,
                    sha256: trusted ? hash : nil, trusted: trusted, reviewer: identity.name,
                    reviewerIdentity: identity.logged, reason: params.reason.flatMap(Self.nonEmpty))))
    }

    mutating func policyTrustChanged(
        _ change: PolicyTrustChange, _ outcome: Result<PolicyTrustResult, TrustFailure>, now: Date,
        _ effects: inout [BrokerEffect]
    ) {
        guard let result = written(outcome, change.connection, change.requestID, &effects) else { return }
        if result.changed {
            log(policyTrustRecord(change, result, now: now), &effects)
            // The next action there decides with the rules as trusted now, not the cached ones.
            workspaces.rules[change.workspace] = nil
            forgetBoundaries(of: change.workspace, &effects)
        }
        reply(change.connection, change.requestID, .policyTrust(result), &effects)
    }

    /// The decision-log entry of a policy-file trust change: the reviewer's, with the file and hash.
    mutating func policyTrustRecord(_ change: PolicyTrustChange, _ result: PolicyTrustResult, now: Date)
        -> DecisionRecord
    {
        let verb = change.trusted ? "policy trust" : "policy untrust"
        let hash = result.sha256.map { " (sha256 \($0.prefix(12)))" } ?? ""
        let who = change.trusted ? "Policy file trusted by \(change.reviewer)" : "Policy file trust withdrawn by \(change.reviewer)"
        let rules = change.trusted ? ", \(result.rules.count) rule(s)" : ""
        let why = change.reason.map { ": \($0)" } ?? "."
        let summary = Self.clipped(redactor.redact("airlock \(verb) \(ShellQuote.word(change.workspace))"))
        return DecisionRecord(
            time: now, actionID: makeActionID(), harness: "airlock", workspace: change.workspace,
            summary: summary, categories: [], risk: .low, verdict: change.trusted ? .allow : .deny,
            source: .human(change.reviewer), reviewer: change.reviewer, reviewerIdentity: change.reviewerIdentity,
            reason: Self.clipped(redactor.redact(who + hash + rules + why)))
    }
}
