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
        let denied = status.automaticDenials ?? 0
        if tmux {
            let refused = status.rejectedExceptions?.count ?? 0
            // Stored exceptions the broker refuses come first: someone tampered with the store.
            var segment = refused > 0 ? "airlock: \(refused) refused" : "airlock: ok"
            if pending > 0 { segment = refused > 0 ? segment + " · \(pending) pending" : "airlock: \(pending) pending" }
            // The same count the console's status line shows: a refused agent is never invisible.
            if denied > 0 { segment += " · \(denied) denied" }
            if status.store?.state == .degraded { segment += " · degraded" }
            if exceptions > 0 { segment += " · \(exceptions) exc" }
            print(segment)
        } else if json {
            // The broker's status as the protocol spells it, and where it was found.
            var object =
                (try? JSONSerialization.jsonObject(with: JSONEncoder().encode(status))) as? [String: Any] ?? [:]
            object["running"] = true
            object["socket"] = socket
            object["storeMismatch"] = Self.storeMismatch(brokerStore: status.store?.store, paths: paths, system: system)
            print(Checker.encode(object))
        } else {
            print("broker      running on \(socket)" + (status.deployment.map { " (\($0))" } ?? ""))
            print("mode        \(status.mode.rawValue)")
            print("pending     \(pending)")
            print("exceptions  \(exceptions) active")
            print("consoles    \(status.subscribers) subscribed")
            if let since = status.automaticDenialsSince {
                let minutes = Int(Date().timeIntervalSince(since) / 60)
                let origin = status.subscribers > 0 ? "since the console opened" : "while no console was open"
                print("denied      \(denied) automatically \(origin) (\(minutes) min)")
            }
            print("uptime      \(Int(status.uptimeSeconds)) s")
            if let store = status.store {
                print("store       \(store.store): \(store.summary)")
            }
            if let mismatch = Self.storeMismatch(brokerStore: status.store?.store, paths: paths, system: system) {
                print("store       \(mismatch)")
            }
            for rejected in status.rejectedExceptions ?? [] {
                print("REFUSED     stored exception \(rejected.id): \(rejected.reason)")
            }
        }
    }

    /// What is wrong when the broker runs on another store than the one this machine's
    /// settings name (`StoreChoice`: AIRLOCK_STORE_URL, config.toml's store): it was started
    /// before they changed. Nil when they agree.
    static func storeMismatch(brokerStore: String?, paths: AirlockPaths, system: Bool) -> String? {
        let choice: StoreChoice
        do {
            choice = try StoreChoice.resolve(configDirectory: system ? paths.systemConfigDirectory : paths.configDirectory)
        } catch {
            return "cannot tell which store this machine should use: \(error)"
        }
        let configured = choice.team?.description
        guard configured != brokerStore else { return nil }
        return "the broker uses \(brokerStore ?? "this machine's SQLite store"), but \(choice) is configured: "
            + "restart the broker to use it"
    }
}
