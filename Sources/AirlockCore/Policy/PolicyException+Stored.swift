import FoundationEssentials

/// Why an exception read back from a store is not used. A store is a file (or a database) that
/// something other than the broker may have written: every row is judged again on every load,
/// the way a grant is judged, and must carry the broker's seal.
public enum StoredExceptionProblem: Error, Equatable, Sendable, CustomStringConvertible {
    /// It breaks a rule every grant keeps (cap, hard floor, integrity floor, whole server).
    case grantRule(ExceptionProblem)
    /// Its creation time lies ahead of the clock.
    case createdInTheFuture
    /// The granter is not someone who can grant here.
    case unknownGranter(String)
    /// It carries no seal, or one that does not match its fields: it was not granted through
    /// the broker (or was changed since).
    case unsealed
    case badSeal

    public var description: String {
        switch self {
        case .grantRule(let problem): "it breaks a grant rule: \(problem)"
        case .createdInTheFuture: "its creation time is in the future"
        case .unknownGranter(let name): "its granter \(name) is not a known reviewer"
        case .unsealed: "it carries no seal: it was not granted through the broker"
        case .badSeal: "its seal does not match its fields: it was written or changed around the broker"
        }
    }
}

extension PolicyException {
    /// How far ahead of the clock a creation time may be (clocks of two processes, or two
    /// machines sharing a store, differ a little).
    public static let clockSkewAllowance: TimeInterval = 60

    /// Judges a stored exception as a grant is judged: its lifetime within the cap, no allow for
    /// the hard or integrity floor (re-classifying the command an exact-action or command-prefix
    /// exception names, as the grant did with the action it was made from), created no later
    /// than now, by a known granter. The seal is checked by the caller, which holds the key.
    public func storedProblem(
        now: Date, maximumSeconds: Int, host: HostFacts, isKnownGranter: (String) -> Bool
    ) -> StoredExceptionProblem? {
        if createdAt.timeIntervalSince(now) > Self.clockSkewAllowance { return .createdInTheFuture }
        do {
            try validate(now: createdAt, maximumSeconds: maximumSeconds, sample: sampleAssessment(host: host))
        } catch {
            return .grantRule(error)
        }
        if !isKnownGranter(grantedBy) { return .unknownGranter(grantedBy) }
        return nil
    }

    /// The assessment of the command the scope names, when it names one: what the grant was
    /// checked against.
    func sampleAssessment(host: HostFacts) -> Assessment? {
        switch scope {
        case .exactAction(let fingerprint):
            guard fingerprint.hasPrefix("shell:") else { return nil }
            return Classifier.assess(Action(kind: .shell(command: String(fingerprint.dropFirst(6)))), host: host)
        case .commandPrefix(let argv):
            guard !argv.isEmpty else { return nil }
            return Classifier.assess(Action(kind: .shell(command: argv.joined(separator: " "))), host: host)
        case .category, .mcpTool, .paths:
            return nil
        }
    }

    /// The fields a seal covers, as canonical text: what the grant decided. Uses left and
    /// revocation change after the grant and are not sealed (whether uses are limited is);
    /// the broker never brings back an exception it saw revoked or used up.
    public var sealedText: String {
        var members: [String: JSONValue] = [
            "id": .string(id),
            "effect": .string(effect.rawValue),
            "scope": scope.json,
            "binding": binding.json,
            "createdAt": .number(Double(Int64((createdAt.timeIntervalSince1970 * 1000).rounded()))),
            "expiresAt": .number(Double(Int64((expiresAt.timeIntervalSince1970 * 1000).rounded()))),
            "grantedBy": .string(grantedBy),
            "reason": .string(reason),
        ]
        members["limitedUses"] = .bool(usesLeft != nil)
        return JSONValue.object(members).canonicalText
    }
}
