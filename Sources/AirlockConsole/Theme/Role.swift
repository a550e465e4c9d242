/// What a piece of the screen means; themes give each role a style (htop/tig colour slots).
/// Themes name these, never colours in the code.
public enum Role: String, CaseIterable, Sendable {
    case text
    case textDim = "text.dim"
    case header
    case border
    case borderFocus = "border.focus"
    case title
    case selectionCursor = "selection.cursor"
    case selectionMarked = "selection.marked"
    case riskLow = "risk.low"
    case riskMedium = "risk.medium"
    case riskHigh = "risk.high"
    case riskCritical = "risk.critical"
    case category
    case hardFloor = "hard_floor"
    /// A marker standing for a hidden character (⟨ESC⟩, ⟨ZERO WIDTH SPACE U+200B⟩).
    case hiddenCharacter = "hidden_character"
    case command
    case diffAdded = "diff.added"
    case diffRemoved = "diff.removed"
    case diffHunk = "diff.hunk"
    case diffContext = "diff.context"
    case boundaryClear = "boundary.clear"
    case boundaryFuzzy = "boundary.fuzzy"
    case boundaryOpen = "boundary.open"
    case decisionAllow = "decision.allow"
    case decisionDeny = "decision.deny"
    case countdown
    case flashInfo = "flash.info"
    case flashError = "flash.error"
    case key
    case keyDangerous = "key.dangerous"
    case input
    case statusOK = "status.ok"
    case statusLost = "status.lost"

    var index: Int { Role.indexByRole[self] ?? 0 }
    private static let indexByRole: [Role: Int] = Dictionary(
        uniqueKeysWithValues: Role.allCases.enumerated().map { ($1, $0) })
}
