/// The outcome of re-computing the decision log's hash chain.
public enum LogVerification: Equatable, Sendable, CustomStringConvertible {
    /// Every record is present and unchanged.
    case intact(count: Int)
    /// The first record that is missing, changed, or does not follow its predecessor.
    case broken(atSequence: Int64, reason: String)

    public var description: String {
        switch self {
        case .intact(let count): "decision log intact: \(count) records"
        case .broken(let sequence, let reason): "decision log broken at record \(sequence): \(reason)"
        }
    }
}
