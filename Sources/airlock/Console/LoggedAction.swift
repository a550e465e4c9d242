import AirlockConsole
import AirlockCore
import AirlockStore

/// Logged decisions as actions, for an exception's coverage preview: the log keeps each
/// action's kind and what it names (`DecisionRecord.subject`), which is classified again here.
enum LoggedAction {
    /// The row as a recent action; nil for a row that cannot be read or that was logged before
    /// the log kept the action's kind.
    static func recentAction(_ row: DecisionLogRow, host: HostFacts) -> RecentAction? {
        guard let decision = try? row.decision(), let kind = decision.subject else { return nil }
        let action = Action(
            harness: decision.harness, session: decision.session, cwd: decision.workspace,
            workspaceRoot: decision.workspace, kind: kind)
        return RecentAction(
            time: decision.time, action: action, assessment: Classifier.assess(action, host: host),
            verdict: decision.verdict)
    }
}
