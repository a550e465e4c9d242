import Synchronization

/// Callers take turns, first come first served, without blocking a thread while they wait.
final class TurnTaking: Sendable {
    private let state = Mutex<(busy: Bool, waiting: [CheckedContinuation<Void, Never>])>((false, []))

    func take() async {
        await withCheckedContinuation { continuation in
            let now = state.withLock { state -> Bool in
                guard state.busy else {
                    state.busy = true
                    return true
                }
                state.waiting.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }

    /// Takes the turn only when nobody holds it; true when taken.
    func tryTake() -> Bool {
        state.withLock { state -> Bool in
            guard !state.busy else { return false }
            state.busy = true
            return true
        }
    }

    func pass() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiting.isEmpty else {
                state.busy = false
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}

/// One caller's turn: ended once, by the caller or by its timeout, whichever comes first.
final class Turn: Sendable {
    private let turns: TurnTaking
    private let state = Mutex<(taken: Bool, ended: Bool)>((false, false))

    init(_ turns: TurnTaking) {
        self.turns = turns
    }

    func take() async {
        await turns.take()
        let endedMeanwhile = state.withLock { state -> Bool in
            state.taken = true
            return state.ended
        }
        // Timed out while waiting: hand the turn straight on.
        if endedMeanwhile { turns.pass() }
    }

    func end() {
        let pass = state.withLock { state -> Bool in
            guard !state.ended else { return false }
            state.ended = true
            return state.taken
        }
        if pass { turns.pass() }
    }
}
