/// How bad deleting a path is: the whole disk, the home directory, a temp dir, a workspace file.
enum DeletionTargets {
    enum Kind: Equatable { case catastrophic, temporary, dynamic, selfModification, secret, outside, workspace }

    private static let systemDirectories: Set<String> = [
        "/", "/etc", "/usr", "/var", "/bin", "/sbin", "/lib", "/lib64", "/lib32", "/boot", "/home", "/root",
        "/opt", "/srv", "/dev", "/proc", "/sys", "/mnt", "/media", "/snap", "/System", "/Library",
        "/Applications", "/Users", "/private", "/var/lib", "/var/log", "/usr/local", "/usr/bin", "/usr/lib",
    ]
    private static let tempPrefixes = [
        "/tmp/", "/var/tmp/", "/private/tmp/", "/dev/shm/", "$TMPDIR", "${TMPDIR",
        "$TMP/", "${TMP}", "$TEMP", "${RUNNER_TEMP", "$RUNNER_TEMP",
    ]

    /// Targets that mean "everything here": home, the working tree, its parent, the repository.
    private static let everythingForms: Set<String> = [
        "~", "$HOME", "${HOME}", "~/", "~/*", "~/.*", "*", ".*", ".", "..", "./", "./*", "../*", "~/..", ".git",
    ]

    static func kind(of target: String, context: ClassificationContext) -> Kind {
        var t = target
        while t.count > 1, t.hasSuffix("/") { t.removeLast() }
        if t.hasSuffix("/*") { t.removeLast(2) }
        if t.isEmpty { t = "/" }
        if everythingForms.contains(t) || systemDirectories.contains(t) || t == "/*" || t.hasPrefix("/*") {
            return .catastrophic
        }
        if let home = context.host.home, t == home { return .catastrophic }
        // /home/user, /Users/user: a whole home directory.
        let parts = t.split(separator: "/")
        if t.hasPrefix("/"), parts.count == 2, ["home", "Users"].contains(parts[0]) { return .catastrophic }
        if tempPrefixes.contains(where: { t.hasPrefix($0) }) || t == "/tmp" || t == "/var/tmp" {
            // Throwaway, unless Airlock's own files or a harness's settings live there.
            if !t.contains("$"), !t.contains("`"), context.classify(path: t).isSelfModification {
                return .selfModification
            }
            return .temporary
        }
        if t.contains("$") || t.contains("`") { return .dynamic }
        let path = context.classify(path: t)
        if path.isSelfModification { return .selfModification }
        if path.isSecret { return .secret }
        if !path.isInsideWorkspace { return .outside }
        return .workspace
    }

    /// A finding for deleting `target`; `recursive` deletes directory trees.
    static func assess(_ target: String, recursive: Bool, via tool: String, context: ClassificationContext) -> Finding {
        let what = recursive ? "recursively deletes" : "deletes"
        switch kind(of: target, context: context) {
        case .catastrophic:
            return .destructive(
                "\(tool) \(what) \(target): the whole disk, home or working tree",
                risk: recursive ? .critical : .high, blast: .machine, targets: [target])
        case .temporary:
            return Finding(
                [.destructiveFS], risk: recursive ? .medium : .low, blast: .machine,
                reversibility: .irreversible, reason: "\(tool) \(what) a temp path \(target)",
                targets: [target])
        case .dynamic:
            return .destructive(
                "\(tool) \(what) a path built at run time (\(target))", risk: recursive ? .high : .medium,
                blast: .workspaceUnrecoverable, targets: [target])
        case .selfModification:
            return Finding(
                [.selfModification, .destructiveFS], risk: .critical, blast: .machine,
                reversibility: .irreversible, reason: "\(tool) deletes Airlock's or a harness's own files",
                targets: [target])
        case .secret:
            return .destructive(
                "\(tool) deletes a secrets file \(target)", risk: .high, blast: .workspaceUnrecoverable,
                targets: [target])
        case .outside:
            return .destructive(
                "\(tool) \(what) \(target), outside the workspace", risk: .high, blast: .machine,
                targets: [target])
        case .workspace:
            return .destructive(
                "\(tool) \(what) \(target)", risk: recursive ? .high : .medium,
                blast: .workspaceUnrecoverable, targets: [target])
        }
    }
}
