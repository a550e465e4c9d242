import Testing

@testable import AirlockCore

private let host = HostFacts(home: "/home/dev", airlockPaths: ["/home/dev/.local/state/airlock"])
private let workspace = "/home/dev/proj"

private func read(_ path: String) -> Finding {
    let findings = FileActionClassifier.read(path: path, cwd: workspace, workspaceRoot: workspace, host: host)
    #expect(findings.count == 1)
    return findings[0]
}

private func write(_ path: String) -> Finding {
    let findings = FileActionClassifier.write(path: path, cwd: workspace, workspaceRoot: workspace, host: host)
    #expect(findings.count == 1)
    return findings[0]
}

private func patch(_ text: String) -> [Finding] {
    FileActionClassifier.patch(text, cwd: workspace, workspaceRoot: workspace, host: host)
}

/// One expected file-action result.
struct FileCase: Sendable, CustomTestStringConvertible {
    var path: String
    var risk: Risk
    var blast: BlastRadius
    var adds: [Category] = []
    var lacks: [Category] = []

    var testDescription: String { path }
}

struct FileActionClassifierTests {
    // MARK: Reads

    @Test(arguments: [
        FileCase(path: "src/a.swift", risk: .low, blast: .none, adds: [.source]),
        FileCase(path: "tests/test_a.py", risk: .low, blast: .none, adds: [.testFile]),
        FileCase(path: "docs/guide.md", risk: .low, blast: .none, adds: [.docs]),
        FileCase(path: "dist/app.js", risk: .low, blast: .none, adds: [.buildOutput]),
        FileCase(path: ".mcp.json", risk: .low, blast: .none, adds: [.agentConfig]),
        // Reading a hook config is not self-modification.
        FileCase(
            path: ".claude/settings.json", risk: .low, blast: .none, adds: [.agentConfig], lacks: [.selfModification]),
        FileCase(path: "/etc/hosts", risk: .medium, blast: .machine, adds: [.outsideWorkspace]),
        FileCase(path: "/tmp/x.json", risk: .low, blast: .machine, adds: [.outsideWorkspace]),
        FileCase(path: ".env", risk: .high, blast: .external, adds: [.envFile, .secretsAccess]),
        FileCase(
            path: "~/.ssh/id_rsa", risk: .high, blast: .external,
            adds: [.credentials, .secretsAccess, .outsideWorkspace]),
        FileCase(path: ".env.example", risk: .low, blast: .none, lacks: [.secretsAccess, .envFile]),
        FileCase(path: "data/customers/export.csv", risk: .high, blast: .external, adds: [.customerData]),
        FileCase(path: "config/production.rb", risk: .medium, blast: .none, adds: [.productionConfig]),
    ])
    func reads(_ c: FileCase) {
        let finding = read(c.path)
        #expect(finding.categories.contains(.read))
        #expect(finding.risk == c.risk)
        #expect(finding.blastRadius == c.blast)
        for category in c.adds { #expect(finding.categories.contains(category), "\(category)") }
        for category in c.lacks { #expect(!finding.categories.contains(category), "\(category)") }
        #expect(finding.targets == [c.path])
    }

    @Test func aSecretReadSaysWhatItReads() {
        let finding = read(".env")
        #expect(finding.reason == "reads an .env file")
        #expect(finding.rollback == "rotate the secret")
        #expect(finding.reversibility == .irreversible)
    }

    // MARK: Writes

    @Test(arguments: [
        FileCase(path: "src/a.swift", risk: .low, blast: .workspace, adds: [.source]),
        FileCase(path: "tests/test_a.py", risk: .low, blast: .workspace, adds: [.testFile]),
        FileCase(path: "docs/guide.md", risk: .low, blast: .workspace, adds: [.docs]),
        FileCase(path: "dist/app.js", risk: .medium, blast: .workspace, adds: [.buildOutput]),
        FileCase(path: ".vscode/tasks.json", risk: .high, blast: .machine, adds: [.agentConfig]),
        FileCase(path: ".mcp.json", risk: .high, blast: .machine, adds: [.agentConfig]),
        FileCase(path: ".claude/settings.json", risk: .critical, blast: .machine, adds: [.selfModification]),
        FileCase(path: ".git/hooks/pre-commit", risk: .critical, blast: .machine, adds: [.selfModification]),
        FileCase(
            path: "~/.local/state/airlock/policy.sqlite", risk: .critical, blast: .machine,
            adds: [.selfModification, .outsideWorkspace]),
        FileCase(path: ".env", risk: .high, blast: .workspaceUnrecoverable, adds: [.envFile, .secretsAccess]),
        FileCase(path: "config/production.rb", risk: .high, blast: .workspace, adds: [.productionConfig]),
        FileCase(path: "data/customers/x.csv", risk: .high, blast: .workspaceUnrecoverable, adds: [.customerData]),
        FileCase(path: "/etc/hosts", risk: .high, blast: .machine, adds: [.outsideWorkspace]),
        FileCase(path: "/tmp/out.json", risk: .medium, blast: .machine, adds: [.outsideWorkspace]),
        FileCase(path: "/home/dev/other/x.swift", risk: .high, blast: .machine, adds: [.outsideWorkspace]),
        FileCase(path: "~/.bashrc", risk: .high, blast: .machine, adds: [.persistence, .outsideWorkspace]),
    ])
    func writes(_ c: FileCase) {
        let finding = write(c.path)
        #expect(finding.categories.contains(.fileWrite))
        #expect(!finding.categories.contains(.read))
        #expect(finding.risk == c.risk)
        #expect(finding.blastRadius == c.blast)
        for category in c.adds { #expect(finding.categories.contains(category), "\(category)") }
        for category in c.lacks { #expect(!finding.categories.contains(category), "\(category)") }
    }

    @Test func aWorkspaceWriteCanBeRolledBackWithGit() {
        let finding = write("src/a.swift")
        #expect(finding.reversibility == .reversible)
        #expect(finding.rollback == "git checkout -- /home/dev/proj/src/a.swift")
        #expect(finding.reason == "writes a source file")
    }

    @Test func anOutsideWriteHasNoGitRollback() {
        let finding = write("/etc/hosts")
        #expect(finding.rollback == nil)
        #expect(finding.reversibility != .reversible)
    }

    @Test func aSelfModifyingWriteNamesTheHarnessFile() {
        let finding = write(".claude/settings.json")
        #expect(finding.reason == "writes Claude Code settings (hooks and permissions)")
    }

    // MARK: Patches

    @Test func codexPatchFindingsPerFile() {
        let findings = patch(
            """
            *** Begin Patch
            *** Add File: src/new.swift
            +let x = 1
            *** Update File: .claude/settings.json
            @@
            -{}
            +{"hooks": {}}
            *** Delete File: src/old.swift
            *** Delete File: .env
            *** End Patch
            """)
        #expect(findings.map(\.targets) == [["src/new.swift"], [".claude/settings.json"], ["src/old.swift"], [".env"]])
        #expect(findings[0].risk == .low)
        #expect(findings[1].risk == .critical)
        #expect(findings[1].categories.contains(.selfModification))
        #expect(findings[2].categories.contains(.destructiveFS))
        #expect(findings[2].risk == .medium)
        #expect(findings[2].blastRadius == .workspace)
        #expect(findings[2].reason == "deletes a source file")
        #expect(findings[3].categories.contains(.destructiveFS))
        #expect(findings[3].categories.contains(.secretsAccess))
        #expect(findings[3].risk == .high)
    }

    @Test func deletingOutsideTheWorkspaceIsHigh() {
        let findings = patch("--- a/etc/motd\n+++ /dev/null\n@@ -1 +0,0 @@\n-hello\n")
        #expect(findings.count == 1)
        #expect(findings[0].targets == ["etc/motd"])
        let outside = patch("--- /etc/motd\n+++ /dev/null\n@@ -1 +0,0 @@\n-hello\n")
        #expect(outside[0].risk == .high)
        #expect(outside[0].blastRadius == .machine)
        #expect(outside[0].categories.contains(.outsideWorkspace))
    }

    @Test func anUnreadablePatchIsUnsure() {
        let findings = patch("just some text")
        #expect(findings.count == 1)
        #expect(findings[0].isUnsure)
        #expect(findings[0].categories == [.unknown])
    }

    // MARK: Patch targets

    @Test(
        arguments: [
            (
                """
                *** Begin Patch
                *** Add File: hello.txt
                +hi
                *** Update File: src/app.py
                @@ def main():
                -    print("a")
                +    print("b")
                *** Delete File: old.txt
                *** Update File: src/a.py
                *** Move to: src/b.py
                @@
                -x
                +y
                *** End of File
                *** End Patch
                """,
                [
                    PatchTarget("hello.txt"), PatchTarget("src/app.py"), PatchTarget("old.txt", deleted: true),
                    PatchTarget("src/a.py"), PatchTarget("src/b.py"),
                ]
            ),
            (
                // Codex sends apply_patch through a shell heredoc too.
                "apply_patch <<'EOF'\n*** Begin Patch\n*** Delete File: x.txt\n*** End Patch\nEOF\n",
                [PatchTarget("x.txt", deleted: true)]
            ),
            (
                // Inside the envelope, `--- ` lines are hunk text.
                "*** Begin Patch\n*** Update File: q.sql\n@@\n--- old comment\n+++ new comment\n*** End Patch\n",
                [PatchTarget("q.sql")]
            ),
            (
                "diff --git a/src/x.c b/src/x.c\nindex 1..2 100644\n--- a/src/x.c\n+++ b/src/x.c\n"
                    + "@@ -1,2 +1,2 @@\n-a\n+b\n c\n",
                [PatchTarget("src/x.c")]
            ),
            (
                "diff --git a/n.txt b/n.txt\nnew file mode 100644\n--- /dev/null\n+++ b/n.txt\n@@ -0,0 +1 @@\n+x\n",
                [PatchTarget("n.txt")]
            ),
            (
                "diff --git a/gone.txt b/gone.txt\ndeleted file mode 100644\n--- a/gone.txt\n+++ /dev/null\n"
                    + "@@ -1 +0,0 @@\n-x\n",
                [PatchTarget("gone.txt", deleted: true)]
            ),
            ("--- a/gone.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n", [PatchTarget("gone.txt", deleted: true)]),
            (
                "diff --git a/old.py b/new.py\nsimilarity index 100%\nrename from old.py\nrename to new.py\n",
                [PatchTarget("old.py"), PatchTarget("new.py")]
            ),
            (
                // A mode-only change names its file only in the `diff --git` line.
                "diff --git a/run.sh b/run.sh\nold mode 100644\nnew mode 100755\n",
                [PatchTarget("run.sh")]
            ),
            (
                // Plain `diff -u`: timestamps after a tab, no a/ b/ prefixes, several files.
                "--- a.txt\t2024-01-01 00:00:00\n+++ a.txt\t2024-01-02 00:00:00\n@@ -1 +1 @@\n-x\n+y\n"
                    + "--- lib/b.txt\n+++ lib/b.txt\n@@ -1 +1 @@\n-p\n+q\n",
                [PatchTarget("a.txt"), PatchTarget("lib/b.txt")]
            ),
            (
                // A removed SQL comment line (`-- x` → `--- x`) inside a hunk is not a header.
                "--- a/q.sql\n+++ b/q.sql\n@@ -1,3 +1,1 @@\n--- old comment\n-++ x\n select 1;\n",
                [PatchTarget("q.sql")]
            ),
            (
                "diff --git \"a/with space.txt\" \"b/with space.txt\"\n"
                    + "--- \"a/with space.txt\"\n+++ \"b/with space.txt\"\n@@ -1 +1 @@\n-a\n+b\n",
                [PatchTarget("with space.txt")]
            ),
            ("diff --git a/a b/a\r\n--- a/a\r\n+++ b/a\r\n@@ -1 +1 @@\r\n-x\r\n+y\r\n", [PatchTarget("a")]),
            ("", []),
            ("no patch here\n--- just a dash line\n", []),
        ] as [(String, [PatchTarget])])
    func patchTargets(text: String, expected: [PatchTarget]) {
        let targets = FileActionClassifier.patchTargets(text).map { PatchTarget($0.path, deleted: $0.isDeletion) }
        #expect(targets == expected)
    }
}

/// A patch target as a value the test table can compare.
struct PatchTarget: Equatable, Sendable, CustomStringConvertible {
    var path: String
    var deleted: Bool

    init(_ path: String, deleted: Bool = false) {
        self.path = path
        self.deleted = deleted
    }

    var description: String { deleted ? "-" + path : path }
}
