import AirlockBroker
import AirlockCore
import AirlockWire
import Foundation
import PostgresNIO

/// The team's review queue: one row per action a broker published, settled once. A claim is
/// a compare-and-set on the row's state, so of two reviewers deciding at once exactly one
/// wins; the broker holding the action learns it through `queue` notifications.
extension TeamStore {
    /// Puts an action in the queue (already redacted by the broker).
    public func publish(_ item: QueuedAction, broker: ActionOrigin) async throws {
        let text = String(decoding: try JSONEncoder().encode(item), as: UTF8.self)
        let queued = item.queuedAt.storeMilliseconds
        let deadline = item.deadline.storeMilliseconds
        try await link.run("publish \(item.id)") { [logger] connection in
            try await connection.query(
                """
                INSERT INTO airlock.team_queue (id, broker, user_name, host, item, queued_at, deadline)
                VALUES (\(item.id), \(broker.broker), \(broker.user), \(broker.host), \(text), \(queued), \(deadline))
                ON CONFLICT (id) DO NOTHING
                """, logger: logger)
        }
    }

    /// Decides each id still pending (and not past its deadline) as `verdict`, in one
    /// transaction, each with its seal from `seals` (made by the deciding broker with the
    /// team's key; the holding broker uses no decision without it); reports for every id
    /// whether this claim won.
    public func claim(
        _ ids: [String], seals: [String: String] = [:], verdict: FinalVerdict, reviewer: String,
        reviewerIdentity: String? = nil, reason: String
    ) async throws -> [String: ClaimOutcome] {
        guard !ids.isEmpty else { return [:] }
        let verdictName = verdict.verdict.rawValue
        return try await link.run("claim \(ids.count) actions") { [logger] connection in
            try await Self.transaction(connection, logger: logger) {
                var outcomes: [String: ClaimOutcome] = [:]
                for id in ids {
                    let seal = seals[id]
                    let won = try await connection.query(
                        """
                        UPDATE airlock.team_queue SET state = 'decided', verdict = \(verdictName), reviewer = \(reviewer),
                            reviewer_identity = \(reviewerIdentity), reason = \(reason), seal = \(seal),
                            settled_at = airlock.now_ms()
                        WHERE id = \(id) AND state = 'pending' AND deadline > airlock.now_ms()
                        RETURNING id
                        """, logger: logger
                    ).collect()
                    if !won.isEmpty { outcomes[id] = .won }
                }
                let rest = ids.filter { outcomes[$0] == nil }
                guard !rest.isEmpty else { return outcomes }
                let others = try await connection.query(
                    "SELECT id, state, verdict, reviewer FROM airlock.team_queue WHERE id = ANY(\(rest))",
                    logger: logger
                ).collect()
                for row in others {
                    let (id, state, verdict, reviewer) = try row.decode((String, String, String?, String?).self)
                    outcomes[id] = .lost(Self.describe(state: state, verdict: verdict, reviewer: reviewer))
                }
                for id in rest where outcomes[id] == nil { outcomes[id] = .unknown }
                return outcomes
            }
        }
    }

    /// Appends an approval to each id still pending (and within its deadline), one transaction;
    /// the row is locked while its approvals are read and written, so two brokers approving at
    /// once both count, numbered in turn, and neither is lost.
    public func approve(_ requests: [String: ApprovalRequest]) async throws -> [String: ApprovalClaim] {
        guard !requests.isEmpty else { return [:] }
        return try await link.run("approve \(requests.count) actions") { [logger] connection in
            try await Self.transaction(connection, logger: logger) {
                var outcomes: [String: ApprovalClaim] = [:]
                let decoder = JSONDecoder()
                for (id, request) in requests.sorted(by: { $0.key < $1.key }) {
                    let rows = try await connection.query(
                        """
                        SELECT state, verdict, reviewer, approvals::text, deadline > airlock.now_ms()
                        FROM airlock.team_queue WHERE id = \(id) FOR UPDATE
                        """, logger: logger
                    ).collect()
                    guard let row = rows.first else {
                        outcomes[id] = .unknown
                        continue
                    }
                    let (state, verdict, reviewer, text, current) = try row.decode((String, String?, String?, String, Bool).self)
                    guard state == "pending", current else {
                        outcomes[id] = .lost(Self.describe(state: state, verdict: verdict, reviewer: reviewer))
                        continue
                    }
                    var approvals = (try? decoder.decode([QueueApproval].self, from: Data(text.utf8))) ?? []
                    let number = approvals.count
                    guard number < request.seals.count else {
                        outcomes[id] = .lost("it already holds \(number) approvals, the most one action takes")
                        continue
                    }
                    approvals.append(
                        QueueApproval(
                            approval: number, reviewer: request.reviewer, reviewerIdentity: request.reviewerIdentity,
                            reason: request.reason, seal: request.seals[number]))
                    let written = String(decoding: try JSONEncoder().encode(approvals), as: UTF8.self)
                    try await connection.query(
                        "UPDATE airlock.team_queue SET approvals = \(written)::jsonb WHERE id = \(id)", logger: logger)
                    outcomes[id] = .recorded(approvals)
                }
                return outcomes
            }
        }
    }

    /// The broker holding an action ended it: answered by policy, denied at its deadline, or
    /// withdrawn. A row someone already decided keeps that decision.
    public func settle(_ id: String, _ settlement: QueueSettlement) async throws {
        let (state, verdict, reason): (String, String?, String?)
        switch settlement {
        case .answered(let answer, let why): (state, verdict, reason) = ("answered", answer.verdict.rawValue, why)
        case .expired(let why): (state, verdict, reason) = ("expired", "deny", why)
        case .withdrawn: (state, verdict, reason) = ("withdrawn", nil, nil)
        }
        try await link.run("settle \(id)") { [logger] connection in
            try await connection.query(
                """
                UPDATE airlock.team_queue SET state = \(state), verdict = \(verdict), reason = \(reason),
                    settled_at = airlock.now_ms()
                WHERE id = \(id) AND state = 'pending'
                """, logger: logger)
        }
    }

    /// What `broker` needs: the actions other brokers hold, still pending and within their
    /// deadline, and the decisions made elsewhere on its own actions `own`.
    public func snapshot(broker: String, own: [String]) async throws -> TeamQueueSnapshot {
        try await link.run("read the team's queue") { [logger] connection in
            let pending = try await connection.query(
                """
                SELECT item, approvals::text FROM airlock.team_queue
                WHERE state = 'pending' AND broker <> \(broker) AND deadline > airlock.now_ms()
                ORDER BY queued_at, id LIMIT 10000
                """, logger: logger
            ).collect()
            let decoder = JSONDecoder()
            var others: [QueuedAction] = []
            var approvals: [String: [QueueApproval]] = [:]
            for row in pending {
                let (text, approved) = try row.decode((String, String).self)
                guard let item = try? decoder.decode(QueuedAction.self, from: Data(text.utf8)) else {
                    logger.warning("team store: skipped a queued action that cannot be read")
                    continue
                }
                others.append(item)
                if approved != "[]", let list = try? decoder.decode([QueueApproval].self, from: Data(approved.utf8)) {
                    approvals[item.id] = list
                }
            }
            var decided: [RemoteDecision] = []
            if !own.isEmpty {
                let rows = try await connection.query(
                    """
                    SELECT id, verdict, reviewer, reviewer_identity, reason, seal FROM airlock.team_queue
                    WHERE broker = \(broker) AND state = 'decided' AND id = ANY(\(own))
                    """, logger: logger
                ).collect()
                for row in rows {
                    let (id, verdictName, reviewer, identity, reason, seal) = try row.decode(
                        (String, String?, String?, String?, String?, String?).self)
                    guard let verdictName, let verdict = FinalVerdict(rawValue: verdictName), let reviewer else {
                        continue
                    }
                    decided.append(
                        RemoteDecision(
                            id: id, verdict: verdict, reviewer: reviewer, reviewerIdentity: identity, reason: reason ?? "",
                            seal: seal))
                }
            }
            if !own.isEmpty {
                let rows = try await connection.query(
                    """
                    SELECT id, approvals::text FROM airlock.team_queue
                    WHERE broker = \(broker) AND state = 'pending' AND id = ANY(\(own)) AND approvals <> '[]'::jsonb
                    """, logger: logger
                ).collect()
                for row in rows {
                    let (id, approved) = try row.decode((String, String).self)
                    if let list = try? decoder.decode([QueueApproval].self, from: Data(approved.utf8)) {
                        approvals[id] = list
                    }
                }
            }
            return TeamQueueSnapshot(others: others, decided: decided, approvals: approvals)
        }
    }

    static func describe(state: String, verdict: String?, reviewer: String?) -> String {
        switch state {
        case "decided": "\(verdict == "allow" ? "allowed" : "denied") by \(reviewer ?? "a reviewer")"
        case "answered": "\(verdict == "allow" ? "allowed" : "denied") by policy"
        case "expired": "denied at its deadline"
        case "withdrawn": "withdrawn by the agent"
        default: "no longer waiting, past its deadline"
        }
    }
}
