/// A class of action, from the tables in `reference/policy-tables.md` (DESIGN §4).
///
/// Shell commands, file paths and MCP tools each have their own classes, but an action may
/// carry classes from several domains (a shell command that writes `.env` is `file_write`
/// and `secrets_access`), so they share one type.
public enum Category: String, Codable, Sendable, CaseIterable, Comparable {
    // Shell commands.
    case read
    case formatLint = "format_lint"
    case test
    case build
    /// Creates or changes files (mkdir, cp, mv, `>`, `sed -i`); where they land decides the rest.
    case fileWrite = "file_write"
    case packageInstall = "package_install"
    case network
    case remoteExec = "remote_exec"
    case destructiveFS = "destructive_fs"
    case vcsRewrite = "vcs_rewrite"
    case deploy
    case dbMigration = "db_migration"
    /// Inserts or updates rows in a database (deletion is `data_delete`).
    case dbWrite = "db_write"
    case dataDelete = "data_delete"
    case secretsAccess = "secrets_access"
    case privilege
    case billingMoney = "billing_money"
    case selfModification = "self_modification"
    /// Stops, signals or reconfigures processes and services on this machine.
    case processControl = "process_control"
    /// Changes cloud, platform or forge state through its API with a raw request (`curl -X POST`
    /// to api.fly.io, a GraphQL mutation, `gh api -X PATCH`). Deletions, backups, protection and
    /// billing there also carry `data_delete`, `privilege` or `billing_money` (hard floor).
    case infra
    /// Makes code run later, outside this action's review: shell start-up files,
    /// `~/.ssh/authorized_keys`, crontab and `at` jobs, systemd and launchd units, git hooks and
    /// `core.hooksPath`, a directory on `$PATH`. High risk; an exception made for anything else
    /// (a command prefix, another category, paths) never covers it.
    case persistence
    /// Points the programs that run next at other code: `LD_PRELOAD`, `DYLD_*`, `PATH` or
    /// `PYTHONPATH` aimed at temp or outside directories, `NODE_OPTIONS`, `GIT_SSH_COMMAND`,
    /// `BASH_ENV`, `PROMPT_COMMAND`, git aliases starting with `!`. Never covered by an exception
    /// made for something else, like `persistence`.
    case envPoisoning = "env_poisoning"
    case unknown

    // File classes.
    case source
    case testFile = "test_file"
    case docs
    case envFile = "env_file"
    case credentials
    case productionConfig = "production_config"
    case customerData = "customer_data"
    case buildOutput = "build_output"
    case agentConfig = "agent_config"
    case outsideWorkspace = "outside_workspace"
    /// CI definitions: `.github/workflows/*`, `.gitlab-ci.yml`, `.circleci/config.yml`, … They run
    /// with the repository's secrets on someone else's machine, so a change is asked in every mode.
    case ciConfig = "ci_config"
    /// Files whose code runs when a trusted tool runs: package lifecycle scripts (`preinstall`,
    /// `postinstall`, `prepare`), `setup.py`, `build.rs`, `conftest.py`, `.envrc`, dev-container
    /// and editor task files. Asked in every mode.
    case codeExecConfig = "code_exec_config"

    // MCP tool types.
    case readLookup = "read_lookup"
    case docSearch = "doc_search"
    case commentWrite = "comment_write"
    case statusChange = "status_change"
    case fileWriteAPI = "file_write_api"
    case secretAccess = "secret_access"
    case productionDBWrite = "production_db_write"
    case deployTrigger = "deploy_trigger"
    case unknownWrite = "unknown_write"

    /// Classes that never run without a human decision for that very action (DESIGN §6.4).
    public var isHardFloor: Bool {
        switch self {
        case .deploy, .dbMigration, .dataDelete, .secretsAccess, .privilege, .billingMoney,
            .secretAccess, .deployTrigger:
            return true
        default:
            return false
        }
    }

    /// Classes that only look at things and change nothing.
    /// Classes an allow exception covers only when it names them: by exact action or by this very
    /// category. A command-prefix, path or other-category exception never reaches them.
    public var isNeverCoveredByOthers: Bool {
        self == .persistence || self == .envPoisoning || self == .selfModification
    }

    public var isReadOnly: Bool {
        switch self {
        case .read, .readLookup, .docSearch, .source, .testFile, .docs, .buildOutput: return true
        default: return false
        }
    }

    public static func < (lhs: Category, rhs: Category) -> Bool {
        lhs.order < rhs.order
    }

    private var order: Int { Category.allCases.firstIndex(of: self) ?? 0 }
}
