/// Steps whose targets only the file system knows — a patch file applied, an archive unpacked,
/// a branch checked out, a stash popped — judged by the files they write when the edge has
/// read them (`EdgeFacts`), else asked for (`ShellAnalyzer.wanted`) and left unsure by the caller.
enum EdgeTargets {
    /// How many written files are judged one by one; past it the step stays unsure.
    static let fileLimit = 256

    /// The files a patch file changes, relative to `base`; nil when not known here.
    static func patchFile(
        _ file: String, via tool: String, base: String?, analyzer: inout ShellAnalyzer
    ) -> [Finding]? {
        let context = analyzer.current
        guard let path = absolute(file, context: context) else { return nil }
        switch context.host.edge.patches[path] {
        case .text(let text)?:
            let targets = FileActionClassifier.patchTargets(text)
            guard !targets.isEmpty else { return nil }
            return writes(targets, via: tool, base: base, context: context)
        case .unknown?:
            return nil
        case nil:
            analyzer.wanted.add(patch: path)
            return nil
        }
    }

    /// The files unpacking an archive writes into `directory` (else the working directory).
    static func archive(
        _ file: String?, kind: EdgeFactRequest.ArchiveKind, via tool: String, into directory: String?,
        analyzer: inout ShellAnalyzer
    ) -> [Finding]? {
        let context = analyzer.current
        guard let file, file != "-", let path = absolute(file, context: context) else { return nil }
        switch context.host.edge.archives[path] {
        case .names(let names)?:
            let base = directory.map { PathClassifier.resolve($0, cwd: context.cwd, host: context.host) } ?? context.cwd
            let targets = names.map { (path: relativeMember($0), isDeletion: false) }.filter { !$0.path.isEmpty }
            guard !targets.isEmpty else { return [.read("\(tool) unpacks an empty archive", rule: "archive.extract")] }
            return writes(targets, via: tool, base: base, context: context)
        case .unknown?:
            return nil
        case nil:
            analyzer.wanted.add(archive: path, kind: kind)
            return nil
        }
    }

    /// The files a branch switch or a stash writes (absolute paths from the edge).
    static func gitStep(_ kind: GitStep.Kind, ref: String, via tool: String, analyzer: inout ShellAnalyzer)
        -> [Finding]?
    {
        let context = analyzer.current
        guard let directory = context.cwd, directory.hasPrefix("/"), !directory.contains("$") else { return nil }
        let step = GitStep(kind: kind, directory: directory, ref: ref)
        switch context.host.edge.gitSteps[step.key] {
        case .names(let names)?:
            guard !names.isEmpty else {
                return [.fileWrite("\(tool) changes no file in the working tree", rule: "git.local-write")]
            }
            return writes(names.map { ($0, false) }, via: tool, base: directory, context: context)
        case .unknown?:
            return nil
        case nil:
            analyzer.wanted.add(step)
            return nil
        }
    }

    /// Each written or deleted file judged as a write of its own; the worst decides.
    static func writes(
        _ targets: [(path: String, isDeletion: Bool)], via tool: String, base: String?, context: ClassificationContext
    ) -> [Finding]? {
        guard targets.count <= fileLimit else { return nil }
        var context = context
        if let base { context.cwd = base }
        return targets.flatMap { target in
            target.isDeletion
                ? [DeletionTargets.assess(target.path, recursive: false, via: tool, context: context)]
                : FileTargets.write(target.path, verb: "\(tool) writes", context: context)
        }
    }

    /// `/etc/x` is unpacked as `etc/x` by tar and unzip; `../` is kept, to be judged where it lands.
    private static func relativeMember(_ name: String) -> String {
        String(name.drop { $0 == "/" })
    }

    private static func absolute(_ file: String, context: ClassificationContext) -> String? {
        guard !file.contains("$"), !file.contains("`") else { return nil }
        let path = PathClassifier.resolve(file, cwd: context.cwd, host: context.host)
        return path.hasPrefix("/") && !path.contains("$") ? path : nil
    }
}
