import AirlockConsole

/// Turns the console's colours into terminal colour numbers for however many colours the
/// terminal has (ncurses `COLORS`): truecolor and 256-colour requests degrade to the nearest
/// of the 16 ANSI colours, and those to the 8 basic ones. Pure, so it is tested without a tty.
public enum ColorMapping {
    /// The ncurses colour number; -1 is the terminal's own colour (`use_default_colors`).
    public static func number(for color: TerminalColor, terminalColors: Int) -> Int {
        guard terminalColors >= 8 else { return -1 }
        switch color {
        case .default:
            return -1
        case .ansi(let index):
            let index = Int(index) & 15
            return terminalColors >= 16 ? index : index & 7
        case .indexed(let index):
            if terminalColors >= 256 { return Int(index) }
            return number(for: .ansi(ansi(forIndexed: index)), terminalColors: terminalColors)
        case .rgb(let red, let green, let blue):
            if terminalColors >= 256 { return Int(indexed(red: red, green: green, blue: blue)) }
            return number(for: .ansi(ansi(red: red, green: green, blue: blue)), terminalColors: terminalColors)
        }
    }

    /// The nearest xterm-256 colour: the 6×6×6 cube or the grey ramp, whichever is closer.
    public static func indexed(red: UInt8, green: UInt8, blue: UInt8) -> UInt8 {
        let levels = [0, 95, 135, 175, 215, 255]
        func nearestLevel(_ value: UInt8) -> Int {
            levels.indices.min { abs(levels[$0] - Int(value)) < abs(levels[$1] - Int(value)) } ?? 0
        }
        let (r, g, b) = (nearestLevel(red), nearestLevel(green), nearestLevel(blue))
        let cube = 16 + 36 * r + 6 * g + b
        let cubeDistance = distance((levels[r], levels[g], levels[b]), (Int(red), Int(green), Int(blue)))
        let average = (Int(red) + Int(green) + Int(blue)) / 3
        let greyStep = min(23, max(0, (average - 8 + 5) / 10))
        let grey = 8 + 10 * greyStep
        let greyDistance = distance((grey, grey, grey), (Int(red), Int(green), Int(blue)))
        return UInt8(greyDistance < cubeDistance ? 232 + greyStep : cube)
    }

    /// The nearest of the 16 ANSI colours, by their usual xterm values.
    public static func ansi(red: UInt8, green: UInt8, blue: UInt8) -> UInt8 {
        let target = (Int(red), Int(green), Int(blue))
        let best = ansiPalette.indices.min { distance(ansiPalette[$0], target) < distance(ansiPalette[$1], target) }
        return UInt8(best ?? 7)
    }

    /// An xterm-256 colour as the nearest ANSI colour.
    public static func ansi(forIndexed index: UInt8) -> UInt8 {
        let rgb = rgb(forIndexed: index)
        return index < 16 ? index : ansi(red: UInt8(rgb.0), green: UInt8(rgb.1), blue: UInt8(rgb.2))
    }

    static func rgb(forIndexed index: UInt8) -> (Int, Int, Int) {
        let index = Int(index)
        if index < 16 { return ansiPalette[index] }
        if index >= 232 {
            let grey = 8 + 10 * (index - 232)
            return (grey, grey, grey)
        }
        let levels = [0, 95, 135, 175, 215, 255]
        let cube = index - 16
        return (levels[cube / 36], levels[(cube / 6) % 6], levels[cube % 6])
    }

    static let ansiPalette: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
        (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255),
        (0, 255, 255), (255, 255, 255),
    ]

    private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let (dr, dg, db) = (a.0 - b.0, a.1 - b.1, a.2 - b.2)
        return dr * dr + dg * dg + db * db
    }
}
