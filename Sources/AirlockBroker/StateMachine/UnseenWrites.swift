import AirlockCore

/// Files agents wrote or edited through actions the broker allowed without a human, and that
/// no human has seen since: the files a trusted runner (`make`, `npm test`, `pytest`) may run.
///
/// Keyed by absolute path, so a runner step in one session finds what another session of the
/// same workspace wrote: a session id is the client's word, and an agent can start a second
/// session. Each change keeps its session, workspace and a short preview for the reviewer.
///
/// Bounded: at most `capacity` changes. Forgetting one could let a runner step run it
/// unseen, so past the capacity the oldest is dropped and `hasForgotten` is set: every runner
/// step is then held until a human approves one.
struct UnseenWrites: Sendable {
    struct Change: Sendable, Equatable {
        var path: String
        var session: String?
        var workspace: String?
        var actionID: String
        /// The change's lines as the agent sent them, clipped (`previewLimit`).
        var preview: String
        /// Orders changes; a human's approval covers those recorded before the action was queued.
        var sequence: UInt64
    }

    /// What a queued action may make seen when a human approves it: changes up to here.
    struct Watermark: Sendable {
        var sequence: UInt64
        var hadForgotten: Bool
    }

    static let capacity = 4_096
    static let previewLimit = 480
    /// Queued actions remembered at most; beyond it, those no longer pending are dropped.
    static let watermarkLimit = 1_024

    private(set) var changes: [String: Change] = [:]
    /// Paths, oldest change first.
    private var order: [String] = []
    private var nextSequence: UInt64 = 1
    private(set) var hasForgotten = false
    private var watermarks: [String: Watermark] = [:]

    var isEmpty: Bool { changes.isEmpty && !hasForgotten }

    /// Notes a change no human has seen; a newer change of the same path replaces the older.
    mutating func record(path: String, session: String?, workspace: String?, actionID: String, preview: String) {
        if changes[path] != nil { order.removeAll { $0 == path } }
        changes[path] = Change(
            path: path, session: session, workspace: workspace, actionID: actionID,
            preview: Self.clipped(preview), sequence: nextSequence)
        nextSequence += 1
        order.append(path)
        if order.count > Self.capacity {
            let oldest = order.removeFirst()
            changes[oldest] = nil
            hasForgotten = true
        }
    }

    /// A human saw `path` as it is now (a whole-file write they approved).
    mutating func markSeen(_ path: String) {
        guard changes.removeValue(forKey: path) != nil else { return }
        order.removeAll { $0 == path }
    }

    /// The unseen changes among the files a step's runner reads, oldest first.
    func changes(readBy files: [RunnerFile], upTo sequence: UInt64 = .max) -> [Change] {
        guard !files.isEmpty else { return [] }
        return order.compactMap { changes[$0] }.filter { change in
            change.sequence <= sequence && files.contains { $0.matches(path: change.path) }
        }
    }

    /// Remembers how far the changes went when `actionID` was queued for a human.
    mutating func noteQueued(_ actionID: String, pending: Set<String>) {
        if watermarks.count >= Self.watermarkLimit { watermarks = watermarks.filter { pending.contains($0.key) } }
        watermarks[actionID] = Watermark(sequence: nextSequence - 1, hadForgotten: hasForgotten)
    }

    /// The watermark of a queued action, forgotten once it is answered.
    mutating func takeWatermark(_ actionID: String) -> Watermark? {
        watermarks.removeValue(forKey: actionID)
    }

    /// A human approved a held runner step while changes had been forgotten.
    mutating func forgiveForgotten() { hasForgotten = false }

    static func clipped(_ text: String) -> String {
        text.count <= previewLimit ? text : String(text.prefix(previewLimit)) + "…"
    }
}
