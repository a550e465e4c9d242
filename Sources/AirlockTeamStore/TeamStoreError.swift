/// Why the team's store refused or failed. Descriptions never include a password.
public enum TeamStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case badURL(String)
    case unreachable(String)
    case timedOut(String)
    /// The database's schema is newer than this Airlock knows.
    case newerSchema(found: Int, known: Int)
    /// The database's schema is older than this Airlock's (or absent): a broker migrates it.
    case olderSchema(found: Int, known: Int)
    case query(String)
    case unreadable(String)
    /// A broker without the team's key cannot seal what it writes.
    case noKey(String)

    public var description: String {
        switch self {
        case .badURL(let why): "the team store URL is not usable: \(why)"
        case .unreachable(let why): "the team database cannot be reached: \(why)"
        case .timedOut(let what): "the team database did not answer in time (\(what))"
        case .newerSchema(let found, let known):
            "the team database's schema is version \(found), newer than the \(known) this airlock knows; upgrade airlock"
        case .olderSchema(let found, let known):
            "the team database's schema is version \(found), older than the \(known) this airlock knows; start a "
                + "broker (airlock serve) with the schema owner's URL once to migrate it"
        case .query(let why): "the team database refused: \(why)"
        case .unreadable(let what): "a row of the team database cannot be read: \(what)"
        case .noKey(let what): "cannot \(what): this broker has no team key to seal it with"
        }
    }
}
