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
    /// `xargs cmd` appends zero or more input words: judged with them and without them.
    static let appendedMarker = "\u{0}in+\u{0}"

    /// The words with the marker replaced by what it stands for.
    func substitute(into words: [ShellWord]) -> [ShellWord] {
        var result: [ShellWord] = []
        for var word in words {
            if word.text == Self.appendedMarker { word.text = Self.marker }
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

    /// One word standing for the input's files: `ROOT/{}` for a filtered entry, `ROOT/*` for all.
    var standIn: ShellWord? {
        switch self {
        case .files(let root, let filtered):
            let base = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
            return ShellWord(base + (filtered ? "/{}" : "/*"), hasGlob: !filtered)
        case .literal(let items):
            return items.count == 1 ? ShellWord(items[0]) : nil
        case .unknown:
            return nil
        }
    }

    /// What `$(find …)` or `` `ls *.log` `` lists, when its producer is one whose scope is known.
    static func ofSubstitution(_ word: ShellWord) -> InputScope? {
        let text = word.text
        let inner: Substring
        if text.hasPrefix("$("), text.hasSuffix(")") {
            inner = text.dropFirst(2).dropLast()
        } else if text.hasPrefix("`"), text.hasSuffix("`"), text.count > 2 {
            inner = text.dropFirst().dropLast()
        } else {
            return nil
        }
        let script = ShellParser.parse(String(inner))
        guard let first = script.commands.first,
            script.commands.allSatisfy({ $0.pipelineID == first.pipelineID && !$0.isSubstitution })
        else { return nil }
        let filters: Set<String> = ["grep", "egrep", "fgrep", "sed", "sort", "head", "tail", "uniq", "cut", "awk", "tr"]
        for stage in script.commands.dropFirst() {
            guard let program = stage.words.first.map({ Unwrapper.programName($0.text) }), filters.contains(program)
            else { return nil }
        }
        let scope = of(producer: first)
        if case .files(let root, let filtered) = scope {
            return .files(root: root, filtered: filtered || script.commands.count > 1)
        }
        if case .literal = scope { return scope }
        return nil
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

    /// `find ~ -name id_rsa -exec cat {} \;`, `find / -name '*.pem' | xargs cat`: the files a
    /// reader gets are named by find's tests, so a secret's name reads a secret wherever it is.
    /// A root at `/` reaches `/etc`, so `-name shadow` there is `/etc/shadow`.
    static func secretReads(
        names: [String], root: String, program: String, context: ClassificationContext
    ) -> [Finding] {
        let base = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
        for name in names.prefix(8) {
            let plain = name.filter { !"*?[]\\\"'".contains($0) }
            guard !plain.isEmpty else { continue }
            var candidates = [base == "/" ? "/" + plain : base + "/" + plain]
            if base == "/" || base == "/etc" { candidates.append("/etc/" + plain) }
            for candidate in candidates {
                let path = context.classifySecrets(path: candidate)
                if path.isSecret {
                    return [
                        .secrets(
                            "\(program) reads the files find matches (\(name) under \(root)): \(path.reason)",
                            targets: [candidate], rule: "path.secret-read")
                    ]
                }
            }
        }
        return []
    }

    /// The name patterns a producer's files match, when it is `find`.
    static func names(of producer: SimpleCommand?) -> [String] {
        guard let producer else { return [] }
        let unwrapped = Unwrapper.unwrap(producer.words)
        guard let first = unwrapped.words.first, Unwrapper.programName(first.text) == "find" else { return [] }
        return FindProgram.namePatterns(unwrapped.words.dropFirst().map(\.text))
    }
}
