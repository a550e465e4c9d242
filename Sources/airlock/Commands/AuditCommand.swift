import AirlockCore
import AirlockStore
import AirlockTeamStore
import ArgumentParser
import Foundation

/// `airlock audit`: read and verify the decision log.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Show the decision log, or verify that nobody tampered with it.",
        discussion: """
            The log is append-only and hash-chained; --verify recomputes the chain, then holds the log \
            against the heads kept outside it — the broker's (log-anchor.json in its state directory) \
            and what this user's consoles last saw (console-log-anchor.json in the user's state \
            directory), plus any --anchor FILE — and exits 1 when the chain is broken or the log was \
            cut short or rewritten since one of them was written.

            With a team store (AIRLOCK_STORE_URL or store = "…" in config.toml, as `airlock serve` \
            chooses it) both read the team's log in PostgreSQL; --verify holds it against the head \
            the database keeps (log_anchor, written only by the schema owner's trigger) and any \
            --anchor FILE.
            """
    )

    @Option(help: "Only entries newer than this: 30m, 4h, 2d, or an ISO 8601 time.") var since: String?
    @Option(help: "At most this many entries (the most recent).") var limit = 200
    @Flag(help: "One JSON object per entry.") var json = false
    @Flag(help: "Check the hash chain and the heads kept outside the log.") var verify = false
    @Flag(help: "The separated deployment's store (/var/lib/airlock; read it as root or Airlock's user).")
    var system = false
    @Option(help: "Another saved head (a LogAnchor JSON file) to hold the log against (repeatable).")
    var anchor: [String] = []

    func run() async throws {
        let environment = PolicyCommand.Environment()
        let paths = environment.paths
        let stateDirectory = system ? paths.systemStateDirectory : paths.stateDirectory
        let configDirectory = system ? paths.systemConfigDirectory : paths.configDirectory
        var start: Date?
        if let since, !verify {
            guard let date = Self.parseSince(since) else {
                throw CLIError("--since takes 30m, 4h, 2d or an ISO 8601 time")
            }
            start = date
        }
        if let team = try StoreChoice.resolve(configDirectory: configDirectory).team {
            let store = try await StoreChoice.connect(team)
            do {
                if verify {
                    try await verifyTeamLog(store)
                } else {
                    show(try await store.decisions(since: start, limit: limit))
                }
            } catch {
                await store.close()
                throw error
            }
            await store.close()
            return
        }
        let store: PolicyStore
        do {
            store = try PolicyStore.open(path: StorePaths.defaultDatabase(stateDirectory: stateDirectory))
        } catch {
            throw CLIError("cannot open the policy store in \(stateDirectory): \(error)")
        }
        if verify { return try verifyLog(store, stateDirectory: stateDirectory, paths: paths) }
        show(try store.decisions(since: start, limit: limit))
    }

    private func show(_ records: [DecisionLogRow]) {
        let formatter = ISO8601DateFormatter()
        for row in records {
            let time = formatter.string(from: Date(timeIntervalSince1970: Double(row.time) / 1000))
            if json {
                var object: [String: Any] = [
                    "sequence": row.sequence, "time": time, "action": row.actionID, "harness": row.harness,
                    "summary": row.summary, "categories": row.categories, "risk": row.risk, "decision": row.verdict,
                    "source": row.source, "reason": row.reason, "hash": row.hash,
                ]
                object["session"] = row.session
                object["workspace"] = row.workspace
                object["reviewer"] = row.reviewer
                object["reviewerIdentity"] = row.reviewerIdentity
                object["kind"] = row.kind
                print(Checker.encode(object))
            } else {
                // What an agent sent can hold escape sequences: shown visibly, never sent to the terminal.
                let summary = HiddenCharacters.visible(String(row.summary.prefix(80)))
                let verdict = row.verdict.uppercased().padding(toLength: 5, withPad: " ", startingAt: 0)
                let risk = row.risk.padding(toLength: 8, withPad: " ", startingAt: 0)
                print(
                    "\(row.sequence)  \(time)  \(verdict) \(risk) \(HiddenCharacters.visible(row.harness))  \(summary)  [\(row.source)]"
                )
            }
        }
        if records.isEmpty, !json { print("no decisions logged" + (since.map { " since \($0)" } ?? "")) }
    }

    /// The team's log: its chain, the database's own anchor (checked by `verifyLog`), and the
    /// heads given with --anchor. No anchor file of a broker's: a team broker keeps none.
    private func verifyTeamLog(_ store: TeamStore) async throws {
        var failed = false
        switch try await store.verifyLog() {
        case .intact(let count):
            print("decision log intact: \(count) entries, hash chain verified (team store \(store.location))")
            print("anchor   agrees with the database's log_anchor")
        case .broken(let sequence, let reason):
            print("decision log BROKEN at entry \(sequence): \(reason) (team store \(store.location))")
            failed = true
        }
        for path in anchor {
            guard let saved = LogAnchor.read(path) else { throw CLIError("\(path) is not a saved log head") }
            let check = try await store.check(saved, who: path)
            print("anchor   \(check)")
            failed = failed || check.isProblem
        }
        if failed { throw ExitCode(1) }
    }

    private func verifyLog(_ store: PolicyStore, stateDirectory: String, paths: AirlockPaths) throws {
        var failed = false
        switch try store.verifyLog() {
        case .intact(let count):
            print("decision log intact: \(count) entries, hash chain verified")
        case .broken(let sequence, let reason):
            print("decision log BROKEN at entry \(sequence): \(reason)")
            failed = true
        }
        let anchors =
            [
                ("the broker", LogAnchor.brokerPath(stateDirectory: stateDirectory)),
                ("this user's consoles", LogAnchor.consolePath(stateDirectory: paths.stateDirectory)),
            ] + anchor.map { ("\($0)", $0) }
        for (who, path) in anchors {
            guard let saved = LogAnchor.read(path) else {
                print("anchor   none from \(who) (\(path))")
                continue
            }
            let check = try store.check(saved, who: who)
            print("anchor   \(check)")
            failed = failed || check.isProblem
        }
        if failed { throw ExitCode(1) }
    }

    static func parseSince(_ text: String) -> Date? {
        if text.hasSuffix("d"), let days = Double(text.dropLast()) { return Date().addingTimeInterval(-days * 86_400) }
        if let seconds = Duration.parse(text) { return Date().addingTimeInterval(-seconds) }
        return ISO8601DateFormatter().date(from: text)
    }
}
