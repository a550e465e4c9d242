import AirlockProbe
import Foundation
import Testing

@Suite struct GitStateTests {
    func state(_ directory: String) throws -> GitState {
        guard
            case .measured(let state) = GitStateReader.read(directory: directory, deadline: .init(budget: .seconds(20)))
        else { throw TestFailure("not measured") }
        return state
    }

    @Test func dirtyUntrackedAndUnpushedAgainstABareRemote() throws {
        let repo = try TempRepository()
        defer { repo.remove() }
        try repo.write("a.txt", "one")
        try repo.write("b.txt", "two")
        try repo.commitAll()
        let bare = try repo.addBareRemote()
        #expect(try state(repo.root).isClean)
        #expect(try state(repo.root).unpushedCommits == 0)

        try repo.write("c.txt")
        try repo.commitAll("second")
        try repo.write("a.txt", "changed")
        try repo.write("new/untracked.txt")
        let measured = try state(repo.root + "/new")  // from a subdirectory too
        #expect(measured.topLevel == repo.root)
        #expect(measured.branch == "main")
        #expect(measured.upstream == "origin/main")
        #expect(measured.dirtyFiles == ["a.txt"])
        #expect(measured.untrackedFiles == ["new/untracked.txt"])
        #expect(measured.unpushedCommits == 1)
        #expect(measured.remotes == [GitState.Remote(name: "origin", url: bare)])
    }

    @Test func withoutUpstreamEveryCommitNoRemoteHasIsUnpushed() throws {
        let repo = try TempRepository()
        defer { repo.remove() }
        try repo.write("a.txt")
        try repo.commitAll()
        try repo.write("b.txt")
        try repo.commitAll()
        let measured = try state(repo.root)
        #expect(measured.upstream == nil)
        #expect(measured.unpushedCommits == 2)
        #expect(measured.remotes.isEmpty)
    }

    @Test func remoteCredentialsNeverSurvive() throws {
        let repo = try TempRepository()
        defer { repo.remove() }
        try repo.run("remote", "add", "origin", "https://bot:ghp_secret123@github.com/acme/app.git")
        let measured = try state(repo.root)
        #expect(measured.remotes == [GitState.Remote(name: "origin", url: "https://github.com/acme/app.git")])
    }

    @Test func aPlainDirectoryIsNotARepository() throws {
        let dir = try TempRepository(git: false)
        defer { dir.remove() }
        #expect(GitStateReader.read(directory: dir.root, deadline: .init(budget: .seconds(20))) == .notARepository)
    }

    @Test func anExhaustedBudgetIsNotMeasured() throws {
        let repo = try TempRepository()
        defer { repo.remove() }
        let outcome = GitStateReader.read(directory: repo.root, deadline: .init(budget: .zero))
        #expect(outcome == .notMeasured("not measured (budget <1 ms)"))
    }
}
