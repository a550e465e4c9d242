import AirlockBroker
import AirlockCore
import AirlockStore
import AirlockTeamStore
import AirlockWire
import Foundation
import Synchronization

// The team run (`--store postgres://…`): two brokers in this process, as two machines of a
// team, each with its own socket and state directory and `--clients` clients. First on SQLite
// (each broker its own file: the one-machine store), then on the team's PostgreSQL store, so
// the per-broker figures sit side by side. Then the grant-to-effect latency: a grant (and a
// revoke) sent by a console on broker B, timed until broker A's console hears it applied; then
// the same while both brokers' clients keep deciding, with one persistence lane (the baseline)
// and with the log's appends in a lane of their own.

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
    // The team's seal key, as every machine of a team holds it (docs/team.md).
    let teamKey = ExceptionSealer.ephemeral()
    let machines = try await startTeam(location, key: teamKey, tag: "team", writesLogApart: true)
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
    _ = try await grantToEffect(from: machines[1].server.socketPath, to: machines[0].server.socketPath)

    for machine in machines { try await machine.server.shutdown() }
    let logged = try await machines[0].persistence.store.decisions(since: nil, limit: Int.max).count - before
    let verified = try await machines[0].persistence.store.verifyLog()
    for machine in machines { await machine.persistence.stop() }
    print(
        "  decisions logged: SQLite \(sqliteLogged.reduce(0, +)) (of \(sqlite.map(\.operations).reduce(0, +))), "
            + "team store \(logged) (of \(team.map(\.operations).reduce(0, +))); team log: \(verified)")

    try await grantsDuringLoad(location, key: teamKey, request: request)
}

/// Two brokers of a team on the store at `location`, each with its own state directory.
@MainActor
func startTeam(_ location: TeamStoreLocation, key: ExceptionSealer, tag: String, writesLogApart: Bool) async throws
    -> [(server: BrokerServer, persistence: TeamPersistence)]
{
    var machines: [(server: BrokerServer, persistence: TeamPersistence)] = []
    for name in ["a", "b"] {
        let stateDirectory = directory + "/\(tag)-\(name)"
        try FileManager.default.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true)
        let origin = ActionOrigin(user: "bench-\(name)", host: "host-\(name)", broker: "\(tag)-\(name)-\(getpid())")
        let persistence = TeamPersistence(
            store: try await TeamStore.open(location), origin: origin, journalPath: stateDirectory + "/team-journal.jsonl",
            seal: { key.sealed($0) }, writesLogApart: writesLogApart)
        await persistence.start()
        let server = try await BrokerServer.start(
            configuration: BrokerConfiguration(
                socketPath: stateDirectory + "/airlock.sock", reviewerNeedsTerminal: false, idPrefix: name,
                team: TeamSettings(origin: origin)),
            persistence: persistence, clock: persistence.clock, sealer: key)
        machines.append((server, persistence))
    }
    return machines
}

/// Grant to effect while both brokers' clients keep deciding and their logs are backed up:
/// first with every store job in one lane (as before 2026-12-06, the baseline), then with the
/// log's appends in a lane of their own; the two printed side by side.
@MainActor
func grantsDuringLoad(_ location: TeamStoreLocation, key: ExceptionSealer, request: [UInt8]) async throws {
    let rounds = option("--load-rounds", 10)
    print("\n  grant to effect during load (\(clients) clients per broker deciding throughout), \(rounds) rounds:")
    var figures: [(grant: LoadResult, revoke: LoadResult, backlog: Double)] = []
    for (tag, apart) in [("one-lane", false), ("two-lanes", true)] {
        let machines = try await startTeam(location, key: key, tag: tag, writesLogApart: apart)
        let stop = StopFlag()
        let finished = DispatchSemaphore(value: 0)
        let paths = machines.map(\.server.socketPath)
        let loader = Thread {
            _ = loadTogether(paths: paths, request: request, until: { stop.raised.load(ordering: .relaxed) })
            finished.signal()
        }
        loader.start()
        // Long enough for the logs to fall behind the deciding clients.
        try await Task.sleep(for: .seconds(seconds))
        let (grant, revoke) = try await grantToEffect(
            from: machines[1].server.socketPath, to: machines[0].server.socketPath, rounds: rounds, quiet: true)
        stop.raised.store(true, ordering: .relaxed)
        finished.wait()
        let ended = DispatchTime.now().uptimeNanoseconds
        for machine in machines { await machine.server.waitUntilStored() }
        let backlog = Double(DispatchTime.now().uptimeNanoseconds - ended) / 1e9
        figures.append((grant, revoke, backlog))
        for machine in machines { try await machine.server.shutdown() }
        for machine in machines { await machine.persistence.stop() }
    }
    let (single, apart) = (figures[0], figures[1])
    print("                      one lane (baseline)          two lanes (log apart)")
    for (name, before, after) in [("grant", single.grant, apart.grant), ("revoke", single.revoke, apart.revoke)] {
        print(
            String(
                format: "    %-7@ p50 %8.1f ms p99 %8.1f ms   p50 %8.1f ms p99 %8.1f ms   p99 %.3f× the baseline",
                name as NSString, before.percentile(0.5) / 1000, before.percentile(0.99) / 1000,
                after.percentile(0.5) / 1000, after.percentile(0.99) / 1000,
                after.percentile(0.99) / before.percentile(0.99)))
    }
    print(
        String(
            format: "    the log caught up %.1f s (one lane) and %.1f s (two lanes) after the load ended",
            single.backlog, apart.backlog))
    print(
        max(apart.grant.percentile(0.99), apart.revoke.percentile(0.99)) <= 1_000_000
            ? "  target grant/revoke to effect during load p99 ≤ 1 s: met"
            : "  target grant/revoke to effect during load p99 ≤ 1 s: NOT met")
}

/// Grants on `from`'s console and times until `to`'s console hears the exception applied;
/// then revokes and times until it hears it revoked.
/// `quiet`: the figures are returned, not printed.
@MainActor
func grantToEffect(from: String, to: String, rounds: Int = 100, quiet: Bool = false) async throws -> (
    grant: LoadResult, revoke: LoadResult
) {
    guard let granting = BlockingClient(path: from), let watching = BlockingClient(path: to) else {
        fatalError("cannot connect the consoles")
    }
    for console in [granting, watching] {
        // A grant behind a backed-up log has been seen to take seconds.
        console.limitReads(seconds: 120)
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
    if quiet { return (grant, revoke) }
    print("  grant to effect across brokers (console on B to console on A), \(rounds) rounds:")
    print(String(format: "    grant   p50 %7.1f ms   p99 %7.1f ms", grant.percentile(0.5) / 1000, grant.percentile(0.99) / 1000))
    print(String(format: "    revoke  p50 %7.1f ms   p99 %7.1f ms", revoke.percentile(0.5) / 1000, revoke.percentile(0.99) / 1000))
    print(
        max(grant.percentile(0.99), revoke.percentile(0.99)) <= 1_000_000
            ? "  target grant/revoke to effect p99 ≤ 1 s: met" : "  target grant/revoke to effect p99 ≤ 1 s: NOT met")
    return (grant, revoke)
}

/// Tells the clients of a load that runs until told to stop.
final class StopFlag: Sendable {
    let raised = Atomic<Bool>(false)
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
