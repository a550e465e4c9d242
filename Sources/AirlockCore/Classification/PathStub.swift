// TEMPORARY stub until the real PathClassifier lands.
public struct PathClass: Sendable, Equatable {
    public var categories: [Category] = [.source]
    public var resolvedPath: String = ""
    public var isSecret = false
    public var isSelfModification = false
    public var isInsideWorkspace = true
    public var reason = "source file"
}
public enum PathClassifier {
    public static func classify(_ path: String, cwd: String?, workspaceRoot: String?, host: HostFacts) -> PathClass {
        var c = PathClass()
        c.resolvedPath = path
        if path.hasSuffix(".env") { c.isSecret = true; c.categories = [.envFile]; c.reason = "an .env file" }
        if path.contains(".claude/settings") { c.isSelfModification = true; c.categories = [.agentConfig, .selfModification] }
        return c
    }
}
public enum FileActionClassifier {
    public static func read(path: String, cwd: String?, workspaceRoot: String?, host: HostFacts) -> [Finding] { [.read("r")] }
    public static func write(path: String, cwd: String?, workspaceRoot: String?, host: HostFacts) -> [Finding] { [.fileWrite("w")] }
    public static func patch(_ text: String, cwd: String?, workspaceRoot: String?, host: HostFacts) -> [Finding] { [.fileWrite("p")] }
    public static func patchTargets(_ text: String) -> [(path: String, isDeletion: Bool)] { [] }
}
public enum MCPClassifier {
    public static func classify(_ call: MCPCall, host: HostFacts) -> [Finding] { [.unknown("m")] }
}
