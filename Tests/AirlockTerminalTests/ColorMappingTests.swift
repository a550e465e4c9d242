import AirlockConsole
import Testing

@testable import AirlockTerminal

@Suite struct ColorMappingTests {
    @Test func defaultIsTheTerminalsOwnColour() {
        #expect(ColorMapping.number(for: .default, terminalColors: 256) == -1)
    }

    @Test func noColoursMeansNoColourAtAll() {
        #expect(ColorMapping.number(for: .ansi(1), terminalColors: 0) == -1)
        #expect(ColorMapping.number(for: .rgb(255, 0, 0), terminalColors: 2) == -1)
    }

    @Test func truecolorDegradesTo256() {
        #expect(ColorMapping.number(for: .rgb(255, 0, 0), terminalColors: 256) == 196)
        #expect(ColorMapping.number(for: .rgb(0, 0, 0), terminalColors: 256) == 16)
        #expect(ColorMapping.number(for: .rgb(128, 128, 128), terminalColors: 256) == 244)
        #expect(ColorMapping.number(for: .indexed(202), terminalColors: 256) == 202)
    }

    @Test func degradesTo16And8() {
        #expect(ColorMapping.number(for: .rgb(250, 10, 10), terminalColors: 16) == 9)
        #expect(ColorMapping.number(for: .rgb(250, 10, 10), terminalColors: 8) == 1)
        #expect(ColorMapping.number(for: .indexed(196), terminalColors: 16) == 9)
        #expect(ColorMapping.number(for: .indexed(2), terminalColors: 16) == 2)
        #expect(ColorMapping.number(for: .ansi(12), terminalColors: 8) == 4)
        #expect(ColorMapping.number(for: .ansi(12), terminalColors: 16) == 12)
    }
}
