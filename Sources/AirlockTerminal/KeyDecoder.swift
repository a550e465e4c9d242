import AirlockConsole
import CNcursesw

/// What one `get_wch` call produced, decoded.
public enum TerminalInput: Equatable, Sendable {
    case key(Key)
    /// The terminal changed size (`KEY_RESIZE`); ncurses has already updated LINES and COLS.
    case resize
    /// A code the console has no use for (mouse, unknown function keys).
    case ignored
}

/// Decodes what `get_wch` returns into the console's `Key`. Pure: the numbers in, a key out.
public enum KeyDecoder {
    /// - Parameters:
    ///   - isKeyCode: `get_wch` returned `KEY_CODE_YES` (a function key), not `OK` (a character).
    ///   - value: the key code or the character's code point.
    public static func decode(isKeyCode: Bool, value: UInt32) -> TerminalInput {
        isKeyCode ? decodeKeyCode(Int32(bitPattern: value)) : decodeCharacter(value)
    }

    static func decodeCharacter(_ value: UInt32) -> TerminalInput {
        switch value {
        // tmux sends Enter as U+000A; a raw terminal may send U+000D.
        case 0x0A, 0x0D: return .key(.enter)
        case 0x1B: return .key(.escape)
        case 0x09: return .key(.tab)
        case 0x08, 0x7F: return .key(.backspace)
        case 0x00: return .key(.control(" "))
        case 0x01...0x1A:
            guard let scalar = Unicode.Scalar(value + 0x60) else { return .ignored }
            return .key(.control(Character(scalar)))
        case 0x1C...0x1F, 0x80...0x9F: return .ignored
        default:
            guard let scalar = Unicode.Scalar(value) else { return .ignored }
            return .key(.character(Character(scalar)))
        }
    }

    static func decodeKeyCode(_ code: Int32) -> TerminalInput {
        if code == airlock_key_resize() { return .resize }
        if code > KEY_F0, code <= KEY_F0 + 63 { return .key(.function(Int(code - KEY_F0))) }
        switch code {
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_HOME: return .key(.home)
        case KEY_END: return .key(.end)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC: return .key(.delete)
        case KEY_BTAB: return .key(.backTab)
        case KEY_ENTER: return .key(.enter)
        default: return .ignored
        }
    }
}
