import AirlockConsole
import CNcursesw

/// Colour pairs allocated on demand, one per (foreground, background) the frames use. When
/// ncurses runs out of pairs the table starts over (the screen is redrawn by the caller).
struct ColorPairs {
    private var pairs: [PairKey: Int32] = [:]
    private let terminalColors: Int
    private let capacity: Int

    struct PairKey: Hashable {
        var foreground: Int
        var background: Int
    }

    init(terminalColors: Int, capacity: Int) {
        self.terminalColors = terminalColors
        self.capacity = capacity
    }

    /// The pair for a style; 0 (the terminal's defaults) when colour is off or both are default.
    /// `exhausted` is set when the table had to start over.
    mutating func pair(for style: CellStyle, exhausted: inout Bool) -> Int32 {
        let key = PairKey(
            foreground: ColorMapping.number(for: style.foreground, terminalColors: terminalColors),
            background: ColorMapping.number(for: style.background, terminalColors: terminalColors))
        if key.foreground == -1, key.background == -1 { return 0 }
        if let pair = pairs[key] { return pair }
        if pairs.count + 1 >= capacity {
            pairs.removeAll(keepingCapacity: true)
            exhausted = true
        }
        let pair = Int32(pairs.count + 1)
        guard airlock_init_pair(pair, Int32(key.foreground), Int32(key.background)) != ERR else { return 0 }
        pairs[key] = pair
        return pair
    }
}
