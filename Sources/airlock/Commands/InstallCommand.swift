import AirlockHarness
import AirlockInstall
import ArgumentParser
import Foundation

/// `airlock install <harness>`: merges Airlock's hook into the harness's settings file.
struct InstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Install Airlock's hook into a harness's settings (idempotent, with a backup).",
        discussion: """
            Adds `airlock-hook <harness>` (the small hook beside this airlock, else `airlock hook <harness>`) \
            with a 900 s timeout, leaving every other setting as it was. \
            Files: Claude ~/.claude/settings.json (CLAUDE_CONFIG_DIR) or DIR/.claude/settings.json; \
            Codex $CODEX_HOME/hooks.json (~/.codex) or DIR/.codex/hooks.json; Gemini \
            ~/.gemini/settings.json or DIR/.gemini/settings.json; Cursor ~/.cursor/hooks.json or \
            DIR/.cursor/hooks.json; Copilot DIR/.github/hooks/airlock.json.
            """
    )

    @OptionGroup var target: HookTarget

    func run() throws {
        let harness = try target.resolvedHarness
        let file = try target.file()
        let executable = Self.executablePath()
        let installer = HookInstaller(
            harness: harness, executable: executable, hookExecutable: executable.flatMap(Self.hookExecutable(beside:)))
        let old = try file.read()
        let new: String
        do throws(InstallError) {
            new = try installer.install(into: old)
        } catch {
            throw CLIError("\(file.path) \(error.description); nothing was written")
        }
        guard new != old else {
            print("Airlock's hook is already installed in \(file.path); nothing changed.")
            return
        }
        if let old {
            let backup = try file.backUp(old)
            print("Backed up \(file.path) to \(backup).")
        }
        try file.replace(with: new)
        print(
            "Installed `\(installer.command)` in \(file.path) for \(installer.events.joined(separator: ", "))"
                + " (\(installer.timeoutSummary)).")
        print(SettingsLocation.trustStep(for: harness, scope: target.scope))
    }

    /// The small `airlock-hook` next to `airlock`, when it was built or installed beside it.
    static func hookExecutable(beside airlock: String) -> String? {
        let path = URL(fileURLWithPath: airlock).deletingLastPathComponent().appendingPathComponent("airlock-hook").path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// The running binary's absolute path, so the harness finds it without PATH.
    static func executablePath() -> String? {
        guard let url = Bundle.main.executableURL else { return nil }
        return url.resolvingSymlinksInPath().path
    }
}
