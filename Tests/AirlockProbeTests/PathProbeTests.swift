import AirlockProbe
import Foundation
import Testing

@Suite struct PathProbeTests {
    let generous = Duration.seconds(20)

    func measured(_ outcome: PathProbe.Outcome) throws -> PathCount {
        guard case .measured(let count) = outcome else { throw TestFailure("not measured: \(outcome)") }
        return count
    }

    @Test func countsTrackedUntrackedAndIgnoredFiles() throws {
        let repo = try TempRepository()
        defer { repo.remove() }
        try repo.write(".gitignore", "*.o\n")
        try repo.write("build/a.txt", "aaaa")
        try repo.write("build/b.txt", "bb")
        try repo.commitAll()
        try repo.write("build/new.txt", "new")
        try repo.write("build/x.o", "objec")
        try repo.write("build/deep/y.o", "o")
        let count = try measured(
            PathProbe.measure(
                ["build"], cwd: repo.root, workspace: repo.root, home: nil, deadline: .init(budget: generous)))
        #expect(count.files == 5)
        #expect(count.bytes == 4 + 2 + 3 + 5 + 1)
        #expect(count.tracked == 2)
        #expect(count.untracked == 1)
        #expect(count.ignored == 2)
        #expect(count.unrecoverable == 3)
        #expect(count.outsideWorkspace.isEmpty)
    }

    @Test func globsCountOnlyWhatMatches() throws {
        let repo = try TempRepository()
        defer { repo.remove() }
        try repo.write("src/a.swift")
        try repo.write("src/deep/b.swift")
        try repo.write("src/deep/c.md")
        try repo.write("top.swift")
        try repo.commitAll()
        let all = try measured(
            PathProbe.measure(
                ["src/**"], cwd: repo.root, workspace: repo.root, home: nil, deadline: .init(budget: generous)))
        #expect(all.files == 3)
        #expect(all.tracked == 3)
        let swift = try measured(
            PathProbe.measure(
                ["src/**/*.swift"], cwd: repo.root, workspace: repo.root, home: nil, deadline: .init(budget: generous)))
        #expect(swift.files == 2)
        let shallow = try measured(
            PathProbe.measure(
                ["*.swift"], cwd: repo.root, workspace: repo.root, home: nil, deadline: .init(budget: generous)))
        #expect(shallow.files == 1)
    }

    @Test func pathsOutsideTheWorkspaceAndInsideGitAreNamed() throws {
        let repo = try TempRepository()
        let outside = try TempRepository(git: false)
        defer {
            repo.remove()
            outside.remove()
        }
        try repo.write("a.txt")
        try repo.commitAll()
        try outside.write("elsewhere.txt")
        let count = try measured(
            PathProbe.measure(
                [outside.root, "."], cwd: repo.root, workspace: repo.root, home: nil, deadline: .init(budget: generous))
        )
        #expect(count.outsideWorkspace == [outside.root])
        #expect(count.insideGitDirectory > 0)  // `.` includes the history
        #expect(count.files == 2)
    }

    @Test func symlinksPointingOutAreReportedAndNotFollowed() throws {
        let repo = try TempRepository()
        let outside = try TempRepository(git: false)
        defer {
            repo.remove()
            outside.remove()
        }
        try outside.write("secret/one.txt")
        try outside.write("secret/two.txt")
        try repo.write("dir/inside.txt")
        try FileManager.default.createSymbolicLink(
            atPath: repo.root + "/dir/escape", withDestinationPath: outside.root + "/secret")
        let count = try measured(
            PathProbe.measure(
                ["dir"], cwd: repo.root, workspace: repo.root, home: nil, deadline: .init(budget: generous)))
        #expect(count.files == 2)  // the file and the link itself, not the two files behind it
        #expect(count.symlinksPointingOut == ["dir/escape → \(outside.root)/secret"])
    }

    @Test func aHugeDirectoryIsCutOffByTheBudget() throws {
        let repo = try TempRepository(git: false)
        defer { repo.remove() }
        for index in 0..<600 { try repo.write("huge/d\(index % 6)/f\(index)") }
        let outcome = PathProbe.measure(
            ["huge"], cwd: repo.root, workspace: repo.root, home: nil, deadline: .init(budget: .nanoseconds(1)))
        #expect(outcome == .notMeasured("files: not measured (budget <1 ms)"))
        let full = try measured(
            PathProbe.measure(
                ["huge"], cwd: repo.root, workspace: repo.root, home: nil, deadline: .init(budget: generous)))
        #expect(full.files == 600)
    }

    @Test func missingPathsAreListed() throws {
        let repo = try TempRepository(git: false)
        defer { repo.remove() }
        let count = try measured(
            PathProbe.measure(
                ["nope"], cwd: repo.root, workspace: repo.root, home: nil, deadline: .init(budget: generous)))
        #expect(count.files == 0)
        #expect(count.missing == ["nope"])
    }
}
