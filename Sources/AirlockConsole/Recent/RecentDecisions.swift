import AirlockCore
import FoundationEssentials

/// The decisions the broker made lately, as it told this console (`recent` on subscribe, then
/// `actionDecided`): automatic allows and denies included, oldest first, each once. It also
/// counts the automatic denials since the console opened, for the header.
struct RecentDecisions: Sendable {
    private(set) var records: [DecisionRecord] = []
    private var ids: Set<String> = []
    /// Denials no human decided, made since `openedAt` (kept when old records are dropped).
    private(set) var automaticDenials = 0
    let openedAt: Date

    static let capacity = 2_000

    init(openedAt: Date) {
        self.openedAt = openedAt
    }

    var count: Int { records.count }

    /// Adds decisions not seen yet; returns whether any was new.
    @discardableResult
    mutating func add(_ incoming: [DecisionRecord]) -> Bool {
        var added = false
        for record in incoming where ids.insert(record.actionID).inserted {
            // Nearly always the newest; a resubscription's backlog is merged in time order.
            if let last = records.last, last.time > record.time {
                let index = records.firstIndex { $0.time > record.time } ?? records.endIndex
                records.insert(record, at: index)
            } else {
                records.append(record)
            }
            if record.verdict == .deny, record.source.isAutomatic, record.time >= openedAt { automaticDenials += 1 }
            added = true
        }
        if records.count > 2 * Self.capacity {
            for old in records.prefix(records.count - Self.capacity) { ids.remove(old.actionID) }
            records.removeFirst(records.count - Self.capacity)
        }
        return added
    }

    /// The records that match `filter` (every word, in any field a reviewer reads), newest first.
    func visible(filter: String) -> [DecisionRecord] {
        let words = filter.lowercased().split(separator: " ").map(String.init)
        guard !words.isEmpty else { return records.reversed() }
        return records.reversed().filter { record in
            let text = Self.searchText(record)
            return words.allSatisfy { text.contains($0) }
        }
    }

    static func searchText(_ record: DecisionRecord) -> String {
        [
            record.verdict.rawValue, record.source.description, record.harness, record.summary, record.reason,
            record.workspace ?? "", record.session ?? "", record.reviewer ?? "",
            record.categories.map(\.rawValue).joined(separator: " "),
        ].joined(separator: "\n").lowercased()
    }

    /// A logged decision as the action it was, classified again, for an exception made from it
    /// and for coverage previews; nil for what was not an agent's action (a trust change).
    static func action(_ record: DecisionRecord, host: HostFacts) -> RecentAction? {
        guard let kind = record.subject else { return nil }
        let action = Action(
            harness: record.harness, session: record.session, cwd: record.workspace,
            workspaceRoot: record.workspace, kind: kind)
        return RecentAction(
            time: record.time, action: action, assessment: Classifier.assess(action, host: host),
            verdict: record.verdict)
    }
}

/// The recent view's place: the decision under the cursor and the filter being typed.
struct RecentView: Equatable, Sendable {
    var cursorID: String?
    var filter = ""
    var isFiltering = false
}

/// The confirmation before trusting the selected action's workspace.
struct TrustDraft: Equatable, Sendable {
    var workspace: String
    /// What the broker (or the console) measured there; nil while not measured.
    var report: BoundaryReport?
}
