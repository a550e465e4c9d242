import AirlockCore

extension QueuedAction {
    /// The form a screen or another machine may see: the action, its assessment and the reason
    /// with every secret replaced.
    public func redacted(by redactor: Redactor) -> QueuedAction {
        var copy = self
        copy.action = redactor.redact(action)
        copy.assessment = redactor.redact(assessment)
        copy.reason = redactor.redact(reason)
        return copy
    }
}
