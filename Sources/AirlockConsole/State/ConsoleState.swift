import FoundationEssentials

/// Everything the console shows and remembers; changed only by `Console.update`.
public struct ConsoleState: Sendable {
    public internal(set) var configuration: ConsoleConfiguration
    public internal(set) var size: ScreenSize
    public internal(set) var now: Date
    public internal(set) var wantsQuit: Bool

    public init(configuration: ConsoleConfiguration) {
        self.configuration = configuration
        self.size = configuration.size
        self.now = configuration.now
        self.wantsQuit = false
    }
}
