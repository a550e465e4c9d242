/// What a file path is, for policy: its file classes and whether touching it crosses a boundary.
public struct PathClass: Sendable, Equatable {
    /// File classes, sorted and unique: `.source`, `.testFile`, `.docs`, `.envFile`, `.credentials`,
    /// `.productionConfig`, `.customerData`, `.buildOutput`, `.agentConfig`, `.outsideWorkspace`,
    /// `.selfModification`.
    public var categories: [Category]
    /// Absolute and normalised: `~`, `$HOME` and `${HOME}` expanded, relative paths joined to the
    /// cwd, `.` and `..` resolved, duplicate slashes removed. Stays relative (or `~/…`) only when
    /// nothing is known to anchor it.
    public var resolvedPath: String
    /// An `.env` file or credentials: reading it already crosses a boundary.
    public var isSecret: Bool
    /// Writing here could disable or bypass the gate (Airlock's files, harness hooks and permissions).
    public var isSelfModification: Bool
    public var isInsideWorkspace: Bool
    /// Under `/tmp`, `/var/tmp` or a macOS per-user temp folder.
    public var isTemporary: Bool
    /// Under the user's (or any user's) home directory.
    public var isInHome: Bool
    /// Under a directory of the system (`/etc`, `/usr`, `/var`, `/boot`, …), temp folders aside.
    public var isSystem: Bool
    /// Writing here makes code run later: a start-up file, `authorized_keys`, a crontab, a unit,
    /// a git hook, a directory on `$PATH`.
    public var isPersistence: Bool
    /// A short phrase: "an .env file", "a private key", "Claude Code settings (hooks and permissions)".
    public var reason: String
    /// How bad reading it is when `isSecret`: high for keys and tokens; medium for a test
    /// fixture named like a key inside the workspace, or a cloud CLI's settings without keys.
    public var secretRisk: Risk = .high

    public init(
        categories: [Category], resolvedPath: String, isSecret: Bool = false,
        isSelfModification: Bool = false, isInsideWorkspace: Bool = true, isTemporary: Bool = false,
        isInHome: Bool = false, isSystem: Bool = false, isPersistence: Bool = false, reason: String
    ) {
        self.categories = categories
        self.resolvedPath = resolvedPath
        self.isSecret = isSecret
        self.isSelfModification = isSelfModification
        self.isInsideWorkspace = isInsideWorkspace
        self.isTemporary = isTemporary
        self.isInHome = isInHome
        self.isSystem = isSystem
        self.isPersistence = isPersistence
        self.reason = reason
    }
}

/// Classifies file paths by name and location alone; it never touches the file system.
public enum PathClassifier {
    /// The classes of `path`, resolved against `cwd` (else the workspace root) and the host's home.
    public static func classify(_ path: String, cwd: String?, workspaceRoot: String?, host: HostFacts) -> PathClass {
        classify(
            path, cwd: cwd, workspaceRoot: workspaceRoot, host: host,
            anchors: PathAnchors(cwd: cwd, workspaceRoot: workspaceRoot, host: host))
    }

    /// `secretsOnly`: only where the path is and whether it is a secret or Airlock's own (with
    /// the reason and risk that go with them) is wanted, as when a program reads its operands:
    /// the content classes and persistence are not looked for, and the categories are incomplete.
    static func classify(
        _ path: String, cwd: String?, workspaceRoot: String?, host: HostFacts, anchors: PathAnchors,
        secretsOnly: Bool = false
    ) -> PathClass {
        let home = anchors.home
        let base = cwd ?? workspaceRoot
        let resolved = NormalisedPath(path, base: base, home: host.home)
        let full = resolved.components.map { $0.lowercased() }
        let baseName = resolved.components.last ?? ""
        let lowerBase = full.last ?? ""

        // Where the path is.
        let isInsideWorkspace: Bool
        var workspaceRelative: [String]?
        if workspaceRoot != nil, let root = anchors.root {
            isInsideWorkspace = resolved.isUnder(root)
            if isInsideWorkspace { workspaceRelative = Array(full.dropFirst(root.components.count)) }
        } else {
            // Nothing to compare with: relative paths stay in the agent's tree unless they climb out.
            isInsideWorkspace = resolved.root == .relative && full.first != ".."
            if isInsideWorkspace { workspaceRelative = full }
        }
        let homeRelative = Self.homeRelative(resolved, lower: full, home: home)
        // A checkout that lives under /tmp is still the user's working tree: its files are
        // judged as workspace files, not as scratch space anyone may delete.
        let isTemporary = !isInsideWorkspace && resolved.root == .absolute && Self.isTemporary(full)

        // Content classes look only below the workspace (or home), so a checkout at
        // `~/build/prod-api` does not make every file build output or production config.
        let local = workspaceRelative ?? homeRelative ?? full
        let localDirs = local.dropLast()
        let originalDirs = resolved.components.suffix(local.count).dropLast()

        // Arrays, not a set and a dictionary: a path has two or three classes at most.
        var classes: [Category] = []
        var reasons: [(Category, String)] = []
        func add(_ category: Category, _ reason: String) {
            if !classes.contains(category) {
                classes.append(category)
                reasons.append((category, reason))
            }
        }

        if let reason = Self.selfModification(resolved, full: full, home: homeRelative, airlock: anchors.airlock) {
            add(.selfModification, reason)
            add(.agentConfig, reason)
        }
        if !secretsOnly, let reason = Self.agentConfig(full: full, home: homeRelative) { add(.agentConfig, reason) }
        if !secretsOnly, let reason = Self.persistence(full: full, home: homeRelative, host: host) {
            add(.persistence, reason)
        }
        if let reason = Self.credentials(full: full, base: lowerBase, home: homeRelative) {
            add(.credentials, reason)
        }
        let envTemplate = Self.isEnvTemplate(lowerBase)
        if Self.isEnvFile(lowerBase), !envTemplate { add(.envFile, "an .env file") }
        if !secretsOnly {
            if let reason = Self.ciConfig(local: local) { add(.ciConfig, reason) }
            if let reason = Self.codeExecConfig(local: local) { add(.codeExecConfig, reason) }
            if let reason = Self.productionConfig(local: local, base: lowerBase) { add(.productionConfig, reason) }
            if let reason = Self.customerData(dirs: localDirs, base: lowerBase) { add(.customerData, reason) }
            if Self.isBuildOutput(dirs: localDirs, base: lowerBase) { add(.buildOutput, "build output") }
            if Self.isTestFile(dirs: localDirs, originalDirs: originalDirs, base: baseName, lowerBase: lowerBase) {
                add(.testFile, "a test file")
            }
            if Self.isDocs(dirs: localDirs, base: lowerBase) { add(.docs, "documentation") }
        }
        if classes.isEmpty { add(.source, envTemplate ? "an .env template" : "a source file") }

        // The reason names the class that matters most.
        let precedence: [Category] = [
            .selfModification, .credentials, .envFile, .persistence, .customerData, .productionConfig, .ciConfig,
            .codeExecConfig, .agentConfig, .buildOutput, .testFile, .docs, .source,
        ]
        var reason = precedence.lazy.compactMap { category in reasons.first { $0.0 == category }?.1 }.first ?? "a file"
        if !isInsideWorkspace {
            add(.outsideWorkspace, "outside the workspace")
            if isTemporary {
                reason = classes.contains(.source) ? "a temp path outside the workspace" : reason + " in a temp path"
            } else {
                reason = classes.contains(.source) ? "a path outside the workspace" : reason + " outside the workspace"
            }
        }

        var written = PathClass(
            categories: classes.count > 1 ? classes.sorted() : classes, resolvedPath: resolved.text,
            isSecret: classes.contains(.envFile) || classes.contains(.credentials),
            isSelfModification: classes.contains(.selfModification), isInsideWorkspace: isInsideWorkspace,
            isTemporary: isTemporary, isInHome: homeRelative != nil,
            isSystem: !isTemporary && homeRelative == nil && resolved.root == .absolute && Self.isSystem(full),
            isPersistence: classes.contains(.persistence), reason: reason)
        if written.isSecret {
            let fixture = isInsideWorkspace && localDirs.contains { Self.fixtureDirectories.contains($0) }
            let settingsOnly = homeRelative.map { Self.settingsWithoutKeys.contains($0) } ?? false
            if fixture || settingsOnly { written.secretRisk = .medium }
            if fixture { written.reason += " (a test fixture)" }
        }
        guard let real = host.realPath(of: resolved.text) else { return written }
        // Where an existing symlink leads decides as much as the name: judged as both, the worse wins.
        var direct = host
        direct.edge.realPaths = [:]
        return written.joined(
            with: classify(real, cwd: nil, workspaceRoot: workspaceRoot, host: direct, anchors: anchors, secretsOnly: secretsOnly))
    }

    /// Folders of test data: a key there is a fixture, not the user's key.
    private static let fixtureDirectories: Set<String> = [
        "fixtures", "fixture", "__fixtures__", "testdata", "test-data", "test_data", "testfixtures",
    ]
    /// Cloud CLI settings that name profiles and regions; keys live in the credentials file beside them.
    private static let settingsWithoutKeys: Set<[String]> = [[".aws", "config"], [".azure", "config"], [".oci", "config"]]

    /// The path with `~`, `$HOME` and `${HOME}` expanded, joined to `cwd` and normalised.
    public static func resolve(_ path: String, cwd: String?, host: HostFacts) -> String {
        // Hot: most paths are already absolute and clean (`/home/dev/proj`, `/etc/hosts`).
        if isClean(path), path.utf8.first == UInt8(ascii: "/") { return path }
        if let cwd, !path.isEmpty, isClean(path), isClean(cwd), cwd.utf8.first == UInt8(ascii: "/"), let first = path.utf8.first,
            first != UInt8(ascii: "~"), first != UInt8(ascii: "$")
        {
            return cwd == "/" ? "/" + path : cwd + "/" + path
        }
        return NormalisedPath(path, base: cwd, home: host.home).text
    }

    /// No `.` or `..` segment, no doubled or trailing slash: normalising changes nothing.
    private static func isClean(_ path: String) -> Bool {
        var previous: UInt8 = 0
        var segmentStart = true
        var dots = 0
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                if previous == UInt8(ascii: "/") || (segmentStart && dots > 0 && dots <= 2) { return false }
                segmentStart = true
                dots = 0
            } else {
                if segmentStart, byte == UInt8(ascii: ".") { dots += 1 } else { segmentStart = false; dots = 0 }
                if !segmentStart { dots = 0 }
            }
            previous = byte
        }
        if segmentStart, dots > 0, dots <= 2 { return false }
        return path.utf8.count <= 1 || previous != UInt8(ascii: "/")
    }

    // MARK: - Location

    /// The components below a home directory: the host's, `~`, or any `/home/<u>`, `/Users/<u>`, `/root`.
    private static func homeRelative(_ path: NormalisedPath, lower: [String], home: NormalisedPath?) -> [String]? {
        switch path.root {
        case .home: return lower
        case .relative: return nil
        case .absolute: break
        }
        if let home, home.root == .absolute, path.isUnder(home) {
            return Array(lower.dropFirst(home.components.count))
        }
        if lower.count >= 2, lower[0] == "home" || lower[0] == "users" { return Array(lower.dropFirst(2)) }
        if lower.first == "root" { return Array(lower.dropFirst()) }
        return nil
    }

    private static func isTemporary(_ lower: [String]) -> Bool {
        lower.starts(with: ["tmp"]) || lower.starts(with: ["var", "tmp"]) || lower.starts(with: ["private", "tmp"])
            || lower.starts(with: ["private", "var", "tmp"]) || lower.starts(with: ["var", "folders"])
            || lower.starts(with: ["private", "var", "folders"]) || lower.starts(with: ["dev", "shm"])
    }

    private static let systemTops: Set<String> = [
        "etc", "usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32", "boot", "opt", "srv", "var", "sys", "proc",
        "dev", "root", "system", "library", "applications", "private", "snap", "nix",
    ]

    /// Under a system directory; `full` is lower-cased and absolute.
    private static func isSystem(_ full: [String]) -> Bool {
        guard let top = full.first else { return true }
        // `/{}`, `/*`: the files `find /` finds, anywhere on the disk — system files among them.
        return systemTops.contains(top) || top == "{}" || top == "*"
    }

    // MARK: - Self-modification and agent config

    /// Why writing here could switch off or route around the gate, or nil.
    private static func selfModification(
        _ path: NormalisedPath, full: [String], home: [String]?, airlock: [NormalisedPath]
    ) -> String? {
        for own in airlock where own.root != .relative && path.isUnder(own) { return "Airlock's own files" }
        if let home,
            home.starts(with: [".config", "airlock"]) || home.starts(with: [".local", "state", "airlock"])
                || home.starts(with: [".local", "share", "airlock"])
        {
            return "Airlock's own files"
        }
        if full.starts(with: ["etc", "airlock"]) { return "Airlock's own files" }
        if full.contains(".airlock") { return "the repository's Airlock policy" }
        if full.last == "airlock.sock" { return "Airlock's socket" }

        let last = full.last ?? ""
        if last == ".claude.json" { return "Claude Code's own config (MCP servers and project trust)" }
        if let after = components(after: ".claude", in: full) {
            if after == ["settings.json"] || after == ["settings.local.json"] {
                return "Claude Code settings (hooks and permissions)"
            }
            if last == "hooks.json" { return "Claude Code plugin hooks" }
        }
        if full.starts(with: ["etc", "claude-code"])
            || full.starts(with: ["library", "application support", "claudecode"])
        {
            return "Claude Code managed settings (hooks and permissions)"
        }
        if let after = components(after: ".codex", in: full), !after.isEmpty {
            if last == "config.toml" || last == "hooks.json" || last == "requirements.toml"
                || last.hasSuffix(".config.toml") || last.hasSuffix(".rules") || after.first == "rules"
            {
                return "Codex config (hooks and approval policy)"
            }
        }
        if full.starts(with: ["etc", "codex"]) { return "Codex system config (hooks and approval policy)" }
        if let after = components(after: ".cursor", in: full), after.last == "hooks.json" { return "Cursor hooks" }
        if full.starts(with: ["etc", "cursor"]) || full.starts(with: ["library", "application support", "cursor"]) {
            return "Cursor enterprise hooks"
        }
        if let after = components(after: ".gemini", in: full) {
            if after == ["settings.json"] || last == "hooks.json" {
                return "Gemini CLI settings (hooks and MCP servers)"
            }
            if after.first == "policies" { return "Gemini CLI policy rules" }
        }
        if full.starts(with: ["etc", "gemini-cli"])
            || full.starts(with: ["library", "application support", "geminicli"])
        {
            return "Gemini CLI system settings"
        }
        if let after = components(after: ".copilot", in: full) {
            if after == ["config.json"] || after == ["settings.json"] || last == "hooks.json" || after.first == "hooks"
            {
                return "Copilot CLI config (hooks and trusted folders)"
            }
        }
        if let after = components(after: ".github", in: full), after.first == "hooks" {
            return "Copilot hooks"
        }
        if last == "hooks.json",
            full.contains(".windsurf") || (full.contains("windsurf") && full.contains(".codeium"))
        {
            return "Windsurf hooks"
        }
        if full.starts(with: ["etc", "windsurf"]) { return "Windsurf system hooks" }
        if let after = components(after: ".clinerules", in: full), after.first == "hooks" { return "Cline hooks" }
        if let after = components(after: ".git", in: full) {
            if after == ["config"] { return "Git config (core.hooksPath)" }
            if after.first == "hooks" { return "Git hooks" }
        }
        return nil
    }

    private static let agentDirectories: [String: String] = [
        ".claude": "Claude Code config", ".codex": "Codex config", ".cursor": "Cursor config",
        ".gemini": "Gemini CLI config", ".copilot": "Copilot CLI config", ".windsurf": "Windsurf config",
        ".clinerules": "Cline rules and hooks",
    ]

    private static let shellStartupFiles: Set<String> = [
        ".bashrc", ".bash_profile", ".bash_login", ".bash_logout", ".profile", ".zshrc", ".zprofile",
        ".zshenv", ".zlogin", ".zlogout", ".kshrc", ".cshrc", ".tcshrc",
    ]

    /// Why the path is a place an agent could use to steer itself or persist, or nil.
    private static func agentConfig(full: [String], home: [String]?) -> String? {
        for component in full.dropLast() {
            if let reason = agentDirectories[component] { return reason }
        }
        if let last = full.last, let reason = agentDirectories[last] { return reason }
        let last = full.last ?? ""
        if last == ".mcp.json" { return "MCP server config" }
        if let after = components(after: ".vscode", in: full) {
            if after == ["mcp.json"] { return "MCP server config" }
            if after == ["settings.json"] { return "VS Code settings (agent auto-approval)" }
            if after == ["tasks.json"] { return "VS Code tasks (they run commands)" }
        }
        if let after = components(after: ".github", in: full) {
            if after == ["copilot-instructions.md"] { return "Copilot instructions" }
            if after == ["mcp.json"] { return "MCP server config" }
        }
        if let after = components(after: ".git", in: full), after == ["config"] || after.first == "hooks" {
            return "Git hooks and config"
        }
        return nil
    }

    /// Directories whose programs run by name: writing there shadows or adds a command.
    private static let pathDirectories: [[String]] = [
        ["usr", "local", "bin"], ["usr", "local", "sbin"], ["usr", "bin"], ["usr", "sbin"], ["bin"], ["sbin"],
        ["opt", "homebrew", "bin"],
    ]
    private static let homePathDirectories: [[String]] = [
        [".local", "bin"], ["bin"], [".cargo", "bin"], ["go", "bin"], [".npm-global", "bin"], [".deno", "bin"],
    ]

    /// Why writing the path makes code run later, outside this action's review, or nil.
    private static func persistence(full: [String], home: [String]?, host: HostFacts) -> String? {
        let last = full.last ?? ""
        if let after = components(after: ".git", in: full), after.first == "hooks" || after == ["config"] {
            return after.first == "hooks" ? "a git hook (persistence)" : "git config (hooks path and aliases)"
        }
        if let after = components(after: ".ssh", in: full),
            ["authorized_keys", "authorized_keys2", "config", "rc", "environment"].contains(after.first ?? "")
        {
            return "SSH config (persistence)"
        }
        if let home {
            if home.count == 1, shellStartupFiles.contains(last) { return "a shell startup file (persistence)" }
            if home == [".gitconfig"] || home.starts(with: [".config", "git"]) {
                return "git config (hooks path and aliases)"
            }
            if home.starts(with: [".config", "fish"]) { return "a shell startup file (persistence)" }
            if home.starts(with: [".config", "systemd"]) || home.starts(with: [".config", "autostart"])
                || home.starts(with: ["library", "launchagents"])
            {
                return "a login or service unit (persistence)"
            }
            if home.count >= 2, homePathDirectories.contains(where: { home.count == $0.count + 1 && home.starts(with: $0) }) {
                return "a directory on $PATH (persistence)"
            }
            if home == [".xinitrc"] || home == [".xprofile"] || home == [".xsessionrc"] {
                return "a login script (persistence)"
            }
        }
        if full.count >= 2, full[0] == "etc" {
            let second = full[1]
            if second.hasPrefix("cron") || second == "anacrontab" { return "a crontab (persistence)" }
            if ["profile", "profile.d", "bash.bashrc", "bashrc", "zshrc", "zshenv", "zprofile", "zsh", "environment"]
                .contains(second)
            {
                return "a system shell startup file (persistence)"
            }
            if ["systemd", "init.d", "rc.local", "init", "xdg"].contains(second) {
                return "a login or service unit (persistence)"
            }
            if second == "ld.so.preload" || second == "ld.so.conf" || second == "ld.so.conf.d" {
                return "the dynamic loader's preload list (persistence)"
            }
            if second == "sudoers" || second == "sudoers.d" { return "sudo rules (persistence)" }
        }
        if full.starts(with: ["var", "spool", "cron"]) || full.starts(with: ["var", "at", "spool"])
            || full.starts(with: ["usr", "lib", "cron", "tabs"]) || full.starts(with: ["var", "spool", "at"])
        {
            return "a crontab (persistence)"
        }
        if full.starts(with: ["library", "launchagents"]) || full.starts(with: ["library", "launchdaemons"])
            || full.starts(with: ["lib", "systemd"]) || full.starts(with: ["usr", "lib", "systemd"])
        {
            return "a login or service unit (persistence)"
        }
        if pathDirectories.contains(where: { full.count == $0.count + 1 && full.starts(with: $0) }) {
            return "a directory on $PATH (persistence)"
        }
        return nil
    }

    /// CI definitions: code that runs with the repository's secrets on another machine.
    private static func ciConfig(local: [String]) -> String? {
        guard let last = local.last else { return nil }
        if local.count >= 3, local[0] == ".github", local[1] == "workflows" { return "a CI workflow" }
        if local.count >= 3, local[0] == ".github", local[1] == "actions" { return "a CI action" }
        if local.count == 2, local[0] == ".circleci" { return "a CI config" }
        if local.count >= 2, [".buildkite", ".gitlab", ".tekton", ".woodpecker", ".azure-pipelines"].contains(local[0]) {
            return "a CI config"
        }
        guard local.count == 1 else { return nil }
        return ciFileNames.contains(last) ? "a CI config" : nil
    }

    private static let ciFileNames: Set<String> = [
        ".gitlab-ci.yml", ".gitlab-ci.yaml", "jenkinsfile", "azure-pipelines.yml", "azure-pipelines.yaml",
        ".travis.yml", "bitbucket-pipelines.yml", ".drone.yml", "cloudbuild.yaml", "cloudbuild.yml",
        "buildspec.yml", "appveyor.yml", ".woodpecker.yml", "codemagic.yaml",
    ]
    private static let dataOnlyDirectories: Set<String> = ["dumps", "backups", "backup"]

    /// Files whose code a trusted tool runs: build scripts, test hooks, lifecycle hooks, task files.
    private static func codeExecConfig(local: [String]) -> String? {
        guard let last = local.last else { return nil }
        switch last {
        case "setup.py": return "setup.py (runs on install)"
        case "build.rs": return "a Cargo build script (runs on build)"
        case "conftest.py": return "a pytest conftest (runs with the tests)"
        case ".envrc": return "a direnv file (runs on cd)"
        case "devcontainer.json", ".devcontainer.json": return "a dev-container definition (runs commands)"
        case ".pre-commit-config.yaml", "lefthook.yml", ".lefthook.yml", ".huskyrc": return "git hook config (runs on commit)"
        default: break
        }
        if local.count >= 2, local[local.count - 2] == ".vscode", last == "tasks.json" || last == "launch.json" {
            return "editor tasks (they run commands)"
        }
        if local.count >= 2, local[0] == ".husky" { return "a husky git hook (runs on commit)" }
        if local.count >= 2, local[0] == ".devcontainer" { return "a dev-container definition (runs commands)" }
        return nil
    }

    // MARK: - Secrets

    private static let privateKeyNames: Set<String> = [
        "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", "id_ecdsa_sk", "id_ed25519_sk",
    ]

    private static let credentialNames: [String: String] = [
        ".netrc": "a .netrc (login credentials)", "_netrc": "a .netrc (login credentials)",
        ".pgpass": "a Postgres password file", ".git-credentials": "stored Git credentials",
        ".npmrc": "an npm config (registry tokens)", ".pypirc": "a PyPI config (upload tokens)",
        ".htpasswd": "a password file", "master.key": "a Rails master key",
        ".dockercfg": "Docker registry credentials", ".s3cfg": "cloud credentials", ".boto": "cloud credentials",
        ".vault-token": "a Vault token", "application_default_credentials.json": "Google cloud credentials",
        ".my.cnf": "a MySQL client config (passwords)", ".mylogin.cnf": "MySQL login paths (passwords)",
        ".pg_service.conf": "a Postgres service file (passwords)", ".terraformrc": "a Terraform CLI config (tokens)",
        "terraform.rc": "a Terraform CLI config (tokens)", ".databrickscfg": "a Databricks config (tokens)",
        ".dbt-credentials": "dbt credentials", "rclone.conf": "an rclone config (cloud tokens)",
        ".wgetrc": "a wget config (passwords)", ".curlrc": "a curl config (credentials)",
    ]

    /// Files under the home directory that hold tokens, by their path below it.
    static let homeCredentialFiles: [[String]: String] = [
        [".cargo", "credentials"]: "Cargo registry tokens", [".cargo", "credentials.toml"]: "Cargo registry tokens",
        [".gem", "credentials"]: "RubyGems API keys", [".config", "hub"]: "GitHub tokens (hub)",
        [".config", "containers", "auth.json"]: "container registry credentials",
        [".config", "gh", "hosts.yml"]: "GitHub CLI tokens", [".yarnrc.yml"]: "a Yarn config (registry tokens)",
        [".config", "heroku", "config.json"]: "Heroku tokens", [".fly", "config.yml"]: "Fly.io tokens",
        [".config", "doctl", "config.yaml"]: "DigitalOcean tokens", [".oci", "config"]: "Oracle cloud settings",
        [".aws", "config"]: "AWS settings (profiles; keys live in credentials)",
        [".azure", "config"]: "Azure CLI settings", [".config", "composer", "auth.json"]: "Composer tokens",
        [".composer", "auth.json"]: "Composer tokens", [".m2", "settings.xml"]: "Maven server passwords",
        [".gradle", "gradle.properties"]: "Gradle credentials", [".config", "pip", "pip.conf"]: "a pip config (index tokens)",
        [".pip", "pip.conf"]: "a pip config (index tokens)", [".nuget", "nuget", "nuget.config"]: "NuGet API keys",
        [".local", "share", "keyrings"]: "keyrings", [".config", "rclone", "rclone.conf"]: "an rclone config (cloud tokens)",
    ]
    /// Home folders where every file below holds key material or tokens.
    static let homeCredentialTrees: [[String]: String] = [
        [".azure"]: "Azure credentials", [".config", "op"]: "1Password CLI config", [".local", "share", "keyrings"]: "keyrings",
        [".kube"]: "Kubernetes credentials", [".terraform.d"]: "Terraform tokens", [".config", "gcloud"]: "Google cloud credentials",
        [".config", "doctl"]: "DigitalOcean tokens", [".oci"]: "Oracle cloud keys", [".fly"]: "Fly.io tokens",
        [".docker", "contexts"]: "Docker contexts (TLS keys)", [".minikube"]: "Minikube keys", [".talos"]: "Talos credentials",
    ]

    private static let credentialExtensions: [String: String] = [
        "pem": "a private key or certificate", "key": "a private key", "ppk": "a private key", "p8": "a private key",
        "p12": "a keystore", "pfx": "a keystore", "jks": "a keystore", "keystore": "a keystore",
        "kdbx": "a password database", "keychain": "a keychain", "keychain-db": "a keychain",
    ]

    /// Why the path holds credentials, or nil.
    /// Home folders that hold keys or cloud credentials: reading one whole reads them all.
    static let credentialDirectories: [[String]: String] = [
        [".ssh"]: "SSH key material", [".aws"]: "AWS credentials", [".gnupg"]: "GnuPG keys",
        [".config", "gcloud"]: "Google cloud credentials", [".kube"]: "Kubernetes credentials",
        [".docker"]: "Docker registry credentials", [".password-store"]: "a password store",
        [".azure"]: "Azure credentials", ["library", "keychains"]: "keychains", [".config", "gh"]: "GitHub CLI tokens",
        [".config", "op"]: "1Password CLI config", [".terraform.d"]: "Terraform tokens",
    ]
    private static let historyFiles: Set<String> = [
        ".bash_history", ".zsh_history", ".sh_history", ".history", ".python_history", ".psql_history",
        ".mysql_history", ".node_repl_history", ".sqlite_history", ".rediscli_history", ".irb_history",
    ]

    private static func credentials(full: [String], base: String, home: [String]?) -> String? {
        if privateKeyNames.contains(base) { return "a private key" }
        if let home {
            if let reason = credentialDirectories[home] { return reason + " (a whole folder)" }
            if home.count >= 2, home[0] == ".config", home[1] == "gcloud" { return "Google cloud credentials" }
            if home.count >= 2, home[0] == ".gnupg", base != "gpg.conf" { return "GnuPG keys" }
            if home.count >= 2, home[0] == "library", home[1] == "keychains" { return "a keychain" }
            if home.count >= 2, home[0] == ".password-store" { return "a password store" }
            if home.count == 1, historyFiles.contains(base) { return "shell history (it holds typed secrets)" }
            // Every entry of both tables starts with a dot-folder: most paths skip the lookups.
            if let top = home.first, top.hasPrefix(".") {
                if let reason = homeCredentialFiles[home] { return reason }
                for length in stride(from: min(home.count - 1, 3), through: 1, by: -1) {
                    if let reason = homeCredentialTrees[Array(home.prefix(length))],
                        !(home[0] == ".kube" && (home.contains("cache") || home.contains("http-cache")))
                    {
                        return reason
                    }
                }
            }
        }
        if full.count >= 2, full[0] == "etc" {
            let second = full[1]
            if ["shadow", "gshadow", "shadow-", "gshadow-", "master.passwd", "security"].contains(second) {
                return "system password hashes"
            }
            if second == "sudoers" || second == "sudoers.d" { return "sudo rules" }
            if second == "ssh", base.hasPrefix("ssh_host_"), base.hasSuffix("_key") { return "an SSH host key" }
            if second == "ssl", full.count >= 3, full[2] == "private" { return "TLS private keys" }
        }
        if let after = components(after: ".ssh", in: full), let name = after.last, after.count >= 1 {
            let harmless =
                name.hasSuffix(".pub") || name.hasPrefix("known_hosts") || name == "config"
                || name.hasPrefix("authorized_keys") || name == "rc"
            if !harmless { return "SSH key material" }
        }
        if let reason = credentialNames[base] { return reason }
        if full.count == 3, full[0] == "proc", base == "environ" { return "a process environment (it holds secrets)" }
        // `secrets/` folders (Docker and Kubernetes mount them under /run/secrets); code there is code.
        if full.dropLast().contains(where: { $0 == "secrets" || $0 == ".secrets" }),
            !codeExtensions.contains(extensionOf(base))
        {
            return "a file in a secrets folder"
        }
        if let dot = base.lastIndex(of: "."), let reason = credentialExtensions[String(base[base.index(after: dot)...])]
        {
            return reason
        }
        if full.hasSuffix([".aws", "credentials"]) { return "AWS credentials" }
        if full.hasSuffix([".docker", "config.json"]) { return "Docker registry credentials" }
        if full.hasSuffix([".kube", "config"]) { return "a Kubernetes config (cluster credentials)" }
        if full.hasSuffix(["gh", "hosts.yml"]) { return "GitHub CLI tokens" }
        if full.contains("gcloud"), base == "credentials.db" || base == "access_tokens.db" {
            return "Google cloud credentials"
        }
        if base.hasSuffix(".json"), base.contains("credentials") { return "a credentials file" }
        if base.hasPrefix("service-account"), base.hasSuffix(".json") { return "a service account key" }
        if ["secrets.yml", "secrets.yaml", "secrets.json", "secrets.toml"].contains(base) { return "a secrets file" }
        if base.hasSuffix(".secret") { return "a secret file" }
        if base.hasPrefix("terraform.tfstate") { return "Terraform state (it holds secrets)" }
        if isTfvars(base), base.contains("secret") { return "Terraform secret variables" }
        return nil
    }

    private static func isEnvFile(_ base: String) -> Bool {
        base == ".env" || base == ".envrc" || base.hasPrefix(".env.") || base.hasSuffix(".env")
    }

    /// `.env.example` and friends document the variables without holding values.
    private static func isEnvTemplate(_ base: String) -> Bool {
        guard isEnvFile(base) else { return false }
        return base.split(separator: ".").contains { ["example", "sample", "template", "dist"].contains($0) }
    }

    private static func isTfvars(_ base: String) -> Bool {
        base.hasSuffix(".tfvars") || base.hasSuffix(".tfvars.json")
    }

    // MARK: - Content classes

    /// Why the path is production config, or nil. `prod` must be a whole token: `product.ts` is not.
    private static func productionConfig(local: [String], base: String) -> String? {
        // In a document, "PRD" is a product requirements document, not production.
        let isDocument = ["md", "markdown", "rst", "adoc", "txt"].contains(extensionOf(base))
        for component in local where namesProduction(component, isDocument: isDocument) {
            return "production config"
        }
        // A tfvars file named for secrets is a credential instead.
        if isTfvars(base), !base.contains("secret") { return "Terraform variables (infrastructure config)" }
        return nil
    }

    /// A token of the (lower-cased) component, split on `.`, `-`, `_` and space, is `prod`,
    /// `production`, or `prd` outside a document. Bytes: this runs for every component of every path.
    private static func namesProduction(_ component: String, isDocument: Bool) -> Bool {
        var component = component
        return component.withUTF8 { bytes in
            var start = 0
            for index in 0...bytes.count {
                let byte = index < bytes.count ? bytes[index] : UInt8(ascii: ".")
                guard byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
                    || byte == UInt8(ascii: " ")
                else { continue }
                let token = UnsafeBufferPointer(rebasing: bytes[start..<index])
                start = index + 1
                if token.elementsEqual("prod".utf8) || token.elementsEqual("production".utf8)
                    || (!isDocument && token.elementsEqual("prd".utf8))
                {
                    return true
                }
            }
            return false
        }
    }

    private static let customerDirectories: Set<String> = [
        "customers", "customer_data", "customer-data", "pii", "gdpr", "dumps", "backups", "backup",
    ]

    private static let dataExtensions: Set<String> = [
        "csv", "tsv", "json", "jsonl", "ndjson", "sql", "xls", "xlsx", "parquet", "avro", "db", "sqlite",
        "sqlite3", "xml", "gz", "zip", "bz2", "xz", "txt", "dump", "bak",
    ]

    /// Code lives in folders named `customers/` too; only data files there count as customer data.
    private static let codeExtensions: Set<String> = [
        "swift", "ts", "tsx", "js", "jsx", "mjs", "cjs", "py", "rb", "go", "rs", "java", "kt", "kts", "c", "h",
        "cc", "cpp", "hpp", "m", "mm", "cs", "php", "scala", "sh", "ex", "exs", "erl", "hs", "ml", "clj", "lua",
        "dart", "vue", "svelte", "md",
    ]

    private static func customerData(dirs: ArraySlice<String>, base: String) -> String? {
        if base.hasSuffix(".dump") || base.hasSuffix(".sql.gz") || base.hasSuffix(".sql.bak")
            || base.hasSuffix(".bak") && ["db", "dump", "backup", "sql", "data"].contains(where: base.contains)
        {
            return "a database dump or backup"
        }
        let ext = extensionOf(base)
        // `customers/`, `pii/`: anything but code; `backup/`, `dumps/`: data files only.
        for dir in dirs where customerDirectories.contains(dir) {
            if dataOnlyDirectories.contains(dir) ? dataExtensions.contains(ext) && ext != "txt" : !codeExtensions.contains(ext) {
                return "customer data"
            }
        }
        if base.contains("customer"), dataExtensions.contains(ext) { return "customer data" }
        return nil
    }

    private static let buildDirectories: Set<String> = [
        "build", "dist", "out", "target", "node_modules", ".build", "__pycache__", ".next", ".nuxt", "coverage",
        ".gradle", "deriveddata",
    ]

    private static func isBuildOutput(dirs: ArraySlice<String>, base: String) -> Bool {
        if dirs.contains(where: { buildDirectories.contains($0) || $0.hasPrefix(".build-") || $0.hasPrefix(".build_") })
        {
            return true
        }
        return base.hasSuffix(".pyc") || base.hasSuffix(".o") || base.hasSuffix(".class") || base.hasSuffix(".min.js")
            || base.hasSuffix(".map")
    }

    private static let testDirectories: Set<String> = ["test", "tests", "spec", "specs", "__tests__"]

    private static func isTestFile(
        dirs: ArraySlice<String>, originalDirs: ArraySlice<String>, base: String, lowerBase: String
    ) -> Bool {
        if dirs.contains(where: testDirectories.contains) { return true }
        // SwiftPM test targets: `Tests/AirlockCoreTests/…`.
        if originalDirs.contains(where: { $0.count > 5 && $0.hasSuffix("Tests") }) { return true }
        if lowerBase.hasPrefix("test_") && lowerBase.hasSuffix(".py") || lowerBase == "conftest.py" { return true }
        if lowerBase.contains("_test.") || lowerBase.contains(".test.") || lowerBase.contains(".spec.")
            || lowerBase.contains("_spec.")
        {
            return true
        }
        return ["Tests.swift", "Test.swift", "Test.java", "Tests.java", "Test.kt", "Tests.kt"].contains {
            base.hasSuffix($0) && base.count > $0.count
        }
    }

    private static func isDocs(dirs: ArraySlice<String>, base: String) -> Bool {
        if dirs.contains("docs") || dirs.contains("doc") { return true }
        for prefix in ["readme", "license", "licence", "changelog", "contributing", "copying"]
        where base.hasPrefix(prefix) {
            return true
        }
        let ext = extensionOf(base)
        if ext == "txt" {
            // Build and dependency lists that happen to be text files.
            return !(base.hasPrefix("requirements") || base.hasPrefix("constraints") || base == "cmakelists.txt")
        }
        return ["md", "markdown", "rst", "adoc"].contains(ext)
    }

    // MARK: - Helpers

    /// The components after the last occurrence of `name` that is not the final component, or nil.
    private static func components(after name: String, in lower: [String]) -> ArraySlice<String>? {
        guard let index = lower.dropLast().lastIndex(of: name) else { return nil }
        return lower[(index + 1)...]
    }

    private static func extensionOf(_ base: String) -> String {
        guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return "" }
        return String(base[base.index(after: dot)...])
    }
}

/// A path split into components after home expansion, joining and `.`/`..` resolution.
struct NormalisedPath: Equatable {
    enum Root: Equatable {
        case absolute
        /// `~/…` when the home directory is unknown (or `~user/…`): anchored, but not absolute.
        case home
        case relative
    }

    let root: Root
    /// For `.home`, the `~` or `~user` word the path starts with.
    private(set) var homeWord = ""
    let components: [String]
    /// Text form: `/a/b`, `~/a/b` or `a/b` (`.` for an empty relative path). Made once: every
    /// path classified reads it, and joining the components again each time showed in profiles.
    let text: String

    init(_ path: String, base: String?, home: String?) {
        var text = Self.expandingHome(path, home: home)
        if !text.hasPrefix("/"), !text.hasPrefix("~"), let base, !base.isEmpty {
            text = Self.expandingHome(base, home: home) + "/" + text
        }
        let root: Root
        if text.hasPrefix("/") {
            root = .absolute
        } else if text.hasPrefix("~") {
            root = .home
        } else {
            root = .relative
        }
        self.root = root
        // Split as bytes: `/` is ASCII, and splitting the characters of a String costs far more.
        var parts = text.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true).map {
            Substring($0)
        }
        if root == .home, let first = parts.first {
            homeWord = String(first)
            parts.removeFirst()
        }
        var stack: [String] = []
        stack.reserveCapacity(parts.count)
        for part in parts {
            if part == "." { continue }
            if part == ".." {
                if let last = stack.last, last != ".." {
                    stack.removeLast()
                } else if root == .relative {
                    stack.append("..")
                }
                // Above `/` (or an unknown home) there is nothing to climb to.
                continue
            }
            stack.append(String(part))
        }
        components = stack
        let joined = stack.joined(separator: "/")
        switch root {
        case .absolute: self.text = "/" + joined
        case .home: self.text = joined.isEmpty ? homeWord : homeWord + "/" + joined
        case .relative: self.text = joined.isEmpty ? "." : joined
        }
    }

    /// True when this path is `other` or below it.
    func isUnder(_ other: NormalisedPath) -> Bool {
        root == other.root && homeWord == other.homeWord && components.starts(with: other.components)
    }

    /// Expands `~`, `~/…`, `$HOME`, `$HOME/…`, `${HOME}` and `${HOME}/…`; without a known home, `~` stays.
    static func expandingHome(_ path: String, home: String?) -> String {
        guard let first = path.utf8.first, first == UInt8(ascii: "~") || first == UInt8(ascii: "$") else { return path }
        let replacement = home ?? "~"
        if path == "~" { return replacement }
        if path.hasPrefix("~/") { return replacement + path.dropFirst() }
        if path.hasPrefix("~"), let home, let slash = home.lastIndex(of: "/") {
            // `~user`: another user's home, beside ours (`/home/dev` → `/home/user`); `~root` is `/root`.
            let user = path.dropFirst().prefix { $0 != "/" }
            let rest = path.dropFirst(1 + user.count)
            if !user.isEmpty, user.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }) {
                let userHome = user == "root" ? "/root" : String(home[..<slash]) + "/" + user
                return userHome + rest
            }
        }
        for variable in ["${HOME}", "$HOME"] where path.hasPrefix(variable) {
            let rest = path.dropFirst(variable.count)
            if rest.isEmpty || rest.hasPrefix("/") { return replacement + rest }
        }
        return path
    }
}

extension Array where Element == String {
    /// True when the last elements equal `tail`.
    fileprivate func hasSuffix(_ tail: [String]) -> Bool {
        count >= tail.count && self[(count - tail.count)...].elementsEqual(tail)
    }
}

extension PathClass {
    /// A path as written joined with where it really leads (`real`): every class and hazard of
    /// either, inside the workspace only if both are.
    func joined(with real: PathClass) -> PathClass {
        var categories = Set(self.categories).union(real.categories)
        if categories.count > 1 { categories.remove(.source) }
        if !(isInsideWorkspace && real.isInsideWorkspace) { categories.insert(.outsideWorkspace) }
        let realMatters = real.isSelfModification || real.isSecret || real.isPersistence || !real.isInsideWorkspace
        return PathClass(
            categories: categories.sorted(), resolvedPath: resolvedPath, isSecret: isSecret || real.isSecret,
            isSelfModification: isSelfModification || real.isSelfModification,
            isInsideWorkspace: isInsideWorkspace && real.isInsideWorkspace, isTemporary: isTemporary && real.isTemporary,
            isInHome: isInHome || real.isInHome, isSystem: isSystem || real.isSystem,
            isPersistence: isPersistence || real.isPersistence,
            reason: realMatters ? "\(real.reason) (\(resolvedPath) is a symlink to \(real.resolvedPath))" : reason)
    }
}
