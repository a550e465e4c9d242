import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockProbe

/// The edge reads what the classifier asked about, from a real file system and real `git`,
/// `tar` and `unzip`; what it cannot read stays unknown.
@Suite struct EdgeFactReaderTests {
    final class Folder {
        let path = "/tmp/airlock-edge-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        init() throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        func write(_ name: String, _ text: String) throws {
            let file = path + "/" + name
            try FileManager.default.createDirectory(
                atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: file, atomically: true, encoding: .utf8)
        }
        func run(_ argv: [String]) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = argv
            process.currentDirectoryURL = URL(fileURLWithPath: path)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    static let reader = EdgeFactReader(airlockExecutables: [], searchPath: [])

    @Test func pathsAreFollowedThroughSymlinksAsFarAsTheyExist() throws {
        let folder = try Folder()
        try folder.write(".claude/settings.json", "{}")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/cfg", withDestinationPath: ".claude")
        var request = EdgeFactRequest()
        request.add(path: folder.path + "/cfg/settings.json")
        request.add(path: folder.path + "/cfg/new/file.json")
        request.add(path: folder.path + "/src/plain.c")
        let facts = Self.reader.read(request)
        #expect(facts.realPaths[folder.path + "/cfg/settings.json"] == folder.path + "/.claude/settings.json")
        #expect(facts.realPaths[folder.path + "/cfg/new/file.json"] == folder.path + "/.claude/new/file.json")
        #expect(facts.realPaths[folder.path + "/src/plain.c"] == nil, "no symlink: nothing to say")
    }

    @Test func aWorkspaceReachedThroughASymlinkIsSeenAsWritten() throws {
        let folder = try Folder()
        try folder.write("real/.claude/settings.json", "{}")
        try folder.write("real/src/a.c", "x")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/ws", withDestinationPath: "real")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/real/cfg", withDestinationPath: ".claude")
        var request = EdgeFactRequest()
        request.roots = [folder.path + "/ws"]
        request.add(path: folder.path + "/ws/src/a.c")
        request.add(path: folder.path + "/ws/cfg/settings.json")
        let facts = Self.reader.read(request)
        #expect(facts.realPaths[folder.path + "/ws/src/a.c"] == nil, "the root's own link redirects nothing")
        #expect(facts.realPaths[folder.path + "/ws/cfg/settings.json"] == folder.path + "/ws/.claude/settings.json")
    }

    @Test func patchFilesAreReadWithinTheirBound() throws {
        let folder = try Folder()
        try folder.write("fix.patch", "--- a/x\n+++ b/x\n")
        try folder.write("big.patch", String(repeating: "+", count: EdgeFactReader.patchLimit + 1))
        var request = EdgeFactRequest()
        for name in ["fix.patch", "big.patch", "missing.patch"] { request.add(patch: folder.path + "/" + name) }
        let facts = Self.reader.read(request)
        #expect(facts.patches[folder.path + "/fix.patch"] == .text("--- a/x\n+++ b/x\n"))
        guard case .unknown? = facts.patches[folder.path + "/big.patch"] else { Issue.record("big read"); return }
        guard case .unknown? = facts.patches[folder.path + "/missing.patch"] else { Issue.record("missing"); return }
    }

    @Test func archivesAreListed() throws {
        let folder = try Folder()
        try folder.write("src/.claude/settings.json", "{}")
        try folder.write("src/a.c", "x")
        try folder.run(["tar", "-cf", "a.tar", "-C", "src", "."])
        try folder.run([
            "python3", "-c",
            "import zipfile; z = zipfile.ZipFile('a.zip', 'w'); z.writestr('../escape.txt', 'x'); z.close()",
        ])
        var request = EdgeFactRequest()
        request.add(archive: folder.path + "/a.tar", kind: .tar)
        request.add(archive: folder.path + "/a.zip", kind: .zip)
        request.add(archive: folder.path + "/none.tar", kind: .tar)
        let facts = Self.reader.read(request)
        guard case .names(let names)? = facts.archives[folder.path + "/a.tar"] else { Issue.record("tar"); return }
        #expect(names.contains("./.claude/settings.json"))
        #expect(facts.archives[folder.path + "/a.zip"] == .names(["../escape.txt"]))
        guard case .unknown? = facts.archives[folder.path + "/none.tar"] else { Issue.record("none"); return }
    }

    @Test func gitStepsListTheFilesTheyWrite() throws {
        let folder = try Folder()
        let git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
        try folder.run(["git", "init", "-q", "-b", "main"])
        try folder.write("a.c", "1")
        try folder.run(git + ["add", "."])
        try folder.run(git + ["commit", "-qm", "one"])
        try folder.run(git + ["checkout", "-qb", "evil"])
        try folder.write(".claude/settings.json", "{}")
        try folder.run(git + ["add", "."])
        try folder.run(git + ["commit", "-qm", "two"])
        try folder.run(git + ["checkout", "-q", "main"])
        try folder.write("a.c", "2")
        try folder.run(git + ["stash", "-q"])
        var request = EdgeFactRequest()
        let checkout = GitStep(kind: .checkout, directory: folder.path, ref: "evil")
        let stash = GitStep(kind: .stash, directory: folder.path, ref: "stash@{0}")
        let option = GitStep(kind: .checkout, directory: folder.path, ref: "--output=/tmp/x")
        for step in [checkout, stash, option] { request.add(step) }
        let facts = Self.reader.read(request)
        let top = Folder.realPath(folder.path)
        #expect(facts.gitSteps[checkout.key] == .names([top + "/.claude/settings.json"]))
        #expect(facts.gitSteps[stash.key] == .names([top + "/a.c"]))
        guard case .unknown? = facts.gitSteps[option.key] else { Issue.record("an option was handed to git"); return }
    }

    @Test func airlockIsRecognisedByContentUnderAnyName() throws {
        let folder = try Folder()
        try folder.write("airlock", "the real airlock binary")
        try folder.write("tools/al", "the real airlock binary")
        try folder.write("tools/other", "not the airlock binary!")
        try folder.run(["chmod", "+x", "tools/al", "tools/other"])
        let reader = EdgeFactReader(
            airlockExecutables: [folder.path + "/airlock"], searchPath: [folder.path + "/tools"])
        var request = EdgeFactRequest()
        for word in [folder.path + "/tools/al", folder.path + "/tools/other", "al", "other", "missing"] {
            request.add(executable: word)
        }
        let facts = reader.read(request)
        #expect(facts.airlockExecutables == [folder.path + "/tools/al", "al"])
        #expect(facts.checkedExecutables.count == 5)
        #expect(reader.installedFiles.contains(folder.path + "/airlock-hook"))
    }
}

extension EdgeFactReaderTests.Folder {
    static func realPath(_ path: String) -> String { EdgeFactReader.realPath(path) ?? path }
}
