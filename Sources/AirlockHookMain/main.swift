import AirlockHookRuntime

// `airlock-hook <harness> [--timeout-ms N]`: the small executable harnesses run before every
// tool call. Everything is in AirlockHookRuntime, shared with `airlock hook`.
HookProcess.main(arguments: Array(CommandLine.arguments.dropFirst()))
