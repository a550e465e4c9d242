import AirlockCore
import AirlockWire
import FoundationEssentials

extension BrokerStateMachine {
    // MARK: Authorisation

    /// Why `connection` may not call `method` (`MethodAccess`), or nil when it may.
    func authorisationRefusal(_ connection: ConnectionID, _ method: RPCMethod) -> (error: RPCError, log: String)? {
        let peer = connections[connection] ?? Peer(credentials: PeerCredentials(pid: nil, uid: nil), listener: .shared)
        switch MethodAccess.rule(method, on: peer.listener) {
        case .open:
            return nil
        case .refused:
            let served = RPCMethod.allCases.filter { MethodAccess.rule($0, on: peer.listener) != .refused }
            return (
                RPCError(
                    .notOnThisSocket,
                    "refused: \(method.rawValue) is not served on this socket, which answers "
                        + served.map(\.rawValue).joined(separator: ", ")),
                "refused \(method.rawValue) on the \(peer.listener.rawValue) socket from \(describe(peer))"
            )
        case .reviewer:
            if peer.listener == .review {
                guard peer.authentication == nil else { return nil }
                return (
                    RPCError(
                        .notAuthenticated,
                        "refused: \(method.rawValue) needs an authenticated reviewer; send `authenticate` with your "
                            + "passphrase first (the console asks for it)"),
                    "refused \(method.rawValue) from an unauthenticated reviewer connection (\(describe(peer)))"
                )
            }
            guard configuration.reviewerNeedsTerminal else { return nil }
            guard let pid = peer.credentials.pid, let terminal = processes.terminal(pid), terminal != 0 else {
                return (
                    RPCError(
                        .notAuthenticated,
                        "refused: \(method.rawValue) must come from a reviewer at a terminal, and this process has no "
                            + "controlling terminal (a detached helper cannot decide); open the console with `airlock`"),
                    "refused \(method.rawValue) from a process without a controlling terminal (\(describe(peer)))"
                )
            }
            return nil
        }
    }

    private func describe(_ peer: Peer) -> String {
        "uid \(peer.credentials.uid.map(String.init) ?? "unknown"), pid \(peer.credentials.pid.map(String.init) ?? "unknown")"
    }

    /// Airlock's own account (the broker's uid in the separated deployment) and root: who can
    /// be reached only through `sudo` and its password.
    func isSystemUser(_ uid: UInt32?) -> Bool {
        guard let uid else { return false }
        return uid == 0 || uid == configuration.brokerUID
    }

    // MARK: Identities

    /// The reviewer on `connection`, from the kernel and the authentication it showed. In a
    /// team the name also says which machine (`alice@build-7`): the log and the team's queue
    /// are shared, and an account name alone is ambiguous there.
    func reviewer(_ connection: ConnectionID) -> ReviewerIdentity {
        let peer = connections[connection]
        let uid = peer?.credentials.uid
        let pid = peer?.credentials.pid
        var name = account(uid)
        if let team = configuration.team { name += "@" + team.origin.host }
        let terminal = pid.flatMap(processes.terminal).flatMap { $0 == 0 ? nil : ProcessFacts.terminalName($0) }
        return ReviewerIdentity(
            name: name, uid: uid, pid: pid, terminal: terminal, authentication: peer?.authentication)
    }

    /// The account a uid belongs to, as the kernel and the password database say.
    func account(_ uid: UInt32?) -> String {
        uid.flatMap(processes.userName) ?? uid.map { "uid \($0)" } ?? "unknown reviewer"
    }

    /// The agent behind a submission: the submitter's parent per the kernel (the hook's parent
    /// is the harness) when the connection's credentials are known, whatever `agentPID` says;
    /// the claimed pid only for a connection the kernel said nothing about.
    func agentIdentity(of requester: ConnectionID, claimed: Int32?) -> AgentIdentity {
        guard let submitter = connections[requester]?.credentials.pid, submitter > 0 else {
            return AgentIdentity(pids: claimed.map { [$0] } ?? [], terminals: [])
        }
        let parent = processes.parent(submitter)
        let agent = parent ?? submitter
        let terminals = [parent, submitter].compactMap { $0.flatMap(processes.terminal) }.filter { $0 != 0 }
        return AgentIdentity(pids: [agent], terminals: Array(Set(terminals)).sorted())
    }

    // MARK: Passphrases

    /// Whether approvals on `connection` ask for the passphrase again: a reviewer who showed one.
    func asksPassphraseAgain(_ connection: ConnectionID) -> Bool {
        connections[connection]?.authentication == .passphrase
    }

    /// High risk or the hard floor: what keys typed into the console's pane must not approve.
    static func needsPassphraseToApprove(_ assessment: Assessment) -> Bool {
        assessment.risk >= .high || assessment.categories.contains(where: \.isHardFloor)
    }

    mutating func authenticate(
        _ params: AuthenticateParams, from connection: ConnectionID, _ requestID: RequestID?, now: Date,
        _ effects: inout [BrokerEffect]
    ) {
        if let peer = connections[connection], let authentication = peer.authentication {
            let result = AuthenticateResult(
                reviewer: reviewer(connection).name, authentication: authentication.rawValue)
            return reply(connection, requestID, .authenticate(result), &effects)
        }
        askPassphrase(params.passphrase, for: .authenticate(requestID), on: connection, now: now, &effects)
    }

    /// Hands a passphrase to the shell to check, unless the uid is locked out or already waiting.
    mutating func askPassphrase(
        _ passphrase: String, for check: PassphraseCheck, on connection: ConnectionID, now: Date,
        _ effects: inout [BrokerEffect]
    ) {
        let requestID = check.requestID
        guard let uid = connections[connection]?.credentials.uid else {
            return fail(
                connection, requestID, RPCError(.notAuthenticated, "refused: the kernel did not say who you are"),
                &effects)
        }
        if let wait = passphrases.lockout(uid, now: now) {
            return fail(
                connection, requestID,
                RPCError(
                    .notAuthenticated,
                    "refused: too many wrong passphrases; try again in \(Self.describe(seconds: wait.rounded(.up)))"),
                &effects)
        }
        guard passphrases.checking.insert(uid).inserted else {
            return fail(
                connection, requestID,
                RPCError(.notAuthenticated, "refused: another passphrase check of yours is still running"), &effects)
        }
        effects.append(
            .checkPassphrase(connection, user: account(uid), passphrase: passphrase, then: check))
    }

    mutating func passphraseChecked(
        _ check: PassphraseCheck, matches: Bool, on connection: ConnectionID, now: Date,
        _ effects: inout [BrokerEffect]
    ) {
        guard let uid = connections[connection]?.credentials.uid else { return }
        passphrases.record(uid, matched: matches, now: now)
        let name = reviewer(connection).name
        guard matches else {
            effects.append(.logRefusal("a wrong passphrase for \(name) (uid \(uid)); nothing was done"))
            return fail(
                connection, check.requestID,
                RPCError(.notAuthenticated, "refused: that is not \(name)'s passphrase; nothing was done"), &effects)
        }
        switch check {
        case .authenticate(let requestID):
            connections[connection]?.authentication = .passphrase
            let result = AuthenticateResult(
                reviewer: name, authentication: ReviewerIdentity.Authentication.passphrase.rawValue)
            reply(connection, requestID, .authenticate(result), &effects)
        case .decide(let requestID, let params):
            decide(params, from: connection, requestID, now: now, passphraseChecked: true, &effects)
        case .grant(let requestID, let params):
            grant(params, from: connection, requestID, now: now, passphraseChecked: true, &effects)
        case .trust(let requestID, let params):
            trustRequested(
                params, trusted: true, from: connection, requestID, now: now, passphraseChecked: true, &effects)
        case .trustPolicy(let requestID, let params):
            policyTrustRequested(
                params, trusted: true, from: connection, requestID, now: now, passphraseChecked: true, &effects)
        }
    }

    // MARK: Stored exceptions

    /// The stored exceptions that carry the broker's seal and keep every grant rule; the others
    /// are remembered in `rejected` (for `status`, `doctor`, the console) and logged once.
    mutating func admitStored(
        _ stored: [PolicyException], now: Date, _ effects: inout [BrokerEffect]
    ) -> [PolicyException] {
        var admitted: [PolicyException] = []
        var refused: [String: RejectedException] = [:]
        for exception in stored {
            if let seal = exception.seal, verifiedSeals.contains(seal) {
                admitted.append(exception)
            } else if let problem = checks.problem(exception, now) {
                refused[exception.id] = RejectedException(id: exception.id, reason: problem.description)
            } else {
                if let seal = exception.seal { verifiedSeals.insert(seal) }
                admitted.append(exception)
            }
        }
        for (id, rejection) in refused.sorted(by: { $0.key < $1.key }) where rejected[id] == nil {
            effects.append(.logRefusal("refused stored exception \(id): \(rejection.reason)"))
            notify(.exceptionRejected(rejection), &effects)
        }
        rejected = refused
        return admitted
    }

    /// The same, at start-up, where nothing is listening yet.
    mutating func admitStored(_ stored: [PolicyException], now: Date) -> [PolicyException] {
        var ignored: [BrokerEffect] = []
        return admitStored(stored, now: now, &ignored)
    }
}

extension PassphraseCheck {
    var requestID: RequestID? {
        switch self {
        case .authenticate(let id), .decide(let id, _), .grant(let id, _), .trust(let id, _), .trustPolicy(let id, _): id
        }
    }
}

extension AgentIdentity {
    /// For a grant, which answers no one action: an orphaned submitter's pid 1 would refuse
    /// every grant while it waits, so it is left out (its own action still needs a decision
    /// of its own, which no reviewer can give).
    var withoutOrphans: AgentIdentity {
        AgentIdentity(pids: pids.filter { $0 != 1 }, terminals: terminals)
    }
}
