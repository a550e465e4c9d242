import AirlockCore
import AirlockWire
import FoundationEssentials

/// Socket events: the connection, the broker's notifications, replies and failures; and the clock.
extension Console {
    static func handleConnection(_ state: inout ConsoleState, _ connection: BrokerConnection) -> [ConsoleEffect] {
        switch connection {
        case .connecting:
            state.broker = .connecting
        case .subscribed(let result):
            state.broker = .connected
            state.mode = result.mode
            state.store = result.store
            let before = state.detail.flatMap { state.queue[$0.key.actionID]?.item }
            state.queue.replaceAll(result.pending)
            state.marked = state.marked.filter { state.queue.contains($0) }
            state.newAbove = state.newAbove.filter { state.queue.contains($0) }
            state.seen = state.seen.filter { state.queue.contains($0.key) }
            if let before, state.queue[before.id]?.item != before {
                state.seen[before.id] = nil
                state.detail = nil
            }
            state.exceptions = result.exceptions.sorted { $0.expiresAt < $1.expiresAt }
            state.decisions.add(result.recent ?? [])
            for measured in result.boundaries ?? [] { state.brokerBoundaries[measured.workspace] = measured.report }
            state.rejectedExceptions = result.rejectedExceptions ?? []
            // A request whose reply was lost with the connection will not be answered.
            state.inFlight.removeAll()
            if case .vetoCountdown = state.interaction { state.interaction = .browsing }
        case .lost(let reason):
            state.broker = .lost(reason)
            if case .vetoCountdown = state.interaction {
                state.interaction = .browsing
                flash(&state, "connection lost — the approval was not sent", isError: true)
            }
        }
        return []
    }

    static func handleNotification(_ state: inout ConsoleState, _ notification: ServerNotification) -> [ConsoleEffect] {
        switch notification {
        case .actionQueued(let queued):
            let id = queued.item.id
            let previous = state.queue[id]?.item
            let isNew = state.queue.insert(queued.item)
            if let previous, previous != queued.item {
                // Changed is new: what was read of the old one does not count, and it is laid out again.
                state.seen[id] = nil
                if state.detail?.key.actionID == id { state.detail = nil }
            }
            if isNew, let cursor = state.cursorID, let below = state.queue.visibleIndex(of: cursor),
                let index = state.queue.visibleIndex(of: id), index < below
            {
                state.newAbove.insert(id)
            }
            if isNew { adjustDraftCoverage(&state, [queued.item], by: 1) } else { refreshDraftCoverage(&state) }
            return isNew && state.configuration.bellOnNewAction ? [.bell] : []
        case .actionResolved(let resolved):
            removeActions(&state, [resolved.id])
        case .actionExpired(let expired):
            if let item = removeActions(&state, [expired.id]).first {
                let entry = QueueEntry(item)
                let what = expired.cause == .timeout ? "timed out (denied)" : "withdrawn by the agent"
                flash(&state, "\(entry.tool) \(String(entry.summary.string.prefix(40))) \(what)", isError: false)
            }
        case .exceptionGranted(let granted):
            state.exceptions.removeAll { $0.id == granted.exception.id }
            state.exceptions.append(granted.exception)
            state.exceptions.sort { $0.expiresAt < $1.expiresAt }
            removeActions(&state, granted.resolved)
        case .exceptionRevoked(let revoked):
            state.exceptions.removeAll { $0.id == revoked.exception.id }
            flash(
                &state, "revoked: \(revoked.exception.effect.rawValue) \(revoked.exception.scope.summary)",
                isError: false)
        case .exceptionExpired(let expired):
            state.exceptions.removeAll { $0.id == expired.exception.id }
            flash(
                &state, "expired: \(expired.exception.effect.rawValue) \(expired.exception.scope.summary)",
                isError: false)
        case .storeHealthChanged(let health):
            state.store = health
            flash(&state, "store \(health.summary)", isError: health.state == .degraded)
        case .actionDecided(let decided):
            state.decisions.add([decided.decision])
        case .boundariesMeasured(let measured):
            state.brokerBoundaries[measured.workspace] = measured.report
            if case .confirmingTrust(var draft) = state.interaction, draft.workspace == measured.workspace {
                draft.report = measured.report
                state.interaction = .confirmingTrust(draft)
            }
        case .exceptionRejected(let rejection):
            state.rejectedExceptions.removeAll { $0.id == rejection.id }
            state.rejectedExceptions.append(rejection)
            flash(&state, "refused a stored exception: \(rejection.id): \(rejection.reason)", isError: true)
        case .logAnchored:
            // Recorded by the shell (`BrokerLink`), which writes what consoles saw to disk.
            break
        }
        clampRevokeIndex(&state)
        return []
    }

    /// Takes answered actions off the queue and out of any mode that was about to act on them.
    @discardableResult
    static func removeActions(_ state: inout ConsoleState, _ ids: [String]) -> [QueuedAction] {
        guard !ids.isEmpty else { return [] }
        let removed = ids.compactMap { state.queue.remove($0) }
        state.marked.subtract(ids)
        state.newAbove.subtract(ids)
        for id in ids {
            state.blast[id] = nil
            state.requestedBlast.remove(id)
            state.seen[id] = nil
        }
        let gone = Set(ids)
        switch state.interaction {
        case .denying(let pending, let reason):
            let left = pending.filter { !gone.contains($0) }
            state.interaction = left.isEmpty ? .browsing : .denying(ids: left, reason: reason)
        case .confirmingHardFloor(let pending, let typed):
            let left = pending.filter { !gone.contains($0) }
            state.interaction = left.isEmpty ? .browsing : .confirmingHardFloor(ids: left, typed: typed)
        case .vetoCountdown(let pending, let sendAt):
            let left = pending.filter { !gone.contains($0) }
            state.interaction = left.isEmpty ? .browsing : .vetoCountdown(ids: left, sendAt: sendAt)
        default:
            break
        }
        adjustDraftCoverage(&state, removed, by: -1)
        return removed
    }

    /// Counts arrivals and departures into the open exception panel's coverage without walking
    /// the whole queue again (3 ms with 10,000 pending).
    static func adjustDraftCoverage(_ state: inout ConsoleState, _ items: [QueuedAction], by step: Int) {
        guard case .exception(var draft) = state.interaction, !items.isEmpty else { return }
        let candidate = draft.exception(now: state.now, reviewer: state.configuration.reviewer)
        let covered = items.count { candidate.covers($0.action, $0.assessment, at: state.now) }
        draft.coveredPending = max(0, draft.coveredPending + step * covered)
        state.interaction = .exception(draft)
    }

    static func handleReply(_ state: inout ConsoleState, tag: RequestTag, _ result: ServerResult) -> [ConsoleEffect] {
        let purpose = state.inFlight.removeValue(forKey: tag)
        switch result {
        case .decide(let decided):
            removeActions(&state, decided.resolved + decided.alsoResolved)
            if let exception = decided.exception { addException(&state, exception) }
            var words: [String] = []
            if !decided.resolved.isEmpty {
                let denied: Bool
                switch purpose {
                case .decide(let verdict, _): denied = verdict == .deny
                case .grant(let effect): denied = effect == .deny
                default: denied = false
                }
                words.append("\(denied ? "denied" : "approved") \(decided.resolved.count)")
            }
            if let exception = decided.exception {
                words.append("\(exception.effect.rawValue) exception until \(clock(exception.expiresAt))")
            }
            if !decided.alsoResolved.isEmpty { words.append("also resolved \(decided.alsoResolved.count)") }
            for waiting in decided.waiting ?? [] {
                words.append("approval of \(waiting.id) recorded; \(waiting.needs)")
            }
            if let failure = decided.failed.first {
                words.append("\(decided.failed.count) failed: \(failure.message)")
            }
            flash(&state, words.joined(separator: " · "), isError: !decided.failed.isEmpty)
        case .grant(let granted):
            addException(&state, granted.exception)
            removeActions(&state, granted.resolved)
            flash(
                &state,
                "\(granted.exception.effect.rawValue) exception until \(clock(granted.exception.expiresAt)) · resolved \(granted.resolved.count)",
                isError: false)
        case .revoke(let revoked):
            state.exceptions.removeAll { $0.id == revoked.exception.id }
            flash(&state, "revoked: \(revoked.exception.scope.summary)", isError: false)
        case .trust(let trusted):
            let remote = trusted.remote.map { "remote \($0)" } ?? "no remote"
            flash(
                &state,
                trusted.changed
                    ? "trusted \(trusted.workspace) (\(remote)); logged — what waits is still yours to decide"
                    : "\(trusted.workspace) was already trusted", isError: false)
        case .recent(let recent):
            state.decisions.add(recent.decisions)
        default:
            break
        }
        clampRevokeIndex(&state)
        return []
    }

    static func handleFailure(_ state: inout ConsoleState, tag: RequestTag, _ message: String) -> [ConsoleEffect] {
        let purpose = state.inFlight.removeValue(forKey: tag)
        let what: String
        switch purpose {
        case .decide(let verdict, let count): what = "\(verdict == .allow ? "approve" : "deny") of \(count)"
        case .grant(let effect): what = "\(effect.rawValue) exception"
        case .revoke: what = "revoke"
        case .trust(let workspace): what = "trusting \(workspace)"
        case nil: what = "request"
        }
        flash(&state, "\(what) failed: \(VisibleText.singleLine(message).string)", isError: true)
        return []
    }

    /// The broker asked for the passphrase again: the request waits in a prompt, its tag still
    /// in flight, until the reviewer types it (Enter sends) or backs out.
    static func askPassphrase(
        _ state: inout ConsoleState, tag: RequestTag, request: ClientRequest, _ message: String
    ) -> [ConsoleEffect] {
        guard state.inFlight[tag] != nil else { return [] }
        state.interaction = .enteringPassphrase(request: request, tag: tag, typed: "")
        flash(&state, VisibleText.singleLine(message).string, isError: false)
        return []
    }

    static func addException(_ state: inout ConsoleState, _ exception: PolicyException) {
        state.exceptions.removeAll { $0.id == exception.id }
        state.exceptions.append(exception)
        state.exceptions.sort { $0.expiresAt < $1.expiresAt }
    }

    static func clampRevokeIndex(_ state: inout ConsoleState) {
        guard case .revoking(let index) = state.interaction else { return }
        let count = state.activeExceptions.count
        state.interaction = count == 0 ? .browsing : .revoking(index: min(index, count - 1))
    }

    /// The clock: fades the flash, drops exceptions past their expiry, and sends a hard-floor
    /// approval once its veto countdown has run out.
    static func handleTick(_ state: inout ConsoleState, _ now: Date) -> [ConsoleEffect] {
        state.now = now
        if let flash = state.flash, flash.until <= now { state.flash = nil }
        state.exceptions.removeAll { !$0.isActive(at: now) }
        clampRevokeIndex(&state)
        if case .vetoCountdown(let ids, let sendAt) = state.interaction, now >= sendAt {
            state.interaction = .browsing
            return sendDecision(&state, ids: ids, verdict: .allow, reason: nil)
        }
        return []
    }

    /// "14:05" in UTC, for expiries in the status line.
    static func clock(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let day = ((seconds % 86_400) + 86_400) % 86_400
        let hours = day / 3600
        let minutes = (day % 3600) / 60
        return (hours < 10 ? "0" : "") + "\(hours):" + (minutes < 10 ? "0" : "") + "\(minutes)Z"
    }
}
