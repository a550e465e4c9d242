/// The requesting agent, from the kernel: the submitting process's parent as `/proc` reports
/// it (the hook's parent is the harness), never a pid the client names when the connection's
/// credentials are known. A reviewer inside its process tree, or at its terminal, is refused.
struct AgentIdentity: Equatable, Sendable {
    /// Process trees no reviewer may come from. 1 (init) means the agent could not be told
    /// apart from everything: its submitter was orphaned, as a detached helper is.
    var pids: [Int32]
    /// Controlling terminals (device numbers) of the agent and its submitter; 0 left out.
    var terminals: [Int32]

    static let unknown = AgentIdentity(pids: [], terminals: [])
}
