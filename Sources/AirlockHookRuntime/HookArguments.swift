import AirlockHarness

/// The command line of `airlock-hook`, read by hand (no ArgumentParser in the hook).
public struct HookArguments: Equatable {
    public var harness: Harness
    public var timeoutMs: Int?
    /// `--system`: ask the separated deployment's `agent.sock` and believe only Airlock's system
    /// user there. Set by `airlock install --system`, in settings the integrity floor protects.
    public var system: Bool

    public init(harness: Harness, timeoutMs: Int?, system: Bool = false) {
        self.harness = harness
        self.timeoutMs = timeoutMs
        self.system = system
    }

    public struct Problem: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    public static let usage =
        "usage: airlock-hook <\(Harness.allCases.map(\.rawValue).joined(separator: "|"))> [--timeout-ms N] [--system]"

    /// `<harness> [--timeout-ms N | --timeout-ms=N] [--system]`, in any order.
    public static func parse(_ arguments: [String]) -> Result<HookArguments, Problem> {
        var harness: Harness?
        var timeoutMs: Int?
        var system = false
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            var value: String?
            if argument == "--system" {
                system = true
                index += 1
                continue
            }
            if argument == "--timeout-ms" {
                index += 1
                guard index < arguments.count else {
                    return .failure(Problem(description: "--timeout-ms needs a value"))
                }
                value = arguments[index]
            } else if argument.hasPrefix("--timeout-ms=") {
                value = String(argument.dropFirst("--timeout-ms=".count))
            }
            if let value {
                guard let number = Int(value) else {
                    return .failure(Problem(description: "--timeout-ms must be a number of ms, not \(value)"))
                }
                timeoutMs = number
            } else if let named = Harness(rawValue: argument), harness == nil {
                harness = named
            } else {
                return .failure(Problem(description: "unexpected argument \(argument)"))
            }
            index += 1
        }
        guard let harness else { return .failure(Problem(description: "which harness is calling?")) }
        return .success(HookArguments(harness: harness, timeoutMs: timeoutMs, system: system))
    }
}
