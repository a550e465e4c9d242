import AirlockConsole
import FoundationEssentials
import Testing

@Test func quitKeyAsksToQuit() {
    var state = ConsoleState(
        configuration: ConsoleConfiguration(
            reviewer: "r", size: ScreenSize(columns: 80, rows: 24), now: Date(timeIntervalSince1970: 0)))
    #expect(!state.wantsQuit)
    let effects = Console.update(&state, .key(.character("q")))
    #expect(effects == [.quit])
    #expect(state.wantsQuit)
}
