import FoundationEssentials

/// The decision log's head as someone outside the database saw it: how many records there
/// were and the last one's hash. The broker keeps one in its state directory after every
/// write, each console keeps the last it was told; `airlock audit --verify` holds the log
/// against them, so a log rewritten with a recomputed chain, or cut short, is caught even
/// though its own chain verifies.
public struct LogAnchor: Codable, Equatable, Sendable {
    public var count: Int64
    public var hash: String

    public init(count: Int64, hash: String) {
        self.count = count
        self.hash = hash
    }
}
