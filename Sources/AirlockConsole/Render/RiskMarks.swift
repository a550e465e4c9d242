import AirlockCore

/// Risk as shape and word as well as colour, so the monochrome theme loses nothing.
enum RiskMarks {
    static func shape(_ risk: Risk) -> String {
        switch risk {
        case .low: "■□□"
        case .medium: "■■□"
        case .high: "■■■"
        case .critical: "■■■!"
        }
    }

    static func word(_ risk: Risk) -> String {
        switch risk {
        case .low: "LOW"
        case .medium: "MED"
        case .high: "HIGH"
        case .critical: "CRIT"
        }
    }

    static func role(_ risk: Risk) -> Role {
        switch risk {
        case .low: .riskLow
        case .medium: .riskMedium
        case .high: .riskHigh
        case .critical: .riskCritical
        }
    }

    /// "▮▮▮▯▯▯": how far the blast radius reaches, out of six steps.
    static func blastBar(_ radius: BlastRadius) -> String {
        let filled = radius.rawValue + 1
        return String(repeating: "▮", count: filled)
            + String(repeating: "▯", count: BlastRadius.allCases.count - filled)
    }
}
