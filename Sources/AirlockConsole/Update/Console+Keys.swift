import AirlockCore
import AirlockWire
import FoundationEssentials

/// Keys: the keymap names the command; these functions carry it out.
extension Console {
    static func handleKey(_ state: inout ConsoleState, _ key: Key) -> [ConsoleEffect] {
        let context = state.interaction.keyContext
        if let command = Keymap.command(for: key, in: context) {
            return perform(&state, command)
        }
        if context.takesText, case .character(let character) = key {
            typeCharacter(&state, character)
        }
        return []
    }

    // swiftlint:disable:next cyclomatic_complexity
    static func perform(_ state: inout ConsoleState, _ command: Command) -> [ConsoleEffect] {
        if command.letsSomethingThrough, !Screen.fits(state.size) {
            flash(&state, "the pane is too small to show what you would approve", isError: true)
            return []
        }
        switch command {
        case .moveDown:
            if case .revoking(let index) = state.interaction {
                state.interaction = .revoking(index: min(index + 1, max(0, state.activeExceptions.count - 1)))
            } else if case .recent = state.interaction {
                moveRecentCursor(&state, by: 1)
            } else {
                moveCursor(&state, by: 1)
            }
        case .moveUp:
            if case .revoking(let index) = state.interaction {
                state.interaction = .revoking(index: max(0, index - 1))
            } else if case .recent = state.interaction {
                moveRecentCursor(&state, by: -1)
            } else {
                moveCursor(&state, by: -1)
            }
        case .pageDown: moveCursor(&state, by: max(1, state.size.rows - 6))
        case .pageUp: moveCursor(&state, by: -max(1, state.size.rows - 6))
        case .moveToTop:
            if case .recent = state.interaction {
                moveRecentCursor(&state, by: -state.decisions.count)
            } else {
                moveCursor(&state, by: -state.queue.count)
            }
        case .moveToBottom:
            if case .recent = state.interaction {
                moveRecentCursor(&state, by: state.decisions.count)
            } else {
                moveCursor(&state, by: state.queue.count)
            }
        case .detailDown: scrollDetail(&state, down: true)
        case .detailUp: scrollDetail(&state, down: false)
        case .described: break
        case .approve:
            guard let id = requireCursor(&state), requireSeen(&state) else { return [] }
            return approve(&state, ids: [id])
        case .deny:
            guard let id = requireCursor(&state) else { return [] }
            state.interaction = .denying(ids: [id], reason: "")
        case .toggleMark:
            guard let id = state.cursorID else { return [] }
            if state.marked.remove(id) == nil { state.marked.insert(id) }
            moveCursor(&state, by: 1)
        case .approveMarked:
            guard let ids = requireMarked(&state), requireMarkedSeen(&state, ids) else { return [] }
            return approve(&state, ids: ids)
        case .denyMarked:
            guard let ids = requireMarked(&state) else { return [] }
            state.interaction = .denying(ids: ids, reason: "")
        case .selectGroup: selectGroup(&state)
        case .startFilter:
            if case .recent = state.interaction {
                editRecentFilter(&state) { $0.isFiltering = true }
            } else {
                state.interaction = .filtering
            }
        case .showRecent: showRecent(&state)
        case .recentException: return recentException(&state)
        case .trustWorkspace: startTrust(&state)
        case .confirmTrust: return confirmTrust(&state)
        case .allowException, .denyException:
            guard let entry = state.cursorEntry else {
                flash(&state, "nothing selected", isError: true)
                return []
            }
            // An allow exception made from this action lets this action through: read it first.
            if command == .allowException, !requireSeen(&state) { return [] }
            var draft = ExceptionDraft(effect: command == .allowException ? .allow : .deny, source: entry.item)
            state.recentActions = recentActions(state)
            measureDraft(&state, &draft)
            state.interaction = .exception(draft)
        case .startRevoke:
            guard !state.activeExceptions.isEmpty else {
                flash(&state, "no active exceptions to revoke", isError: true)
                return []
            }
            state.interaction = .revoking(index: 0)
        case .showHelp: state.interaction = .help
        case .quit:
            state.wantsQuit = true
            return [.quit]
        case .back: back(&state)
        case .submitText: return submitText(&state)
        case .deleteCharacter: deleteCharacter(&state)
        case .chooseTTL(let index):
            editDraft(&state) { $0.ttlIndex = min(max(0, index), ExceptionDraft.ttlPresets.count - 1) }
        case .nextScope: editDraft(&state) { $0.scopeIndex = ($0.scopeIndex + 1) % $0.choices.count }
        case .previousScope:
            editDraft(&state) { $0.scopeIndex = ($0.scopeIndex + $0.choices.count - 1) % $0.choices.count }
        case .toggleBinding: editDraft(&state) { $0.bindsSession.toggle() }
        case .editReason: editDraft(&state) { $0.isEditingReason = true }
        case .confirmGrant: return confirmGrant(&state)
        case .confirmRevoke: return confirmRevoke(&state)
        }
        return []
    }

    /// Approves `ids`: at once, unless one is on the hard floor, which asks for the typed word.
    static func approve(_ state: inout ConsoleState, ids: [String]) -> [ConsoleEffect] {
        guard requireConnection(&state) else { return [] }
        let floor = ids.filter { state.queue[$0]?.item.assessment.isHardFloor == true }
        if !floor.isEmpty {
            state.interaction = .confirmingHardFloor(ids: ids, typed: "")
            return []
        }
        return sendDecision(&state, ids: ids, verdict: .allow, reason: nil)
    }

    static func sendDecision(
        _ state: inout ConsoleState, ids: [String], verdict: FinalVerdict, reason: String?, grant: ExceptionGrant? = nil
    ) -> [ConsoleEffect] {
        guard requireConnection(&state) else { return [] }
        let params = DecideParams(ids: ids, verdict: verdict, reason: reason, grant: grant)
        let tag = nextTag(&state, for: grant.map { .grant($0.effect) } ?? .decide(verdict, count: ids.count))
        state.interaction = .browsing
        state.marked.subtract(ids)
        return [.send(.decide(params), tag: tag)]
    }

    static func nextTag(_ state: inout ConsoleState, for purpose: RequestPurpose) -> RequestTag {
        let tag = RequestTag(state.nextTag)
        state.nextTag += 1
        state.inFlight[tag] = purpose
        return tag
    }

    static func typeCharacter(_ state: inout ConsoleState, _ character: Character) {
        switch state.interaction {
        case .filtering:
            state.filterText.append(character)
            state.queue.setFilter(state.filterText)
        case .denying(let ids, let reason):
            state.interaction = .denying(ids: ids, reason: reason + String(character))
        case .confirmingHardFloor(let ids, let typed):
            let text = typed + String(character)
            if text == Interaction.confirmationWord {
                let seconds = state.configuration.vetoSeconds
                state.interaction = .vetoCountdown(ids: ids, sendAt: state.now.addingTimeInterval(Double(seconds)))
            } else {
                state.interaction = .confirmingHardFloor(ids: ids, typed: text)
            }
        case .exception(var draft) where draft.isEditingReason:
            draft.reason.append(character)
            state.interaction = .exception(draft)
        case .recent(let view) where view.isFiltering:
            editRecentFilter(&state) { $0.filter.append(character) }
        case .enteringPassphrase(let request, let tag, let typed):
            state.interaction = .enteringPassphrase(request: request, tag: tag, typed: typed + String(character))
        default:
            break
        }
    }

    static func deleteCharacter(_ state: inout ConsoleState) {
        switch state.interaction {
        case .filtering:
            if !state.filterText.isEmpty { state.filterText.removeLast() }
            state.queue.setFilter(state.filterText)
        case .denying(let ids, var reason):
            if !reason.isEmpty { reason.removeLast() }
            state.interaction = .denying(ids: ids, reason: reason)
        case .confirmingHardFloor(let ids, var typed):
            if !typed.isEmpty { typed.removeLast() }
            state.interaction = .confirmingHardFloor(ids: ids, typed: typed)
        case .exception(var draft) where draft.isEditingReason:
            if !draft.reason.isEmpty { draft.reason.removeLast() }
            state.interaction = .exception(draft)
        case .recent(let view) where view.isFiltering:
            editRecentFilter(&state) { if !$0.filter.isEmpty { $0.filter.removeLast() } }
        case .enteringPassphrase(let request, let tag, var typed):
            if !typed.isEmpty { typed.removeLast() }
            state.interaction = .enteringPassphrase(request: request, tag: tag, typed: typed)
        default:
            break
        }
    }

    /// Enter in a text field. It finishes typing; it never approves anything.
    static func submitText(_ state: inout ConsoleState) -> [ConsoleEffect] {
        switch state.interaction {
        case .filtering:
            state.interaction = .browsing
        case .denying(let ids, let reason):
            let trimmed = reason.trimmedSpaces
            return sendDecision(&state, ids: ids, verdict: .deny, reason: trimmed.isEmpty ? nil : trimmed)
        case .exception(var draft) where draft.isEditingReason:
            guard !draft.reason.trimmedSpaces.isEmpty else {
                flash(&state, "type the reason the agent will get", isError: true)
                return []
            }
            draft.isEditingReason = false
            state.interaction = .exception(draft)
        case .recent(let view) where view.isFiltering:
            editRecentFilter(&state) { $0.isFiltering = false }
        case .enteringPassphrase(let request, let tag, let typed):
            state.interaction = .browsing
            guard !typed.isEmpty, let withPassphrase = request.withPassphrase(typed) else {
                state.inFlight[tag] = nil
                flash(&state, "no passphrase typed — nothing was approved", isError: true)
                return []
            }
            return [.send(withPassphrase, tag: tag)]
        default:
            break
        }
        return []
    }

    /// Esc: one step back, never forward.
    static func back(_ state: inout ConsoleState) {
        switch state.interaction {
        case .browsing:
            if !state.filterText.isEmpty {
                state.filterText = ""
                state.queue.setFilter("")
            } else {
                state.marked.removeAll()
            }
        case .filtering:
            state.filterText = ""
            state.queue.setFilter("")
            state.interaction = .browsing
        case .vetoCountdown:
            state.interaction = .browsing
            flash(&state, "approval cancelled — nothing was sent", isError: false)
        case .enteringPassphrase(_, let tag, _):
            state.inFlight[tag] = nil
            state.interaction = .browsing
            flash(&state, "approval cancelled — nothing was sent", isError: false)
        case .exception(var draft) where draft.isEditingReason && draft.effect == .allow:
            draft.isEditingReason = false
            state.interaction = .exception(draft)
        case .recent(let view) where view.isFiltering || !view.filter.isEmpty:
            // Esc clears the filter first, then leaves the view.
            editRecentFilter(&state) {
                $0.filter = ""
                $0.isFiltering = false
            }
        default:
            state.interaction = .browsing
        }
    }

    static func selectGroup(_ state: inout ConsoleState) {
        guard let entry = state.cursorEntry else { return }
        let group = state.queue.visibleIDs(similarTo: entry.item)
        if group.allSatisfy({ state.marked.contains($0) }) {
            state.marked.subtract(group)
            flash(&state, "unmarked \(group.count) similar: \(entry.groupLabel)", isError: false)
        } else {
            state.marked.formUnion(group)
            flash(&state, "marked \(group.count) similar: \(entry.groupLabel)", isError: false)
        }
    }

    /// Changes the draft; coverage is counted again only when what it covers changed (scope or
    /// binding), since that walks every pending action.
    static func editDraft(_ state: inout ConsoleState, _ change: (inout ExceptionDraft) -> Void) {
        guard case .exception(var draft) = state.interaction else { return }
        let before = (draft.choice.scope, draft.binding)
        change(&draft)
        if before != (draft.choice.scope, draft.binding) { measureDraft(&state, &draft) }
        state.interaction = .exception(draft)
    }

    /// Counts the draft's coverage again (the queue or the recent log changed).
    static func refreshDraftCoverage(_ state: inout ConsoleState) {
        guard case .exception(var draft) = state.interaction else { return }
        measureDraft(&state, &draft)
        state.interaction = .exception(draft)
    }

    static func measureDraft(_ state: inout ConsoleState, _ draft: inout ExceptionDraft) {
        draft.measureCoverage(
            queue: state.queue, recent: state.recentActions, now: state.now, reviewer: state.configuration.reviewer)
    }

    static func confirmGrant(_ state: inout ConsoleState) -> [ConsoleEffect] {
        guard case .exception(let draft) = state.interaction else { return [] }
        let reviewer = state.configuration.reviewer
        if let problem = draft.problem(now: state.now, reviewer: reviewer) {
            flash(&state, "refused: \(problem)", isError: true)
            return []
        }
        guard requireConnection(&state) else { return [] }
        let grant = draft.grant(reviewer: reviewer)
        if state.queue[draft.source.id] != nil {
            let verdict: FinalVerdict = draft.effect == .allow ? .allow : .deny
            return sendDecision(&state, ids: [draft.source.id], verdict: verdict, reason: grant.reason, grant: grant)
        }
        let tag = nextTag(&state, for: .grant(draft.effect))
        state.interaction = .browsing
        return [.send(.grant(GrantParams(exception: grant, reviewer: reviewer)), tag: tag)]
    }

    static func confirmRevoke(_ state: inout ConsoleState) -> [ConsoleEffect] {
        guard case .revoking(let index) = state.interaction else { return [] }
        let active = state.activeExceptions
        guard active.indices.contains(index), requireConnection(&state) else { return [] }
        let tag = nextTag(&state, for: .revoke)
        state.interaction = .browsing
        return [.send(.revoke(RevokeParams(id: active[index].id, reviewer: state.configuration.reviewer)), tag: tag)]
    }

    static func requireCursor(_ state: inout ConsoleState) -> String? {
        guard let id = state.cursorID else {
            flash(&state, "nothing selected", isError: true)
            return nil
        }
        return id
    }

    static func requireMarked(_ state: inout ConsoleState) -> [String]? {
        let ids = state.queue.orderedIDs.filter { state.marked.contains($0) }
        guard !ids.isEmpty else {
            flash(&state, "nothing marked (space marks, g marks similar)", isError: true)
            return nil
        }
        return ids
    }

    /// Nothing is sent, and nothing looks sent, while the broker is away.
    static func requireConnection(_ state: inout ConsoleState) -> Bool {
        guard state.broker == .connected else {
            flash(&state, "not connected to the broker — nothing was sent", isError: true)
            return false
        }
        return true
    }

    static func flash(_ state: inout ConsoleState, _ text: String, isError: Bool) {
        state.flash = Flash(
            text: text, isError: isError, until: state.now.addingTimeInterval(state.configuration.flashSeconds))
    }
}
