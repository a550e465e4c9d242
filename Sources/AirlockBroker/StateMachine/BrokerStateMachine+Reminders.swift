import AirlockCore
import AirlockWire
import FoundationEssentials

/// A reviewer away from the pane learns that an agent waits: once an action has waited
/// `notifyAfter`, the user's `notify` command runs (off the loop, bounded in time) with a short,
/// redacted summary. Once per action; actions that come due together make one notification.
extension BrokerStateMachine {
    mutating func remindReviewer(now: Date, _ effects: inout [BrokerEffect]) {
        guard let after = configuration.notifyAfter?.seconds else { return }
        let cutoff = now.addingTimeInterval(-after)
        let due = pending.values.filter { !$0.reminded && $0.queuedAt <= cutoff }.sorted { $0.sequence < $1.sequence }
        guard let oldest = due.first else { return }
        for item in due { pending[item.id]?.reminded = true }
        let waited = Self.describe(seconds: now.timeIntervalSince(oldest.queuedAt))
        let line = oldest.action.logSummary.split(whereSeparator: \.isNewline).joined(separator: " ")
        let what = Self.clipped(redactor.redact(line), limit: 80)
        let count = pending.count
        let head = count == 1 ? "1 action waits" : "\(count) actions wait"
        let text = "Airlock: \(head) for a reviewer; \(oldest.action.harness) has waited \(waited): \(what)"
        // Escape sequences an agent put in its command must not reach a desktop notifier.
        effects.append(.notifyReviewer(HiddenCharacters.visible(text)))
    }
}
