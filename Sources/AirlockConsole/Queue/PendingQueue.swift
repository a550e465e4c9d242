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

    var count: Int { entries.count }
    subscript(id: String) -> QueueEntry? { entries[id] }

    /// Replaces everything (a fresh subscription).
    mutating func replaceAll(_ items: [QueuedAction]) {
        entries = Dictionary(items.map { ($0.id, QueueEntry($0)) }, uniquingKeysWith: { _, last in last })
        order = entries.values.sorted(by: QueueEntry.precedes).map(\.item.id)
        refilter()
    }

    /// Adds or replaces one action; returns true when it was not there before.
    @discardableResult
    mutating func insert(_ item: QueuedAction) -> Bool {
        let isNew = entries[item.id] == nil
        if !isNew { remove(item.id) }
        let entry = QueueEntry(item)
        entries[item.id] = entry
        order.insert(item.id, at: insertionIndex(of: entry, in: order))
        if entry.matches(filter) { visible.insert(item.id, at: insertionIndex(of: entry, in: visible)) }
        return isNew
    }

    /// Removes one action; returns it when it was there.
    @discardableResult
    mutating func remove(_ id: String) -> QueueEntry? {
        guard let entry = entries.removeValue(forKey: id) else { return nil }
        if let index = position(of: entry, in: order) { order.remove(at: index) }
        if let index = position(of: entry, in: visible) { visible.remove(at: index) }
        return entry
    }

    /// Sets the filter text (matched case-insensitively against tool, place, summary, categories, reason).
    mutating func setFilter(_ text: String) {
        let needle = Array(text.lowercased().utf8)
        let narrows = !filter.isEmpty && needle.count > filter.count && needle.starts(with: filter)
        filter = needle
        if narrows {
            visible.removeAll { entries[$0]?.matches(needle) != true }
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
        visible = filter.isEmpty ? order : order.filter { entries[$0]?.matches(filter) == true }
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
