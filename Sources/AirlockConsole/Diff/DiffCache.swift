/// The diff rows of one pending edit or write, for the files as they were at `filesVersion`.
struct DiffCache: Sendable {
    var actionID: String
    var filesVersion: Int
    var rows: [DiffPreview.Row]
}
