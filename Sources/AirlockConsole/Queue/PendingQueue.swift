import AirlockWire

/// The pending actions in queue order, with the filtered view kept up to date incrementally:
/// an arrival is a binary-search insert, a departure one removal, and a filter that only grows
/// narrows the current view instead of rescanning everything. This keeps a keystroke cheap
/// with 10,000 actions waiting.
struct PendingQueue: Sendable {
    private(set) var entries: [String: QueueEntry] = [:]
    /// Every id, in queue order.
    private(set) var order: [String] = []
    /// The ids the filter lets through, in queue order.
    private(set) var visible: [String] = []
    private(set) var filter: [UInt8] = []
    /// The search text of `order[i]` and `visible[i]`, kept alongside so filtering walks two
    /// arrays instead of looking 10,000 entries up by id.
    private var orderSearch: [[UInt8]] = []
    private var visibleSearch: [[UInt8]] = []

    var count: Int { entries.count }
    subscript(id: String) -> QueueEntry? { entries[id] }

    /// Replaces everything (a fresh subscription).
    mutating func replaceAll(_ items: [QueuedAction]) {
        entries = Dictionary(items.map { ($0.id, QueueEntry($0)) }, uniquingKeysWith: { _, last in last })
        let sorted = entries.values.sorted(by: QueueEntry.precedes)
        order = sorted.map(\.item.id)
        orderSearch = sorted.map(\.searchBytes)
        refilter()
    }

    /// Adds or replaces one action; returns true when it was not there before.
    @discardableResult
    mutating func insert(_ item: QueuedAction) -> Bool {
        let isNew = entries[item.id] == nil
        if !isNew { remove(item.id) }
        let entry = QueueEntry(item)
        entries[item.id] = entry
        let orderIndex = insertionIndex(of: entry, in: order)
        order.insert(item.id, at: orderIndex)
        orderSearch.insert(entry.searchBytes, at: orderIndex)
        if QueueEntry.matches(entry.searchBytes, filter) {
            let visibleIndex = insertionIndex(of: entry, in: visible)
            visible.insert(item.id, at: visibleIndex)
            visibleSearch.insert(entry.searchBytes, at: visibleIndex)
        }
        return isNew
    }

    /// Removes one action; returns it when it was there.
    @discardableResult
    mutating func remove(_ id: String) -> QueueEntry? {
        guard let entry = entries.removeValue(forKey: id) else { return nil }
        if let index = position(of: entry, in: order) {
            order.remove(at: index)
            orderSearch.remove(at: index)
        }
        if let index = position(of: entry, in: visible) {
            visible.remove(at: index)
            visibleSearch.remove(at: index)
        }
        return entry
    }

    /// Sets the filter text (matched case-insensitively against tool, place, summary, categories, reason).
    mutating func setFilter(_ text: String) {
        let needle = Array(text.lowercased().utf8)
        let narrows = !filter.isEmpty && needle.count > filter.count && needle.starts(with: filter)
        filter = needle
        if narrows {
            var keptIDs: [String] = []
            var keptSearch: [[UInt8]] = []
            for index in visible.indices where QueueEntry.matches(visibleSearch[index], needle) {
                keptIDs.append(visible[index])
                keptSearch.append(visibleSearch[index])
            }
            visible = keptIDs
            visibleSearch = keptSearch
        } else {
            refilter()
        }
    }

    /// Index of `id` in the visible list.
    func visibleIndex(of id: String) -> Int? {
        guard let entry = entries[id] else { return nil }
        return position(of: entry, in: visible)
    }

    private mutating func refilter() {
        guard !filter.isEmpty else {
            visible = order
            visibleSearch = orderSearch
            return
        }
        visible = []
        visibleSearch = []
        for index in order.indices where QueueEntry.matches(orderSearch[index], filter) {
            visible.append(order[index])
            visibleSearch.append(orderSearch[index])
        }
    }

    private func insertionIndex(of entry: QueueEntry, in list: [String]) -> Int {
        var low = 0
        var high = list.count
        while low < high {
            let middle = (low + high) / 2
            if let other = entries[list[middle]], QueueEntry.precedes(other, entry) {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low
    }

    /// Binary search by queue order (ids are unique, the order total).
    private func position(of entry: QueueEntry, in list: [String]) -> Int? {
        let index = insertionIndex(of: entry, in: list)
        return index < list.count && list[index] == entry.item.id ? index : nil
    }
}
