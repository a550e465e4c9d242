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
