import AirlockCore

/// The agent harnesses whose pre-tool hooks Airlock answers.
public enum Harness: String, CaseIterable, Sendable {
    case claude, codex, cursor, gemini, copilot

    /// How long the harness waits for the hook, in ms, unless we install a longer timeout
    /// (harness-protocols §0). Cursor's default is unconfirmed, so it gets Copilot's 30 s.
    public var defaultDeadlineMs: Int {
        switch self {
        case .claude, .codex: 600_000
        case .gemini: 60_000
        case .cursor, .copilot: 30_000
        }
    }

    /// Parses the hook's stdin into an event; `deadlineMs` overrides the default.
    public func parse(_ bytes: some Collection<UInt8>, deadlineMs: Int? = nil) throws(HookError) -> HookEvent {
        let raw = String(decoding: bytes, as: UTF8.self)
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes)
        } catch {
            throw .notJSON
        }
        guard case .object(let payload) = value else { throw .notAnObject }
        let input = HookInput(payload: payload, raw: raw, harness: self, deadlineMs: deadlineMs ?? defaultDeadlineMs)
        switch self {
        case .claude: return try ClaudeHook.parse(input)
        case .codex: return try CodexHook.parse(input)
        case .cursor: return try CursorHook.parse(input)
        case .gemini: return try GeminiHook.parse(input)
        case .copilot: return try CopilotHook.parse(input)
        }
    }

    /// The exact output this harness honours for `answer` to `event`.
    public func render(_ answer: HookAnswer, for event: HookEvent.Name) -> HookOutput {
        switch self {
        case .claude: ClaudeHook.render(answer, for: event)
        case .codex: CodexHook.render(answer, for: event)
        case .cursor: CursorHook.render(answer, for: event)
        case .gemini: GeminiHook.render(answer)
        case .copilot: CopilotHook.render(answer, for: event)
        }
    }
}
