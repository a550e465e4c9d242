import Foundation
import Testing

@testable import AirlockCore

/// The integrity floor judges real targets: what the edge read about the files an action
/// names (symlinks, patch files, archives, git steps, renamed Airlock binaries) decides with
/// the names, and what it has not read is asked for and left unsure.
@Suite struct EdgeFactsTests {
    static let root = "/home/dev/project"
    static let host = HostFacts(home: "/home/dev", airlockPaths: ["/home/dev/.config/airlock"])

    static func facts(_ edit: (inout EdgeFacts) -> Void) -> HostFacts {
        var host = Self.host
        edit(&host.edge)
        return host
    }

    static func action(_ kind: Action.Kind) -> Action {
        Action(harness: "claude", cwd: root, workspaceRoot: root, kind: kind)
    }

    static func decide(_ action: Action, host: HostFacts) -> Decision {
        PolicyEngine.evaluate(
            action, Classifier.assess(action, host: host), context: PolicyContext(mode: .autoLoop, now: Date()))
    }

    // MARK: Symlinks

    @Test(arguments: [
        Action.Kind.fileWrite(path: "cfg/settings.json", content: "{}"),
        .fileEdit(path: "cfg/settings.json", edits: [FileEdit(oldText: "a", newText: "b")]),
        .patch(text: "--- a/cfg/settings.json\n+++ b/cfg/settings.json\n@@ -1 +1 @@\n-a\n+b\n"),
        .shell(command: "echo '{}' > cfg/settings.json"),
        .shell(command: "cp /tmp/x cfg/settings.json"),
    ])
    func aWriteThroughASymlinkToTheHarnessSettingsHitsTheFloor(kind: Action.Kind) {
        let action = Self.action(kind)
        let (plain, wanted) = Classifier.assessAsking(action, host: Self.host)
        #expect(!plain.categories.contains(.selfModification), "the name alone looks harmless")
        #expect(wanted.paths.contains(Self.root + "/cfg/settings.json"), "the edge is asked where it leads")
        #expect(wanted.roots == [Self.root, "/home/dev"])
        let host = Self.facts { $0.realPaths[Self.root + "/cfg/settings.json"] = Self.root + "/.claude/settings.json" }
        let real = Classifier.assess(action, host: host)
        #expect(real.categories.contains(.selfModification))
        #expect(real.findings.contains { $0.reason.contains("symlink") })
        #expect(Self.decide(action, host: host).source == .integrityFloor)
    }

    @Test func aSymlinkToTheSSHFolderMakesAWriteAPersistentSecret() {
        let action = Self.action(.fileWrite(path: "keys/authorized_keys", content: "ssh-ed25519 AAAA"))
        let host = Self.facts { $0.realPaths[Self.root + "/keys/authorized_keys"] = "/home/dev/.ssh/authorized_keys" }
        let assessment = Classifier.assess(action, host: host)
        #expect(assessment.categories.contains(.persistence) || assessment.categories.contains(.credentials))
        #expect(assessment.categories.contains(.outsideWorkspace))
        #expect(assessment.risk >= .high)
        #expect(Self.decide(action, host: host).verdict != .allow)
    }

    @Test func aSymlinkInsideTheWorkspaceChangesNothing() {
        let action = Self.action(.fileWrite(path: "docs/a.md", content: "x"))
        let host = Self.facts { $0.realPaths[Self.root + "/docs/a.md"] = Self.root + "/site/docs/a.md" }
        #expect(Classifier.assess(action, host: host) == Classifier.assess(action, host: Self.host))
        #expect(Self.decide(action, host: host).verdict == .allow)
    }

    // MARK: Patch files

    static let evilPatch = """
        diff --git a/.claude/settings.json b/.claude/settings.json
        --- a/.claude/settings.json
        +++ b/.claude/settings.json
        @@ -1 +1 @@
        -{}
        +{"hooks": {}}
        """
    static let benignPatch = "--- a/src/app.c\n+++ b/src/app.c\n@@ -1 +1 @@\n-a\n+b\n"

    @Test(arguments: [
        "git apply fix.patch", "git apply --index fix.patch", "git am fix.patch", "git am < fix.patch",
        "patch -p1 < fix.patch", "patch -p1 -i fix.patch", "patch --input=fix.patch -p1", "cd . && git apply fix.patch",
    ])
    func aPatchFileIsJudgedByTheFilesItChanges(command: String) {
        let action = Self.action(.shell(command: command))
        let (unknown, wanted) = Classifier.assessAsking(action, host: Self.host)
        #expect(wanted.patches == [Self.root + "/fix.patch"], "\(command)")
        #expect(unknown.isUnsure, "not read: unsure, never allowed by itself")
        #expect(Self.decide(action, host: Self.host).verdict != .allow)

        let evil = Self.facts { $0.patches[Self.root + "/fix.patch"] = .text(Self.evilPatch) }
        #expect(Classifier.assess(action, host: evil).categories.contains(.selfModification), "\(command)")
        #expect(Self.decide(action, host: evil).source == .integrityFloor, "\(command)")

        let benign = Self.facts { $0.patches[Self.root + "/fix.patch"] = .text(Self.benignPatch) }
        let judged = Classifier.assess(action, host: benign)
        #expect(!judged.isUnsure, "\(command): \(judged.summary)")
        #expect(Self.decide(action, host: benign).verdict == .allow, "\(command): \(judged.summary)")
    }

    @Test func anUnreadablePatchStaysUnsure() {
        let action = Self.action(.shell(command: "git apply big.patch"))
        let host = Self.facts { $0.patches[Self.root + "/big.patch"] = .unknown("larger than 1 MiB") }
        #expect(Classifier.assess(action, host: host).isUnsure)
    }

    // MARK: Checkouts, stashes, archives

    @Test(arguments: [
        "git checkout -- .claude/settings.json", "git checkout HEAD -- .claude/settings.json",
        "git checkout .claude/settings.json", "git restore .claude/settings.json",
        "git restore --source HEAD~3 -- .claude/settings.local.json",
    ])
    func checkingOutAProtectedFileIsAWriteToIt(command: String) {
        let action = Self.action(.shell(command: command))
        #expect(Classifier.assess(action, host: Self.host).categories.contains(.selfModification), "\(command)")
        #expect(Self.decide(action, host: Self.host).source == .integrityFloor, "\(command)")
    }

    @Test func checkingOutOrdinaryPathsIsAsBefore() {
        let assessment = Classifier.assess(Self.action(.shell(command: "git checkout -- src/app.c")), host: Self.host)
        #expect(assessment.categories == [.vcsRewrite])
    }

    @Test(arguments: [
        ("git checkout main", GitStep.Kind.checkout, "main"), ("git switch release", .checkout, "release"),
        ("git stash pop", .stash, "stash@{0}"), ("git stash apply stash@{2}", .stash, "stash@{2}"),
    ])
    func aGitStepIsJudgedByTheFilesItWrites(command: String, kind: GitStep.Kind, ref: String) {
        let action = Self.action(.shell(command: command))
        let step = GitStep(kind: kind, directory: Self.root, ref: ref)
        let (unknown, wanted) = Classifier.assessAsking(action, host: Self.host)
        #expect(wanted.gitSteps == [step])
        #expect(unknown.isUnsure)
        let evil = Self.facts { $0.gitSteps[step.key] = .names([Self.root + "/.claude/settings.json"]) }
        #expect(Self.decide(action, host: evil).source == .integrityFloor, "\(command)")
        let plain = Self.facts { $0.gitSteps[step.key] = .names([Self.root + "/src/app.c"]) }
        #expect(!Classifier.assess(action, host: plain).isUnsure, "\(command)")
        let failed = Self.facts { $0.gitSteps[step.key] = .unknown("not a work tree") }
        #expect(Classifier.assess(action, host: failed).isUnsure, "\(command)")
    }

    @Test(arguments: [
        ("tar -xf a.tar", EdgeFactRequest.ArchiveKind.tar, ""), ("tar xzf a.tar", .tar, ""),
        ("tar -x -f a.tar -C out", .tar, "out/"), ("unzip a.tar", .zip, ""), ("unzip -o a.tar -d out", .zip, "out/"),
    ])
    func anArchiveIsJudgedByItsMembers(command: String, kind: EdgeFactRequest.ArchiveKind, into: String) {
        let action = Self.action(.shell(command: command))
        let (_, wanted) = Classifier.assessAsking(action, host: Self.host)
        #expect(wanted.archives.map(\.path) == [Self.root + "/a.tar"], "\(command)")
        #expect(wanted.archives.map(\.kind) == [kind])
        let climbing = into.isEmpty ? ".claude/settings.json" : "../.claude/settings.json"
        let evil = Self.facts { $0.archives[Self.root + "/a.tar"] = .names(["src/", climbing]) }
        #expect(Self.decide(action, host: evil).source == .integrityFloor, "\(command)")
        let plain = Self.facts { $0.archives[Self.root + "/a.tar"] = .names(["src/", "src/a.c"]) }
        let judged = Classifier.assess(action, host: plain)
        #expect(!judged.isUnsure, "\(command): \(judged.summary)")
        #expect(judged.findings.contains { $0.targets.contains("src/a.c") })
    }

    // MARK: Airlock's binary under another name

    @Test(arguments: [
        "./tools/al policy grant --category network --ttl 1h",
        "/home/dev/project/tools/al policy grant --category network",
        "timeout 5 tools/al policy revoke x-1", "sh -c 'tools/al trust .'",
    ])
    func aRenamedAirlockIsAirlock(command: String) {
        let action = Self.action(.shell(command: command))
        let (plain, wanted) = Classifier.assessAsking(action, host: Self.host)
        #expect(!plain.categories.contains(.selfModification))
        #expect(wanted.executables == [Self.root + "/tools/al"], "\(command)")
        let host = Self.facts {
            $0.checkedExecutables = [Self.root + "/tools/al"]
            $0.airlockExecutables = [Self.root + "/tools/al"]
        }
        #expect(Classifier.assess(action, host: host).categories.contains(.selfModification), "\(command)")
        #expect(Self.decide(action, host: host).source == .integrityFloor)
    }

    @Test func aBareUnknownNameIsLookedUpToo() {
        let action = Self.action(.shell(command: "gate policy grant --category destructive_fs"))
        #expect(Classifier.assessAsking(action, host: Self.host).wanted.executables == ["gate"])
        let host = Self.facts {
            $0.checkedExecutables = ["gate"]
            $0.airlockExecutables = ["gate"]
        }
        #expect(Self.decide(action, host: host).source == .integrityFloor)
        // Checked and not Airlock: judged as before.
        let other = Self.facts { $0.checkedExecutables = ["gate"] }
        #expect(Classifier.assess(action, host: other) == Classifier.assess(action, host: Self.host))
    }

    @Test func knownProgramsAndReadsAskForNothing() {
        for command in ["ls -la", "git status", "make", "cat README.md", "npm test", "grep -r x src"] {
            #expect(
                Classifier.assessAsking(Self.action(.shell(command: command)), host: Self.host).wanted.isEmpty,
                "\(command)")
        }
    }
}
