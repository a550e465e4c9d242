/// What a piece of the screen means; themes give each role a style (htop/tig colour slots).
/// Themes name these, never colours in the code. Int-backed so a lookup is an array index
/// (a frame asks for a style hundreds of times).
public enum Role: Int, CaseIterable, Sendable {
    case text
    case textDim
    case header
    case border
    case borderFocus
    case title
    case selectionCursor
    case selectionMarked
    case riskLow
    case riskMedium
    case riskHigh
    case riskCritical
    case category
    case hardFloor
    /// A marker standing for a hidden character (⟨ESC⟩, ⟨ZERO WIDTH SPACE U+200B⟩).
    case hiddenCharacter
    case command
    case diffAdded
    case diffRemoved
    case diffHunk
    case diffContext
    case boundaryClear
    case boundaryFuzzy
    case boundaryOpen
    case decisionAllow
    case decisionDeny
    case countdown
    case flashInfo
    case flashError
    case key
    case keyDangerous
    case input
    case statusOK
    case statusLost

    /// The name theme files use: `risk.high`, `selection.cursor`.
    public var name: String {
        switch self {
        case .text: "text"
        case .textDim: "text.dim"
        case .header: "header"
        case .border: "border"
        case .borderFocus: "border.focus"
        case .title: "title"
        case .selectionCursor: "selection.cursor"
        case .selectionMarked: "selection.marked"
        case .riskLow: "risk.low"
        case .riskMedium: "risk.medium"
        case .riskHigh: "risk.high"
        case .riskCritical: "risk.critical"
        case .category: "category"
        case .hardFloor: "hard_floor"
        case .hiddenCharacter: "hidden_character"
        case .command: "command"
        case .diffAdded: "diff.added"
        case .diffRemoved: "diff.removed"
        case .diffHunk: "diff.hunk"
        case .diffContext: "diff.context"
        case .boundaryClear: "boundary.clear"
        case .boundaryFuzzy: "boundary.fuzzy"
        case .boundaryOpen: "boundary.open"
        case .decisionAllow: "decision.allow"
        case .decisionDeny: "decision.deny"
        case .countdown: "countdown"
        case .flashInfo: "flash.info"
        case .flashError: "flash.error"
        case .key: "key"
        case .keyDangerous: "key.dangerous"
        case .input: "input"
        case .statusOK: "status.ok"
        case .statusLost: "status.lost"
        }
    }

    /// The role a theme file names, or nil.
    public init?(name: String) {
        guard let role = Role.byName[name] else { return nil }
        self = role
    }

    private static let byName: [String: Role] = Dictionary(uniqueKeysWithValues: allCases.map { ($0.name, $0) })
}
