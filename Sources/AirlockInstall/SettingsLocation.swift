import AirlockHarness

/// The settings file each harness reads its hooks from (harness-protocols §1.1, §2.4, §3.1–3.3).
public enum SettingsLocation {
    /// The path of `harness`'s hook file for `scope`; `home` is the user's home directory.
    public static func path(
        for harness: Harness, scope: SettingsScope, environment: [String: String], home: String
    ) throws(InstallError) -> String {
        switch (harness, scope) {
        case (.claude, .user):
            return join(nonEmpty(environment["CLAUDE_CONFIG_DIR"]) ?? join(home, ".claude"), "settings.json")
        case (.claude, .project(let dir)):
            return join(dir, ".claude/settings.json")
        // Codex reads hooks.json beside each config.toml; a JSON file of our own leaves config.toml untouched.
        case (.codex, .user):
            return join(nonEmpty(environment["CODEX_HOME"]) ?? join(home, ".codex"), "hooks.json")
        case (.codex, .project(let dir)):
            return join(dir, ".codex/hooks.json")
        case (.gemini, .user):
            return join(home, ".gemini/settings.json")
        case (.gemini, .project(let dir)):
            return join(dir, ".gemini/settings.json")
        case (.cursor, .user):
            return join(home, ".cursor/hooks.json")
        case (.cursor, .project(let dir)):
            return join(dir, ".cursor/hooks.json")
        case (.copilot, .user):
            throw .unsupportedScope(
                "Copilot CLI reads hooks only from a repository's .github/hooks/; use --project DIR")
        case (.copilot, .project(let dir)):
            return join(dir, ".github/hooks/airlock.json")
        }
    }

    /// What the user must still do before the harness runs the hook.
    public static func trustStep(for harness: Harness, scope: SettingsScope) -> String {
        switch (harness, scope) {
        case (.codex, _):
            return "Codex runs a new or changed hook only once you trust it: open /hooks in Codex and trust Airlock's"
                + " hook. Until then Codex silently skips it and every tool runs ungated."
                + (scope == .user ? "" : " Project hooks also load only for trusted projects.")
        case (_, .user):
            return "The hook applies to every session of \(harness.rawValue) started from now on."
        // Claude Code 2.1.332 ran project hooks in a workspace never trusted, with a fresh HOME
        // (real-clients §1; Tests/RealClients): there is no step to take, and saying there is would mislead.
        case (.claude, .project):
            return "Claude Code runs project hooks without a trust step: every session started in this folder"
                + " from now on is gated."
        case (.gemini, .project), (.cursor, .project), (.copilot, .project):
            return "Project hooks load only in a trusted workspace: trust this folder in \(harness.rawValue)"
                + " before relying on the hook."
        }
    }

    static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }

    static func join(_ base: String, _ tail: String) -> String {
        base.hasSuffix("/") ? base + tail : base + "/" + tail
    }
}
