/// How bad deleting a path is: the whole disk, the home directory, a temp dir, a workspace file.
///
/// The path is judged as the shell will see it: `~`, `~user`, `$HOME` expanded, joined to the
/// line's working directory, `.` and `..` resolved. `/tmp/../home/x` is a home path.
enum DeletionTargets {
    enum Kind: Equatable {
        /// `/`, a system directory, a home directory, the workspace or above it, `.git`.
        case catastrophic
        /// A shared temp directory itself or its whole content (`/tmp/*`, `/var/tmp`): other
        /// programs' sockets, locks and files, and other users', go with it.
        case sharedTemp
        case temporary
        /// Built at run time (an unknown variable, a substitution, files from a pipe).
        case dynamic
        case selfModification
        case secret
        /// Under a system directory (`/etc/nginx`, `/usr/local/lib/x`).
        case system
        /// Under a home directory, outside the workspace.
        case home
        /// Elsewhere outside the workspace.
        case outside
        /// A folder the build makes again (`node_modules`, `build`, `dist`, `target`, `.venv`).
        case regenerable
        case workspace
    }

    /// Folders a build or an install makes again: deleting them costs time, not work.
    static let regenerableDirectories: Set<String> = [
        "node_modules", "build", "dist", "target", ".venv", "venv", "__pycache__", ".next", ".nuxt", "coverage",
        ".build", "out", ".gradle", ".pytest_cache", ".mypy_cache", ".ruff_cache", ".tox", ".nox", ".cache",
        ".parcel-cache", ".turbo", ".svelte-kit", ".angular", "deriveddata", ".eggs", "htmlcov", ".terraform",
        "bower_components", "vendor-cache", ".dart_tool", "obj", "tmp", ".tmp", "logs",
    ]

    /// Temp directories every program and user shares (not a per-user `$TMPDIR` under /var/folders).
    private static let sharedTempRoots: Set<String> = [
        "/tmp", "/var/tmp", "/private/tmp", "/private/var/tmp", "/dev/shm", "/tmp/", "/var/tmp/", "/private/tmp/",
        "/private/var/tmp/", "/dev/shm/",
    ]

    private static let catastrophicTops: Set<String> = [
        "etc", "usr", "var", "bin", "sbin", "lib", "lib64", "lib32", "boot", "home", "root", "opt", "srv", "dev",
        "proc", "sys", "mnt", "media", "snap", "system", "library", "applications", "users", "private",
    ]
    private static let catastrophicPairs: Set<[String]> = [
        ["var", "lib"], ["var", "log"], ["usr", "local"], ["usr", "bin"], ["usr", "lib"], ["usr", "share"],
        ["var", "www"], ["private", "etc"], ["private", "var"], ["usr", "sbin"],
    ]

    /// What a harness or Airlock keeps in a dot-folder; deleting the folder deletes them.
    private static let selfModificationChildren = ["settings.json", "hooks.json", "config.toml", "airlock", "hooks/x"]

    static func kind(of target: String, context: ClassificationContext) -> Kind {
        if target.contains("`") || target.contains("{input}") { return .dynamic }
        // `$HOME/{}` resolves (`$HOME`, `$PWD`, `$TMPDIR`); any other variable is left in and unknown.
        var path = PathClassifier.resolve(target, cwd: context.cwd, host: context.host)
        if path.contains("$") { return .dynamic }
        // `dir/*`, `dir/.*`: the directory's whole content.
        for suffix in ["/*", "/.*", "/.[!.]*", "/*.*"] where path.hasSuffix(suffix) {
            path.removeLast(suffix.count)
            if path.isEmpty { path = "/" }
        }
        if path.utf8.count <= 17, sharedTempRoots.contains(path) { return .sharedTemp }
        if path == "*" || path == ".*" { path = "." }
        // `ROOT/{}`: one entry `find` or `xargs` found under ROOT, not ROOT's whole content.
        if path.hasSuffix("/{}") { path += "/{}" }
        let components = path.split(separator: "/").map { $0.lowercased() }
        if path.hasPrefix("/") {
            if components.isEmpty || components == ["*"] || components.first == "*" { return .catastrophic }
            if components.count == 1, catastrophicTops.contains(components[0]) { return .catastrophic }
            if components.count == 2, catastrophicPairs.contains(components) { return .catastrophic }
            if components.count == 2, ["home", "users"].contains(components[0]) { return .catastrophic }
        }
        if let home = context.host.home, path == home || path == home + "/" { return .catastrophic }
        if path == "~" || (path.hasPrefix("~") && !path.contains("/")) { return .catastrophic }
        if let root = context.workspaceRoot {
            let resolvedRoot = PathClassifier.resolve(root, cwd: nil, host: context.host)
            // The workspace itself, anything above it, and its history.
            if path == resolvedRoot || resolvedRoot.hasPrefix(path == "/" ? "/" : path + "/")
                || path == resolvedRoot + "/.git"
            {
                return .catastrophic
            }
        } else if components.first == ".." || path == "." || components == [".git"] {
            return .catastrophic
        }
        let classified = context.classifySecrets(path: path)
        // Throwaway, unless Airlock's own files or a harness's settings live there.
        if classified.isSelfModification { return .selfModification }
        if classified.isTemporary { return .temporary }
        // `rm -rf ~/.claude`, `rm -rf ~/.config`: a folder holding a harness's or Airlock's own config.
        if let last = components.last, last.hasPrefix("."), last != ".git",
            selfModificationChildren.contains(where: { context.classifySecrets(path: path + "/" + $0).isSelfModification })
        {
            return .selfModification
        }
        if classified.isSecret { return .secret }
        if !classified.isInsideWorkspace {
            if classified.isSystem { return .system }
            if classified.isInHome { return .home }
            return .outside
        }
        if let root = context.workspaceRoot {
            let inside = context.anchors.root?.components.count ?? PathClassifier.resolve(root, cwd: nil, host: context.host).split(separator: "/").count
            if components.dropFirst(inside).contains(where: { regenerableDirectories.contains($0) }) {
                return .regenerable
            }
        } else if components.contains(where: { regenerableDirectories.contains($0) }) {
            return .regenerable
        }
        return .workspace
    }

    /// A finding for deleting `target`; `recursive` deletes directory trees.
    static func assess(_ target: String, recursive: Bool, via tool: String, context: ClassificationContext) -> Finding {
        // An entry a filtered `find` found is judged on its own: a tree, if it is one, chosen by the tests.
        let recursive = recursive && !target.hasSuffix("/{}")
        let what = recursive ? "recursively deletes" : "deletes"
        switch kind(of: target, context: context) {
        case .catastrophic:
            return .destructive(
                "\(tool) \(what) \(target): the whole disk, a system folder, a home or the working tree",
                risk: recursive ? .critical : .high, blast: .machine, targets: [target], rule: "delete.catastrophic")
        case .sharedTemp:
            return .destructive(
                "\(tool) \(what) everything in the shared temp directory \(target): other programs' and users' files",
                risk: .high, blast: .machine, targets: [target], rule: "delete.shared-temp")
        case .temporary:
            return Finding(
                [.destructiveFS], risk: recursive ? .medium : .low, blast: .machine,
                reversibility: .irreversible, reason: "\(tool) \(what) a temp path \(target)",
                targets: [target], rule: "delete.temp")
        case .dynamic:
            var finding = Finding.destructive(
                "\(tool) \(what) a path known only at run time (\(target.prefix(60)))", risk: .high,
                blast: .workspaceUnrecoverable, targets: [target], rule: "delete.dynamic")
            finding.isUnsure = true
            return finding
        case .selfModification:
            return Finding(
                [.selfModification, .destructiveFS], risk: .critical, blast: .machine,
                reversibility: .irreversible, reason: "\(tool) deletes Airlock's or a harness's own files",
                targets: [target], rule: "path.self-modification")
        case .secret:
            return .destructive(
                "\(tool) deletes a secrets file \(target)", risk: .high, blast: .workspaceUnrecoverable,
                targets: [target], rule: "delete.secret")
        case .system:
            return .destructive(
                "\(tool) \(what) \(target), a system path", risk: recursive ? .critical : .high, blast: .machine,
                targets: [target], rule: "delete.system")
        case .home:
            return .destructive(
                "\(tool) \(what) \(target) in the home directory, outside the workspace", risk: .high,
                blast: .machine, targets: [target], rule: "delete.outside")
        case .outside:
            return .destructive(
                "\(tool) \(what) \(target), outside the workspace", risk: .high, blast: .machine,
                targets: [target], rule: "delete.outside")
        case .regenerable:
            return Finding(
                [.destructiveFS], risk: .medium, blast: .workspace, reversibility: .reversible,
                reason: "\(tool) \(what) \(target), which a build or install makes again", targets: [target],
                rollback: "build or install again", rule: "delete.regenerable")
        case .workspace:
            return .destructive(
                "\(tool) \(what) \(target)", risk: recursive ? .high : .medium,
                blast: .workspaceUnrecoverable, targets: [target], rule: recursive ? "delete.workspace-tree" : "delete.workspace-file")
        }
    }
}
