/// Facts about a shell command that keep an allow exception made for a command prefix from
/// covering it, even when every finding is harmless (docs/decisions.md, 2026-12-06).
public enum ScopeHazard: String, Codable, Sendable, CaseIterable, Comparable {
    /// A write (redirect, `tee`, `cp`, …) lands outside the workspace, or at a path built at run time.
    case writesOutsideWorkspace = "writes_outside_workspace"
    /// Assigns a variable that changes what runs: `PATH`, `LD_*`, `NODE_OPTIONS`, `npm_config_*`,
    /// `GIT_*`, `PYTHON*`, …
    case executionVariable = "execution_variable"
    /// Defines a shell function or an alias.
    case definesFunction = "defines_function"
    /// `cd` out of the workspace, or to a place known only at run time.
    case leavesWorkspace = "leaves_workspace"
    /// Options that point the program at code outside the repository (`--prefix /tmp/x`,
    /// `--globalSetup=/tmp/setup.js`, `--rcfile`, `-I /tmp`).
    case externalCode = "external_code"
    /// A command or process substitution: its output becomes part of another command.
    case substitution

    public static func < (lhs: ScopeHazard, rhs: ScopeHazard) -> Bool { lhs.rawValue < rhs.rawValue }
}
