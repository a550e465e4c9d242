import AirlockTerminal
import ArgumentParser
import Foundation

/// `airlock` / `airlock console`: the approval console, full-screen in the terminal (a tmux
/// pane beside the agent). Starts the broker in the background when none answers.
struct ConsoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "Open the approval console (the default when airlock runs without a subcommand).",
        discussion: """
            Starts `airlock serve` in the background when no broker answers on the socket (its \
            output goes to broker.log in the state directory). config.toml in the config \
            directory may set `theme = "light"` (a built-in name or a theme file's path) and \
            `bell = false`. NO_COLOR turns colour off.
            """
    )

    @Option(help: "A built-in theme (default, light, high-contrast, monochrome) or a theme file's path.")
    var theme: String?

    @Flag(inversion: .prefixedNo, help: "Ring the bell when a new action waits (overrides config.toml).")
    var bell: Bool?

    @Option(help: "The name shown in the console (the broker records your account's name, from the kernel).")
    var reviewer: String?

    @Flag(
        help:
            "Review for the separated deployment: connect to its review socket with your passphrase (asked here, before the console opens)."
    )
    var system = false

    func run() throws {
        let paths = AirlockPaths()
        // Before a broker is started for it: a console that cannot open has nothing to start it for.
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw CLIError("\(TerminalError.notATerminal)")
        }
        let settings = ConsoleSettings.load(configDirectory: paths.configDirectory)
        var passphrase: String?
        if system {
            // The system broker is started by its own unit (or setup); the passphrase is asked
            // before the screen opens, and kept only in this process's memory.
            if !SystemReviewer.isAirlocksOwnUser {
                passphrase = try TerminalPassphrase.read(prompt: "airlock reviewer passphrase: ")
            }
        } else {
            try BrokerLauncher(paths: paths, environment: ProcessInfo.processInfo.environment).ensureRunning()
        }
        let app = ConsoleApp(
            paths: paths, reviewer: reviewer ?? Self.userName(), themeName: theme ?? settings.theme,
            bell: bell ?? settings.bell, probes: .live(environment: ProcessInfo.processInfo.environment),
            socket: system ? paths.reviewSocket : paths.socket, passphrase: passphrase)
        let notes: [String]
        do {
            notes = try app.run()
        } catch let error as TerminalError {
            throw CLIError("\(error)")
        }
        for problem in settings.problems + notes {
            FileHandle.standardError.write(Data("airlock: \(problem)\n".utf8))
        }
    }

    static func userName(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let user = environment["USER"], !user.isEmpty { return user }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "uid\(getuid())"
    }
}
