/// A file an edit or write would change, as the shell read it for the diff. Each way of not
/// having its text says so on screen: a large or binary file is never shown as a new one.
public enum FileOnDisk: Equatable, Sendable {
    case loaded(String)
    /// Not there: the diff shows the whole new content as added.
    case missing
    /// There but not readable (permissions, a directory).
    case unreadable
    /// Larger than the shell reads for a diff.
    case tooLarge(bytes: Int)
    /// Not UTF-8 text, or with NUL bytes.
    case binary(bytes: Int)
}
