import AirlockServices
import AirlockWire
import ArgumentParser
import Foundation

/// `airlock status`: is the broker up, and what is waiting.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show whether the broker runs, how many actions wait and which exceptions are active.",
        discussion: """
            --tmux prints a short segment for tmux's status line, e.g. in ~/.tmux.conf:
              set -g status-right '#(airlock status --tmux)'
            The exit status is 0 when the broker answers, 1 when it does not.
            """
    )

    @Flag(help: "Print the broker's status as JSON.")
    var json = false

    @Flag(help: "Print one short segment for tmux's status-right.")
    var tmux = false

    @Flag(help: "Ask the separated deployment's broker (its agent socket).")
    var system = false

    func run() throws {
        let paths = AirlockPaths()
        let socket = system ? paths.agentSocket : paths.socket
        let client = SocketClient(path: socket)
        let status: StatusResult
        do {
            status = try client.status(timeout: 2)
        } catch {
            if tmux {
                print("airlock: off")
            } else if json {
                print(Checker.encode(["running": false, "socket": socket, "error": "\(error)"]))
            } else {
                print("broker   not running (\(error))")
            }
            throw ExitCode(1)
        }
        let pending = status.pending
        let exceptions = status.exceptions
        if tmux {
            let degraded = status.store?.state == .degraded ? " · degraded" : ""
            print(
                ((status.rejectedExceptions ?? []).isEmpty
                    ? (pending > 0 ? "airlock: \(pending) pending" : "airlock: ok")
                    : "airlock: \(status.rejectedExceptions?.count ?? 0) refused" + (pending > 0 ? " · \(pending) pending" : ""))
                    + degraded,
                terminator: exceptions > 0 ? " · \(exceptions) exc\n" : "\n")
        } else if json {
            // The broker's status as the protocol spells it, and where it was found.
            var object =
                (try? JSONSerialization.jsonObject(with: JSONEncoder().encode(status))) as? [String: Any] ?? [:]
            object["running"] = true
            object["socket"] = socket
            print(Checker.encode(object))
        } else {
            print("broker      running on \(socket)" + (status.deployment.map { " (\($0))" } ?? ""))
            print("mode        \(status.mode.rawValue)")
            print("pending     \(pending)")
            print("exceptions  \(exceptions) active")
            print("consoles    \(status.subscribers) subscribed")
            print("uptime      \(Int(status.uptimeSeconds)) s")
            if let store = status.store {
                print("store       \(store.store): \(store.summary)")
            }
            for rejected in status.rejectedExceptions ?? [] {
                print("REFUSED     stored exception \(rejected.id): \(rejected.reason)")
            }
        }
    }
}
