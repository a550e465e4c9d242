/// A colour as a theme file writes it, before it is resolved for the terminal's depth.
enum ThemeColor: Equatable, Sendable {
    case terminalDefault
    case rgb(UInt8, UInt8, UInt8)

    /// Parses `default` or `#rrggbb`.
    init?(_ text: String) {
        if text == "default" {
            self = .terminalDefault
            return
        }
        let digits = Array(text.utf8)
        guard digits.count == 7, digits[0] == UInt8(ascii: "#") else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 1, to: 7, by: 2) {
            guard let high = Self.hexValue(digits[index]), let low = Self.hexValue(digits[index + 1]) else {
                return nil
            }
            bytes.append(high << 4 | low)
        }
        self = .rgb(bytes[0], bytes[1], bytes[2])
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The colour for a depth: exact, the nearest of the 256-colour cube and grey ramp, the
    /// nearest of the 16 ANSI colours, or nothing (monochrome keeps only attributes).
    func resolved(for depth: ColorDepth) -> TerminalColor {
        guard case .rgb(let red, let green, let blue) = self else { return .default }
        switch depth {
        case .trueColor: return .rgb(red, green, blue)
        case .indexed256: return .indexed(Self.nearest256(red, green, blue))
        case .ansi16: return .ansi(Self.nearest16(red, green, blue))
        case .monochrome: return .default
        }
    }

    private static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    static func nearest256(_ red: UInt8, _ green: UInt8, _ blue: UInt8) -> UInt8 {
        func cubeIndex(_ value: UInt8) -> Int {
            cubeLevels.indices.min { abs(cubeLevels[$0] - Int(value)) < abs(cubeLevels[$1] - Int(value)) } ?? 0
        }
        let (r, g, b) = (cubeIndex(red), cubeIndex(green), cubeIndex(blue))
        let cube = (cubeLevels[r], cubeLevels[g], cubeLevels[b])
        let average = (Int(red) + Int(green) + Int(blue)) / 3
        let greyIndex = min(23, max(0, (average - 8 + 5) / 10))
        let grey = 8 + greyIndex * 10
        let target = (Int(red), Int(green), Int(blue))
        if distance(target, (grey, grey, grey)) < distance(target, cube) { return UInt8(232 + greyIndex) }
        return UInt8(16 + 36 * r + 6 * g + b)
    }

    /// The xterm defaults for the 16 ANSI colours.
    private static let ansiPalette: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
        (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
        (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    static func nearest16(_ red: UInt8, _ green: UInt8, _ blue: UInt8) -> UInt8 {
        let target = (Int(red), Int(green), Int(blue))
        let index = ansiPalette.indices.min { distance(target, ansiPalette[$0]) < distance(target, ansiPalette[$1]) }
        return UInt8(index ?? 7)
    }

    private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let (dr, dg, db) = (a.0 - b.0, a.1 - b.1, a.2 - b.2)
        return dr * dr + dg * dg + db * db
    }
}
