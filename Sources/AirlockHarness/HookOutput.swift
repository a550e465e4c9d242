import AirlockCore

/// What the hook process prints and how it exits.
public struct HookOutput: Sendable, Equatable {
    /// Printed as-is; empty means "no opinion" where that is how a harness spells allow.
    public var stdout: String
    public var exitCode: Int32

    public init(stdout: String, exitCode: Int32 = 0) {
        self.stdout = stdout
        self.exitCode = exitCode
    }

    /// One JSON object with sorted keys, so the output is stable and testable.
    static func json(_ members: [String: JSONValue]) -> HookOutput {
        HookOutput(stdout: JSONValue.object(members).canonicalText)
    }
}
