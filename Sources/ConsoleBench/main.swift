import AirlockConsole
import FoundationEssentials

// Filled in after the skeleton: renders and keystrokes with 10,000 queued actions.
var state = ConsoleState(configuration: ConsoleConfiguration(
    reviewer: "bench", size: ScreenSize(columns: 120, rows: 40), now: Date(timeIntervalSince1970: 0)))
_ = Console.update(&state, .key(.character("j")))
print(Console.render(state, theme: Theme.builtIn("default", depth: .trueColor)!).size)
