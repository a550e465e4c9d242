/// What earlier parts of one command line have set up for later parts: variables, the working
/// directory, functions and aliases, and files fetched from the network. The shell keeps this
/// state as it runs the line; the analyser keeps it as it walks the commands in order.
///
/// Subshells and pipeline stages share it here (the shell would give them a copy): that only
/// ever makes a later command look at the state an earlier one could have set.
struct LineState {
    /// A variable's value when it is a literal; nil (present) when it is only known at run time.
    var variables: [String: String?] = [:]
    /// The directory the next command runs in; nil when unknown.
    var cwd: String?
    /// True once a `cd` went somewhere that cannot be known statically.
    var cwdIsUnknown = false
    /// A function's body: the script it was defined in and its commands there.
    struct FunctionBody {
        var script: ShellScript
        var indices: [Int]
        var neighbours: [(upstream: Int?, downstream: Int?)]
    }

    /// Functions defined so far on the line.
    var functions: [String: FunctionBody] = [:]
    /// Functions called so far (the rest are judged at the end, in case a trap runs them).
    var calledFunctions: Set<String> = []
    /// Loop variables with several values (`for d in build /`), judged once per value.
    var loopValues: [String: [ShellWord]] = [:]
    /// Alias name → the text it stands for.
    var aliases: [String: String] = [:]
    /// Functions and aliases being expanded now (a recursive call stops here).
    var expanding: Set<String> = []
    /// Resolved paths of files a fetcher wrote, with the fetcher that wrote them.
    var downloads: [String: String] = [:]
    /// Resolved paths a command marked executable.
    var madeExecutable: Set<String> = []

    init(cwd: String?) {
        self.cwd = cwd
    }

    /// The value of `name`: the line's own assignments first, then what the host tells.
    /// `.some(nil)` when the variable exists but its value is only known at run time.
    func value(of name: String, host: HostFacts) -> String?? {
        if let value = variables[name] { return value }
        switch name {
        case "HOME": return host.home.map { .some($0) } ?? .some(nil)
        case "PWD": return cwdIsUnknown ? .some(nil) : cwd.map { .some($0) } ?? .some(nil)
        case "TMPDIR", "TMP", "TEMP", "RUNNER_TEMP": return .some("/tmp")
        default: return nil
        }
    }
}
