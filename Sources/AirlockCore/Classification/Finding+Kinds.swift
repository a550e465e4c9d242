/// Shorthands for the findings the program tables produce, so risk conventions stay uniform.
extension Finding {
    /// Looks at local state only.
    public static func read(_ reason: String, targets: [String] = [], rule: String = "") -> Finding {
        Finding([.read], risk: .low, blast: .none, reason: reason, targets: targets, rule: rule)
    }

    /// Reads remote state: cloud, cluster, API, registry.
    public static func remoteRead(_ reason: String, targets: [String] = [], rule: String = "") -> Finding {
        Finding([.network], risk: .low, blast: .external, reason: reason, targets: targets, rule: rule)
    }

    /// Changes remote state without deleting it: create, update, post, upload.
    public static func remoteWrite(_ reason: String, risk: Risk = .medium, targets: [String] = [], rule: String = "") -> Finding {
        Finding([.network], risk: risk, blast: .external, reversibility: .partial, reason: reason, targets: targets, rule: rule)
    }

    public static func dataDelete(_ reason: String, risk: Risk = .high, targets: [String] = [], rule: String = "") -> Finding {
        Finding(
            [.dataDelete], risk: risk, blast: .external, reversibility: .irreversible, reason: reason,
            targets: targets, rollback: "none: restore from a backup, if one exists", rule: rule)
    }

    public static func deploy(_ reason: String, risk: Risk = .high, targets: [String] = [], rule: String = "") -> Finding {
        Finding(
            [.deploy], risk: risk, blast: .external, reversibility: .partial, reason: reason,
            targets: targets, rollback: "redeploy the previous version", rule: rule)
    }

    public static func migration(_ reason: String, risk: Risk = .high, rule: String = "") -> Finding {
        Finding(
            [.dbMigration], risk: risk, blast: .external, reversibility: .partial, reason: reason,
            rollback: "the migration's down step, if it has one", rule: rule)
    }

    public static func dbWrite(_ reason: String, risk: Risk = .high, rule: String = "") -> Finding {
        Finding([.dbWrite], risk: risk, blast: .external, reversibility: .irreversible, reason: reason, rule: rule)
    }

    /// Reads or changes secret values.
    public static func secrets(_ reason: String, risk: Risk = .high, targets: [String] = [], rule: String = "") -> Finding {
        Finding(
            [.secretsAccess], risk: risk, blast: .external, reversibility: .irreversible, reason: reason,
            targets: targets, rollback: "rotate the secret", rule: rule)
    }

    public static func privilege(_ reason: String, risk: Risk = .high, targets: [String] = [], rule: String = "") -> Finding {
        Finding([.privilege], risk: risk, blast: .machine, reversibility: .partial, reason: reason, targets: targets, rule: rule)
    }

    public static func billing(_ reason: String, risk: Risk = .critical, rule: String = "") -> Finding {
        Finding([.billingMoney], risk: risk, blast: .production, reversibility: .irreversible, reason: reason, rule: rule)
    }

    public static func vcsRewrite(
        _ reason: String, risk: Risk = .high, blast: BlastRadius = .workspaceUnrecoverable,
        rollback: String? = nil
    , rule: String = "") -> Finding {
        Finding(
            [.vcsRewrite], risk: risk, blast: blast, reversibility: .irreversible, reason: reason,
            rollback: rollback, rule: rule)
    }

    public static func destructive(_ reason: String, risk: Risk, blast: BlastRadius, targets: [String] = [], rule: String = "")
        -> Finding
    {
        Finding(
            [.destructiveFS], risk: risk, blast: blast, reversibility: .irreversible, reason: reason,
            targets: targets, rollback: "none for untracked files; git checkout for tracked ones", rule: rule)
    }

    public static func packageInstall(_ reason: String, risk: Risk = .medium, blast: BlastRadius = .machine, rule: String = "")
        -> Finding
    {
        Finding([.packageInstall], risk: risk, blast: blast, reversibility: .partial, reason: reason, rule: rule)
    }

    public static func build(_ reason: String, rule: String = "") -> Finding {
        Finding([.build], risk: .low, blast: .workspace, reason: reason, rule: rule)
    }

    public static func test(_ reason: String, rule: String = "") -> Finding {
        Finding([.test], risk: .low, blast: .workspace, reason: reason, rule: rule)
    }

    public static func formatLint(_ reason: String, rule: String = "") -> Finding {
        Finding([.formatLint], risk: .low, blast: .workspace, reason: reason, rollback: "git checkout -- .", rule: rule)
    }

    public static func fileWrite(_ reason: String, targets: [String] = [], rule: String = "") -> Finding {
        Finding([.fileWrite], risk: .low, blast: .workspace, reason: reason, targets: targets, rule: rule)
    }

    public static func unknown(_ reason: String, risk: Risk = .medium, isUnsure: Bool = true, rule: String = "") -> Finding {
        Finding(
            [.unknown], risk: risk, blast: .machine, reversibility: .unknown, reason: reason,
            isUnsure: isUnsure, rule: rule)
    }
}
