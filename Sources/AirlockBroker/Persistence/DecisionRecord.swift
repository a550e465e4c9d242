import AirlockStore

/// One final decision as the broker logs it: the store's log entry (redacted and hash-chained
/// when it is written).
public typealias DecisionRecord = DecisionLogEntry
