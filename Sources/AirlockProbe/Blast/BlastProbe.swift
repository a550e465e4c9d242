import AirlockCore

/// Measures what one action would touch: the files its paths and globs cover, the git state a
/// history rewrite would lose, and where a deploy or data command would land. Each reader has
/// its own budget; what runs out is listed as not measured, never waited for.
public struct BlastProbe: Sendable {
    public var budget: Duration
    public var environment: [String: String]
    public var home: String?
    let cache: ProbeCache<PathProbe.Outcome>?

    public init(
        budget: Duration = Deadline.defaultBudget, environment: [String: String], home: String?,
        cache: ProbeCache<PathProbe.Outcome>? = nil
    ) {
        self.budget = budget
        self.environment = environment
        self.home = home
        self.cache = cache
    }

    /// The measurement for `action` in `workspace` (its git top level, else the directory).
    public func measure(_ action: Action, workspace: String) -> BlastMeasurement {
        let assessment = Classifier.assess(action, host: HostFacts(home: home))
        let categories = Set(assessment.categories)
        let cwd = action.cwd ?? workspace
        var measurement = BlastMeasurement()
        var radius = assessment.blastRadius

        let paths = Self.pathTargets(action, assessment)
        if !paths.isEmpty {
            let outcome = measurePaths(paths, cwd: cwd, workspace: workspace)
            switch outcome {
            case .measured(let count):
                measurement.facts += BlastFacts.lines(for: count)
                radius = max(radius, BlastFacts.radius(for: count))
            case .notMeasured(let why):
                measurement.notMeasured.append(why)
            }
        }

        if categories.contains(.vcsRewrite) {
            switch GitStateReader.read(directory: cwd, deadline: Deadline(budget: budget)) {
            case .measured(let state):
                measurement.facts += BlastFacts.lines(for: state)
                if !state.isClean || state.unpushedCommits > 0 { radius = max(radius, .workspaceUnrecoverable) }
            case .notARepository:
                measurement.facts.append("not a git repository")
            case .notMeasured(let why):
                measurement.notMeasured.append("git state: " + why)
            }
        }

        let deployish: Set<Category> = [
            .deploy, .dbMigration, .dbWrite, .dataDelete, .deployTrigger, .productionDBWrite,
        ]
        if !categories.isDisjoint(with: deployish) {
            let command: String? =
                if case .shell(let text) = action.kind { text } else { nil }
            let targets = DeployTargetReader.read(
                workspace: workspace, command: command, environment: environment, home: home)
            measurement.facts += BlastFacts.lines(for: targets)
            measurement.notMeasured += targets.problems
            let markers = DeployTargetReader.productionMarkers(targets)
            measurement.productionMarkers = markers
            if !markers.isEmpty { radius = .production }
        }
        if radius > assessment.blastRadius { measurement.blastRadius = radius }
        return measurement
    }

    private func measurePaths(_ paths: [String], cwd: String, workspace: String) -> PathProbe.Outcome {
        let key = ProbeCache<PathProbe.Outcome>.Key(
            workspace: workspace, path: cwd + "\u{0}" + paths.joined(separator: "\u{0}"))
        if let cached = cache?.value(for: key) { return cached }
        let outcome = PathProbe.measure(
            paths, cwd: cwd, workspace: workspace, home: home, deadline: Deadline(budget: budget))
        // A run out of budget is not cached: the next look may find a warm file system.
        if case .measured = outcome { cache?.store(outcome, for: key) }
        return outcome
    }

    /// The paths a file action names, or the targets of a destructive command's findings.
    static func pathTargets(_ action: Action, _ assessment: Assessment) -> [String] {
        switch action.kind {
        case .fileRead(let path), .fileWrite(let path, _), .fileEdit(let path, _): return [path]
        default:
            let destructive = assessment.findings.filter { $0.categories.contains(.destructiveFS) }
            return Array(destructive.flatMap(\.targets).filter { !$0.isEmpty }.prefix(16))
        }
    }
}
