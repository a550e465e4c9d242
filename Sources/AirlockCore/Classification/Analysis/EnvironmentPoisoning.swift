/// Variables that change what later programs run: preloaded libraries, search paths aimed at
/// temp or outside folders, options that load code, commands git or a pager runs for you.
enum EnvironmentPoisoning {
    /// Load a library or code into every program started with it.
    private static let loaders: Set<String> = [
        "LD_PRELOAD", "LD_AUDIT", "DYLD_INSERT_LIBRARIES", "DYLD_LIBRARY_PATH", "DYLD_FRAMEWORK_PATH",
        "DYLD_FALLBACK_LIBRARY_PATH", "BASH_ENV", "ENV", "PROMPT_COMMAND", "PERL5OPT", "RUBYOPT", "PYTHONSTARTUP",
        "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "npm_config_script_shell", "NPM_CONFIG_SCRIPT_SHELL",
        "GIT_CONFIG_PARAMETERS", "GIT_EXEC_PATH", "GIT_TEMPLATE_DIR", "ZDOTDIR",
    ]
    /// Name a command that another program runs for you.
    private static let commands: Set<String> = [
        "GIT_SSH_COMMAND", "GIT_SSH", "GIT_EXTERNAL_DIFF", "GIT_ASKPASS", "SSH_ASKPASS", "GIT_EDITOR", "GIT_PAGER",
        "GIT_SEQUENCE_EDITOR", "PAGER", "EDITOR", "VISUAL", "MANPAGER", "LESSOPEN", "LESSCLOSE", "SUDO_ASKPASS",
        "BROWSER", "GIT_PROXY_COMMAND", "RSYNC_RSH", "CVS_RSH",
    ]
    /// Search paths for programs and libraries.
    private static let searchPaths: Set<String> = [
        "PATH", "PYTHONPATH", "NODE_PATH", "LD_LIBRARY_PATH", "PERL5LIB", "PERLLIB", "RUBYLIB", "GEM_PATH",
        "CLASSPATH", "GOPATH", "PYTHONHOME", "PYTHONUSERBASE",
    ]
    /// Programs a command variable may name without running anything of the agent's.
    private static let harmlessCommands: Set<String> = [
        "cat", "less", "more", "true", "false", "vim", "vi", "nvim", "nano", "emacs", "code", "subl", "delta",
        "diff-so-fancy", "most", "bat", "ssh", "ed", "hx", "micro", "head", "tail", "tee",
    ]

    /// Options that make an otherwise harmless program (ssh, less, an editor) run a command.
    private static let runningOptions = [
        "proxycommand", "localcommand", "knownhostscommand", "remotecommand", "proxyjump", "+!", "-c !", "-c '!",
        "--cmd", "lessopen",
    ]

    /// True for variables whose value decides what runs; an exception for a command prefix never
    /// covers a line that assigns one.
    static func affectsExecution(_ name: String) -> Bool {
        if loaders.contains(name) || commands.contains(name) || searchPaths.contains(name) { return true }
        return name.hasPrefix("LD_") || name.hasPrefix("DYLD_") || name.hasPrefix("GIT_") || name.hasPrefix("PYTHON")
            || name.hasPrefix("npm_config_") || name.hasPrefix("NPM_CONFIG_") || name == "NODE_OPTIONS"
            || name.hasPrefix("BUNDLE_") || name.hasPrefix("CARGO_") && name.hasSuffix("_RUNNER")
    }

    /// Findings for assigning `value` to `name`: none for ordinary variables.
    static func findings(name: String, value: ShellWord, context: ClassificationContext) -> [Finding] {
        let text = value.text
        func poison(_ reason: String, risk: Risk = .high) -> [Finding] {
            [
                Finding(
                    [.envPoisoning], risk: risk, blast: .machine, reversibility: .partial,
                    reason: "sets \(name): \(reason)", targets: [String(text.prefix(120))],
                    isUnsure: value.hasExpansion, rule: "env.poisoning")
            ]
        }
        if loaders.contains(name) || name.hasPrefix("DYLD_") || name == "LD_PRELOAD" {
            guard !text.isEmpty else { return [] }
            return poison("every program started after it loads this code")
        }
        if name == "NODE_OPTIONS" {
            let loadsCode = ["--require", "-r ", "--import", "--loader", "--experimental-loader", "--eval", "-e "]
                .contains { text.contains($0) } || text.hasPrefix("-r")
            return loadsCode ? poison("node loads this code into every script") : []
        }
        if commands.contains(name) {
            let program = Unwrapper.programName(String(text.split(separator: " ").first ?? ""))
            // `ssh -o ProxyCommand="nc evil 22"`: a harmless program told to run another one.
            let lower = text.lowercased()
            let runsOther = runningOptions.contains { lower.contains($0) }
            if text.isEmpty || harmlessCommands.contains(program) && !runsOther { return [] }
            return poison("git, a pager or an editor runs this command for you")
        }
        if searchPaths.contains(name) {
            var findings: [Finding] = []
            for part in text.split(separator: ":", omittingEmptySubsequences: false) {
                let directory = String(part)
                if directory.hasPrefix("$") { continue }
                if directory.isEmpty || directory == "." {
                    if name == "PATH" { findings += poison("the current directory is searched for programs") }
                    continue
                }
                let path = context.classify(path: directory)
                if path.isTemporary {
                    findings += poison("\(directory) is a temp folder anyone can write")
                } else if !path.isInsideWorkspace, !path.isSystem, !path.isInHome {
                    findings += poison("\(directory) is outside the workspace")
                } else if name.hasPrefix("LD_"), !path.isSystem {
                    findings += poison("libraries load from \(directory)")
                }
                if !findings.isEmpty { break }
            }
            return findings
        }
        return []
    }
}
