import AirlockBroker
import AirlockCore
import AirlockStore
import AirlockTeamStore
import AirlockWire
import Foundation

// The team run (`--store postgres://…`): two brokers in this process, as two machines of a
// team, each with its own socket and state directory and `--clients` clients. First on SQLite
// (each broker its own file: the one-machine store), then on the team's PostgreSQL store, so
// the per-broker figures sit side by side. Then the grant-to-effect latency: a grant (and a
// revoke) sent by a console on broker B, timed until broker A's console hears it applied.

/// The URL after `--store`, when it names a team store. A password belongs in PGPASSFILE or the
/// URL's passfile, not on this command line (the URL is parsed as the command line's).
func teamStoreURL() -> String? {
    let arguments = Array(CommandLine.arguments.dropFirst())
    guard let index = arguments.firstIndex(of: "--store"), index + 1 < arguments.count,
        TeamStoreLocation.isTeamStore(arguments[index + 1])
    else { return nil }
    return arguments[index + 1]
}

@MainActor
func benchTeam(url: String, request: [UInt8]) async throws {
    let location = try TeamStoreLocation.parse(url, from: .commandLine)
    print("\n  two brokers, \(clients) clients each, policy-hit submit (`ls -la src`):")

    // Two brokers on SQLite, each its own store, as on two machines without a team.
    var sqliteServers: [BrokerServer] = []
    var sqliteStores: [PolicyStore] = []
    for name in ["a", "b"] {
        let store = try PolicyStore.open(path: directory + "/sqlite-\(name)/airlock.sqlite")
        sqliteStores.append(store)
        sqliteServers.append(
            try await BrokerServer.start(
                configuration: BrokerConfiguration(socketPath: directory + "/sqlite-\(name).sock", idPrefix: name),
                persistence: StorePersistence(store: store)))
    }
    let sqlite = loadTogether(paths: sqliteServers.map(\.socketPath), request: request)
    for server in sqliteServers { try await server.shutdown() }
    let sqliteLogged = try sqliteStores.map { try $0.decisions(since: nil, limit: Int.max).count }

    // Two brokers on the team store.
    var machines: [(server: BrokerServer, persistence: TeamPersistence)] = []
    // The team's seal key, as every machine of a team holds it (docs/team.md).
    let teamKey = ExceptionSealer.ephemeral()
    for name in ["a", "b"] {
        let stateDirectory = directory + "/team-\(name)"
        try FileManager.default.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true)
        let origin = ActionOrigin(user: "bench-\(name)", host: "host-\(name)", broker: "bench-\(name)-\(getpid())")
        let persistence = TeamPersistence(
            store: try await TeamStore.open(location), origin: origin, journalPath: stateDirectory + "/team-journal.jsonl",
            seal: { teamKey.sealed($0) })
        await persistence.start()
        let server = try await BrokerServer.start(
            configuration: BrokerConfiguration(
                socketPath: stateDirectory + "/airlock.sock", reviewerNeedsTerminal: false, idPrefix: name,
                team: TeamSettings(origin: origin)),
            persistence: persistence, clock: persistence.clock, sealer: teamKey)
        machines.append((server, persistence))
    }
    let before = try await machines[0].persistence.store.decisions(since: nil, limit: Int.max).count
    let team = loadTogether(paths: machines.map(\.server.socketPath), request: request)
    for (index, name) in ["A", "B"].enumerated() {
        report("SQLite, broker \(name)", sqlite[index])
        report("team store, broker \(name)", team[index])
    }
    // The two brokers share this machine's cores, and how they split them varies from run to
    // run: compare the pair (per broker: half the pair's throughput; p99 over both).
    let sqliteBoth = merged(sqlite)
    let teamBoth = merged(team)
    report("SQLite, both brokers", sqliteBoth)
    report("team store, both brokers", teamBoth)
    let throughput = teamBoth.perSecond / sqliteBoth.perSecond
    let p99 = teamBoth.percentile(0.99) / sqliteBoth.percentile(0.99)
    print(
        String(
            format: "    team store per broker: %.0f decisions/s against SQLite's %.0f (%.2f×), p99 %.2f× SQLite's",
            teamBoth.perSecond / 2, sqliteBoth.perSecond / 2, throughput, p99))
    print(
        throughput >= 0.5
            ? "  target ≥ 0.5× SQLite throughput per broker: met" : "  target ≥ 0.5× SQLite throughput per broker: NOT met")
    print(p99 <= 2 ? "  target p99 within 2× SQLite's: met" : "  target p99 within 2× SQLite's: NOT met")

    // The grants are timed once both brokers' logs are written: a reload waits in the
    // persistence lane behind the appends queued before it (docs/decisions.md, 2026-12-06).
    let drained = DispatchTime.now().uptimeNanoseconds
    for machine in machines { await machine.server.waitUntilStored() }
    print(
        String(
            format: "  the team store's log caught up %.1f s after the load ended",
            Double(DispatchTime.now().uptimeNanoseconds - drained) / 1e9))
    try await grantToEffect(from: machines[1].server.socketPath, to: machines[0].server.socketPath)

    for machine in machines { try await machine.server.shutdown() }
    let logged = try await machines[0].persistence.store.decisions(since: nil, limit: Int.max).count - before
    let verified = try await machines[0].persistence.store.verifyLog()
    for machine in machines { await machine.persistence.stop() }
    print(
        "  decisions logged: SQLite \(sqliteLogged.reduce(0, +)) (of \(sqlite.map(\.operations).reduce(0, +))), "
            + "team store \(logged) (of \(team.map(\.operations).reduce(0, +))); team log: \(verified)")
}

/// Grants on `from`'s console and times until `to`'s console hears the exception applied;
/// then revokes and times until it hears it revoked.
@MainActor
func grantToEffect(from: String, to: String, rounds: Int = 100) async throws {
    guard let granting = BlockingClient(path: from), let watching = BlockingClient(path: to) else {
        fatalError("cannot connect the consoles")
    }
    for console in [granting, watching] {
        console.limitReads(seconds: 10)
        _ = console.send(Array(#"{"jsonrpc":"2.0","id":1,"method":"subscribe","params":{"reviewer":"bench","airlock":2}}"#.utf8) + [10])
        guard wait(console, for: { $0["id"] == .number(1) }) != nil else { fatalError("subscribe was not answered") }
    }
    var grants: [UInt64] = []
    var revokes: [UInt64] = []
    for round in 0..<rounds {
        let grant =
            #"{"jsonrpc":"2.0","id":"# + String(10 + 2 * round)
            + #","method":"grant","params":{"reviewer":"bench","exception":{"effect":"allow","scope":{"commandPrefix":{"argv":["curl"]}},"binding":{"everywhere":{}},"ttlSeconds":600,"reason":"bench"}}}"#
        let sent = DispatchTime.now().uptimeNanoseconds
        _ = granting.send(Array(grant.utf8) + [10])
        guard let heard = wait(watching, for: { $0["method"] == .string("exceptionGranted") }) else {
            let reply = wait(granting, for: { $0["id"] == .number(Double(10 + 2 * round)) })
            fatalError("broker A never applied the grant; B answered \(String(describing: reply))")
        }
        grants.append(DispatchTime.now().uptimeNanoseconds - sent)
        guard let id = heard["params"]?["exception"]?["id"], case .string(let exceptionID) = id else {
            fatalError("a grant without an id")
        }
        _ = wait(granting, for: { $0["id"] == .number(Double(10 + 2 * round)) })
        let revoke =
            #"{"jsonrpc":"2.0","id":"# + String(11 + 2 * round) + #","method":"revoke","params":{"id":""# + exceptionID
            + #"","reviewer":"bench"}}"#
        let revokedAt = DispatchTime.now().uptimeNanoseconds
        _ = granting.send(Array(revoke.utf8) + [10])
        guard wait(watching, for: { $0["method"] == .string("exceptionRevoked") }) != nil else {
            fatalError("broker A never applied the revoke")
        }
        revokes.append(DispatchTime.now().uptimeNanoseconds - revokedAt)
        _ = wait(granting, for: { $0["id"] == .number(Double(11 + 2 * round)) })
    }
    let grant = LoadResult(operations: grants.count, elapsed: 1, latencies: grants.sorted())
    let revoke = LoadResult(operations: revokes.count, elapsed: 1, latencies: revokes.sorted())
    print("  grant to effect across brokers (console on B to console on A), \(rounds) rounds:")
    print(String(format: "    grant   p50 %7.1f ms   p99 %7.1f ms", grant.percentile(0.5) / 1000, grant.percentile(0.99) / 1000))
    print(String(format: "    revoke  p50 %7.1f ms   p99 %7.1f ms", revoke.percentile(0.5) / 1000, revoke.percentile(0.99) / 1000))
    print(
        max(grant.percentile(0.99), revoke.percentile(0.99)) <= 1_000_000
            ? "  target grant/revoke to effect p99 ≤ 1 s: met" : "  target grant/revoke to effect p99 ≤ 1 s: NOT met")
}

/// Several loads run at the same time, as one: operations added, latencies pooled.
func merged(_ results: [LoadResult]) -> LoadResult {
    LoadResult(
        operations: results.map(\.operations).reduce(0, +), elapsed: results.map(\.elapsed).max() ?? 1,
        latencies: results.flatMap(\.latencies).sorted())
}

/// Reads lines until one matches; nil when the connection ends or stays silent past its limit.
func wait(_ client: BlockingClient, for matches: (JSONValue) -> Bool) -> JSONValue? {
    while let line = client.readLine() {
        if let value = try? JSONValue.parse(line), matches(value) { return value }
    }
    return nil
}
