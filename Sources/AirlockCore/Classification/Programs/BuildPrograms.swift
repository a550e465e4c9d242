/// Builds, tests, linters, formatters, task runners and package managers.
enum BuildPrograms {
    static let testRunners = [
        "pytest", "py.test", "jest", "vitest", "mocha", "ava", "tap", "karma", "jasmine", "rspec", "phpunit",
        "pest", "tox", "nox", "ctest", "playwright", "cypress", "behave", "cucumber", "nosetests", "trial",
        "busted", "bats", "shellspec", "ginkgo", "gotestsum", "richgo",
    ]
    static let linters = [
        "prettier", "eslint", "ruff", "black", "isort", "flake8", "pylint", "mypy", "pyright", "rubocop", "gofmt",
        "goimports", "golangci-lint", "staticcheck", "rustfmt", "swift-format", "swiftformat", "swiftlint",
        "shellcheck", "shfmt", "clang-format", "clang-tidy", "stylelint", "markdownlint", "markdownlint-cli2",
        "biome", "dprint", "ktlint", "detekt", "hadolint", "yamllint", "tflint", "actionlint", "codespell",
        "cspell", "editorconfig-checker", "autopep8", "yapf", "pycodestyle", "pydocstyle", "bandit", "semgrep",
        "standard", "xo", "oxlint", "taplo", "buf", "sqlfluff", "checkov", "tfsec", "vale", "alex", "commitlint",
        "lint-staged", "pre-commit", "cargo-clippy", "cargo-fmt", "elm-format", "mix-format", "scalafmt", "djlint",
    ]
    static let compilers = [
        "gcc", "g++", "cc", "c++", "clang", "clang++", "rustc", "javac", "kotlinc", "swiftc", "esbuild", "webpack",
        "vite", "rollup", "parcel", "turbo", "nx", "cmake", "ninja", "meson", "ant", "sbt", "lein", "msbuild",
        "xcodebuild", "zig", "nim", "ghc", "cabal", "stack", "dune", "tsup", "babel", "swc", "sass", "lessc",
        "postcss", "tailwindcss", "protoc", "bazel", "bazelisk", "buck", "buck2", "pants", "scons",
        "autoreconf", "gradle", "gradlew", "mvn", "mvnw", "elm", "hugo", "jekyll",
        "mkdocs", "sphinx-build", "typedoc", "jsdoc", "doxygen", "tsc",
    ]

    /// Every program with its classifier, in the order listed here: registration needs no sort,
    /// and a name listed twice reaches the registry builder, which refuses it.
    private static let entries: [(String, ProgramClassifier)] = {
        var table = OrderedTable()
        for name in testRunners { table.add(name) { inv in [.test("\(inv.program) runs tests")] } }
        for name in linters { table.add(name) { inv in [.formatLint("\(inv.program) formats or lints")] } }
        for name in compilers { table.add(name, compiler) }
        for name in ["make", "gmake", "just", "task", "mage", "rake", "invoke", "doit"] { table.add(name, taskRunner) }
        for name in ["npm", "yarn", "pnpm"] { table.add(name, javascript) }
        table.add("cargo", cargo)
        table.add("go", golang)
        table.add("swift", swift)
        table.add("dotnet", dotnet)
        table.add("mix", mix)
        for name in [
            "pip", "pip3", "pipx", "uv", "poetry", "pdm", "conda", "mamba", "micromamba", "gem", "bundle",
            "composer", "brew", "apt", "apt-get", "aptitude", "dnf", "yum", "apk", "pacman", "zypper", "snap",
            "flatpak", "port", "nix-env", "nix", "asdf", "mise", "rustup", "sdk", "cpan", "cpanm", "luarocks",
            "opam", "vcpkg", "conan", "pub", "flutter", "dart", "rye", "hatch", "pipenv",
            "npm-check-updates", "ncu",
        ] {
            table.add(name) { inv in [packageManager(inv) ?? .unknown("\(inv.program) \(inv.positionals().first ?? "")")] }
        }
        table.add("rails") { inv in [rails(inv)] }
        table.add("twine") { inv in
            let verb = inv.positionals().first ?? ""
            return verb == "upload" || verb == "register"
                ? [.deploy("twine \(verb) publishes a package to PyPI")] : [.read("twine \(verb) checks packages")]
        }
        table.add("django-admin") { inv in [djangoManage(inv.args, program: "django-admin")] }
        table.add("manage.py") { inv in [djangoManage(inv.args, program: "manage.py")] }
        return table.entries
    }()

    /// Entries kept in order, each one a spec (no dictionary to merge a name listed twice).
    private struct OrderedTable {
        var entries: [(String, ProgramClassifier)] = []
        mutating func add(_ name: String, _ classify: @escaping ProgramClassifier) {
            entries.append((name, classify))
        }
    }

    static let section = "Builds, tests, linters and package managers"

    /// Every program of the table, with the wrapper grammar of those that also run commands (`uv run`).
    static func register(into builder: inout RegistryBuilder) {
        // Sets, not the arrays: this runs at every cold start, once per program.
        let testRunners = Set(testRunners), linters = Set(linters), compilers = Set(compilers)
        let writesOutputs = ArgumentFacts(writes: ["-o", "--output", "--outfile", "--out-file", "--outdir"], clusters: false)
        for (name, classify) in entries {
            let summary =
                testRunners.contains(name) ? "runs tests (code the repository defines)"
                : linters.contains(name) ? "formats or lints"
                : compilers.contains(name) ? "builds"
                : "builds, tests or installs packages, by subcommand"
            // A compiler's `-o` names the file it writes: into a $PATH folder it persists.
            let writesOutput = compilers.contains(name) && !["gradle", "gradlew", "mvn", "mvnw", "bazel", "bazelisk"].contains(name)
            builder.add(
                ProgramSpec(
                    name, role: .custom, section: section, summary: summary,
                    arguments: writesOutput ? writesOutputs : .none,
                    wrapper: WrapperPrograms.runnerGrammar(for: name), access: .ignored,
                    handler: { inv, _, _ in classify(inv) }))
        }
    }

    /// `bun` and `deno` subcommands that are tool commands rather than a script to run.
    static let javascriptRuntimeCommands: Set<String> = [
        "test", "install", "i", "add", "remove", "rm", "update", "upgrade", "run", "x", "build", "pm", "create",
        "init", "link", "unlink", "publish", "outdated", "audit", "fmt", "lint", "check", "task", "bench", "compile",
        "doc", "info", "serve", "repl", "coverage", "jupyter", "cache", "vendor", "clean",
    ]

    /// `bun test`, `deno fmt`, `deno task build`: the runtime used as a tool.
    static func javascriptRuntime(_ inv: Invocation) -> Finding {
        let verb = inv.positionals().first ?? ""
        switch verb {
        case "test", "bench", "coverage": return .test("\(inv.program) \(verb) runs tests")
        case "fmt", "lint", "check": return .formatLint("\(inv.program) \(verb)")
        case "build", "compile", "doc", "info", "cache", "vendor": return .build("\(inv.program) \(verb)")
        case "install", "i", "add", "remove", "rm", "update", "upgrade", "outdated", "audit", "link", "unlink", "pm":
            return packageManager(inv) ?? .packageInstall("\(inv.program) \(verb) changes packages", blast: .workspace)
        case "publish":
            if ServiceVerbs.isDryRun(inv) { return .build("\(inv.program) publish --dry-run only packs, nothing is uploaded") }
            return .deploy("\(inv.program) publish publishes a package")
        case "x", "create", "init": return .packageInstall("\(inv.program) \(verb) downloads and runs a package")
        case "run", "task":
            return scriptVerb(inv.positionals().dropFirst().first ?? "", tool: "\(inv.program) \(verb)")
        case "serve", "repl", "jupyter": return .unknown("\(inv.program) \(verb) runs the project", isUnsure: false)
        default: return .unknown("\(inv.program) \(verb)")
        }
    }

    /// `manage.py <command>` and `django-admin <command>`.
    static func djangoManage(_ rest: [String], program: String) -> Finding {
        let command = rest.first { !$0.hasPrefix("-") } ?? ""
        switch command {
        case "migrate": return .migration("\(program) migrate changes the database schema")
        case "flush", "sqlflush", "reset_db":
            return .dataDelete("\(program) \(command) deletes every row", risk: .critical)
        case "test": return .test("\(program) test runs tests")
        case "makemigrations", "collectstatic", "compilemessages", "startapp": return .build("\(program) \(command)")
        case "check", "showmigrations", "sqlmigrate", "diffsettings", "help", "": return .read("\(program) \(command)")
        case "loaddata": return .dbWrite("\(program) loaddata writes rows")
        case "dbshell", "shell", "shell_plus": return .unknown("\(program) \(command) opens an interactive session")
        case "createsuperuser", "changepassword": return .privilege("\(program) \(command) changes accounts")
        default: return .unknown("\(program) \(command) runs a management command")
        }
    }

    /// What a task or script name usually means: `test`, `lint`, `deploy`, `db:migrate`, …
    static func scriptVerb(_ name: String, tool: String) -> Finding {
        let lower = name.lowercased()
        let label = "\(tool) \(name)".trimmingCharacters()
        func has(_ words: String...) -> Bool { words.contains { lower.contains($0) } }
        if has("deploy", "release", "publish", "ship", "rollout", "promote") {
            return .deploy("\(label) deploys or publishes")
        }
        if isMigrationRead(lower) { return .read("\(label) lists which migrations ran") }
        if has(
            "db:drop", "db:reset", "db:schema:load", "ecto.drop", "ecto.reset", "db-reset", "dropdb", "db:purge",
            "db:truncate")
        {
            return .dataDelete("\(label) drops or resets a database", risk: .critical)
        }
        if has("migrat", "db:rollback", "db:push", "ecto.rollback") {
            return .migration("\(label) changes a database schema")
        }
        if has("seed") { return .dbWrite("\(label) writes seed data", risk: .medium) }
        if has("destroy", "teardown", "nuke", "wipe") { return .dataDelete("\(label) tears something down") }
        if has("test", "spec", "check", "e2e", "coverage", "verify") { return .test("\(label) runs tests") }
        if has("lint", "fmt", "format", "prettier", "eslint", "style", "typecheck", "type-check", "tsc", "vet") {
            return .formatLint("\(label) formats or lints")
        }
        if has("build", "compile", "bundle", "dist", "generate", "gen", "docs", "all", "assemble", "package")
            || name.isEmpty
        {
            return .build("\(label) builds")
        }
        if has("install", "setup", "bootstrap", "deps") { return .packageInstall("\(label) installs dependencies") }
        if has("clean", "clobber") {
            return Finding(
                [.destructiveFS], risk: .medium, blast: .workspace, reversibility: .reversible,
                reason: "\(label) removes build outputs", rollback: "build again")
        }
        if has("start", "dev", "serve", "run", "watch", "preview") {
            return .unknown("\(label) runs the project", isUnsure: false)
        }
        return .unknown("\(label) runs a project script")
    }

    /// Tasks of migration tools that only report: `db:migrate:status` (also per database,
    /// `db:migrate:status:primary`), `db:version`, `migrate:status`, `ecto.migrations`.
    static func isMigrationRead(_ task: String) -> Bool {
        if task == "ecto.migrations" || task == "showmigrations" { return true }
        let parts = task.split(separator: ":").map(String.init)
        guard parts.count >= 2 else { return false }
        switch (parts[0], parts[1]) {
        case ("db", "version"): return true
        case ("db", "migrate"): return parts.count >= 3 && parts[2] == "status"
        case (let tool, "status"): return tool.hasPrefix("migrat")
        default: return false
        }
    }

    static func compiler(_ inv: Invocation) -> [Finding] {
        if ["mvn", "mvnw", "gradle", "gradlew", "sbt"].contains(inv.program) {
            // sbt takes `+publish` (every Scala version) and `;clean;publish` as one word.
            let goals = inv.positionals(valued: ["-p", "-P", "-D", "-f", "-pl", "-s"])
                .flatMap { $0.split(whereSeparator: { $0 == ";" || $0 == " " }) }
                .map { $0.hasPrefix("+") ? String($0.dropFirst()) : String($0) }
            if goals.contains(where: { goal in
                goal == "deploy" || goal == "sonatypeBundleRelease" || goal == "sonatypeRelease"
                    || (goal.hasPrefix("publish") && !["publishLocal", "publishM2", "publishToMavenLocal"].contains(goal))
            }) {
                return [.deploy("\(inv.program) publishes artifacts")]
            }
            if goals.contains(where: { $0.contains("test") || $0 == "verify" || $0 == "check" }) {
                return [.test("\(inv.program) runs tests")]
            }
        }
        if inv.program == "bazel" || inv.program == "bazelisk" {
            switch inv.positionals().first ?? "" {
            case "test", "coverage": return [.test("bazel test")]
            case "run": return [.unknown("bazel run runs a target", isUnsure: false)]
            case "clean": return [scriptVerb("clean", tool: "bazel")]
            default: break
            }
        }
        if inv.program == "tsc", inv.has(long: ["--noEmit"]) { return [.formatLint("tsc --noEmit type-checks")] }
        return [.build("\(inv.program) builds")]
    }

    static func taskRunner(_ inv: Invocation) -> [Finding] {
        let targets = inv.positionals(valued: ["-C", "-f", "-j", "-l", "-o", "-W", "--file", "--directory", "-I"])
            .filter { !$0.contains("=") }
        if targets.isEmpty { return [scriptVerb("", tool: inv.program)] }
        return targets.prefix(4).map { scriptVerb($0, tool: inv.program) }
    }

    static func javascript(_ inv: Invocation) -> [Finding] {
        let tool = inv.program
        let positionals = inv.positionals(valued: ["--prefix", "-w", "--workspace", "--filter", "-C", "--cwd", "--dir"])
        guard let verb = positionals.first else {
            return tool == "yarn" ? [.packageInstall("yarn installs dependencies")] : [.read("\(tool) with no command")]
        }
        switch verb {
        case "test", "t", "tst": return [.test("\(tool) test runs tests")]
        case "run", "run-script":
            return [scriptVerb(positionals.dropFirst().first ?? "", tool: "\(tool) run")]
        case "start": return [.unknown("\(tool) start runs the project", isUnsure: false)]
        case "publish", "pack-publish":
            if inv.args.contains("--dry-run") { return [.read("\(tool) publish --dry-run only shows what would go")] }
            return [.deploy("\(tool) publish publishes a package to the registry")]
        case "npm" where positionals.dropFirst().first == "publish":
            if inv.args.contains("--dry-run") { return [.read("\(tool) npm publish --dry-run only shows what would go")] }
            return [.deploy("\(tool) npm publish publishes a package to the registry")]
        case "unpublish", "deprecate": return [.dataDelete("\(tool) \(verb) removes a published package")]
        case "ls", "list", "outdated", "audit", "why", "explain", "config", "view", "info", "show", "search",
            "help", "--version", "-v", "version", "doctor", "pack", "fund", "bin", "root", "prefix", "whoami",
            "licenses":
            return [.read("\(tool) \(verb)")]
        case "x", "exec", "dlx", "create", "init":
            return [.packageInstall("\(tool) \(verb) downloads and runs a package")]
        case "login", "logout", "adduser", "token":
            return [.secrets("\(tool) \(verb) handles registry credentials", risk: .medium)]
        case "link", "unlink": return [.packageInstall("\(tool) \(verb) links a package globally")]
        default:
            if let finding = packageManager(inv) { return [finding] }
            // `yarn build`, `pnpm lint`, `bun dev`: a package.json script.
            return [scriptVerb(verb, tool: tool)]
        }
    }

    /// Installs, removals and upgrades by any package manager; nil when it is none of those.
    static func packageManager(_ inv: Invocation) -> Finding? {
        let tool = inv.program
        let positionals = inv.positionals(valued: [
            "-r", "--requirement", "-c", "--constraint", "-t", "--target", "-e", "--index-url", "-i", "--prefix", "-p",
            "--python", "-n", "--name",
        ])
        var verbs = positionals.prefix(2).map { $0.lowercased() }
        if tool == "uv", verbs.first == "pip" || verbs.first == "tool" { verbs.removeFirst() }
        if tool == "conda" || tool == "mamba", verbs.first == "env" { verbs.removeFirst() }
        guard let verb = verbs.first else {
            return ["bundle", "composer", "pipenv", "poetry"].contains(tool)
                ? .packageInstall("\(tool) installs dependencies") : nil
        }
        let system: Set<String> = [
            "apt", "apt-get", "aptitude", "dnf", "yum", "apk", "pacman", "zypper", "snap", "flatpak", "port", "brew",
            "nix-env",
        ]
        let isGlobal =
            inv.has(short: "g", long: ["--global", "--user", "--system", "--break-system-packages"])
            || system.contains(tool)
        let blast: BlastRadius = isGlobal ? .machine : .workspace
        switch verb {
        case "install", "i", "add", "ci", "sync", "update", "upgrade", "up", "require", "get", "lock", "-s", "-sy",
            "-syu",
            "refresh", "dist-upgrade", "full-upgrade", "reinstall", "download", "fetch", "restore", "resolve", "tap",
            "deps.get", "bootstrap", "inject", "ensurepath", "dedupe", "pip-install":
            if verb == "install", tool == "pip" || tool == "pip3", positionals.count == 1,
                inv.has(short: "r", long: ["--requirement", "--editable"]) || inv.has(short: "e", long: [])
            {
                return .packageInstall("\(tool) install installs the project's dependencies", blast: blast)
            }
            return .packageInstall("\(tool) \(verb) installs packages\(isGlobal ? " system-wide" : "")", blast: blast)
        case "uninstall", "remove", "rm", "un", "erase", "purge", "autoremove", "-r", "-rs", "-rns", "del", "prune",
            "clean":
            let risk: Risk =
                system.contains(tool) && (verb == "purge" || verb == "autoremove" || verb == "remove") ? .high : .medium
            return .packageInstall("\(tool) \(verb) removes packages", risk: risk, blast: blast)
        case "publish", "push", "upload", "release":
            if ServiceVerbs.isDryRun(inv) { return .build("\(tool) \(verb) --dry-run only packs, nothing is uploaded") }
            return .deploy("\(tool) \(verb) publishes a package")
        case "list", "ls", "show", "info", "search", "freeze", "check", "outdated", "--version", "-v", "version",
            "help", "config", "doctor", "env", "which", "why", "tree", "inspect", "query", "-q", "-ss", "-qi", "policy":
            return .read("\(tool) \(verb)")
        case "run", "exec", "x":
            return nil
        default:
            return nil
        }
    }

    static func cargo(_ inv: Invocation) -> [Finding] {
        let verb =
            inv.positionals(valued: [
                "-p", "--package", "--manifest-path", "--target", "-j", "--features", "-F", "--bin", "--example",
            ]).first ?? ""
        switch verb {
        case "build", "b", "check", "c", "doc", "d", "rustc", "metadata", "tree", "vendor", "package",
            "generate-lockfile":
            return [.build("cargo \(verb)")]
        case "test", "t", "bench", "nextest", "miri": return [.test("cargo \(verb) runs tests")]
        case "fmt", "clippy", "fix", "deny", "audit", "udeps", "machete": return [.formatLint("cargo \(verb)")]
        case "run", "r": return [.unknown("cargo run runs the project", isUnsure: false)]
        case "install", "add", "update", "fetch", "remove", "rm", "uninstall", "binstall":
            return [.packageInstall("cargo \(verb) changes dependencies")]
        case "publish" where ServiceVerbs.isDryRun(inv) || inv.has(short: "n"):
            return [.build("cargo publish --dry-run only packs and verifies, nothing is uploaded")]
        case "publish", "yank", "owner": return [.deploy("cargo \(verb) changes a published crate")]
        case "clean": return [scriptVerb("clean", tool: "cargo")]
        case "login", "logout": return [.secrets("cargo \(verb) handles registry credentials", risk: .medium)]
        default: return [.read("cargo \(verb)")]
        }
    }

    static func golang(_ inv: Invocation) -> [Finding] {
        let verb = inv.positionals().first ?? ""
        switch verb {
        case "build", "generate", "env", "version", "list", "doc", "help", "work", "tool":
            return [.build("go \(verb)")]
        case "test": return [.test("go test runs tests")]
        case "vet", "fmt", "fix": return [.formatLint("go \(verb)")]
        case "run": return [.unknown("go run runs a program", isUnsure: false)]
        case "get", "install": return [.packageInstall("go \(verb) downloads modules")]
        case "mod":
            let sub = inv.positionals().dropFirst().first ?? ""
            return ["download", "tidy", "vendor", "get"].contains(sub)
                ? [.packageInstall("go mod \(sub)", blast: .workspace)] : [.read("go mod \(sub)")]
        case "clean": return [scriptVerb("clean", tool: "go")]
        default: return [.read("go \(verb)")]
        }
    }

    static func swift(_ inv: Invocation) -> [Finding] {
        let verbs = inv.positionals(valued: [
            "--package-path", "-c", "--configuration", "--scratch-path", "--filter", "-Xswiftc", "--product", "-j",
        ])
        switch verbs.first ?? "" {
        case "build": return [.build("swift build")]
        case "test": return [.test("swift test runs tests")]
        case "run": return [.unknown("swift run runs the project", isUnsure: false)]
        case "format": return [.formatLint("swift format")]
        case "package-registry":
            let sub = verbs.dropFirst().first ?? ""
            return sub == "publish"
                ? [.deploy("swift package-registry publish publishes a package")]
                : [.fileWrite("swift package-registry \(sub) changes registry settings")]
        case "package":
            let sub = verbs.dropFirst().first ?? ""
            if ["resolve", "update", "add-dependency"].contains(sub) {
                return [.packageInstall("swift package \(sub)", blast: .workspace)]
            }
            if ["clean", "reset", "purge-cache"].contains(sub) { return [scriptVerb("clean", tool: "swift package")] }
            return [.read("swift package \(sub)")]
        case "": return [.unknown("swift opens a REPL or runs a script")]
        default: return [.build("swift \(verbs.first ?? "")")]
        }
    }

    static func dotnet(_ inv: Invocation) -> [Finding] {
        let verbs = inv.positionals(valued: [
            "-c", "--configuration", "-o", "--output", "-f", "--framework", "-p", "--project",
        ])
        switch verbs.first ?? "" {
        case "test": return [.test("dotnet test runs tests")]
        case "build", "pack", "msbuild": return [.build("dotnet \(verbs.first ?? "")")]
        case "format": return [.formatLint("dotnet format")]
        case "run", "watch": return [.unknown("dotnet \(verbs.first ?? "") runs the project", isUnsure: false)]
        case "add", "restore", "remove", "tool":
            return [.packageInstall("dotnet \(verbs.first ?? "") changes packages", blast: .workspace)]
        case "nuget":
            return verbs.contains("push") || verbs.contains("delete")
                ? [.deploy("dotnet nuget \(verbs.dropFirst().first ?? "") publishes")] : [.read("dotnet nuget")]
        case "publish": return [.build("dotnet publish builds a release")]
        case "ef":
            return [
                scriptVerb(
                    verbs.dropFirst().joined(separator: ":").replacingOccurrences("database:update", with: "migrate"),
                    tool: "dotnet ef")
            ]
        default: return [.read("dotnet \(verbs.first ?? "")")]
        }
    }

    static func mix(_ inv: Invocation) -> [Finding] {
        let task = inv.positionals().first ?? ""
        if task == "deps.get" || task == "deps.update" { return [.packageInstall("mix \(task)", blast: .workspace)] }
        if task == "hex.publish" { return [.deploy("mix hex.publish publishes a package")] }
        if task == "compile" { return [.build("mix compile")] }
        return [scriptVerb(task, tool: "mix")]
    }

    static func rails(_ inv: Invocation) -> Finding {
        let command = inv.positionals().first ?? ""
        switch command {
        case "server", "s", "console", "c", "runner", "r", "dbconsole", "db":
            return .unknown("rails \(command) runs the application")
        case "generate", "g": return .fileWrite("rails \(command) writes files")
        case "test", "spec": return .test("rails test runs tests")
        case "credentials:show", "credentials:edit", "secret", "secrets:show":
            return .secrets("rails \(command) reads credentials")
        default: return scriptVerb(command, tool: "rails")
        }
    }
}

extension String {
    /// Whitespace trimmed from both ends (FoundationEssentials has no trimming helper we can rely on).
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }

    /// Every occurrence of `target` replaced, without Foundation.
    func replacingOccurrences(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
