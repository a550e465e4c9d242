/// A logged decision with its place in the hash chain.
public struct DecisionLogRecord: Codable, Sendable, Equatable {
    /// 1, 2, 3, … with no gaps.
    public var sequence: Int64
    public var entry: DecisionLogEntry
    /// The previous record's hash; 64 zeros for the first record.
    public var previousHash: String
    /// SHA-256 (hex) over `previousHash` and the canonical text of this record.
    public var hash: String

    public init(sequence: Int64, entry: DecisionLogEntry, previousHash: String, hash: String) {
        self.sequence = sequence
        self.entry = entry
        self.previousHash = previousHash
        self.hash = hash
    }
}
