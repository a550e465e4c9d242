/// What a program does with its arguments, for the analyses that need only its kind: pipe
/// analysis, file targets, exception scopes. Everything else comes from its spec's handler.
public enum ProgramRole: String, Sendable, CaseIterable {
    /// Arguments are only data: text printed, names looked up (`echo`, `printf`, `which`).
    case data
    /// Reads the files its operands name and changes nothing (`cat`, `grep`, `sha256sum`).
    case reader
    /// Creates or changes the files its operands name (`touch`, `mkdir`, `tee`).
    case writer
    /// Runs another command given in its arguments (`sudo`, `env`, `timeout`, `xargs`).
    case wrapper
    /// Runs shell code (`sh`, `bash`, `eval`, `source`).
    case shell
    /// Runs code of another language (`python`, `node`, `perl`).
    case interpreter
    /// Downloads: what it writes to standard output comes from the network (`curl`, `wget`).
    case fetcher
    /// Decodes or unpacks: its output's meaning is hidden from whoever reads the command (`base64`).
    case decoder
    /// Classified by its own code (`git`, `kubectl`, `rm`).
    case custom
}
