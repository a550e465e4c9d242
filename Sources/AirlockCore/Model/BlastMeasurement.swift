/// What AirlockProbe measured about one action's targets (files, git state, deploy and data
/// targets), within its time budget. The reviewer sees facts, not guesses; policy never waits
/// for this when it can decide from the text.
public struct BlastMeasurement: Codable, Equatable, Sendable {
    /// Facts, one short line each: "1,204 files · 38 MB · 12 untracked (lost)", "kube context prod-eu".
    public var facts: [String]
    /// Probes that ran out of budget or could not run, with why: "git state: not measured (budget 50 ms)".
    public var notMeasured: [String]
    /// The blast radius the facts support, when higher than the text alone suggested.
    public var blastRadius: BlastRadius?
    /// Production markers found in the environment (kube context, terraform workspace, DB host).
    public var productionMarkers: [String]

    public init(
        facts: [String] = [], notMeasured: [String] = [], blastRadius: BlastRadius? = nil,
        productionMarkers: [String] = []
    ) {
        self.facts = facts
        self.notMeasured = notMeasured
        self.blastRadius = blastRadius
        self.productionMarkers = productionMarkers
    }
}
