import AirlockConsole
import CNcursesw
import Testing

@testable import AirlockTerminal

@Suite struct KeyDecoderTests {
    @Test(arguments: [
        (UInt32(0x0A), Key.enter), (0x0D, .enter), (0x1B, .escape), (0x09, .tab), (0x7F, .backspace),
        (0x08, .backspace), (0x01, .control("a")), (0x03, .control("c")), (0x1A, .control("z")),
        (0x61, .character("a")), (0x41, .character("A")), (0x20, .character(" ")), (0x2F, .character("/")),
        (0x4E2D, .character("中")),
    ])
    func characters(value: UInt32, key: Key) {
        #expect(KeyDecoder.decode(isKeyCode: false, value: value) == .key(key))
    }

    @Test func keyCodes() {
        func code(_ value: Int32) -> TerminalInput { KeyDecoder.decode(isKeyCode: true, value: UInt32(value)) }
        #expect(code(KEY_UP) == .key(.up))
        #expect(code(KEY_DOWN) == .key(.down))
        #expect(code(KEY_LEFT) == .key(.left))
        #expect(code(KEY_RIGHT) == .key(.right))
        #expect(code(KEY_PPAGE) == .key(.pageUp))
        #expect(code(KEY_NPAGE) == .key(.pageDown))
        #expect(code(KEY_HOME) == .key(.home))
        #expect(code(KEY_END) == .key(.end))
        #expect(code(KEY_BACKSPACE) == .key(.backspace))
        #expect(code(KEY_DC) == .key(.delete))
        #expect(code(KEY_BTAB) == .key(.backTab))
        #expect(code(KEY_F0 + 1) == .key(.function(1)))
        #expect(code(KEY_F0 + 12) == .key(.function(12)))
        #expect(code(airlock_key_resize()) == .resize)
        #expect(code(KEY_MOUSE) == .ignored)
    }

    @Test func c1ControlsAreIgnoredNotTyped() {
        #expect(KeyDecoder.decode(isKeyCode: false, value: 0x9B) == .ignored)
        #expect(KeyDecoder.decode(isKeyCode: false, value: 0x1C) == .ignored)
    }
}

@Suite struct WideTextTests {
    @Test func controlCharactersNeverReachTheTerminal() {
        #expect(Terminal.wideText("\u{1B}") == [0xFFFD, 0])
        #expect(Terminal.wideText("\u{9B}") == [0xFFFD, 0])
        #expect(Terminal.wideText("\u{7F}") == [0xFFFD, 0])
    }

    @Test func graphemesKeepTheirCombiningMarks() {
        #expect(Terminal.wideText("e\u{301}") == [0x65, 0x301, 0])
        #expect(Terminal.wideText("中") == [0x4E2D, 0])
        #expect(Terminal.wideText("") == [0x20, 0])
    }
}
