/// Walks a decision log's rows in order and finds the first one missing, changed or out of
/// place: the check both stores' `verifyLog` make, one row at a time.
public struct LogChain: Sendable {
    public private(set) var count: Int64 = 0
    public private(set) var headHash = DecisionLogRow.genesis

    public init() {}

    /// Checks the next row; returns why the chain breaks there, or nil when it holds.
    public mutating func check(_ row: DecisionLogRow) -> LogVerification? {
        let expected = count + 1
        if row.sequence != expected {
            return .broken(atSequence: expected, reason: "record \(expected) is missing")
        }
        if row.previousHash != headHash {
            return .broken(atSequence: expected, reason: "it does not follow the record before it")
        }
        if row.computedHash != row.hash {
            return .broken(atSequence: expected, reason: "its contents do not match its hash")
        }
        headHash = row.hash
        count = expected
        return nil
    }
}
