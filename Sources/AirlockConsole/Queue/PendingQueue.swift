import AirlockCore
import AirlockWire
import FoundationEssentials

/// The pending actions in queue order, with the filtered view kept up to date incrementally:
/// an arrival is a binary-search insert, a departure one removal, and a filter that only grows
/// narrows the current view instead of rescanning everything. This keeps a keystroke cheap
/// with 10,000 actions waiting.
///
/// Memory is the other budget (≤ 30 MB with 10,000 pending). The actions live in `slots`, and
/// a fresh subscription's array becomes `slots` as it is, sharing its storage instead of
/// copying 10,000 actions into objects of their own; the queue and filter orders are lists of
/// 4-byte slot numbers. What a row shows (tool, summary, place) is worked out when the row is
/// drawn, for the few dozen rows on screen; only the search text is kept, since a filter
/// keystroke walks every action.
///
/// Invariants: `slotOf` maps every pending id to its slot and nothing else; `order` holds each
/// live slot once, sorted by `QueueEntry.precedes`; `visible` is the sub-list of `order` whose
/// search text matches `filter`; a freed slot holds `vacant` and is listed in `free`.
struct PendingQueue: Sendable {
    private var slots: [QueuedAction] = []
    /// Lowercased UTF-8 of everything a filter can match, per slot.
    private var search: [[UInt8]] = []
    /// The hash of each slot's `QueueEntry.groupKey`, so `g` compares numbers and only checks
    /// the keys themselves where the numbers agree.
    private var groupHash: [Int] = []
    private var free: [Int32] = []
    private var slotOf: [String: Int32] = [:]
    /// Live slots in queue order.
    private var order: [Int32] = []
    /// The slots the filter lets through, in queue order.
    private var visible: [Int32] = []
    private(set) var filter: [UInt8] = []

    var count: Int { slotOf.count }

    func contains(_ id: String) -> Bool { slotOf[id] != nil }
    var visibleCount: Int { visible.count }

    subscript(id: String) -> QueueEntry? {
        slotOf[id].map { QueueEntry(slots[Int($0)]) }
    }

    /// The action at `index` of the visible list.
    func visibleEntry(at index: Int) -> QueueEntry { QueueEntry(slots[Int(visible[index])]) }

    func visibleID(at index: Int) -> String { slots[Int(visible[index])].id }

    /// Every visible id, in order (O(n): for tests and rare whole-list operations).
    var visibleIDs: [String] { visible.map { slots[Int($0)].id } }

    /// Every pending id, in queue order (O(n)).
    var orderedIDs: [String] { order.map { slots[Int($0)].id } }

    /// How many pending actions `exception` covers at `now`. It walks every pending action on
    /// each change in the exception panel, and handing an action to `covers` copies it (a
    /// dozen retains and releases), so the binding, one string, is compared in place first.
    func count(coveredBy exception: PolicyException, at now: Date) -> Int {
        guard exception.isActive(at: now) else { return 0 }
        var covered = 0
        for slot in order {
            let index = Int(slot)
            let isBound: Bool =
                switch exception.binding {
                case .session(let id): slots[index].action.session == id
                case .repository(let root): slots[index].action.workspaceRoot == root
                case .everywhere: true
                }
            if isBound, exception.covers(slots[index].action, slots[index].assessment, at: now) { covered += 1 }
        }
        return covered
    }

    /// The visible actions similar to `item` (`g`), in order: same group key, any session.
    func visibleIDs(similarTo item: QueuedAction) -> [String] {
        let key = QueueEntry(item).groupKey
        let hash = key.hashValue
        return visible.compactMap { slot in
            let index = Int(slot)
            guard groupHash[index] == hash, QueueEntry(slots[index]).groupKey == key else { return nil }
            return slots[index].id
        }
    }

    /// Replaces everything (a fresh subscription). The array is kept as it is, not copied.
    mutating func replaceAll(_ items: [QueuedAction]) {
        slots = items
        free = []
        slotOf = [:]
        slotOf.reserveCapacity(items.count)
        search = []
        search.reserveCapacity(items.count)
        groupHash = []
        groupHash.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            search.append(Self.searchBytes(item))
            groupHash.append(QueueEntry(item).groupKey.hashValue)
            // A repeated id: the last one stands, as a later notification would replace it.
            if let earlier = slotOf.updateValue(Int32(index), forKey: item.id) { vacate(earlier) }
        }
        order = slotOf.values.sorted { precedes($0, $1) }
        refilter()
    }

    /// Adds or replaces one action; returns true when it was not there before.
    @discardableResult
    mutating func insert(_ item: QueuedAction) -> Bool {
        let isNew = slotOf[item.id] == nil
        if !isNew { remove(item.id) }
        let slot: Int32
        if let reused = free.popLast() {
            slot = reused
            slots[Int(slot)] = item
            search[Int(slot)] = Self.searchBytes(item)
            groupHash[Int(slot)] = QueueEntry(item).groupKey.hashValue
        } else {
            slot = Int32(slots.count)
            slots.append(item)
            search.append(Self.searchBytes(item))
            groupHash.append(QueueEntry(item).groupKey.hashValue)
        }
        slotOf[item.id] = slot
        order.insert(slot, at: insertionIndex(of: slot, in: order))
        if QueueEntry.matches(search[Int(slot)], filter) {
            visible.insert(slot, at: insertionIndex(of: slot, in: visible))
        }
        return isNew
    }

    /// Removes one action; returns it when it was there.
    @discardableResult
    mutating func remove(_ id: String) -> QueuedAction? {
        guard let slot = slotOf.removeValue(forKey: id) else { return nil }
        let item = slots[Int(slot)]
        if let index = position(of: slot, in: order) { order.remove(at: index) }
        if let index = position(of: slot, in: visible) { visible.remove(at: index) }
        vacate(slot)
        return item
    }

    /// Sets the filter text (matched case-insensitively against tool, place, summary, categories, reason).
    mutating func setFilter(_ text: String) {
        let needle = Array(text.lowercased().utf8)
        let narrows = !filter.isEmpty && needle.count > filter.count && needle.starts(with: filter)
        filter = needle
        if narrows {
            visible.removeAll { !QueueEntry.matches(search[Int($0)], needle) }
        } else {
            refilter()
        }
    }

    /// Index of `id` in the visible list.
    func visibleIndex(of id: String) -> Int? {
        guard let slot = slotOf[id] else { return nil }
        return position(of: slot, in: visible)
    }

    /// A freed slot keeps nothing alive: the action's strings and arrays go with it.
    private mutating func vacate(_ slot: Int32) {
        slots[Int(slot)] = Self.vacant
        search[Int(slot)] = []
        free.append(slot)
    }

    private mutating func refilter() {
        guard !filter.isEmpty else {
            visible = order
            return
        }
        visible = order.filter { QueueEntry.matches(search[Int($0)], filter) }
    }

    /// Queue order of two slots, read field by field (a whole action would be copied).
    private func precedes(_ a: Int32, _ b: Int32) -> Bool {
        let (x, y) = (Int(a), Int(b))
        return QueueEntry.precedes(
            (slots[x].assessment.risk, slots[x].queuedAt, slots[x].id),
            (slots[y].assessment.risk, slots[y].queuedAt, slots[y].id))
    }

    private func insertionIndex(of slot: Int32, in list: [Int32]) -> Int {
        var low = 0
        var high = list.count
        while low < high {
            let middle = (low + high) / 2
            if precedes(list[middle], slot) {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low
    }

    /// Binary search by queue order (ids are unique, the order total).
    private func position(of slot: Int32, in list: [Int32]) -> Int? {
        let index = insertionIndex(of: slot, in: list)
        return index < list.count && list[index] == slot ? index : nil
    }

    static func searchBytes(_ item: QueuedAction) -> [UInt8] {
        let entry = QueueEntry(item)
        let categories = item.assessment.categories.map(\.rawValue).joined(separator: ",")
        let text = [item.action.harness, entry.tool, entry.place, entry.summary.string, categories, item.reason]
            .joined(separator: " ")
        return Array(text.lowercased().utf8)
    }

    /// What a freed slot holds: nothing of any departed action.
    private static let vacant = QueuedAction(
        id: "", action: Action(kind: .other(tool: "", input: "")),
        assessment: Assessment(findings: [Finding([.read], risk: .low, blast: .none, reason: "")]), reason: "",
        source: .unmatched, queuedAt: Date(timeIntervalSince1970: 0), deadline: Date(timeIntervalSince1970: 0))
}
