import AirlockCore
import AirlockWire
import FoundationEssentials

/// `w`: trust the selected action's repository, after a confirmation that shows the repository,
/// its remote and what changes. The broker writes the list, logs it under the reviewer and
/// measures the workspace again; its report then reaches the boundary panel.
extension Console {
    static func startTrust(_ state: inout ConsoleState) {
        guard let entry = state.cursorEntry, let workspace = ConsoleState.workspace(of: entry.item.action) else {
            flash(&state, "no workspace selected: select an action from the repository to trust", isError: true)
            return
        }
        let report = state.report(for: workspace)
        if report?.isTrusted == true {
            flash(
                &state, "\(workspace) is already trusted (`airlock untrust` takes it off the list)", isError: false)
            return
        }
        state.interaction = .confirmingTrust(TrustDraft(workspace: workspace, report: report))
    }

    static func confirmTrust(_ state: inout ConsoleState) -> [ConsoleEffect] {
        guard case .confirmingTrust(let draft) = state.interaction, requireConnection(&state) else { return [] }
        let tag = nextTag(&state, for: .trust(draft.workspace))
        state.interaction = .browsing
        let params = TrustParams(
            workspace: draft.workspace, reviewer: state.configuration.reviewer, reason: "trusted in the console")
        return [.send(.trust(params), tag: tag)]
    }
}
