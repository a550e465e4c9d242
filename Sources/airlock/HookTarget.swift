import AirlockHarness
import AirlockInstall
import ArgumentParser
import Foundation

/// The harness and settings scope `install` and `uninstall` act on.
struct HookTarget: ParsableArguments {
    @Argument(help: "The harness: claude, codex, cursor, gemini or copilot.")
    var harness: String

    @Option(help: "Change this project's settings (DIR/.claude/settings.json, …).")
    var project: String?

    @Flag(help: "Change the user's settings (the default; Copilot has none, use --project).")
    var user = false

    func validate() throws {
        guard Harness(rawValue: harness) != nil else {
            throw ValidationError(
                "Unknown harness \(harness); use one of \(Harness.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        if user, project != nil { throw ValidationError("Give --project DIR or --user, not both.") }
    }

    var resolvedHarness: Harness {
        get throws {
            guard let value = Harness(rawValue: harness) else { throw ExitCode(2) }
            return value
        }
    }

    var scope: SettingsScope {
        guard let project else { return .user }
        return .project(URL(fileURLWithPath: project).standardizedFileURL.path)
    }

    /// The settings file to change.
    func file() throws -> SettingsFile {
        let environment = ProcessInfo.processInfo.environment
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        let harness = try resolvedHarness
        do throws(InstallError) {
            return SettingsFile(
                path: try SettingsLocation.path(for: harness, scope: scope, environment: environment, home: home))
        } catch {
            throw CLIError(error.description)
        }
    }
}
