/// The one way Airlock finds the program a command really runs: wrappers (`sudo`, `env`,
/// `timeout`, `nice`, `xargs`, `flock`, `uv run`, …) are peeled by their registry grammar,
/// repeatedly, until a program that is not a wrapper. The shell analyser, pipe analysis and
/// exception scopes all use it, so `doas curl … | sh` and `sudo curl … | sh` read the same.
enum Unwrapper {
    /// One wrapper peeled off.
    struct Layer {
        var program: String
        var effect: WrapperGrammar.Effect
        /// The wrapper's own options as given.
        var options: [ParsedArguments.Option]
        /// The words after the wrapper's name, for wrappers whose options say more (`docker run -v /:/h`).
        var rest: [ShellWord] = []
    }

    struct Result {
        /// The command that runs: a program and its arguments (empty when none is left).
        var words: [ShellWord]
        /// Variables the wrappers set for it (`env A=1`, `sudo A=1`).
        var environment: [String: String]
        var layers: [Layer] = []
        /// Shell text a wrapper runs instead of words (`watch 'cmd'`, `flock -c`, `sudo -s cmd`).
        var script: ShellWord?
        /// A wrapper that decided alone (`command -v git`, `sudo -e file`).
        var done: Finding?
        /// A directory a wrapper runs the command in (`env -C dir`, `sudo -D dir`).
        var workingDirectory: String?
        /// The program name peeling stopped at and its spec (nil when none), so the caller need
        /// not look it up again.
        var stoppedAt: (name: String, spec: ProgramSpec?)?
    }

    /// Peels every wrapper off `words`.
    static func unwrap(
        _ words: [ShellWord], environment: [String: String] = [:], registry: ProgramRegistry = .shared
    ) -> Result {
        var result = Result(words: words, environment: environment)
        var rounds = 0
        while let first = result.words.first, rounds < 32 {
            rounds += 1
            guard !first.hasExpansion, !first.hasGlob else { break }
            let program = programName(first.text)
            let found = registry.spec(for: program)
            guard let spec = found, let grammar = spec.wrapper else {
                result.stoppedAt = (program, found)
                break
            }
            let step = grammar.step(program: program, rest: Array(result.words.dropFirst()))
            switch step {
            case .notWrapping:
                result.stoppedAt = (program, spec)
                return result
            case .run(let next, let environment, let seen):
                result.layers.append(
                    Layer(program: program, effect: grammar.effect, options: seen, rest: Array(result.words.dropFirst())))
                result.environment.merge(environment) { _, new in new }
                if let directory = seen.last(where: { $0.name == "-C" || $0.name == "--chdir" || $0.name == "-D" })?.value,
                    program == "env" || program == "sudo"
                {
                    result.workingDirectory = directory
                }
                result.words = next
            case .script(let text, let seen):
                result.layers.append(Layer(program: program, effect: grammar.effect, options: seen))
                result.script = text
                result.words = []
                return result
            case .done(let finding):
                result.layers.append(Layer(program: program, effect: grammar.effect, options: []))
                result.done = finding
                result.words = []
                return result
            }
        }
        return result
    }

    /// The program the shell runs: quotes are gone already; drop a leading `\` and the directory.
    static func programName(_ text: String) -> String {
        // Most names are plain: nothing to strip, nothing to copy.
        if !text.utf8.contains(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\") }) { return text }
        var name = Substring(text)
        while name.hasPrefix("\\") { name = name.dropFirst() }
        if let slash = name.lastIndex(of: "/"), slash != name.index(before: name.endIndex) {
            name = name[name.index(after: slash)...]
        }
        return String(name)
    }
}
