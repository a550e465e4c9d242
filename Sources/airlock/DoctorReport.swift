import AirlockCore
import AirlockInstall
import AirlockProbe
import AirlockServices
import AirlockWire

/// What `airlock doctor --json` prints (docs/doctor.md): stable keys, sorted; a new key may be
/// added, none renamed or removed without bumping `version`.
struct DoctorReport: Codable, Equatable {
    var version = 1
    var workspace: String
    /// `clear`, `not_clear` (some fuzzy, none open) or `open`.
    var status: String
    var recommendation: BoundaryRecommendation
    /// Whether the user trusts the repository (`airlock trust`); untrusted is read-only.
    var isTrusted: Bool
    /// Its first git remote, without credentials.
    var remote: String?
    var chosenMode: Mode
    /// The mode the broker applies here; nil means stop (only low-risk reads pass).
    var effectiveMode: Mode?
    var boundaries: [Boundary]
    var hooks: [HookHealth]
    var mcpServers: [Server]
    var broker: Broker
    var store: Store
    /// Which deployment is in force and what the recommended one still lacks (docs/security.md).
    var deployment: DeploymentReport
    var problems: [String]

    struct Server: Codable, Equatable {
        var harness: String
        var name: String
        var source: String
        var transport: String
        var isDisabled: Bool
        var isBehindAirlock: Bool
        var isInventoried: Bool
        var tools: [ClassedTool]
    }

    struct Broker: Codable, Equatable {
        var isRunning: Bool
        var socket: String
        var mode: String?
        var error: String?
        /// A team store's location and health ("ok", "degraded: …"); absent on one machine.
        var teamStore: String?
        /// Stored exceptions the broker refuses to use (not sealed, or breaking a grant rule).
        var rejectedExceptions: [RejectedException]?
    }

    struct Store: Codable, Equatable {
        /// `verified`, `missing` or `broken`.
        var state: String
        var records: Int?
        var detail: String?
    }

    init(
        facts: BoundaryFacts, report: BoundaryReport, chosenMode: Mode, hooks: [HookHealth], broker: Broker,
        deployment: DeploymentReport
    ) {
        workspace = report.workspace
        let states = report.boundaries.map(\.state)
        status = states.contains(.open) ? "open" : states.allSatisfy { $0 == .clear } ? "clear" : "not_clear"
        recommendation = report.recommendation
        isTrusted = report.isTrusted
        remote = report.remote
        self.chosenMode = chosenMode
        effectiveMode = report.recommendation.effectiveMode(chosen: chosenMode)
        boundaries = report.boundaries
        self.hooks = hooks
        mcpServers = facts.mcpServers.map { server in
            Server(
                harness: server.entry.harness, name: server.entry.name, source: server.entry.source,
                transport: server.entry.transport, isDisabled: server.entry.isDisabled,
                isBehindAirlock: server.entry.airlockName != nil, isInventoried: server.tools != nil,
                tools: server.tools ?? [])
        }
        self.broker = broker
        self.deployment = deployment
        switch facts.audit {
        case .verified(let records): store = Store(state: "verified", records: records)
        case .missing: store = Store(state: "missing")
        case .broken(let why): store = Store(state: "broken", detail: why)
        }
        problems = facts.problems
    }
}
