import FoundationEssentials

/// Passphrase checks per uid: failures in a row lock the uid out for a while (1 s, 2 s, 4 s, …
/// up to a minute), and one check at a time, so the broker is no oracle to guess against.
struct PassphraseAttempts: Sendable {
    var failures: [UInt32: (count: Int, lockedUntil: Date)] = [:]
    var checking: Set<UInt32> = []

    static let longestLockout: TimeInterval = 60

    func lockout(_ uid: UInt32, now: Date) -> TimeInterval? {
        guard let entry = failures[uid], entry.lockedUntil > now else { return nil }
        return entry.lockedUntil.timeIntervalSince(now)
    }

    mutating func record(_ uid: UInt32, matched: Bool, now: Date) {
        checking.remove(uid)
        guard !matched else {
            failures[uid] = nil
            return
        }
        let count = (failures[uid]?.count ?? 0) + 1
        let wait = min(Self.longestLockout, Double(1 << min(count - 1, 6)))
        failures[uid] = (count, now.addingTimeInterval(wait))
    }
}
