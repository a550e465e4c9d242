/// Tools whose documented set-up is `eval "$(tool init …)"` or `source <(tool completion bash)`:
/// the shell runs what the tool prints about itself (variables, a prompt hook, completions).
/// That is the tool's own code, already installed — medium, like running the tool — not text
/// of unknown origin (`eval "$(./gen.sh)"` stays high, `eval "$(curl …)"` critical).
enum ShellSetup {
    /// Program → the first operand that makes it print its set-up; `""` when it takes none
    /// (`ssh-agent -s`, `dircolors -b`) and any operand would be a command it runs.
    static let table: [String: Set<String>] = [
        "ssh-agent": [""], "gpg-agent": [""], "keychain": [""], "dircolors": [""], "thefuck": [""],
        "pyenv": ["init", "virtualenv-init"], "rbenv": ["init"], "nodenv": ["init"], "goenv": ["init"],
        "jenv": ["init"], "plenv": ["init"], "pyenv-virtualenv": ["init"], "scalaenv": ["init"],
        "direnv": ["hook"], "zoxide": ["init"], "starship": ["init"], "atuin": ["init"], "mcfly": ["init"],
        "oh-my-posh": ["init"], "brew": ["shellenv"], "conda": ["shell.bash", "shell.zsh", "shell.posix", "shell.fish"],
        "micromamba": ["shell"], "mamba": ["shell.bash", "shell.zsh", "shell.posix"], "fnm": ["env"],
        "mise": ["activate", "env"], "rtx": ["activate", "env"], "opam": ["env", "config"], "luarocks": ["path"],
        "nvm": ["use"], "rustup": ["completions"], "pipenv": ["--completion"],
    ]

    /// Verbs by which any program the registry knows prints its shell completions.
    static let completionVerbs: Set<String> = ["completion", "completions", "--completion", "--completions"]

    /// The program whose set-up `word` (a `$(…)`, `` `…` `` or `<(…)`) prints, and that
    /// command's text, when it is one simple command of the table and nothing else.
    static func command(in word: ShellWord) -> (program: String, text: String)? {
        var text = Substring(word.text)
        if text.hasPrefix("$(") || text.hasPrefix("<(") {
            guard text.hasSuffix(")") else { return nil }
            text = text.dropFirst(2).dropLast()
        } else if text.hasPrefix("`") {
            guard text.hasSuffix("`"), text.count > 1 else { return nil }
            text = text.dropFirst().dropLast()
        } else {
            return nil
        }
        // One command: no second substitution, list, pipe, redirection or expansion inside.
        guard !text.contains(where: { "$`;|&<>()\n".contains($0) }) else { return nil }
        let script = ShellParser.parse(String(text))
        guard script.commands.count == 1, let command = script.commands.first, command.assignments.isEmpty,
            let first = command.words.first
        else { return nil }
        let program = Unwrapper.programName(first.text)
        let operands = command.words.dropFirst().map(\.text).filter { !$0.hasPrefix("-") }
        let options = command.words.dropFirst().map(\.text).filter { $0.hasPrefix("-") }
        if let verbs = table[program] {
            if verbs.contains("") { return operands.isEmpty ? (program, String(text)) : nil }
            if let verb = operands.first, verbs.contains(verb) { return (program, String(text)) }
            if let option = options.first, verbs.contains(option) { return (program, String(text)) }
        }
        guard let spec = ProgramRegistry.shared.spec(for: program), ![.shell, .interpreter, .wrapper].contains(spec.role)
        else { return nil }
        let words = command.words.dropFirst().map(\.text)
        return words.contains(where: completionVerbs.contains) ? (program, String(text)) : nil
    }

    static func finding(_ program: String, via runner: String) -> Finding {
        .unknown(
            "\(runner) runs the shell set-up that \(program) prints about itself", risk: .medium, isUnsure: false,
            rule: "shell.tool-setup")
    }
}
