import AirlockCore
import AirlockWire

/// Agent-written code run by a trusted runner: `make`, `npm test`, `pytest` run files the agent
/// may have just written, so a step whose runner files (`Classifier.runnerFiles`) include a
/// change no human has seen is not allowed by itself — a human decides, shown the change.
///
/// Changes are noted when a Write, Edit, patch, or a shell command's file writes are allowed
/// without a human; a human's approval of a whole-file write, or of the held step, makes them
/// seen. Only files written through actions the broker saw are known: code the agent's own
/// programs write (a generator script) is not.
extension BrokerStateMachine {
    /// Classes of a step whose program runs code the repository defines.
    static let runnerStepCategories: Set<Category> = [.build, .test, .formatLint, .packageInstall]

    /// Policy's allow, unless the step would run unseen agent changes: then a human decides.
    func holdingRunnerSteps(_ decision: Decision, _ action: Action, _ assessment: Assessment) -> Decision {
        guard decision.verdict == .allow, !unseenWrites.isEmpty, case .shell = action.kind,
            assessment.categories.contains(where: Self.runnerStepCategories.contains)
        else { return decision }
        let held = heldChanges(action)
        guard !held.isEmpty || unseenWrites.hasForgotten else { return decision }
        let reason: String
        if let first = held.first {
            let who = first.session.map { "the agent (session \($0))" } ?? "the agent"
            let more = held.count > 1 ? " and \(held.count - 1) more file(s) agents changed" : ""
            reason =
                "Needs a human: this step runs \(first.path), which \(who) changed in \(first.actionID) and no human "
                + "has seen\(more). The change: \(first.preview)"
        } else {
            reason =
                "Needs a human: agents changed more files than Airlock remembers, so this step may run code no "
                + "human has seen."
        }
        return Decision(.ask, reason: reason + " (Otherwise: \(decision.reason))", source: .unseenChange)
    }

    /// The unseen changes a shell action's runner steps read, up to `sequence`.
    func heldChanges(_ action: Action, upTo sequence: UInt64 = .max) -> [UnseenWrites.Change] {
        guard case .shell(let command) = action.kind else { return [] }
        let context = ClassificationContext(
            cwd: action.cwd, workspaceRoot: action.workspaceRoot, host: configuration.hostFacts)
        return unseenWrites.changes(readBy: Classifier.runnerFiles(command: command, context: context), upTo: sequence)
    }

    /// Remembers what a queued action's reviewer is shown, for when they approve it.
    mutating func noteQueued(_ actionID: String) {
        unseenWrites.noteQueued(actionID, pending: Set(pending.keys))
    }

    /// Notes the changes of an answered action: unseen when allowed without a human, seen when
    /// a human approved the whole file or the held step.
    mutating func noteAnswered(_ answer: Answer, _ verdict: FinalVerdict, source: Decision.Source) {
        let watermark = unseenWrites.takeWatermark(answer.id)
        guard verdict == .allow else { return }
        let action = answer.action
        if case .human = source {
            if case .fileWrite = action.kind {
                for (path, _) in Self.changedFiles(action, answer.assessment, host: configuration.hostFacts) {
                    unseenWrites.markSeen(path)
                }
            }
            guard let watermark else { return }
            for change in heldChanges(action, upTo: watermark.sequence) { unseenWrites.markSeen(change.path) }
            if watermark.hadForgotten, case .shell = action.kind,
                answer.assessment.categories.contains(where: Self.runnerStepCategories.contains)
            {
                unseenWrites.forgiveForgotten()
            }
            return
        }
        // Edits a human approved change only what they showed; earlier unseen changes stay.
        for (path, preview) in Self.changedFiles(action, answer.assessment, host: configuration.hostFacts) {
            unseenWrites.record(
                path: path, session: action.session, workspace: action.workspaceRoot, actionID: answer.id,
                preview: preview)
        }
    }

    /// The absolute paths an action writes, each with a preview of its change.
    static func changedFiles(_ action: Action, _ assessment: Assessment, host: HostFacts) -> [(String, String)] {
        let base = action.cwd ?? action.workspaceRoot
        func absolute(_ path: String) -> String? {
            let resolved = PathClassifier.resolve(path, cwd: base, host: host)
            return resolved.hasPrefix("/") && !resolved.contains("$") ? resolved : nil
        }
        switch action.kind {
        case .fileWrite(let path, let content):
            return absolute(path).map { [($0, "new content: " + lines(content, marker: "+"))] } ?? []
        case .fileEdit(let path, let edits):
            let preview = edits.prefix(4).map { lines($0.oldText, marker: "-") + " → " + lines($0.newText, marker: "+") }
            return absolute(path).map { [($0, "edit: " + preview.joined(separator: "; "))] } ?? []
        case .patch(let text):
            let changed = text.split(whereSeparator: \.isNewline).filter {
                ($0.hasPrefix("+") || $0.hasPrefix("-")) && !$0.hasPrefix("+++") && !$0.hasPrefix("---")
            }
            let preview = "patch: " + changed.prefix(12).joined(separator: " ⏎ ")
            return FileActionClassifier.patchTargets(text).filter { !$0.isDeletion }.compactMap { target in
                absolute(target.path).map { ($0, preview) }
            }
        case .shell(let command):
            let targets = assessment.findings.filter { $0.categories.contains(.fileWrite) }.flatMap(\.targets)
            return targets.prefix(64).compactMap { target in
                absolute(target).map { ($0, "written by the command: " + command) }
            }
        case .fileRead, .mcp, .web, .other:
            return []
        }
    }

    /// Up to a dozen lines of `text`, each marked, on one line.
    private static func lines(_ text: String, marker: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).prefix(12).map { marker + $0 }
            .joined(separator: " ⏎ ")
    }
}
