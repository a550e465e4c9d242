import AirlockCore

/// `decide`: answer one or many pending actions, optionally granting an exception at once.
public struct DecideParams: Codable, Equatable, Sendable {
    public var ids: [String]
    public var verdict: FinalVerdict
    /// Goes back to the agent; a default naming the reviewer is used when absent.
    public var reason: String?
    /// What the client calls its reviewer. Not believed: the broker names the reviewer from the
    /// connection (the kernel's uid, authentication); kept so older consoles still parse.
    public var reviewer: String?
    /// An exception to grant in the same step; it resolves other pending actions it covers.
    public var grant: ExceptionGrant?
    /// The reviewer's passphrase, asked for again to approve anything high or on the hard floor
    /// on an authenticated review socket (`passphraseRequired` otherwise).
    public var passphrase: String?

    public init(
        ids: [String], verdict: FinalVerdict, reason: String? = nil, reviewer: String? = nil,
        grant: ExceptionGrant? = nil, passphrase: String? = nil
    ) {
        self.ids = ids
        self.verdict = verdict
        self.reason = reason
        self.reviewer = reviewer
        self.grant = grant
        self.passphrase = passphrase
    }
}

/// The answer to `decide`: which ids it resolved and which it could not.
public struct DecideResult: Codable, Equatable, Sendable {
    public var resolved: [String]
    public var failed: [Failure]
    /// The exception granted with the decision, if one was asked for.
    public var exception: PolicyException?
    /// Other pending actions the granted exception resolved.
    public var alsoResolved: [String]
    /// Ids whose approval was recorded but that still need more (`[[require]]` in the policy).
    public var waiting: [Waiting]?

    public init(
        resolved: [String], failed: [Failure] = [], exception: PolicyException? = nil, alsoResolved: [String] = [],
        waiting: [Waiting]? = nil
    ) {
        self.resolved = resolved
        self.failed = failed
        self.exception = exception
        self.alsoResolved = alsoResolved
        self.waiting = waiting
    }

    /// An approval that counted, on an action that needs more: what it still needs.
    public struct Waiting: Codable, Equatable, Sendable {
        public var id: String
        public var needs: String

        public init(id: String, needs: String) {
            self.id = id
            self.needs = needs
        }
    }

    /// One id that could not be decided, and why.
    public struct Failure: Codable, Equatable, Sendable {
        public var id: String
        public var code: Int
        public var message: String

        public init(id: String, code: RPCErrorCode, message: String) {
            self.id = id
            self.code = code.rawValue
            self.message = message
        }
    }
}
