#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A depth-first directory walk with `lstat` (links are never followed) that checks its
/// deadline every few entries.
struct Walker {
    struct Tally {
        var files = 0
        var bytes: Int64 = 0
        var insideGitDirectory = 0
        var symlinksPointingOut: [String] = []
    }

    let workspace: String
    let deadline: Deadline
    var count = Tally()
    /// Workspace-relative paths of regular files and links outside `.git`, for the git counts.
    var repositoryFiles: Set<String> = []
    /// Whether the last walked root existed.
    var rootExisted = false
    private var sinceCheck = 0

    init(workspace: String, deadline: Deadline) {
        self.workspace = workspace
        self.deadline = deadline
    }

    /// Walks `root` (all of it, or what `glob` matches below it); false when the deadline passed.
    mutating func walk(root: String, glob: Glob?) -> Bool {
        var info = stat()
        rootExisted = lstat(root, &info) == 0
        guard rootExisted else { return !deadline.isPast }
        return visit(root, info: info, below: [], glob: glob, inGit: Self.isInGit(root))
    }

    private mutating func visit(_ path: String, info: stat, below: [Substring], glob: Glob?, inGit: Bool) -> Bool {
        sinceCheck += 1
        if sinceCheck >= 64 {
            sinceCheck = 0
            if deadline.isPast { return false }
        }
        let type = info.st_mode & S_IFMT
        if type == S_IFDIR {
            guard let directory = opendir(path) else { return true }
            defer { closedir(directory) }
            // Entries are stat-ed relative to the open directory: no path lookup from / each time.
            let descriptor = dirfd(directory)
            while let entry = readdir(directory) {
                let name = Self.name(of: entry)
                if name == "." || name == ".." { continue }
                let child = path == "/" ? "/" + name : path + "/" + name
                var childInfo = stat()
                guard fstatat(descriptor, name, &childInfo, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
                let segments = below + [Substring(name)]
                let childIsDirectory = childInfo.st_mode & S_IFMT == S_IFDIR
                // With a glob, descend into every directory (`**` may match deeper) but count only
                // what matches; everything below a matching directory counts.
                var childGlob = glob
                if let glob {
                    let matched = glob.matches(segments)
                    if !childIsDirectory && !matched { continue }
                    if matched { childGlob = nil }
                }
                guard visit(child, info: childInfo, below: segments, glob: childGlob, inGit: inGit || name == ".git")
                else { return false }
            }
            return true
        }
        if glob != nil { return true }  // a file root under a glob matches nothing
        tally(path, info: info, inGit: inGit)
        return true
    }

    private mutating func tally(_ path: String, info: stat, inGit: Bool) {
        if inGit {
            count.insideGitDirectory += 1
            return
        }
        count.files += 1
        let type = info.st_mode & S_IFMT
        if type == S_IFREG { count.bytes += Int64(info.st_size) }
        if PathProbe.isUnder(path, workspace) { repositoryFiles.insert(PathProbe.relative(path, to: workspace)) }
        if type == S_IFLNK, let target = Self.resolvedLink(path), !PathProbe.isUnder(target, workspace) {
            count.symlinksPointingOut.append(PathProbe.relative(path, to: workspace) + " → " + target)
        }
    }

    /// Where a link finally points (or its literal target when that does not exist).
    private static func resolvedLink(_ path: String) -> String? {
        if let real = realpath(path, nil) {
            defer { free(real) }
            return String(cString: real)
        }
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink(path, &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        let target = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if target.hasPrefix("/") { return target }
        let directory = path.split(separator: "/").dropLast().joined(separator: "/")
        return "/" + directory + "/" + target
    }

    /// A directory entry's name (`d_name` is a fixed-size C array).
    static func name(of entry: UnsafeMutablePointer<dirent>) -> String {
        withUnsafeBytes(of: entry.pointee.d_name) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
    }

    private static func isInGit(_ path: String) -> Bool {
        path.split(separator: "/").contains(".git")
    }
}
