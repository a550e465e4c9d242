import AirlockCore
import AirlockWire
import FoundationEssentials

/// Every decision goes three ways at once: to the store's log, to the recent feed, and to
/// every subscribed console (`actionDecided`), automatic allows and denies included.
extension BrokerStateMachine {
    mutating func log(_ record: DecisionRecord, _ effects: inout [BrokerEffect]) {
        effects.append(.appendDecision(record))
        feed.append(record)
        notify(.actionDecided(ActionDecided(decision: record)), &effects)
    }

    mutating func recentRequested(
        _ params: RecentParams, from connection: ConnectionID, _ requestID: RequestID?, now: Date,
        _ effects: inout [BrokerEffect]
    ) {
        let decisions = feed.recent(now: now, seconds: params.sinceSeconds.map(Double.init), limit: params.limit)
        reply(connection, requestID, .recent(RecentResult(decisions: decisions)), &effects)
    }

    /// A console subscribed: the first one starts the count of automatic denials it will show.
    mutating func consoleSubscribed(
        _ params: SubscribeParams, from connection: ConnectionID, _ requestID: RequestID?, now: Date,
        _ effects: inout [BrokerEffect]
    ) {
        if subscribers.isEmpty { feed.restartCount(at: now) }
        if !subscribers.contains(connection) { subscribers.append(connection) }
        let items = orderedPending
        var reported = Set<String>()
        var boundaries: [BoundariesMeasured] = []
        for item in items {
            guard let workspace = boundaryWorkspace(item.action), reported.insert(workspace).inserted,
                let report = workspaces.reports[workspace]?.report
            else { continue }
            boundaries.append(BoundariesMeasured(workspace: workspace, report: report))
        }
        let snapshot = SubscribeResult(
            pending: queueForConsoles, exceptions: exceptions, mode: configuration.mode,
            reviewWindowSeconds: Int(configuration.reviewWindow.seconds), store: storeHealth,
            recent: params.recentLimit.map { feed.recent(now: now, limit: $0) },
            boundaries: boundaries.isEmpty ? nil : boundaries, rejectedExceptions: rejectedList, logAnchor: logAnchor,
            reviewer: reviewer(connection).name)
        reply(connection, requestID, .subscribe(snapshot), &effects)
    }

    /// A console left: when it was the last, denials are counted afresh from now (what
    /// `airlock status --tmux` shows while nobody watches).
    mutating func consoleLeft(_ connection: ConnectionID, now: Date) {
        guard subscribers.contains(connection) else { return }
        subscribers.removeAll { $0 == connection }
        if subscribers.isEmpty { feed.restartCount(at: now) }
    }
}
