/// What each mode decides by itself for each command class, file class and MCP tool type
/// (policy step 7 in the README's "How it decides"). Hard-floor and integrity-floor classes
/// never reach this table. Read-only never mutates on its own: what would change something
/// goes to a human (denied at once when no console is open), as Codex's read-only + on-request.
public enum ModeDefaults {
    /// The default verdict for one category in one mode.
    public static func verdict(for category: Category, in mode: Mode) -> Verdict {
        switch category {
        // Safe reads: "usually yes" everywhere.
        case .read, .readLookup, .docSearch, .source, .testFile, .docs:
            return .allow
        // Edits inside the repository: a human decides in read-only.
        case .fileWrite:
            return mode == .readOnly ? .ask : .allow
        // The known safe loop: "often yes" in a trusted repo — the constrained auto loop.
        case .formatLint, .test, .build:
            return mode == .autoLoop ? .allow : .ask
        // Approval, in every mode.
        case .packageInstall, .destructiveFS, .vcsRewrite, .dbWrite, .remoteExec, .processControl, .agentConfig,
            .commentWrite, .statusChange, .fileWriteAPI, .unknownWrite, .outsideWorkspace, .productionConfig:
            return .ask
        // Code that runs later or elsewhere: a human looks in every mode, even the auto loop.
        case .persistence, .envPoisoning, .ciConfig, .codeExecConfig:
            return .ask
        // Generated output: "no automatic edits".
        case .buildOutput:
            return .ask
        // Network and unknown: a human looks, whatever the mode.
        case .network, .unknown, .infra:
            return .ask
        // Denied by default.
        case .customerData, .productionDBWrite:
            return .deny
        // Secrets, deploys, migrations, deletion, privilege, money: the hard floor asks a human first.
        case .secretsAccess, .secretAccess, .envFile, .credentials, .deploy, .deployTrigger, .dbMigration,
            .dataDelete, .privilege, .billingMoney:
            return .ask
        case .selfModification:
            return .deny
        }
    }

    /// The most restrictive default over all of an action's categories.
    public static func verdict(for categories: [Category], in mode: Mode) -> (Verdict, Category?) {
        var worst: (Verdict, Category?) = (.allow, nil)
        for category in categories {
            let verdict = verdict(for: category, in: mode)
            if worst.1 == nil || verdict > worst.0 { worst = (verdict, category) }
        }
        return worst
    }
}
