/// `--help`, `-help`, `--version` and a trailing `-h` make a program print its usage and stop:
/// one rule for every program and subcommand, so `git branch -D -h`, `npm publish --help` and
/// `mkfs.ext4 --help` are reads wherever the program's own table would call the words harmful.
enum HelpRequest {
    /// True when `invocation` only asks for help or a version. Shells and interpreters run a
    /// script that gets the flag (`python app.py --help` runs app.py), and runners pass it to the
    /// program they start (`npx tool --help`, `cargo run --help`), so neither counts.
    static func isHelp(_ invocation: Invocation, role: ProgramRole) -> Bool {
        // Hot: every command passes here; most have no help word at all.
        guard invocation.args.contains(where: isHelpWord) else { return false }
        guard role != .shell, role != .interpreter, role != .wrapper, !runners.contains(invocation.program) else {
            return false
        }
        let args = invocation.optionArgs
        guard !args.isEmpty else { return false }
        // `git -c help.browser=… log --help`: configuration given on the line can make the help
        // viewer itself a command.
        if invocation.program == "git", args.contains(where: { $0 == "-c" || $0.hasPrefix("--config-env") }) { return false }
        let subcommand = args.first { !$0.hasPrefix("-") }
        for (offset, arg) in args.enumerated() {
            if arg == "--help" || arg == "-help" || arg == "--version" { return true }
            if arg == subcommand, runningWords.contains(arg) {
                // `npm run build --help`, `docker run img --help`: the flag goes to what runs.
                return false
            }
            // `-h` is help as the last word after subcommands only (`npm publish -h`), or
            // anywhere for git (`git branch -D -h`); elsewhere it may be a real option
            // (`chown user file -h`, `shutdown -h`).
            if arg == "-h", offset == args.count - 1, !helpExempt.contains(invocation.program),
                !sawOptionBefore(args, offset) || invocation.program == "git"
            {
                return true
            }
        }
        return false
    }

    private static func isHelpWord(_ arg: String) -> Bool {
        arg == "--help" || arg == "-h" || arg == "--version" || arg == "-help"
    }

    private static func sawOptionBefore(_ args: ArraySlice<String>, _ offset: Int) -> Bool {
        args.prefix(offset).contains { $0.hasPrefix("-") }
    }

    /// Programs whose whole job is to start another program with the remaining words.
    /// Key-value clients send the words after their command to the server: `redis-cli DEL k --help`
    /// deletes a key named `--help`.
    static let runners: Set<String> = ["npx", "bunx", "pnpx", "uvx", "pipx", "redis-cli", "valkey-cli", "keydb-cli"]
    /// Subcommands that start a program and hand it the remaining words (as the first word only:
    /// `terraform destroy x --help` names a target `x`).
    private static let runningWords: Set<String> = ["run", "exec", "x", "dlx", "start", "run-script"]
    /// `-h` is an action here (halt).
    private static let helpExempt: Set<String> = ["shutdown", "halt", "reboot", "poweroff", "ssh", "mysql", "psql"]
}
