import PropertyBased
import Testing

@testable import AirlockCore

private let host = HostFacts(
    home: "/home/dev", airlockPaths: ["/home/dev/.local/state/airlock", "/run/user/1000/airlock.sock"])
private let workspace = "/home/dev/proj"

private func classify(_ path: String, cwd: String? = workspace, root: String? = workspace, host: HostFacts = host)
    -> PathClass
{
    PathClassifier.classify(path, cwd: cwd, workspaceRoot: root, host: host)
}

struct PathClassifierTests {
    // MARK: File classes

    @Test(
        arguments: [
            // Source, and what only looks like something else.
            ("src/main.swift", [Category.source]),
            ("src/product.ts", [.source]),
            ("src/customers/service.ts", [.source]),
            ("build.gradle", [.source]),
            ("requirements.txt", [.source]),
            ("scripts/.bashrc", [.source]),
            (".env.example", [.source]),
            (".env.sample", [.source]),
            (".env.template", [.source]),
            (".env.dist", [.source]),
            // Tests.
            ("Tests/AirlockCoreTests/PathTests.swift", [.testFile]),
            ("tests/test_api.py", [.testFile]),
            ("test_models.py", [.testFile]),
            ("pkg/server_test.go", [.testFile]),
            ("web/app.test.ts", [.testFile]),
            ("web/app.spec.js", [.testFile]),
            ("src/__tests__/x.js", [.testFile]),
            ("spec/models/user_spec.rb", [.testFile]),
            ("Sources/PathClassifierTests.swift", [.testFile]),
            ("src/main/java/UserTest.java", [.testFile]),
            // Docs.
            ("docs/test-plan.md", [.docs]),
            ("README.md", [.docs]),
            ("README", [.docs]),
            ("LICENSE", [.docs]),
            ("CHANGELOG.rst", [.docs]),
            ("notes.txt", [.docs]),
            ("docs/diagram.svg", [.docs]),
            ("guide.adoc", [.docs]),
            ("docs/prd.md", [.docs]),
            // .env files.
            (".env", [.envFile]),
            (".env.local", [.envFile]),
            ("config/dev.env", [.envFile]),
            (".envrc", [.envFile, .codeExecConfig]),
            (".env.production", [.envFile, .productionConfig]),
            // Credentials.
            ("deploy/id_ed25519", [.credentials]),
            ("keys/id_rsa", [.credentials]),
            ("certs/server.pem", [.credentials]),
            ("certs/server.key", [.credentials]),
            ("android/release.jks", [.credentials]),
            ("app.p12", [.credentials]),
            ("vault.kdbx", [.credentials]),
            (".netrc", [.credentials]),
            (".pgpass", [.credentials]),
            (".git-credentials", [.credentials]),
            (".npmrc", [.credentials]),
            (".pypirc", [.credentials]),
            (".htpasswd", [.credentials]),
            ("gcp-credentials.json", [.credentials]),
            ("service-account.json", [.credentials]),
            ("application_default_credentials.json", [.credentials]),
            ("config/secrets.yml", [.credentials]),
            ("secrets.toml", [.credentials]),
            ("config/master.key", [.credentials]),
            ("app.secret", [.credentials]),
            ("infra/terraform.tfstate", [.credentials]),
            ("infra/terraform.tfstate.backup", [.credentials]),
            ("infra/secret.tfvars", [.credentials]),
            ("config/secrets/db.yml", [.credentials]),
            ("src/secrets/manager.ts", [.source]),
            // Production config: `prod` only as a whole token.
            ("config/production.rb", [.productionConfig]),
            ("k8s/prod/deploy.yaml", [.productionConfig]),
            ("helm/values-prod.yaml", [.productionConfig]),
            ("config/app.prod.json", [.productionConfig]),
            ("deploy/prd_settings.yaml", [.productionConfig]),
            ("infra/main.tfvars", [.productionConfig]),
            // Customer data.
            ("data/customers/export.csv", [.customerData]),
            ("exports/customer_list.csv", [.customerData]),
            ("db/backups/2024.sql", [.customerData]),
            ("db/latest.dump", [.customerData]),
            ("db/latest.sql.gz", [.customerData]),
            ("pii/users.json", [.customerData]),
            ("gdpr/requests.jsonl", [.customerData]),
            ("settings.json.bak", [.source]),
            ("users-db.bak", [.customerData]),
            // Build output.
            ("build/main.o", [.buildOutput]),
            ("dist/app.min.js", [.buildOutput]),
            ("node_modules/left-pad/index.js", [.buildOutput]),
            (".build/debug/airlock", [.buildOutput]),
            ("pkg/__pycache__/m.cpython-311.pyc", [.buildOutput]),
            ("target/classes/App.class", [.buildOutput]),
            ("web/.next/server.js", [.buildOutput]),
            ("coverage/lcov.info", [.buildOutput]),
            ("static/app.js.map", [.buildOutput]),
            // Agent config that is not self-modification.
            (".mcp.json", [.agentConfig]),
            (".cursor/mcp.json", [.agentConfig]),
            (".vscode/mcp.json", [.agentConfig]),
            (".vscode/settings.json", [.agentConfig]),
            (".vscode/tasks.json", [.agentConfig, .codeExecConfig]),
            (".claude/agents/reviewer.md", [.agentConfig, .docs]),
            (".github/copilot-instructions.md", [.agentConfig, .docs]),
        ] as [(String, [Category])])
    func fileClassesInsideTheWorkspace(path: String, expected: [Category]) {
        let result = classify(path)
        #expect(Set(result.categories) == Set(expected), "\(path): \(result.categories)")
        #expect(result.isInsideWorkspace)
    }

    @Test(
        arguments: [
            ("~/.ssh/id_rsa", [Category.credentials, .outsideWorkspace]),
            ("~/.ssh/work_key", [.credentials, .outsideWorkspace]),
            ("~/.ssh/id_rsa.pub", [.source, .outsideWorkspace]),
            ("~/.ssh/known_hosts", [.source, .outsideWorkspace]),
            ("~/.ssh/config", [.persistence, .outsideWorkspace]),
            ("~/.ssh/authorized_keys", [.persistence, .outsideWorkspace]),
            ("~/.netrc", [.credentials, .outsideWorkspace]),
            ("~/.aws/credentials", [.credentials, .outsideWorkspace]),
            ("~/.aws/config", [.credentials, .outsideWorkspace]),
            ("~/.docker/config.json", [.credentials, .outsideWorkspace]),
            ("~/.kube/config", [.credentials, .outsideWorkspace]),
            ("~/.config/gh/hosts.yml", [.credentials, .outsideWorkspace]),
            ("~/.bashrc", [.persistence, .outsideWorkspace]),
            ("~/.zshrc", [.persistence, .outsideWorkspace]),
            ("~/.profile", [.persistence, .outsideWorkspace]),
            ("~/.config/fish/config.fish", [.persistence, .outsideWorkspace]),
            ("~/.config/systemd/user/miner.service", [.persistence, .outsideWorkspace]),
            ("~/.config/autostart/x.desktop", [.persistence, .outsideWorkspace]),
            ("/etc/cron.d/backup", [.persistence, .outsideWorkspace]),
            ("/etc/crontab", [.persistence, .outsideWorkspace]),
            ("/var/spool/cron/crontabs/dev", [.persistence, .outsideWorkspace]),
            ("/etc/profile.d/proxy.sh", [.persistence, .outsideWorkspace]),
            ("/etc/hosts", [.source, .outsideWorkspace]),
            ("/proc/self/environ", [.credentials, .outsideWorkspace]),
            ("/var/run/secrets/kubernetes.io/serviceaccount/token", [.credentials, .outsideWorkspace]),
            ("/tmp/scratch.json", [.source, .outsideWorkspace]),
            ("/home/dev/other/notes.md", [.docs, .outsideWorkspace]),
            ("/home/dev/project2/main.go", [.source, .outsideWorkspace]),
            ("../other/main.swift", [.source, .outsideWorkspace]),
        ] as [(String, [Category])])
    func fileClassesOutsideTheWorkspace(path: String, expected: [Category]) {
        let result = classify(path)
        #expect(Set(result.categories) == Set(expected), "\(path): \(result.categories)")
        #expect(!result.isInsideWorkspace)
    }

    // MARK: Self-modification

    @Test(arguments: [
        ".claude/settings.json",
        ".claude/settings.local.json",
        "~/.claude/settings.json",
        "~/.claude.json",
        "~/.claude/plugins/tool/hooks/hooks.json",
        "/etc/claude-code/managed-settings.json",
        "/etc/claude-code/managed-settings.d/10-org.json",
        ".codex/config.toml",
        ".codex/hooks.json",
        ".codex/requirements.toml",
        ".codex/rules/default.rules",
        "~/.codex/config.toml",
        "~/.codex/work.config.toml",
        "/etc/codex/requirements.toml",
        ".cursor/hooks.json",
        "~/.cursor/hooks.json",
        "/etc/cursor/hooks.json",
        ".gemini/settings.json",
        "~/.gemini/settings.json",
        "~/.gemini/policies/mine.toml",
        "/etc/gemini-cli/settings.json",
        ".github/hooks/airlock.json",
        "~/.copilot/config.json",
        ".windsurf/hooks.json",
        ".clinerules/hooks/PreToolUse",
        ".git/config",
        ".git/hooks/pre-commit",
        ".airlock/policy.toml",
        "~/.config/airlock/policy.toml",
        "~/.local/state/airlock/airlock.sqlite",
        "/run/user/1000/airlock.sock",
        "/tmp/anything/airlock.sock",
        "$HOME/.local/state/airlock/../airlock/audit.log",
    ])
    func selfModificationPaths(path: String) {
        let result = classify(path)
        #expect(result.isSelfModification, "\(path): \(result.categories)")
        #expect(result.categories.contains(.selfModification))
        #expect(result.categories.contains(.agentConfig), "self-modification paths are also agent config")
    }

    @Test(arguments: [
        ".claude/agents/reviewer.md", ".mcp.json", ".vscode/settings.json", ".cursor/mcp.json", "~/.bashrc",
        "src/airlock.swift", ".github/workflows/ci.yml", "docs/airlock.md", ".gitignore", ".git/HEAD",
        "~/.local/state/other/x",
    ])
    func notSelfModification(path: String) {
        #expect(!classify(path).isSelfModification, "\(path)")
    }

    // MARK: Secrets

    @Test(arguments: [
        (".env", true), (".env.production", true), ("~/.ssh/id_ed25519", true), ("certs/a.pem", true),
        (".env.example", false), ("~/.ssh/id_ed25519.pub", false), ("src/env.ts", false), ("src/.environment", false),
        ("config/production.rb", false), (".venv/lib/site.py", false),
    ])
    func secrets(path: String, isSecret: Bool) {
        #expect(classify(path).isSecret == isSecret, "\(path)")
    }

    // MARK: Resolution

    @Test(
        arguments: [
            ("src/../src/./a.swift", workspace, "/home/dev/proj/src/a.swift"),
            ("../sibling/file.txt", "/home/dev/proj/sub", "/home/dev/proj/sibling/file.txt"),
            ("~/notes.md", workspace, "/home/dev/notes.md"),
            ("~", workspace, "/home/dev"),
            ("$HOME/.ssh/id_rsa", workspace, "/home/dev/.ssh/id_rsa"),
            ("${HOME}/.aws/credentials", workspace, "/home/dev/.aws/credentials"),
            ("$HOMEDIR/x", workspace, "/home/dev/proj/$HOMEDIR/x"),
            ("//etc///passwd", workspace, "/etc/passwd"),
            ("/../../etc/./shadow", workspace, "/etc/shadow"),
            ("a//b/", "/w", "/w/a/b"),
            ("", "/w", "/w"),
            (".", "/w/sub", "/w/sub"),
            ("x", "~/proj", "/home/dev/proj/x"),
        ] as [(String, String, String)])
    func resolvesPaths(path: String, cwd: String, expected: String) {
        #expect(classify(path, cwd: cwd).resolvedPath == expected)
    }

    @Test func climbingOutOfTheWorkspaceIsOutside() {
        let result = classify("../../etc/passwd", cwd: "/home/dev/proj/src")
        #expect(result.resolvedPath == "/home/dev/etc/passwd")
        #expect(!result.isInsideWorkspace)
        #expect(classify("src/../../proj/a.swift").isInsideWorkspace)
    }

    @Test func aSiblingWithTheSamePrefixIsOutside() {
        #expect(!classify("/home/dev/proj2/a.swift").isInsideWorkspace)
        #expect(classify("/home/dev/proj").isInsideWorkspace)
        #expect(classify("/home/dev/proj/").isInsideWorkspace)
    }

    @Test func relativePathsUseTheWorkspaceRootWhenTheCwdIsUnknown() {
        let result = classify("src/a.swift", cwd: nil)
        #expect(result.resolvedPath == "/home/dev/proj/src/a.swift")
        #expect(result.isInsideWorkspace)
    }

    @Test func withoutAWorkspaceRelativePathsAreInsideAndAbsoluteOnesOutside() {
        let relative = classify("a/../b.swift", cwd: nil, root: nil)
        #expect(relative.resolvedPath == "b.swift")
        #expect(relative.isInsideWorkspace)
        #expect(!classify("../b.swift", cwd: nil, root: nil).isInsideWorkspace)
        #expect(!classify("/srv/app/b.swift", cwd: nil, root: nil).isInsideWorkspace)
    }

    @Test func withoutAKnownHomeTildePathsStayAnchoredAndAreStillRecognised() {
        let result = classify("~/.ssh/id_rsa", host: HostFacts())
        #expect(result.resolvedPath == "~/.ssh/id_rsa")
        #expect(result.isSecret)
        #expect(!result.isInsideWorkspace)
        #expect(result.isInHome)
        #expect(classify("~/.bashrc", host: HostFacts()).categories.contains(.persistence))
    }

    @Test func otherUsersHomesCountAsHomes() {
        let result = classify("/home/eve/.bashrc")
        #expect(result.categories.contains(.persistence))
        #expect(result.isInHome)
        #expect(classify("/root/.ssh/id_rsa").isSecret)
    }

    @Test func contentClassesIgnoreTheWorkspaceLocation() {
        // A checkout at ~/build/prod-api does not make every file build output or production config.
        let root = "/home/dev/build/prod-api"
        #expect(classify("src/main.ts", cwd: root, root: root).categories == [.source])
        #expect(classify("k8s/prod/app.yaml", cwd: root, root: root).categories == [.productionConfig])
    }

    @Test func tempPaths() {
        for path in ["/tmp/x.json", "/var/tmp/x.json", "/private/tmp/x.json", "/private/var/folders/ab/T/x.json"] {
            let result = classify(path)
            #expect(result.isTemporary, "\(path)")
            #expect(result.reason == "a temp path outside the workspace", "\(path)")
        }
        #expect(!classify("/etc/hosts").isTemporary)
        // A workspace under /tmp is still the workspace.
        #expect(classify("a.swift", cwd: "/tmp/w", root: "/tmp/w").isInsideWorkspace)
    }

    // MARK: Reasons and shape

    @Test(
        arguments: [
            (".env", "an .env file"),
            ("keys/id_rsa", "a private key"),
            ("~/.ssh/id_rsa", "a private key outside the workspace"),
            (".claude/settings.json", "Claude Code settings (hooks and permissions)"),
            ("src/a.swift", "a source file"),
            (".env.example", "an .env template"),
            ("/etc/hosts", "a path outside the workspace"),
            ("/tmp/x/.env", "an .env file in a temp path"),
            ("~/.bashrc", "a shell startup file (persistence) outside the workspace"),
            ("config/production.rb", "production config"),
            ("data/customers/a.csv", "customer data"),
        ] as [(String, String)])
    func reasons(path: String, reason: String) {
        #expect(classify(path).reason == reason)
    }

    @Test(arguments: ["~/.ssh/id_rsa", ".claude/settings.json", ".env.production", "dist/a.prod.min.js", "x"])
    func categoriesAreSortedAndUnique(path: String) {
        let categories = classify(path).categories
        #expect(categories == Array(Set(categories)).sorted())
    }

    @Test func caseDoesNotHideAgentConfigOrSecrets() {
        #expect(classify(".Claude/Settings.json").isSelfModification)
        #expect(classify("CERTS/SERVER.PEM").isSecret)
        #expect(classify(".ENV").isSecret)
    }
}

/// `PathClassifier.resolve` skips normalising clean paths; it must agree with normalising.
struct PathResolveFastPathTests {
    @Test func theFastPathAgreesWithNormalising() async {
        let segments = [".", "..", "a", ".git", "...", "", "B", "~", "$HOME", "x.y", ".."]
        await propertyCheck(
            count: 500, input: Gen.int(in: 0...(segments.count - 1)).array(of: 0...6), Gen.bool,
            Gen.int(in: 0...(segments.count - 1)).array(of: 0...3), Gen.bool
        ) { picks, absolute, cwdPicks, hasCwd in
            let path = (absolute ? "/" : "") + picks.map { segments[$0] }.joined(separator: "/")
            let cwd = hasCwd ? "/" + cwdPicks.map { segments[$0] }.joined(separator: "/") : nil
            let host = HostFacts(home: "/home/dev")
            #expect(
                PathClassifier.resolve(path, cwd: cwd, host: host) == NormalisedPath(path, base: cwd, home: host.home).text,
                "\(path) in \(cwd ?? "nil")")
        }
    }
}
