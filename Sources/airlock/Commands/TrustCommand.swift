import AirlockServices
import AirlockWire
import ArgumentParser
import Foundation

/// `airlock trust [PATH]`, `airlock trust --list`: a reviewer operation through the broker,
/// which writes the trusted list, logs the change with the reviewer and applies it at once.
struct TrustCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trust",
        abstract: "Trust a repository: its workspace leaves read-only (see `airlock doctor`).",
        discussion: """
            Trust the repository holding PATH (default: the current directory) after inspecting it. The \
            broker adds its git top level to $AIRLOCK_CONFIG_DIR/trusted-repos (with --system: the \
            separated deployment's list in Airlock's state directory, and your passphrase again), records the change in the \
            decision log under your account (as the kernel names it), and measures the workspace again at once, so the agent's next \
            action there is judged as trusted. Actions already waiting stay for you to decide. --list \
            shows the list. `airlock untrust PATH` takes a repository off it. An agent cannot do this: \
            the command, and any write to the list, is refused at Airlock's integrity floor.
            """
    )

    @Argument(help: "A directory inside the repository (default: the current directory).")
    var path: String?

    @Flag(help: "List the trusted repositories (paths and remote URLs) instead.")
    var list = false

    @Option(help: "Ignored: the broker records the reviewer it names from the connection (your account).")
    var reviewer: String?

    @Option(help: "Why, for the decision log.")
    var reason: String?

    @OptionGroup var system: SystemReviewer

    func validate() throws {
        if list, path != nil || reason != nil {
            throw ValidationError("--list takes no path and no reason.")
        }
    }

    func run() throws {
        let environment = PolicyCommand.Environment()
        if list {
            let result = try environment.callBroker(.trustList, as: TrustListResult.self, system: system)
            print("trusted repositories (\(result.listPath)):")
            if result.entries.isEmpty { print("  none") }
            for entry in result.entries { print("  \(entry)") }
            return
        }
        let params = TrustParams(
            workspace: Self.absolute(path), reviewer: reviewer ?? ConsoleCommand.userName(), reason: reason)
        let result = try environment.callBroker(.trust(params), as: TrustResult.self, system: system)
        let remote = result.remote.map { "remote \($0)" } ?? "no remote"
        if result.changed {
            print("Trusted \(result.workspace) (\(remote)); added to \(result.listPath) and logged.")
            print("Its next actions are judged as a trusted repository (`airlock doctor` shows what still holds).")
        } else {
            print("\(result.workspace) (\(remote)) is already trusted; nothing changed.")
        }
    }

    /// The path as the broker needs it: absolute, `.` and `..` resolved.
    static func absolute(_ path: String?) -> String {
        let base = FileManager.default.currentDirectoryPath
        guard let path, !path.isEmpty else { return URL(fileURLWithPath: base).standardizedFileURL.path }
        let url =
            path.hasPrefix("/") ? URL(fileURLWithPath: path) : URL(fileURLWithPath: base).appendingPathComponent(path)
        return url.standardizedFileURL.path
    }
}

/// `airlock untrust [PATH]`: take a repository off the trusted list, through the broker.
struct UntrustCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "untrust",
        abstract: "Take a repository off the trusted list: its workspace is read-only again.",
        discussion: """
            Removes the repository's path and any of its remote URLs from $AIRLOCK_CONFIG_DIR/trusted-repos, \
            logs the change under your account and applies it at once. A repository whose \
            .airlock/policy.toml you trusted stays trusted for that reason (the output says so).
            """
    )

    @Argument(help: "A directory inside the repository (default: the current directory).")
    var path: String?

    @Option(help: "Ignored: the broker records the reviewer it names from the connection (your account).")
    var reviewer: String?

    @Option(help: "Why, for the decision log.")
    var reason: String?

    @OptionGroup var system: SystemReviewer

    func run() throws {
        let params = TrustParams(
            workspace: TrustCommand.absolute(path), reviewer: reviewer ?? ConsoleCommand.userName(), reason: reason)
        let result = try PolicyCommand.Environment().callBroker(.untrust(params), as: TrustResult.self, system: system)
        if result.changed {
            print("\(result.workspace) is off \(result.listPath); logged.")
        } else {
            print("\(result.workspace) was not on \(result.listPath); nothing changed.")
        }
        if let still = result.stillTrustedBecause {
            print("It is still trusted: \(still).")
        }
    }
}
