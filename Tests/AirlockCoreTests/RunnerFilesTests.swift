import Testing

@testable import AirlockCore

/// The files that define what a build or test step runs (`Classifier.runnerFiles`), for the
/// broker's "agent-written code run by a trusted runner" check.
struct RunnerFilesTests {
    static let context = ClassificationContext(
        cwd: "/home/dev/proj", workspaceRoot: "/home/dev/proj", host: HostFacts(home: "/home/dev"))

    static func defines(_ command: String, _ path: String) -> Bool {
        Classifier.runnerFiles(command: command, context: context).contains { $0.matches(path: path) }
    }

    @Test(arguments: [
        ("make", "/home/dev/proj/Makefile"),
        ("make test", "/home/dev/proj/mk/rules.mk"),
        ("make -C sub all", "/home/dev/proj/sub/Makefile"),
        ("make -f build/ci.mk", "/home/dev/proj/build/ci.mk"),
        ("cd web && npm test", "/home/dev/proj/web/package.json"),
        ("npm test", "/home/dev/proj/src/app.test.ts"),
        ("npm run build", "/home/dev/proj/package.json"),
        ("npm --prefix client run build", "/home/dev/proj/client/package.json"),
        ("npm install", "/home/dev/proj/package-lock.json"),
        ("yarn test", "/home/dev/proj/src/__tests__/x.js"),
        ("pnpm -C pkg test", "/home/dev/proj/pkg/package.json"),
        ("pytest", "/home/dev/proj/conftest.py"),
        ("pytest -q tests", "/home/dev/proj/tests/unit/conftest.py"),
        ("pytest", "/home/dev/proj/tests/test_api.py"),
        ("python -m pytest", "/home/dev/proj/tests/test_api.py"),
        ("python3 -m pytest -x", "/home/dev/proj/pyproject.toml"),
        ("uv run pytest", "/home/dev/proj/conftest.py"),
        ("poetry run pytest", "/home/dev/proj/tests/test_models.py"),
        ("python manage.py test", "/home/dev/proj/app/tests.py"),
        ("tox", "/home/dev/proj/tox.ini"),
        ("cargo build", "/home/dev/proj/build.rs"),
        ("cargo test", "/home/dev/proj/crates/core/build.rs"),
        ("cargo test", "/home/dev/proj/tests/it.rs"),
        ("cargo build --manifest-path tools/gen/Cargo.toml", "/home/dev/proj/tools/gen/build.rs"),
        ("go test ./...", "/home/dev/proj/pkg/api/api_test.go"),
        ("swift build", "/home/dev/proj/Package.swift"),
        ("swift test", "/home/dev/proj/Tests/CoreTests/X.swift"),
        ("swift build", "/home/dev/proj/Plugins/Gen/plugin.swift"),
        ("./gradlew test", "/home/dev/proj/build.gradle.kts"),
        ("mvn -q verify", "/home/dev/proj/pom.xml"),
        ("cmake -S . -B build", "/home/dev/proj/CMakeLists.txt"),
        ("bazel test //...", "/home/dev/proj/lib/BUILD.bazel"),
        ("npx eslint .", "/home/dev/proj/eslint.config.js"),
        ("npx jest", "/home/dev/proj/jest.config.ts"),
        ("npx vitest run", "/home/dev/proj/vite.config.ts"),
        ("prettier --write .", "/home/dev/proj/prettier.config.mjs"),
        ("pre-commit run --all-files", "/home/dev/proj/.pre-commit-config.yaml"),
        ("bundle exec rspec", "/home/dev/proj/spec/spec_helper.rb"),
        ("pip install -e .", "/home/dev/proj/setup.py"),
        ("pip install -r requirements-dev.txt", "/home/dev/proj/requirements-dev.txt"),
        ("timeout 600 make check", "/home/dev/proj/Makefile"),
        ("just test", "/home/dev/proj/justfile"),
        ("dotnet test", "/home/dev/proj/src/App/App.csproj"),
        ("mix test", "/home/dev/proj/test/app_test.exs"),
    ])
    func aStepNamesTheFilesThatDefineIt(_ command: String, _ path: String) {
        #expect(Self.defines(command, path), "\(command): \(Classifier.runnerFiles(command: command, context: Self.context))")
    }

    @Test(arguments: [
        ("make", "/home/dev/proj/src/main.c"),  // source the Makefile compiles is not its definition
        ("make -C sub", "/home/dev/proj/Makefile"),
        ("npm run build", "/home/dev/proj/src/app.test.ts"),  // a build does not run tests
        ("cargo build", "/home/dev/proj/tests/it.rs"),
        ("pytest", "/home/dev/other/conftest.py"),
        ("ls -la", "/home/dev/proj/Makefile"),  // not a step
        ("cat Makefile", "/home/dev/proj/Makefile"),
        ("git status", "/home/dev/proj/package.json"),
        ("rm -rf build", "/home/dev/proj/Makefile"),
    ])
    func otherFilesAndOtherCommandsNameNothing(_ command: String, _ path: String) {
        #expect(!Self.defines(command, path), "\(command)")
    }

    @Test func patternsAreAbsoluteAndFollowTheLine() {
        let files = Classifier.runnerFiles(command: "cd services/api && make build", context: Self.context)
        #expect(!files.isEmpty)
        #expect(files.allSatisfy { $0.pattern.hasPrefix("/home/dev/proj/services/api/") })
        #expect(files.allSatisfy { $0.program == "make" && $0.role == .definition })
        // Test files are listed for test steps, as their own role.
        let tests = Classifier.runnerFiles(command: "pytest", context: Self.context)
        #expect(tests.contains { $0.role == .test })
        #expect(tests.contains { $0.role == .definition })
    }

    @Test func aDirectoryKnownOnlyAtRunTimeMatchesAnywhereInTheWorkspace() {
        #expect(Self.defines("cd \"$DIR\" && make", "/home/dev/proj/deep/er/Makefile"))
    }

    @Test func aWrittenPathIsNormalisedBeforeMatching() {
        #expect(Self.defines("make", "/home/dev/proj/src/../Makefile"))
    }

    /// Every definition is attached to a program the registry knows (the builder refuses
    /// others), and definitions reach the programs' specs.
    @Test func definitionsLiveInTheRegistry() throws {
        for name in RunnerDefinitions.table.keys {
            #expect(ProgramRegistry.shared.spec(for: name)?.definedBy != nil, "\(name)")
        }
        var builder = RegistryBuilder()
        builder.define(["no-such-program": RunnerDefinition(files: ["x"])])
        #expect(throws: RegistryBuilder.Problem.definitionWithoutProgram("no-such-program")) { try builder.build() }
    }
}
