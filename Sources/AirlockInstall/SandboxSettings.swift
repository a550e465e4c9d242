import Foundation

/// Claude Code's own sandbox, switched on the way Airlock's recommended deployment needs it
/// (docs/security.md): every Bash call in `bwrap`, no command run bare when the sandbox cannot
/// start, and the model's `dangerouslyDisableSandbox` ignored. Pure: text in, text out; every
/// other key of the file, and of its `sandbox` object, stays as it was.
public enum SandboxSettings {
    /// The `sandbox` keys the deployment depends on, with the values it needs.
    public static let required: [(key: String, value: Bool)] = [
        ("enabled", true), ("failIfUnavailable", true), ("allowUnsandboxedCommands", false),
    ]

    /// `text` with the required sandbox settings; `text` itself when they are all there.
    public static func apply(to text: String?) throws(InstallError) -> String {
        var root = try HookInstaller.parse(text)
        let original = root
        var sandbox: [String: Any] = [:]
        if let existing = root["sandbox"] {
            guard let object = existing as? [String: Any] else { throw .unexpectedShape("sandbox is not an object") }
            sandbox = object
        }
        for (key, value) in required { sandbox[key] = value }
        root["sandbox"] = sandbox
        if let text, HookInstaller.same(root, original) { return text }
        return try HookInstaller.render(root)
    }
}
