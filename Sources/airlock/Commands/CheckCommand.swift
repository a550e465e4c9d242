import AirlockCore
import ArgumentParser
import Foundation

/// `airlock check`: the classifier and policy from the command line.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Classify a shell command (or a stream of actions) and show Airlock's decision.",
        discussion: """
            Examples:
              airlock check -- 'rm -rf build/'
              airlock check --mode read-only --json -- 'npm install left-pad'
              echo '{"command": "git push --force"}' | airlock check --jsonl

            With --jsonl each input line is one JSON object:
              {"command": "..."}
              {"tool": "Read"|"Write"|"Edit", "path": "...", "content": "..."}
              {"patch": "*** Begin Patch ..."}
              {"url": "https://..."}
              {"mcp": {"server": "...", "tool": "...", "arguments": {...}, "annotations": {...}}}
            and one JSON result is written per line, in order. A malformed line yields a result
            with an "error" field; the run goes on.
            """
    )

    @Option(help: "The mode to decide under: read-only, workspace-edit or auto-loop.")
    var mode: Mode = .workspaceEdit

    @Flag(help: "Print the result as one JSON object.")
    var json = false

    @Flag(help: "Read one JSON action per line from standard input; write one JSON result per line.")
    var jsonl = false

    @Option(help: "The working directory the command runs in (default: the current directory).")
    var cwd: String?

    @Argument(parsing: .captureForPassthrough, help: "The shell command to check (after --).")
    var command: [String] = []

    func validate() throws {
        // Passthrough parsing captures `--help` as the command; before a `--` it asks for help
        // (`airlock check -- --help` still checks the text "--help").
        if let first = command.first, first == "--help" || first == "-h" || first == "-help" {
            throw CleanExit.helpRequest(self)
        }
        if jsonl, !command.isEmpty { throw ValidationError("Give either --jsonl or a command, not both.") }
        if !jsonl, command.filter({ $0 != "--" }).isEmpty {
            throw ValidationError("Missing the command to check, e.g. airlock check -- 'rm -rf build/'")
        }
    }

    func run() throws {
        let directory = cwd ?? FileManager.default.currentDirectoryPath
        let checker = Checker(mode: mode, cwd: directory, host: AirlockPaths().hostFacts())
        if jsonl {
            while let line = readLine(strippingNewline: true) {
                print(checker.checkLine(line))
            }
            return
        }
        let words = command.first == "--" ? Array(command.dropFirst()) : command
        let text = words.joined(separator: " ")
        let result = checker.check(Action(harness: "check", cwd: directory, kind: .shell(command: text)))
        print(json ? result.jsonLine : result.readable(command: text))
    }
}

extension Mode: ExpressibleByArgument {}
