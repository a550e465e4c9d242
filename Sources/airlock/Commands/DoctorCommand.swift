import AirlockCore
import AirlockProbe
import AirlockServices
import AirlockStore
import ArgumentParser
import Foundation

/// `airlock doctor [--json] [DIR]`: the 15-minute checklist for one workspace, in one screen.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check a workspace's five boundaries, Airlock's hooks, MCP servers, broker and store.",
        discussion: """
            Measures the five boundaries (repository trust, files and secrets, command execution, MCP \
            tool scope, logging and rollback) with reasons and fixes, the mode they recommend, Airlock's \
            hook in each harness, every configured MCP server with its classed tools (as recorded by \
            airlock mcp), and whether the broker and the store are healthy. Reads only; changes nothing. \
            Exit status 1 when a boundary is open, else 0. --json is described in docs/doctor.md.
            """
    )

    @Flag(help: "Print the report as JSON (docs/doctor.md).")
    var json = false

    @Argument(help: "The workspace to check (default: the current directory).")
    var directory: String?

    func run() throws {
        let cwd = FileManager.default.currentDirectoryPath
        let given = directory ?? cwd
        let target = URL(fileURLWithPath: given.hasPrefix("/") ? given : cwd + "/" + given).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory), isDirectory.boolValue
        else { throw CLIError("\(target.path) is not a directory") }

        let inputs = BoundaryInputs()
        let probe = inputs.probe
        let workspace = probe.workspace(for: target.path)
        let hooks = inputs.hookHealth(workspace: workspace)
        let (audit, store) = inputs.audit()
        let facts = probe.facts(
            directory: target.path, hooked: BoundaryInputs.hooked(hooks), audit: audit,
            policyTrust: BoundaryInputs.policyTrust(store))
        let report = BoundaryEvaluator.report(facts)

        let broker = Self.broker(AirlockPaths(environment: inputs.environment))
        let chosen =
            broker.mode.flatMap(Mode.init(rawValue:))
            ?? PolicySource().loadUser(configDirectory: inputs.locations.configDirectory).mode ?? .workspaceEdit
        let doctor = DoctorReport(
            facts: facts, report: report, chosenMode: chosen,
            hooks: hooks.filter { $0.isInstalled || FileManager.default.fileExists(atPath: $0.path) },
            broker: broker)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(doctor), as: UTF8.self))
        } else {
            print(doctor.text)
        }
        if doctor.status == "open" { throw ExitCode(1) }
    }

    static func broker(_ paths: AirlockPaths) -> DoctorReport.Broker {
        do {
            let status = try SocketClient(path: paths.socket).status(timeout: 1)
            return DoctorReport.Broker(isRunning: true, socket: paths.socket, mode: status.mode.rawValue)
        } catch {
            return DoctorReport.Broker(isRunning: false, socket: paths.socket, error: "\(error)")
        }
    }
}
