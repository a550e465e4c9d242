/// Everything the classifier concluded about one action.
public struct Assessment: Codable, Sendable, Equatable {
    public var categories: [Category]
    public var risk: Risk
    public var blastRadius: BlastRadius
    public var reversibility: Reversibility
    public var rollback: String?
    public var findings: [Finding]
    /// Production markers seen in arguments and environment ("--context prod", "RAILS_ENV=production").
    public var productionMarkers: [String]
    /// Control, zero-width and bidi characters hidden in the action's text.
    public var hiddenCharacters: [HiddenCharacter]
    /// The executed simple commands as argv, with any wrapper they were written under
    /// (`sudo npm test` stays `sudo npm test`); command-prefix scopes match these.
    public var commands: [[String]]
    /// True when some part could not be analysed: unknown never means allowed.
    public var isUnsure: Bool
    /// What keeps a command-prefix exception from covering this command (`ScopeHazard`).
    public var scopeHazards: [ScopeHazard]

    /// No automatic allow, ever: a human decides for this very action (policy step 4).
    public var isHardFloor: Bool { categories.contains { $0.isHardFloor } }

    public init(
        findings: [Finding], productionMarkers: [String] = [], hiddenCharacters: [HiddenCharacter] = [],
        commands: [[String]] = [], scopeHazards: [ScopeHazard] = []
    ) {
        var findings = findings
        if findings.isEmpty {
            findings = [
                Finding(
                    [.unknown], risk: .medium, blast: .machine, reversibility: .unknown,
                    reason: "nothing recognisable", isUnsure: true, rule: "action.nothing-recognised")
            ]
        }
        if !productionMarkers.isEmpty {
            findings = findings.map { finding in
                var finding = finding
                finding.risk = finding.risk.raised
                if finding.blastRadius >= .machine || !finding.categories.allSatisfy(\.isReadOnly) {
                    finding.blastRadius = .production
                } else {
                    finding.blastRadius = max(finding.blastRadius, .external)
                }
                return finding
            }
        }
        if !hiddenCharacters.isEmpty {
            findings.append(
                Finding(
                    [.unknown], risk: .high, blast: .machine, reversibility: .unknown,
                    reason: "hidden characters in the text: "
                        + hiddenCharacters.prefix(4).map(\.name).joined(separator: ", "),
                    isUnsure: true, rule: "text.hidden-characters"))
        }
        // One pass, no sets: an assessment is built for every command on the hot path.
        var categories: [Category] = []
        var risk = findings[0].risk
        var blastRadius = findings[0].blastRadius
        var reversibility = findings[0].reversibility
        for finding in findings {
            for category in finding.categories where !categories.contains(category) { categories.append(category) }
            risk = max(risk, finding.risk)
            blastRadius = max(blastRadius, finding.blastRadius)
            reversibility = max(reversibility, finding.reversibility)
        }
        // `read` says nothing once something stronger is present.
        if categories.count > 1, let read = categories.firstIndex(of: .read) { categories.remove(at: read) }
        self.categories = categories.count > 1 ? categories.sorted() : categories
        self.risk = risk
        self.blastRadius = blastRadius
        self.reversibility = reversibility
        self.rollback = findings.first { $0.reversibility == reversibility }?.rollback
        self.findings = findings
        self.productionMarkers = productionMarkers
        self.hiddenCharacters = hiddenCharacters
        self.commands = commands
        self.scopeHazards = scopeHazards.sorted()
        self.isUnsure = findings.contains(where: \.isUnsure)
    }

    /// A short human reason naming what was recognised, worst first.
    public var summary: String {
        var seen = Set<String>()
        let reasons = findings.sorted { $0.risk > $1.risk }.map(\.reason).filter { seen.insert($0).inserted }
        var text = reasons.prefix(3).joined(separator: "; ")
        if !productionMarkers.isEmpty {
            text += "; production marker: " + productionMarkers.prefix(3).joined(separator: ", ")
        }
        return text
    }
}

/// A character that could make what a reviewer reads differ from what runs.
public struct HiddenCharacter: Codable, Sendable, Equatable {
    /// The Unicode scalar value.
    public var scalar: UInt32
    /// Offset in Unicode scalars from the start of the text.
    public var offset: Int
    /// "ZERO WIDTH SPACE", "RIGHT-TO-LEFT OVERRIDE", "ESC", …
    public var name: String

    public init(scalar: UInt32, offset: Int, name: String) {
        self.scalar = scalar
        self.offset = offset
        self.name = name
    }
}
