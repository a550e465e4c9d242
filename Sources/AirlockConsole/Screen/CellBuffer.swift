/// A colour as the console asks for it. The terminal degrades it to what it can show
/// (truecolor → 256 → 16 → none); `.default` is the terminal's own foreground/background.
public enum TerminalColor: Equatable, Hashable, Sendable {
    case `default`
    /// One of the 16 ANSI colours (0–7 normal, 8–15 bright).
    case ansi(UInt8)
    /// One of the 256 xterm colours.
    case indexed(UInt8)
    case rgb(UInt8, UInt8, UInt8)
}

/// Text attributes that survive every colour depth (the monochrome fallback uses only these).
public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TextAttributes(rawValue: 1 << 0)
    public static let dim = TextAttributes(rawValue: 1 << 1)
    public static let underline = TextAttributes(rawValue: 1 << 2)
    public static let reverse = TextAttributes(rawValue: 1 << 3)
}

/// How one cell is drawn: already resolved from a theme role for the terminal's colour depth.
public struct CellStyle: Equatable, Hashable, Sendable {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var attributes: TextAttributes

    public init(
        foreground: TerminalColor = .default, background: TerminalColor = .default, attributes: TextAttributes = []
    ) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let plain = CellStyle()
}

/// One screen cell. A double-width character occupies its cell and the next, which holds
/// `continuation` (empty text) so the terminal skips it.
public struct Cell: Equatable, Hashable, Sendable {
    /// One grapheme cluster, or "" for the right half of a double-width character.
    public var text: String
    public var style: CellStyle

    public init(_ text: String = " ", style: CellStyle = .plain) {
        self.text = text
        self.style = style
    }

    public static let blank = Cell()
    public var isContinuation: Bool { text.isEmpty }
}

/// A terminal size in cells.
public struct ScreenSize: Equatable, Hashable, Sendable {
    public var columns: Int
    public var rows: Int

    public init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }
}

/// The frame widgets render into (ratatui's buffer): a grid of cells, row-major. The terminal
/// compares two frames and draws only the cells that changed.
public struct CellBuffer: Equatable, Sendable {
    public private(set) var size: ScreenSize
    public private(set) var cells: [Cell]

    public init(size: ScreenSize, fill: Cell = .blank) {
        self.size = size
        self.cells = Array(repeating: fill, count: max(0, size.columns) * max(0, size.rows))
    }

    public subscript(column: Int, row: Int) -> Cell {
        get { cells[row * size.columns + column] }
        set { cells[row * size.columns + column] = newValue }
    }

    public func contains(column: Int, row: Int) -> Bool {
        column >= 0 && row >= 0 && column < size.columns && row < size.rows
    }

    /// The cells that differ from `previous`, as (column, row) pairs in row-major order; all of
    /// them when the sizes differ.
    public func changes(since previous: CellBuffer?) -> [(column: Int, row: Int)] {
        var result: [(column: Int, row: Int)] = []
        let before = previous?.size == size ? previous?.cells : nil
        for row in 0..<size.rows {
            for column in 0..<size.columns {
                let index = row * size.columns + column
                if before?[index] != cells[index] { result.append((column, row)) }
            }
        }
        return result
    }
}
