/// What a harness's own settings say about its command sandbox (Claude Code's `sandbox` block:
/// `enabled`, `failIfUnavailable`, `allowUnsandboxedCommands`). Nil means not set anywhere.
public struct HarnessSandbox: Codable, Sendable, Equatable {
    /// `claude`, as `Action.harness` names it.
    public var harness: String
    public var isEnabled: Bool?
    /// The harness refuses to run commands when the sandbox cannot start, rather than running them bare.
    public var failsIfUnavailable: Bool?
    /// Whether a command may run outside the sandbox when the model asks (`dangerouslyDisableSandbox`).
    public var allowsUnsandboxedCommands: Bool?

    public init(
        harness: String, isEnabled: Bool? = nil, failsIfUnavailable: Bool? = nil, allowsUnsandboxedCommands: Bool? = nil
    ) {
        self.harness = harness
        self.isEnabled = isEnabled
        self.failsIfUnavailable = failsIfUnavailable
        self.allowsUnsandboxedCommands = allowsUnsandboxedCommands
    }

    /// A model's request to leave the sandbox cannot take effect: the harness runs the command
    /// sandboxed anyway (sandboxes.md, verified with Claude Code 2.1.332).
    public var voidsEscapeRequests: Bool { allowsUnsandboxedCommands == false }

    /// Every setting the recommended deployment needs is in force.
    public var isRecommended: Bool {
        isEnabled == true && failsIfUnavailable == true && allowsUnsandboxedCommands == false
    }
}
