/// A file an edit or write would change, as read for the diff.
enum FileOnDisk: Equatable, Sendable {
    case loaded(String)
    /// Missing or unreadable: the diff shows the whole new content as added.
    case missing
}
