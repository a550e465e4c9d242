import FoundationEssentials

/// A one-line message in the status line: replies, failures, refusals. It fades after a while.
struct Flash: Equatable, Sendable {
    var text: String
    var isError: Bool
    var until: Date
}
