import AirlockConsole
import AirlockCore
import AirlockWire

/// What reaches the console's state, with every secret replaced: the console never holds a
/// secret, so nothing it draws can show one (docs/security.md, "Redaction"). The reviewer still
/// sees the command's shape, with `[REDACTED:<kind>]` where the secret was; decisions name the
/// action by id, so they answer the action as the agent sent it.
///
/// An exception scoped to "this exact action" is built from what the console holds, so for an
/// action that carries a secret it names the redacted text and will not match the original:
/// the next such action asks again rather than a secret being written into the store.
extension ConsoleMessage {
    func redacted(by redactor: Redactor) -> ConsoleMessage {
        switch self {
        case .connection(.subscribed(let result)):
            return .connection(.subscribed(result.redacted(by: redactor)))
        case .connection(.lost(let reason)):
            return .connection(.lost(redactor.redact(reason)))
        case .notification(let notification):
            return .notification(notification.redacted(by: redactor))
        case .reply(let tag, let result):
            return .reply(tag: tag, result.redacted(by: redactor))
        case .requestFailed(let tag, let message):
            return .requestFailed(tag: tag, message: redactor.redact(message))
        case .passphraseRequired(let tag, let request, let message):
            return .passphraseRequired(tag: tag, request: request, message: redactor.redact(message))
        case .fileOnDisk(let path, .loaded(let text)):
            return .fileOnDisk(path: path, .loaded(redactor.redact(text)))
        case .key, .resize, .tick, .connection(.connecting), .boundaries, .blastMeasured, .fileOnDisk, .frameShown:
            return self
        }
    }
}

extension ServerNotification {
    func redacted(by redactor: Redactor) -> ServerNotification {
        switch self {
        case .actionQueued(var queued):
            queued.item = queued.item.redacted(by: redactor)
            return .actionQueued(queued)
        case .actionResolved(var resolved):
            resolved.reason = redactor.redact(resolved.reason)
            return .actionResolved(resolved)
        case .actionExpired(var expired):
            expired.reason = redactor.redact(expired.reason)
            return .actionExpired(expired)
        case .exceptionGranted(var granted):
            granted.exception = redactor.redact(granted.exception)
            return .exceptionGranted(granted)
        case .exceptionRevoked(var revoked):
            revoked.exception = redactor.redact(revoked.exception)
            return .exceptionRevoked(revoked)
        case .exceptionExpired(var expired):
            expired.exception = redactor.redact(expired.exception)
            return .exceptionExpired(expired)
        case .storeHealthChanged(var health):
            health.reason = health.reason.map(redactor.redact)
            return .storeHealthChanged(health)
        case .actionDecided(var decided):
            decided.decision = decided.decision.redacted(by: redactor)
            return .actionDecided(decided)
        case .boundariesMeasured(var measured):
            measured.report = measured.report.redacted(by: redactor)
            return .boundariesMeasured(measured)
        case .exceptionRejected(var rejection):
            rejection.reason = redactor.redact(rejection.reason)
            return .exceptionRejected(rejection)
        case .logAnchored:
            return self
        }
    }
}

extension ServerResult {
    func redacted(by redactor: Redactor) -> ServerResult {
        switch self {
        case .submit(var result):
            result.reason = redactor.redact(result.reason)
            return .submit(result)
        case .subscribe(let result):
            return .subscribe(result.redacted(by: redactor))
        case .decide(var result):
            result.exception = result.exception.map(redactor.redact)
            return .decide(result)
        case .grant(var result):
            result.exception = redactor.redact(result.exception)
            return .grant(result)
        case .revoke(var result):
            result.exception = redactor.redact(result.exception)
            return .revoke(result)
        case .list(var result):
            result.pending = result.pending.map { $0.redacted(by: redactor) }
            result.exceptions = result.exceptions.map(redactor.redact)
            return .list(result)
        case .recent(var result):
            result.decisions = result.decisions.map { $0.redacted(by: redactor) }
            return .recent(result)
        case .policyTrust(var result):
            result.rules = result.rules.map(redactor.redact)
            return .policyTrust(result)
        case .status, .empty, .trust, .trustList, .authenticate:
            return self
        }
    }
}

extension SubscribeResult {
    func redacted(by redactor: Redactor) -> SubscribeResult {
        var copy = self
        copy.pending = pending.map { $0.redacted(by: redactor) }
        copy.exceptions = exceptions.map(redactor.redact)
        copy.recent = recent?.map { $0.redacted(by: redactor) }
        copy.boundaries = boundaries?.map {
            BoundariesMeasured(workspace: $0.workspace, report: $0.report.redacted(by: redactor))
        }
        return copy
    }
}

extension DecisionRecord {
    /// The broker redacted it for the log already; redacted again here all the same, as every
    /// message is, so the console's guarantee does not rest on another process.
    func redacted(by redactor: Redactor) -> DecisionRecord {
        var copy = self
        copy.summary = redactor.redact(summary)
        copy.reason = redactor.redact(reason)
        copy.subject = subject.map { redactor.redact(Action(kind: $0)).kind }
        return copy
    }
}

extension BoundaryReport {
    func redacted(by redactor: Redactor) -> BoundaryReport {
        var copy = self
        copy.boundaries = boundaries.map { boundary in
            var clean = boundary
            clean.reasons = boundary.reasons.map(redactor.redact)
            clean.fixes = boundary.fixes.map(redactor.redact)
            clean.nextStep = boundary.nextStep.map(redactor.redact)
            return clean
        }
        copy.remote = remote.map(redactor.redact)
        return copy
    }
}
