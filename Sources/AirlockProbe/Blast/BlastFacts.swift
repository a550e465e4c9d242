import AirlockCore

/// The one-line facts a reviewer reads, and the blast radius they support. Pure.
enum BlastFacts {
    static func lines(for count: PathCount) -> [String] {
        var line = "\(grouped(count.files)) file\(count.files == 1 ? "" : "s") · \(bytes(count.bytes))"
        if let tracked = count.tracked, let untracked = count.untracked, let ignored = count.ignored {
            line += " · \(grouped(tracked)) tracked"
            if untracked + ignored > 0 {
                line += " · \(grouped(untracked)) untracked, \(grouped(ignored)) ignored (lost)"
            }
        }
        var lines = [line]
        if count.insideGitDirectory > 0 {
            lines.append("\(grouped(count.insideGitDirectory)) files inside .git (history)")
        }
        for path in count.outsideWorkspace.prefix(3) { lines.append("outside the workspace: \(path)") }
        for link in count.symlinksPointingOut.prefix(3) { lines.append("symlink points out: \(link)") }
        if !count.missing.isEmpty { lines.append("no such file: " + count.missing.prefix(3).joined(separator: ", ")) }
        return lines
    }

    static func radius(for count: PathCount) -> BlastRadius {
        if !count.outsideWorkspace.isEmpty || !count.symlinksPointingOut.isEmpty { return .machine }
        if (count.unrecoverable ?? 0) > 0 || count.insideGitDirectory > 0 { return .workspaceUnrecoverable }
        return count.files > 0 ? .workspace : .none
    }

    static func lines(for state: GitState) -> [String] {
        var lines: [String] = []
        if !state.dirtyFiles.isEmpty {
            lines.append("\(grouped(state.dirtyFiles.count)) changed tracked files (lost by reset --hard / checkout)")
        }
        if !state.untrackedFiles.isEmpty {
            lines.append("\(grouped(state.untrackedFiles.count)) untracked files (lost by clean -fd)")
        }
        if state.unpushedCommits > 0 {
            let branch = state.branch.map { " on \($0)" } ?? ""
            lines.append("\(state.unpushedCommits) unpushed commit\(state.unpushedCommits == 1 ? "" : "s")\(branch)")
        }
        if state.isClean && state.unpushedCommits == 0 { lines.append("git clean, nothing unpushed") }
        if let remote = state.remotes.first {
            lines.append("remote \(remote.name) \(remote.url)")
        } else {
            lines.append("no remote")
        }
        return lines
    }

    static func lines(for targets: DeployTargets) -> [String] {
        var lines: [String] = []
        if let kube = targets.kubeContext {
            lines.append("kube context \(kube.name) (namespace \(kube.namespace ?? "default"))")
        }
        if let workspace = targets.terraformWorkspace { lines.append("terraform workspace \(workspace)") }
        for db in targets.databaseHosts.prefix(4) { lines.append("database host \(db.host) (\(db.source))") }
        return lines
    }

    /// 1234567 → "1,234,567".
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }

    /// Bytes in B/KB/MB/GB (powers of 1024), one decimal below 10.
    static func bytes(_ count: Int64) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(count)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        if unit == 0 { return "\(count) B" }
        let rounded = value < 10 ? (value * 10).rounded() / 10 : value.rounded()
        let text = value < 10 ? String(rounded) : String(Int(rounded))
        return text + " " + units[unit]
    }
}
