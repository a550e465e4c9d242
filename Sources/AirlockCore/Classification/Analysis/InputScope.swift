/// The files a command receives from `find -exec … {}` or `xargs`: where they come from
/// decides the scope of a deletion or a write applied to them.
enum InputScope: Equatable {
    /// Files under `root`; `filtered` when a test (`-name`, `-mtime`, …) narrows them.
    case files(root: String, filtered: Bool)
    /// Known words (`echo a b | xargs rm`).
    case literal([String])
    /// Nothing known: a file list, a variable, another program's output.
    case unknown

    /// Stands in a word for each input file until the analyser knows the scope.
    static let marker = "\u{0}in\u{0}"

    /// The words with the marker replaced by what it stands for.
    func substitute(into words: [ShellWord]) -> [ShellWord] {
        var result: [ShellWord] = []
        for word in words {
            guard word.text.contains(Self.marker) else {
                result.append(word)
                continue
            }
            switch self {
            case .files(let root, let filtered):
                // Every file under the root is the root's whole content; a filtered one is one file there.
                let base = root.hasSuffix("/") ? String(root.dropLast()) : root
                let stand = filtered ? base + "/{}" : base + "/*"
                var copy = word
                copy.text = word.text.replacingOccurrences(Self.marker, with: stand)
                copy.hasGlob = copy.hasGlob || !filtered
                result.append(copy)
            case .literal(let items):
                if word.text == Self.marker {
                    result += items.map { ShellWord($0) }
                } else {
                    var copy = word
                    copy.text = word.text.replacingOccurrences(Self.marker, with: items.first ?? "")
                    result.append(copy)
                }
            case .unknown:
                var copy = word
                copy.text = word.text.replacingOccurrences(Self.marker, with: "{input}")
                copy.hasExpansion = true
                result.append(copy)
            }
        }
        return result
    }

    /// The input an `xargs` (or another consumer) at `command` receives from its pipe or redirect.
    static func of(stdin: StdinSource, upstream: SimpleCommand?) -> InputScope? {
        switch stdin {
        case .terminal:
            return nil
        case .literal(let text):
            return .literal(text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init))
        case .file, .network, .decoded:
            return .unknown
        case .command:
            guard let upstream else { return .unknown }
            return of(producer: upstream)
        }
    }

    /// What a producer upstream lists: `find ROOT …`, `ls DIR`, `git ls-files`, `grep -l`.
    static func of(producer: SimpleCommand) -> InputScope {
        let unwrapped = Unwrapper.unwrap(producer.words)
        guard let first = unwrapped.words.first, !first.hasExpansion else { return .unknown }
        let program = Unwrapper.programName(first.text)
        let args = unwrapped.words.dropFirst().map(\.text)
        switch program {
        case "find", "fd", "fdfind":
            let (roots, filtered) = FindProgram.rootsAndFilter(Array(args), program: program)
            return .files(root: roots.first ?? ".", filtered: filtered)
        case "ls":
            let dirs = args.filter { !$0.hasPrefix("-") }
            let filtered = unwrapped.words.dropFirst().contains(where: \.hasGlob)
            return .files(root: dirs.first.map { filtered ? "." : $0 } ?? ".", filtered: filtered)
        case "git":
            if args.contains("ls-files") || args.contains("ls-tree") {
                let filtered = args.contains { !$0.hasPrefix("-") && $0 != "ls-files" && $0 != "ls-tree" && $0 != "HEAD" }
                return .files(root: ".", filtered: filtered)
            }
            return .unknown
        case "grep", "egrep", "rg", "ag", "ack":
            guard args.contains(where: { $0 == "-l" || $0 == "-L" || $0.hasPrefix("-") && !$0.hasPrefix("--") && $0.contains("l") })
            else { return .unknown }
            let operands = args.filter { !$0.hasPrefix("-") }.dropFirst()
            return .files(root: operands.first ?? ".", filtered: true)
        case "echo", "printf":
            guard !unwrapped.words.dropFirst().contains(where: \.hasExpansion) else { return .unknown }
            return .literal(args.filter { !$0.hasPrefix("-") })
        default:
            return .unknown
        }
    }
}
