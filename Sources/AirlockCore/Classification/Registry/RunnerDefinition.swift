/// The files that decide what a build, test, lint or install step runs: `make` runs the
/// Makefile, `npm test` the `scripts` of package.json, `pytest` every conftest.py and test
/// file, `cargo build` every build.rs. A step is only as trustworthy as these files; if the
/// agent has just written one of them, "run the tests" means "run the agent's code".
///
/// Attached to the registry's specs (`ProgramSpec.definedBy`) when the registry is built.
struct RunnerDefinition: Sendable {
    /// Patterns relative to the working directory (`Makefile`, `**/conftest.py`), always read.
    var files: [String]
    /// Read when the step runs tests (its findings say `test`).
    var testFiles: [String] = []
    /// Options whose value names the definition file instead (`make -f x.mk`, `jest -c cfg.js`).
    var fileOptions: [String] = []
    /// Options whose value is the directory the step runs in (`make -C sub`, `npm --prefix sub`).
    var directoryOptions: [String] = []
    /// Options whose value is a manifest whose folder the step runs in (`--manifest-path x/Cargo.toml`).
    var manifestOptions: [String] = []
}

/// One file, or a glob of files, that defines what a step runs.
public struct RunnerFile: Sendable, Hashable, CustomStringConvertible {
    public enum Role: String, Sendable {
        /// Code or configuration the runner executes to decide what to do (Makefile,
        /// package.json scripts, build.rs, conftest.py, setup.py, eslint.config.js).
        case definition
        /// A test file a test step runs.
        case test
    }

    /// An absolute, normalised path, or a glob over one (`*` within a folder, `**` across
    /// folders, `?` one character). Relative only when neither the working directory nor the
    /// workspace is known.
    public let pattern: String
    public let role: Role
    /// The program whose step reads it (`make`, `pytest`).
    public let program: String

    public init(pattern: String, role: Role, program: String) {
        self.pattern = pattern
        self.role = role
        self.program = program
    }

    /// Whether `path` (absolute; `..` and `.` are normalised here) is this file or matches this glob.
    public func matches(path: String) -> Bool {
        let normalised = PathClassifier.resolve(path, cwd: nil, host: HostFacts())
        return Glob.matches(pattern, normalised)
    }

    public var description: String { "\(program): \(pattern) (\(role.rawValue))" }
}

/// Which programs have definition files, and which. Keyed by the registry's program names; the
/// registry builder refuses a key it has no program for.
enum RunnerDefinitions {
    static let javascriptTests = ["**/*.test.*", "**/*.spec.*", "**/__tests__/**", "test/**", "tests/**"]
    static let pythonTests = ["**/test_*.py", "**/*_test.py", "**/tests.py"]
    static let pythonConfig = ["pyproject.toml", "setup.cfg", "tox.ini", "**/conftest.py", "**/sitecustomize.py"]
    static let packageJSON = ["package.json", ".npmrc", ".yarnrc", ".yarnrc.yml", ".pnpmfile.cjs", "bunfig.toml"]
    static let javascriptInstall = ["package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "bun.lockb"]

    static let table: [String: RunnerDefinition] = {
        var table: [String: RunnerDefinition] = [:]
        func add(_ names: [String], _ definition: RunnerDefinition) {
            for name in names { table[name] = definition }
        }
        // Task runners.
        add(
            ["make", "gmake"],
            RunnerDefinition(
                files: ["Makefile", "makefile", "GNUmakefile", "**/*.mk", "**/Makefile"], fileOptions: ["-f", "--file", "--makefile"],
                directoryOptions: ["-C", "--directory"]))
        add(["just"], RunnerDefinition(files: ["justfile", "Justfile", ".justfile"], fileOptions: ["-f", "--justfile"], directoryOptions: ["-d", "--working-directory"]))
        add(["task"], RunnerDefinition(files: ["Taskfile.yml", "Taskfile.yaml", "taskfile.yml", "Taskfile.dist.yml"], fileOptions: ["-t", "--taskfile"], directoryOptions: ["-d", "--dir"]))
        add(["mage"], RunnerDefinition(files: ["magefile.go", "magefiles/**"], directoryOptions: ["-d"]))
        add(["rake"], RunnerDefinition(files: ["Rakefile", "rakefile", "Rakefile.rb", "rakelib/**"], fileOptions: ["-f", "--rakefile"], directoryOptions: ["-C", "--directory"]))
        add(["invoke"], RunnerDefinition(files: ["tasks.py", "tasks/**"], fileOptions: ["-c", "--collection"]))
        add(["doit"], RunnerDefinition(files: ["dodo.py"], fileOptions: ["-f", "--file"]))
        // JavaScript.
        add(
            ["npm", "yarn", "pnpm"],
            RunnerDefinition(
                files: packageJSON + javascriptInstall, testFiles: javascriptTests,
                directoryOptions: ["--prefix", "-C", "--cwd", "--dir"]))
        add(["bun"], RunnerDefinition(files: packageJSON, testFiles: javascriptTests, directoryOptions: ["--cwd"]))
        add(["deno"], RunnerDefinition(files: ["deno.json", "deno.jsonc", "package.json"], testFiles: javascriptTests, fileOptions: ["-c", "--config"]))
        add(["jest"], RunnerDefinition(files: ["jest.config.*", "jest.setup.*", "package.json", "babel.config.*", ".babelrc", ".babelrc.*", "**/__mocks__/**"], testFiles: javascriptTests, fileOptions: ["-c", "--config", "--setupFiles", "--globalSetup", "--globalTeardown"], directoryOptions: ["--rootDir"]))
        add(["vitest"], RunnerDefinition(files: ["vitest.config.*", "vite.config.*", "vitest.workspace.*", "package.json"], testFiles: javascriptTests, fileOptions: ["-c", "--config"], directoryOptions: ["-r", "--root", "--dir"]))
        add(["mocha"], RunnerDefinition(files: [".mocharc", ".mocharc.*", "package.json"], testFiles: javascriptTests, fileOptions: ["--config", "-r", "--require"]))
        add(["ava"], RunnerDefinition(files: ["ava.config.*", "package.json"], testFiles: javascriptTests, fileOptions: ["--config"]))
        add(["tap"], RunnerDefinition(files: [".taprc", "package.json"], testFiles: javascriptTests))
        add(["karma"], RunnerDefinition(files: ["karma.conf.*"], testFiles: javascriptTests))
        add(["jasmine"], RunnerDefinition(files: ["spec/support/jasmine.json", "spec/helpers/**"], testFiles: ["spec/**"] + javascriptTests, fileOptions: ["--config"]))
        add(["playwright"], RunnerDefinition(files: ["playwright.config.*", "package.json"], testFiles: javascriptTests + ["e2e/**"], fileOptions: ["-c", "--config"]))
        add(["cypress"], RunnerDefinition(files: ["cypress.config.*", "cypress/support/**", "cypress/plugins/**"], testFiles: ["cypress/**"], fileOptions: ["-C", "--config-file"]))
        add(["webpack"], RunnerDefinition(files: ["webpack.config.*", "package.json"], fileOptions: ["-c", "--config"]))
        add(["vite"], RunnerDefinition(files: ["vite.config.*", "package.json"], fileOptions: ["-c", "--config"]))
        add(["rollup"], RunnerDefinition(files: ["rollup.config.*"], fileOptions: ["-c", "--config"]))
        add(["parcel"], RunnerDefinition(files: [".parcelrc", "package.json"], fileOptions: ["--config"]))
        add(["babel"], RunnerDefinition(files: ["babel.config.*", ".babelrc", ".babelrc.*", "package.json"], fileOptions: ["--config-file"]))
        add(["postcss"], RunnerDefinition(files: ["postcss.config.*", ".postcssrc*"], fileOptions: ["--config"]))
        add(["tailwindcss"], RunnerDefinition(files: ["tailwind.config.*"], fileOptions: ["-c", "--config"]))
        add(["turbo"], RunnerDefinition(files: ["turbo.json", "package.json", "**/package.json"]))
        add(["nx"], RunnerDefinition(files: ["nx.json", "**/project.json", "package.json", "**/package.json"]))
        add(["eslint"], RunnerDefinition(files: ["eslint.config.*", ".eslintrc", ".eslintrc.*", "package.json"], fileOptions: ["-c", "--config", "--rulesdir", "--resolve-plugins-relative-to"]))
        add(["prettier"], RunnerDefinition(files: ["prettier.config.*", ".prettierrc", ".prettierrc.*", "package.json"], fileOptions: ["--config", "--plugin"]))
        add(["stylelint"], RunnerDefinition(files: ["stylelint.config.*", ".stylelintrc", ".stylelintrc.*"], fileOptions: ["--config"]))
        add(["lint-staged"], RunnerDefinition(files: [".lintstagedrc", ".lintstagedrc.*", "lint-staged.config.*", "package.json"], fileOptions: ["-c", "--config"]))
        add(["commitlint"], RunnerDefinition(files: ["commitlint.config.*", ".commitlintrc", ".commitlintrc.*"], fileOptions: ["-g", "--config"]))
        // Python.
        add(["pytest", "py.test"], RunnerDefinition(files: pythonConfig + ["pytest.ini", ".pytest.ini"], testFiles: pythonTests, fileOptions: ["-c", "--rootdir", "--confcutdir", "-p"]))
        add(["tox"], RunnerDefinition(files: ["tox.ini", "pyproject.toml", "setup.py", "setup.cfg"], testFiles: pythonTests + ["**/conftest.py"], fileOptions: ["-c", "--conf"]))
        add(["nox"], RunnerDefinition(files: ["noxfile.py"], testFiles: pythonTests, fileOptions: ["-f", "--noxfile"]))
        add(["behave"], RunnerDefinition(files: ["features/environment.py", "features/steps/**", "behave.ini", ".behaverc"], testFiles: ["features/**"]))
        add(["nosetests"], RunnerDefinition(files: ["setup.cfg", ".noserc"], testFiles: ["**/test*.py"]))
        add(["manage.py"], RunnerDefinition(files: ["manage.py", "**/settings.py", "**/settings/**"], testFiles: pythonTests))
        add(["mypy"], RunnerDefinition(files: ["mypy.ini", ".mypy.ini", "setup.cfg", "pyproject.toml"], fileOptions: ["--config-file"]))
        add(["pylint"], RunnerDefinition(files: [".pylintrc", "pylintrc", "pyproject.toml", "setup.cfg"], fileOptions: ["--rcfile", "--load-plugins"]))
        add(["flake8"], RunnerDefinition(files: [".flake8", "setup.cfg", "tox.ini"], fileOptions: ["--config", "--append-config"]))
        add(["pre-commit"], RunnerDefinition(files: [".pre-commit-config.yaml", ".pre-commit-hooks.yaml"], fileOptions: ["-c", "--config"]))
        add(["pip", "pip3"], RunnerDefinition(files: ["setup.py", "pyproject.toml", "setup.cfg", "requirements*.txt", "**/requirements*.txt"], fileOptions: ["-r", "--requirement", "-c", "--constraint", "-e", "--editable"]))
        add(["poetry"], RunnerDefinition(files: ["pyproject.toml", "poetry.lock", "build.py"], directoryOptions: ["-C", "--directory"]))
        add(["uv"], RunnerDefinition(files: ["pyproject.toml", "uv.lock", "setup.py", "requirements*.txt"], fileOptions: ["-r", "--requirement"], directoryOptions: ["--directory", "--project"]))
        add(["pdm", "hatch", "rye"], RunnerDefinition(files: ["pyproject.toml", "pdm.lock", "hatch.toml", "hatch_build.py"]))
        add(["pipenv"], RunnerDefinition(files: ["Pipfile", "Pipfile.lock"]))
        add(["sphinx-build"], RunnerDefinition(files: ["conf.py", "**/conf.py"], fileOptions: ["-c"]))
        add(["mkdocs"], RunnerDefinition(files: ["mkdocs.yml", "mkdocs.yaml"], fileOptions: ["-f", "--config-file"]))
        // Rust, Go, Swift, .NET, Elixir.
        add(["cargo"], RunnerDefinition(files: ["Cargo.toml", "**/Cargo.toml", "**/build.rs", ".cargo/config.toml", ".cargo/config", "rust-toolchain.toml"], testFiles: ["tests/**", "benches/**", "**/tests/**"], manifestOptions: ["--manifest-path"]))
        add(["go"], RunnerDefinition(files: ["go.mod", "go.work"], testFiles: ["**/*_test.go", "**/testdata/**"], directoryOptions: ["-C"]))
        add(["swift"], RunnerDefinition(files: ["Package.swift", "Package@swift-*.swift", "Plugins/**"], testFiles: ["Tests/**"], directoryOptions: ["--package-path"]))
        add(["dotnet"], RunnerDefinition(files: ["*.csproj", "**/*.csproj", "*.fsproj", "*.sln", "Directory.Build.props", "Directory.Build.targets", "**/Directory.Build.*", "global.json", "nuget.config"], testFiles: ["**/*Tests/**", "**/*.Tests/**", "tests/**"]))
        add(["mix"], RunnerDefinition(files: ["mix.exs", "config/**"], testFiles: ["test/**"]))
        // JVM, C and C++, others.
        add(
            ["gradle", "gradlew"],
            RunnerDefinition(
                files: ["build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts", "**/build.gradle", "**/build.gradle.kts", "buildSrc/**", "gradle/**", "gradle.properties", "gradlew", "init.gradle", "init.d/**"],
                testFiles: ["src/test/**", "**/src/test/**"], fileOptions: ["-b", "--build-file", "-c", "--settings-file", "-I", "--init-script"],
                directoryOptions: ["-p", "--project-dir"]))
        add(["mvn", "mvnw"], RunnerDefinition(files: ["pom.xml", "**/pom.xml", ".mvn/**", "mvnw"], testFiles: ["src/test/**", "**/src/test/**"], fileOptions: ["-f", "--file"]))
        add(["sbt"], RunnerDefinition(files: ["build.sbt", "project/**"], testFiles: ["src/test/**"]))
        add(["ant"], RunnerDefinition(files: ["build.xml"], fileOptions: ["-f", "-file", "-buildfile"]))
        add(["lein"], RunnerDefinition(files: ["project.clj"], testFiles: ["test/**"]))
        add(["cmake"], RunnerDefinition(files: ["CMakeLists.txt", "**/CMakeLists.txt", "**/*.cmake", "CMakePresets.json"], directoryOptions: ["-S"]))
        add(["ctest"], RunnerDefinition(files: ["CMakeLists.txt", "**/CMakeLists.txt", "**/CTestTestfile.cmake"], directoryOptions: ["--test-dir"]))
        add(["ninja"], RunnerDefinition(files: ["build.ninja", "**/*.ninja"], fileOptions: ["-f"], directoryOptions: ["-C"]))
        add(["meson"], RunnerDefinition(files: ["meson.build", "**/meson.build", "meson_options.txt", "meson.options"], directoryOptions: ["-C"]))
        add(["scons"], RunnerDefinition(files: ["SConstruct", "**/SConscript"], fileOptions: ["-f"], directoryOptions: ["-C"]))
        add(
            ["bazel", "bazelisk"],
            RunnerDefinition(files: ["BUILD", "BUILD.bazel", "**/BUILD", "**/BUILD.bazel", "WORKSPACE", "WORKSPACE.bazel", "MODULE.bazel", "**/*.bzl", ".bazelrc", ".bazelversion"]))
        add(["xcodebuild"], RunnerDefinition(files: ["*.xcodeproj/**", "*.xcworkspace/**"], fileOptions: ["-project", "-workspace"]))
        add(["rspec"], RunnerDefinition(files: [".rspec", "spec/spec_helper.rb", "spec/rails_helper.rb", "spec/support/**"], testFiles: ["spec/**"]))
        add(["bundle"], RunnerDefinition(files: ["Gemfile", "Gemfile.lock", "*.gemspec"], testFiles: ["spec/**", "test/**"]))
        add(["phpunit", "pest"], RunnerDefinition(files: ["phpunit.xml", "phpunit.xml.dist", "tests/bootstrap.php"], testFiles: ["tests/**"], fileOptions: ["-c", "--configuration", "--bootstrap"]))
        add(["composer"], RunnerDefinition(files: ["composer.json", "composer.lock"], directoryOptions: ["-d", "--working-dir"]))
        add(["bats"], RunnerDefinition(files: [], testFiles: ["**/*.bats"]))
        add(["golangci-lint"], RunnerDefinition(files: [".golangci.yml", ".golangci.yaml", ".golangci.toml", ".golangci.json"], fileOptions: ["-c", "--config"]))
        return table
    }()
}

extension ProgramSpec {
    /// The same spec with the files that define what its steps run.
    func defined(by definition: RunnerDefinition) -> ProgramSpec {
        ProgramSpec(
            name, role: role, section: section, summary: summary, arguments: arguments, wrapper: wrapper,
            language: language, matchesSuffixes: matchesSuffixes, access: access, rules: rules, exampleSource: exampleSource,
            definedBy: definition, handler: handler)
    }
}
