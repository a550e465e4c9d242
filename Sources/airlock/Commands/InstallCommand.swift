import AirlockHarness
import AirlockInstall
import AirlockServices
import ArgumentParser
import Foundation

/// `airlock install <harness>`: merges Airlock's hook into the harness's settings file.
struct InstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Install Airlock's hook into a harness's settings (idempotent, with a backup).",
        discussion: """
            Adds `airlock-hook <harness>` (the small hook beside this airlock, else `airlock hook <harness>`) \
            with a 900 s timeout, leaving every other setting as it was, and says which it chose and why. \
            The path written is this airlock's: a development build inside .build/ is refused unless \
            --allow-dev (install Airlock with scripts/install first). \
            Files: Claude ~/.claude/settings.json (CLAUDE_CONFIG_DIR) or DIR/.claude/settings.json; \
            Codex $CODEX_HOME/hooks.json (~/.codex) or DIR/.codex/hooks.json; Gemini \
            ~/.gemini/settings.json or DIR/.gemini/settings.json; Cursor ~/.cursor/hooks.json or \
            DIR/.cursor/hooks.json; Copilot DIR/.github/hooks/airlock.json. \
            With --sandbox (Claude Code, user settings), also switches on Claude Code's own sandbox the \
            way the recommended deployment needs it: sandbox.enabled, failIfUnavailable, and \
            allowUnsandboxedCommands false (docs/security.md); `airlock doctor` checks the rest.
            """
    )

    @OptionGroup var target: HookTarget

    @Flag(help: "Also turn on Claude Code's sandbox with unsandboxed retries off (user settings only).")
    var sandbox = false

    @Flag(help: "Write the path of this development build (inside .build/) all the same.")
    var allowDev = false

    @Flag(
        help:
            "Point the hook at the separated deployment's agent socket (sudo airlock setup --system) and believe only Airlock's system user there."
    )
    var system = false

    func validate() throws {
        guard sandbox else { return }
        guard target.harness == Harness.claude.rawValue else {
            throw ValidationError("--sandbox is for Claude Code, whose sandbox Airlock knows; use it with claude.")
        }
        // Claude Code lets user settings switch the sandbox on for every project; a project
        // file is the agent's own workspace.
        guard target.project == nil else {
            throw ValidationError("--sandbox writes the user's settings; give it without --project.")
        }
    }

    func run() throws {
        let harness = try target.resolvedHarness
        let file = try target.file()
        guard let executable = Self.executablePath() else {
            throw CLIError(
                "cannot tell where this airlock is installed, so there is no path to write; nothing was written")
        }
        let hook = Self.hookExecutable(beside: executable)
        let choice: HookBinaryChoice
        do throws(HookBinaryChoice.Refusal) {
            choice = try HookBinaryChoice.choose(
                .init(airlock: executable, hook: hook, hookLinkage: hook.map(ExecutableLinkage.of) ?? .unknown),
                allowDevelopment: allowDev)
        } catch {
            throw CLIError("\(error.description) Nothing was written.")
        }
        let installer = HookInstaller(
            harness: harness, executable: choice.airlock, hookExecutable: choice.hook, system: system)
        print("Hook: \(choice.hook ?? "\(choice.airlock) hook") — \(choice.why).")
        let old = try file.read()
        let withHook: String
        let new: String
        do throws(InstallError) {
            withHook = try installer.install(into: old)
            new = sandbox ? try SandboxSettings.apply(to: withHook) : withHook
        } catch {
            throw CLIError("\(file.path) \(error.description); nothing was written")
        }
        guard new != old else {
            print("Airlock's hook is already installed in \(file.path); nothing changed.")
            if sandbox { print("Claude Code's sandbox settings are already as Airlock recommends.") }
            return
        }
        if let old {
            let backup = try file.backUp(old)
            print("Backed up \(file.path) to \(backup).")
        }
        try file.replace(with: new)
        if withHook != old {
            print(
                "Installed `\(installer.command)` in \(file.path) for \(installer.events.joined(separator: ", "))"
                    + " (\(installer.timeoutSummary)).")
        } else {
            print("Airlock's hook was already installed in \(file.path).")
        }
        if sandbox {
            print(
                "Claude Code's sandbox is on in \(file.path): enabled, failIfUnavailable, allowUnsandboxedCommands false."
                    + " It needs bubblewrap and socat; run `airlock doctor` to check the deployment.")
        }
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
