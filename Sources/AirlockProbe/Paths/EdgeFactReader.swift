import AirlockCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads what the classifier asked to know about the files an action names (`EdgeFactRequest`):
/// where paths lead through existing symlinks, patch files, archive members, the files a git
/// step writes, and whether a program is Airlock's own executable by content. Blocking and
/// bounded (sizes, counts, one deadline): the broker runs it off its event loop. Whatever it
/// cannot read is left out or marked unknown, which the classifier treats as unsure.
public struct EdgeFactReader: Sendable {
    /// Airlock's installed executables (the running broker's own, `airlock` on the search path),
    /// compared by content with programs an action runs: a renamed copy is still Airlock.
    public var airlockExecutables: [String]
    /// Where bare program names are looked up.
    public var searchPath: [String]
    public var budget: Duration

    /// Patch files larger than this are not read.
    public static let patchLimit = 1 << 20
    /// Archives or git steps listing more names than this stay unknown.
    public static let nameLimit = 10_000

    public init(airlockExecutables: [String], searchPath: [String], budget: Duration = .seconds(2)) {
        self.airlockExecutables = airlockExecutables.compactMap { Self.realPath($0) }
        self.searchPath = searchPath
        self.budget = budget
    }

    /// The running executable and `airlock` on the search path, from the process's environment.
    public static func forThisProcess() -> EdgeFactReader {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(
            String.init)
        var executables = ["/proc/self/exe"]
        executables += path.map { $0 + "/airlock" }.filter { FileManager.default.isExecutableFile(atPath: $0) }
        if let own = CommandLine.arguments.first, own.hasSuffix("/airlock") { executables.append(own) }
        return EdgeFactReader(airlockExecutables: executables, searchPath: path)
    }

    /// The executables and the hook binary beside each: writing one is self-modification.
    public var installedFiles: [String] {
        let hooks = airlockExecutables.map {
            "/" + $0.split(separator: "/").dropLast().joined(separator: "/") + "/airlock-hook"
        }
        return Array(Set(airlockExecutables + hooks)).sorted()
    }

    public func read(_ request: EdgeFactRequest) -> EdgeFacts {
        let deadline = Deadline(budget: budget)
        var facts = EdgeFacts()
        // Roots reached through a symlink are seen as written: only links below them redirect.
        let roots = request.roots.compactMap { root in Self.realPath(root).map { (root, $0) } }.filter { $0.0 != $0.1 }
        for path in request.paths {
            guard var real = Self.followingSymlinks(path) else { continue }
            if let (root, realRoot) = roots.first(where: { real == $0.1 || real.hasPrefix($0.1 + "/") }) {
                real = root + real.dropFirst(realRoot.count)
            }
            if real != path { facts.realPaths[path] = real }
        }
        for path in request.patches { facts.patches[path] = Self.patch(path) }
        for archive in request.archives {
            facts.archives[archive.path] = Self.members(archive.path, kind: archive.kind, deadline: deadline)
        }
        for step in request.gitSteps { facts.gitSteps[step.key] = Self.written(by: step, deadline: deadline) }
        let sizes = Set(airlockExecutables.compactMap(Self.size))
        for word in request.executables {
            facts.checkedExecutables.insert(word)
            guard let file = locate(word), let size = Self.size(file), sizes.contains(size) else { continue }
            if airlockExecutables.contains(where: { Self.sameContent($0, file) }) {
                facts.airlockExecutables.insert(word)
            }
        }
        return facts
    }

    // MARK: Symlinks

    /// `path` with every symlink in it followed, as far as it exists; nil when nothing exists.
    static func followingSymlinks(_ path: String) -> String? {
        var existing = path
        var rest: [Substring] = []
        while !existing.isEmpty, existing != "/" {
            if let real = realPath(existing) {
                return rest.isEmpty ? real : (real == "/" ? "" : real) + "/" + rest.reversed().joined(separator: "/")
            }
            guard let slash = existing.lastIndex(of: "/") else { return nil }
            rest.append(existing[existing.index(after: slash)...])
            existing = slash == existing.startIndex ? "/" : String(existing[..<slash])
        }
        return nil
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = Glibc.realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    // MARK: Files

    static func patch(_ path: String) -> EdgeFacts.Content {
        guard let size = size(path) else { return .unknown("\(path) cannot be read") }
        guard size <= patchLimit else { return .unknown("\(path) is larger than \(patchLimit) bytes") }
        guard let data = FileManager.default.contents(atPath: path) else { return .unknown("\(path) cannot be read") }
        return .text(String(decoding: data, as: UTF8.self))
    }

    static func size(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    static func sameContent(_ first: String, _ second: String) -> Bool {
        guard let a = FileHandle(forReadingAtPath: first), let b = FileHandle(forReadingAtPath: second) else {
            return false
        }
        defer {
            try? a.close()
            try? b.close()
        }
        while true {
            let left = (try? a.read(upToCount: 1 << 20)) ?? nil
            let right = (try? b.read(upToCount: 1 << 20)) ?? nil
            if left != right { return false }
            if left?.isEmpty ?? true { return true }
        }
    }

    /// A program word as the shell would find it: a path as is, a bare name on the search path.
    func locate(_ word: String) -> String? {
        if word.contains("/") { return word }
        return searchPath.map { $0 + "/" + word }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    // MARK: Programs that list

    static func members(_ path: String, kind: EdgeFactRequest.ArchiveKind, deadline: Deadline) -> EdgeFacts.Listing {
        guard size(path) != nil else { return .unknown("\(path) cannot be read") }
        let (program, arguments) = kind == .tar ? ("tar", ["-tf", path]) : ("unzip", ["-Z1", path])
        guard
            let executable = ["/usr/bin/", "/bin/"].map({ $0 + program }).first(
                where: FileManager.default.isExecutableFile)
        else { return .unknown("\(program) is not installed") }
        switch Subprocess.run(executable, arguments, directory: nil, deadline: deadline) {
        case .exited(0, let output):
            let names = String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
            return names.count <= nameLimit ? .names(names) : .unknown("\(path) holds more than \(nameLimit) files")
        case .exited(let status, _): return .unknown("\(program) could not list \(path) (exit \(status))")
        case .timedOut: return .unknown("listing \(path) took too long")
        case .failedToStart(let why): return .unknown(why)
        }
    }

    /// Absolute paths of the files a branch switch or a stash writes.
    static func written(by step: GitStep, deadline: Deadline) -> EdgeFacts.Listing {
        // A ref that looks like an option is never handed to git.
        guard !step.ref.hasPrefix("-"), !step.ref.isEmpty else { return .unknown("\(step.ref) is not a ref") }
        let safety = ["-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null"]
        let top: String
        switch Git.run(safety + ["rev-parse", "--show-toplevel"], in: step.directory, deadline: deadline) {
        case .success(let output):
            top = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        case .failure(let failure): return .unknown("not a git work tree here (\(failure))")
        }
        let arguments =
            step.kind == .checkout
            ? ["diff", "--no-ext-diff", "--no-textconv", "--name-only", "-z", "HEAD", step.ref, "--"]
            : ["stash", "show", "--include-untracked", "--name-only", "-z", step.ref]
        switch Git.run(safety + arguments, in: step.directory, deadline: deadline) {
        case .success(let output):
            let names = Git.records(output)
            return names.count <= nameLimit
                ? .names(names.map { top + "/" + $0 }) : .unknown("more than \(nameLimit) files")
        case .failure(let failure): return .unknown("git could not list the files (\(failure))")
        }
    }
}
