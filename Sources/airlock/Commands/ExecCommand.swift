import AirlockCore
import AirlockHarness
import AirlockServices
import ArgumentParser
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `airlock exec [--] <command…>`: gates a command from scripts and CI.
struct ExecCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exec",
        abstract: "Run a command only if Airlock allows it (exit 126 with the reason when denied).",
        discussion: """
            Examples:
              airlock exec -- npm test
              airlock exec 'make deploy | tee log'
            One argument is run as a shell script; several are quoted word by word. The command \
            runs with /bin/sh -c, its exit status passed through. Without a broker Airlock decides \
            locally (see `airlock hook --help`). AIRLOCK_HOOK_TIMEOUT_MS bounds the wait (default 600 s).
            """
    )

    @Flag(help: "Ask the separated deployment's agent socket, believing only Airlock's system user there.")
    var system = false

    @Argument(parsing: .captureForPassthrough, help: "The command to run (after --).")
    var command: [String] = []

    func validate() throws {
        if words.isEmpty { throw ValidationError("Missing the command to run, e.g. airlock exec -- npm test") }
    }

    private var words: [String] { command.first == "--" ? Array(command.dropFirst()) : command }

    /// What is classified is exactly what /bin/sh runs.
    var script: String {
        words.count == 1 ? words[0] : words.map(Self.quoted).joined(separator: " ")
    }

    func run() throws {
        let gate = BrokerGate(system: system)
        let budgetMs = BrokerGate.budgetMs(deadlineMs: gate.deadlineMs(default: 600_000))
        let cwd = FileManager.default.currentDirectoryPath
        let action = Action(harness: "exec", session: nil, agentPID: getppid(), cwd: cwd, kind: .shell(command: script))
        let answer = gate.decide(action, budgetMs: budgetMs)
        guard answer.allows else {
            FileHandle.standardError.write(Data("airlock: \(answer.reason)\n".utf8))
            throw ExitCode(126)
        }
        let arguments = ["/bin/sh", "-c", script]
        var argv = arguments.map { strdup($0) } + [nil]
        execv("/bin/sh", &argv)
        FileHandle.standardError.write(Data("airlock: cannot run /bin/sh: \(String(cString: strerror(errno)))\n".utf8))
        throw ExitCode(127)
    }

    /// One word for /bin/sh, single-quoted unless it is plainly safe.
    static func quoted(_ word: String) -> String {
        let plain =
            !word.isEmpty
            && word.unicodeScalars.allSatisfy { scalar in
                scalar.isASCII
                    && (CharacterSet.alphanumerics.contains(scalar) || "-_./=:,+@%".unicodeScalars.contains(scalar))
            }
        return plain ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
