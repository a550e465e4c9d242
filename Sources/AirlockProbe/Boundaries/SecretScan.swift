import AirlockCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds secret files in a workspace (`.env*`, keys, credentials — Core's PathClassifier decides)
/// with a bounded walk that skips dependency and build folders.
public enum SecretScan {
    public struct Result: Sendable, Equatable {
        /// Absolute paths.
        public var files: [String] = []
        /// Why each is secret ("an .env file"), same order.
        public var reasons: [String] = []
        /// false when the walk ran out of budget or depth before it finished.
        public var isComplete = true

        public init(files: [String] = [], reasons: [String] = [], isComplete: Bool = true) {
            self.files = files
            self.reasons = reasons
            self.isComplete = isComplete
        }
    }

    static let skipped: Set<String> = [
        ".git", "node_modules", ".build", "build", "dist", "target", "vendor", "Pods", ".venv", "venv",
        "__pycache__", ".next", ".gradle", ".terraform",
    ]
    static let maximumDepth = 6

    public static func scan(workspace: String, home: String?, deadline: Deadline) -> Result {
        var result = Result()
        var stack: [(String, Int)] = [(workspace, 0)]
        var visited = 0
        let host = HostFacts(home: home)
        while let (directory, depth) = stack.popLast() {
            guard let handle = opendir(directory) else { continue }
            defer { closedir(handle) }
            while let entry = readdir(handle) {
                visited += 1
                if visited % 64 == 0 && deadline.isPast {
                    result.isComplete = false
                    return result
                }
                let name = Walker.name(of: entry)
                if name == "." || name == ".." { continue }
                let path = directory + "/" + name
                var info = stat()
                guard fstatat(dirfd(handle), name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
                if info.st_mode & S_IFMT == S_IFDIR {
                    // Dependency and build trees (`.build-debug` too) hold no secrets of the project's own.
                    if skipped.contains(name) || name.hasPrefix(".build") { continue }
                    if depth + 1 > maximumDepth {
                        result.isComplete = false
                        continue
                    }
                    stack.append((path, depth + 1))
                    continue
                }
                let kind = PathClassifier.classify(path, cwd: workspace, workspaceRoot: workspace, host: host)
                if kind.isSecret {
                    result.files.append(path)
                    result.reasons.append(kind.reason)
                }
            }
        }
        let order = result.files.indices.sorted { result.files[$0] < result.files[$1] }
        result.files = order.map { result.files[$0] }
        result.reasons = order.map { result.reasons[$0] }
        return result
    }
}
