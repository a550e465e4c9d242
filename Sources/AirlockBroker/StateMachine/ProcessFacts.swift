/// What the state machine may ask about processes and users: injected, so the machine stays
/// pure and tests describe a process tree of their own. `ProcessFacts.live` reads `/proc` and
/// the password database.
public struct ProcessFacts: Sendable {
    /// Whether process `pid` is `ancestor` or one of its descendants.
    public var isDescendant: @Sendable (_ pid: Int32, _ ancestor: Int32) -> Bool
    /// The parent of a process; nil when it cannot be read.
    public var parent: @Sendable (_ pid: Int32) -> Int32?
    /// The device number of a process's controlling terminal, 0 when it has none; nil when the
    /// process cannot be read.
    public var terminal: @Sendable (_ pid: Int32) -> Int32?
    /// The account name of a uid, nil when there is none.
    public var userName: @Sendable (_ uid: UInt32) -> String?
    /// Whether a granter's name (as the broker records it) is a local account.
    public var isKnownGranter: @Sendable (_ name: String) -> Bool

    public init(
        isDescendant: @escaping @Sendable (Int32, Int32) -> Bool,
        parent: @escaping @Sendable (Int32) -> Int32? = { _ in nil },
        terminal: @escaping @Sendable (Int32) -> Int32? = { _ in nil },
        userName: @escaping @Sendable (UInt32) -> String? = { _ in nil },
        isKnownGranter: @escaping @Sendable (String) -> Bool = { _ in true }
    ) {
        self.isDescendant = isDescendant
        self.parent = parent
        self.terminal = terminal
        self.userName = userName
        self.isKnownGranter = isKnownGranter
    }

    /// A terminal device number as people know it: `pts/3`, `tty2`, else the number.
    public static func terminalName(_ device: Int32) -> String {
        let major = (device >> 8) & 0xFF
        let minor = (device & 0xFF) | ((device >> 12) & 0xFFF00)
        switch major {
        case 136...143: return "pts/\((major - 136) * 256 + minor)"
        case 4: return "tty\(minor)"
        default: return "tty device \(device)"
        }
    }
}
