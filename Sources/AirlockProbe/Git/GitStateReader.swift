import Foundation

/// Reads `GitState` with at most three `git` runs, all sharing one deadline.
public enum GitStateReader {
    public enum Outcome: Sendable, Equatable {
        case measured(GitState)
        case notARepository
        case notMeasured(String)
    }

    public static func read(directory: String, deadline: Deadline) -> Outcome {
        let top: String
        switch Git.topLevel(of: directory, deadline: deadline) {
        case .success(nil): return .notARepository
        case .success(let found?): top = found
        case .failure(let failure): return .notMeasured(describe(failure, deadline))
        }
        let status: Data
        switch Git.run(
            ["status", "--porcelain=v2", "--branch", "-z", "--untracked-files=all"], in: top, deadline: deadline)
        {
        case .success(let data): status = data
        case .failure(let failure): return .notMeasured(describe(failure, deadline))
        }
        var state = parseStatus(status, topLevel: top)
        let remoteData: Data
        switch Git.run(["config", "--get-regexp", "^remote\\..*\\.url$"], in: top, deadline: deadline) {
        case .success(let data): remoteData = data
        case .failure(.failed): remoteData = Data()  // exits 1 when there is no remote
        case .failure(let failure): return .notMeasured(describe(failure, deadline))
        }
        state.remotes = parseRemotes(String(decoding: remoteData, as: UTF8.self))
        // Without an upstream, "unpushed" means reachable from HEAD but from no remote branch.
        if state.upstream == nil {
            switch Git.run(["rev-list", "--count", "HEAD", "--not", "--remotes"], in: top, deadline: deadline) {
            case .success(let data):
                state.unpushedCommits =
                    Int(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
            case .failure(.failed): state.unpushedCommits = 0  // no commits yet
            case .failure(let failure): return .notMeasured(describe(failure, deadline))
            }
        }
        return .measured(state)
    }

    static func describe(_ failure: Git.Failure, _ deadline: Deadline) -> String {
        switch failure {
        case .notInstalled: "git is not installed"
        case .timedOut: "not measured (budget \(deadline.budgetText))"
        case .failed(let why): why
        }
    }

    /// Parses `git status --porcelain=v2 --branch -z` (git-status(1), "Porcelain Format Version 2").
    static func parseStatus(_ data: Data, topLevel: String) -> GitState {
        var state = GitState(topLevel: topLevel)
        let records = Git.records(data)
        var index = 0
        while index < records.count {
            let record = records[index]
            index += 1
            if record.hasPrefix("# branch.head ") {
                let head = String(record.dropFirst("# branch.head ".count))
                state.branch = head == "(detached)" ? nil : head
            } else if record.hasPrefix("# branch.upstream ") {
                state.upstream = String(record.dropFirst("# branch.upstream ".count))
            } else if record.hasPrefix("# branch.ab ") {
                // "+<ahead> -<behind>"
                let fields = record.split(separator: " ")
                if fields.count >= 3, let ahead = Int(fields[2].dropFirst()) { state.unpushedCommits = ahead }
            } else if record.hasPrefix("1 ") {
                state.dirtyFiles.append(path(record, fields: 9))
            } else if record.hasPrefix("2 ") {
                state.dirtyFiles.append(path(record, fields: 10))
                index += 1  // the rename's original path follows as its own record
            } else if record.hasPrefix("u ") {
                state.dirtyFiles.append(path(record, fields: 11))
            } else if record.hasPrefix("? ") {
                state.untrackedFiles.append(String(record.dropFirst(2)))
            }
        }
        return state
    }

    /// The path after the first `fields - 1` space-separated fields (paths may hold spaces).
    private static func path(_ record: String, fields: Int) -> String {
        let parts = record.split(separator: " ", maxSplits: fields - 1, omittingEmptySubsequences: false)
        return parts.count == fields ? String(parts[fields - 1]) : record
    }

    /// `remote.<name>.url <url>` lines, with any `user:password@` removed from the URLs.
    static func parseRemotes(_ text: String) -> [GitState.Remote] {
        text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].hasPrefix("remote."), parts[0].hasSuffix(".url") else { return nil }
            let name = parts[0].dropFirst("remote.".count).dropLast(".url".count)
            return GitState.Remote(name: String(name), url: URLText.withoutCredentials(String(parts[1])))
        }
    }
}
