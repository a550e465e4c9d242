import AirlockCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Counts the files, bytes and git status of the paths and globs an action touches, within a
/// deadline: it walks without following symbolic links, checks the clock as it goes, and
/// reports "not measured" when the budget runs out rather than blocking the caller.
public enum PathProbe {
    public enum Outcome: Sendable, Equatable {
        case measured(PathCount)
        case notMeasured(String)
    }

    /// `patterns` are paths or globs, relative to `cwd` unless absolute; `workspace` is the
    /// repository top level (or the directory measured).
    public static func measure(
        _ patterns: [String], cwd: String, workspace: String, home: String?, deadline: Deadline
    ) -> Outcome {
        var count = PathCount()
        var walker = Walker(workspace: Self.normalised(workspace), deadline: deadline)
        var pathspecs: [String] = []
        for pattern in patterns {
            let absolute = PathClassifier.resolve(pattern, cwd: cwd, host: HostFacts(home: home))
            let (root, glob) = Self.split(absolute)
            if !Self.isUnder(root, walker.workspace) { count.outsideWorkspace.append(absolute) }
            let before = walker.count.files + walker.count.insideGitDirectory
            guard walker.walk(root: root, glob: glob) else {
                return .notMeasured("files: not measured (budget \(deadline.budgetText))")
            }
            if walker.count.files + walker.count.insideGitDirectory == before && !walker.rootExisted {
                count.missing.append(pattern)
            }
            if Self.isUnder(root, walker.workspace) { pathspecs.append(root) }
        }
        count.files = walker.count.files
        count.bytes = walker.count.bytes
        count.insideGitDirectory = walker.count.insideGitDirectory
        count.symlinksPointingOut = walker.count.symlinksPointingOut
        if !pathspecs.isEmpty, !walker.repositoryFiles.isEmpty {
            switch Self.gitCounts(walker.repositoryFiles, pathspecs: pathspecs, top: walker.workspace, deadline) {
            case .some(let (tracked, untracked)):
                count.tracked = tracked
                count.untracked = untracked
                count.ignored = walker.repositoryFiles.count - tracked - untracked
            case .none:
                break
            }
        } else if walker.repositoryFiles.isEmpty {
            count.tracked = 0
            count.untracked = 0
            count.ignored = 0
        }
        return .measured(count)
    }

    /// Tracked and untracked counts among `files` (workspace-relative), from the index
    /// (`git ls-files`) and git's own untracked listing (`--others --exclude-standard`), which is
    /// far cheaper than asking `git check-ignore` about each file. The rest are ignored.
    private static func gitCounts(
        _ files: Set<String>, pathspecs: [String], top: String, _ deadline: Deadline
    ) -> (Int, Int)? {
        let specs = pathspecs.map { Self.relative($0, to: top) }.map { $0.isEmpty ? "." : ":(literal)" + $0 }
        guard case .success(let trackedData) = Git.run(["ls-files", "-z", "--"] + specs, in: top, deadline: deadline),
            case .success(let untrackedData) = Git.run(
                ["ls-files", "-z", "--others", "--exclude-standard", "--"] + specs, in: top, deadline: deadline)
        else { return nil }
        let tracked = Git.records(trackedData).count { files.contains($0) }
        let untracked = Git.records(untrackedData).count { files.contains($0) }
        return (tracked, untracked)
    }

    /// The literal directory a glob starts from, and the glob below it (nil for a plain path).
    static func split(_ absolute: String) -> (root: String, glob: Glob?) {
        let parts = absolute.split(separator: "/", omittingEmptySubsequences: true)
        guard let magic = parts.firstIndex(where: { Glob.hasMagic(String($0)) }) else { return (absolute, nil) }
        let root = "/" + parts[..<magic].joined(separator: "/")
        return (root, Glob(parts[magic...].joined(separator: "/")))
    }

    static func normalised(_ path: String) -> String {
        path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    static func isUnder(_ path: String, _ root: String) -> Bool {
        path == root || path.hasPrefix(root == "/" ? "/" : root + "/")
    }

    static func relative(_ path: String, to root: String) -> String {
        path == root ? "" : String(path.dropFirst(root == "/" ? 1 : root.count + 1))
    }
}
