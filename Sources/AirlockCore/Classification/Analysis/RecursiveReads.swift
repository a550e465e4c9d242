/// Recursive reads and searches rooted where credentials live: `grep -r token ~`,
/// `rg password /home`, `ag key ~/.config`, `find ~ -type f -exec grep -l secret {} +`,
/// `find $HOME | xargs cat`. Every file below the root is read, keys and cloud credentials
/// among them, so the read is a secret read (high) even though no secret is named. A search
/// inside the workspace, or in a home folder that holds no credentials, stays a plain read.
enum RecursiveReads {
    /// Searchers that descend into a directory operand without being asked.
    static let alwaysRecursive: Set<String> = ["rg", "ag", "ack", "ack-grep", "pt", "sift", "ug"]
    /// Readers that descend with `-r`/`-R`/`--recursive` (or `-d recurse`).
    static let recursiveWithFlag: Set<String> = ["grep", "egrep", "fgrep", "zgrep", "ggrep", "ugrep"]

    /// Options of these searchers that take a value (so the value is no path).
    private static let valued: Set<String> = [
        "-e", "--regexp", "-f", "--file", "-m", "--max-count", "-A", "--after-context", "-B", "--before-context", "-C",
        "--context", "-d", "--directories", "-D", "--devices", "--include", "--exclude", "--exclude-dir", "--color",
        "--colour", "-g", "--glob", "--iglob", "-t", "--type", "-T", "--type-not", "-j", "--threads", "--max-depth",
        "-M", "--max-columns", "-E", "--encoding", "--ignore", "--ignore-dir", "-G", "--file-search-regex", "--pre",
        "--pre-glob", "--sort", "--sortr", "--max-filesize", "--path-separator", "--depth", "--label", "--ignore-file",
    ]
    /// grep's short options that take a value: letters after one in a cluster are its value.
    private static let grepValuedLetters: Set<Character> = ["e", "f", "m", "A", "B", "C", "d", "D"]

    /// The finding for a recursive search whose directory operand holds credentials, or nil.
    static func finding(_ inv: Invocation, context: ClassificationContext) -> Finding? {
        let program = inv.program
        let always = alwaysRecursive.contains(program)
        guard always || recursiveWithFlag.contains(program) else { return nil }
        let args = inv.args
        if !always, !isRecursiveGrep(args) { return nil }
        var operands: [String] = []
        var patternGiven = false
        var index = 0
        var afterDashes = false
        while index < args.count {
            let arg = args[index]
            index += 1
            if afterDashes || !arg.hasPrefix("-") || arg == "-" {
                operands.append(arg)
                continue
            }
            if arg == "--" {
                afterDashes = true
                continue
            }
            let name = arg.hasPrefix("--") ? String(arg.prefix { $0 != "=" }) : String(arg.prefix(2))
            if ["-e", "--regexp", "-f", "--file"].contains(name) { patternGiven = true }
            if valued.contains(name), !arg.contains("="), arg.count == name.count { index += 1 }
        }
        if !patternGiven, !operands.isEmpty { operands.removeFirst() }
        for operand in operands.prefix(16) {
            if let reason = credentialsUnder(operand, context: context) {
                return .secrets(
                    "\(program) searches every file under \(operand), \(reason)", targets: [operand],
                    rule: "path.secret-read")
            }
        }
        return nil
    }

    /// `find ROOT … -exec READER {}` or `find ROOT | xargs READER` with no name test: the reader
    /// gets every file under ROOT.
    static func wholeTree(root: String, maxDepth: Int?, program: String, context: ClassificationContext) -> Finding? {
        guard let reason = credentialsUnder(root, context: context) else { return nil }
        // `find / -maxdepth 1`: the files in `/` itself, no home below it. Keys and history sit
        // directly in a home or a credential folder, so depth 1 there still reaches them.
        if let maxDepth, maxDepth < 1 || maxDepth == 1 && reason.hasPrefix("the whole disk") || maxDepth == 1 && reason.hasPrefix("a home") {
            return nil
        }
        return .secrets(
            "\(program) reads every file find lists under \(root), \(reason)", targets: [root], rule: "path.secret-read")
    }

    /// Why reading everything under `directory` reaches credentials, or nil: it is `/`, a home
    /// directory or above one, a folder that holds credential folders (`~/.config`), or one itself.
    static func credentialsUnder(_ directory: String, context: ClassificationContext) -> String? {
        var path = PathClassifier.resolve(directory, cwd: context.cwd, host: context.host)
        if path.contains("$") || path.contains("`") { return nil }
        for suffix in ["/*", "/.*", "/{}"] where path.hasSuffix(suffix) { path.removeLast(suffix.count) }
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        if path.isEmpty { path = "/" }
        let components = path.split(separator: "/").map { $0.lowercased() }
        guard path.hasPrefix("/") else { return nil }
        if components.isEmpty { return "the whole disk, every home's keys and credentials included" }
        if let home = context.host.home, home == path || home.hasPrefix(path + "/") {
            return "the home directory, its keys and credentials included"
        }
        let homes: Set<String> = ["home", "users"]
        if components == ["root"] || components.count <= 2 && homes.contains(components[0]) {
            return "a home directory, its keys and credentials included"
        }
        guard let home = context.host.home, path.hasPrefix(home + "/") else { return nil }
        let relative = path.dropFirst(home.count + 1).split(separator: "/").map { $0.lowercased() }
        // The first credential location below, in name order: the same reason every run.
        var found: (key: String, reason: String)?
        let tables = [PathClassifier.credentialDirectories, PathClassifier.homeCredentialTrees, PathClassifier.homeCredentialFiles]
        for table in tables {
            for (key, reason) in table where key.count >= relative.count && Array(key.prefix(relative.count)) == relative {
                let joined = key.joined(separator: "/")
                if found.map({ joined < $0.key }) ?? true { found = (joined, reason) }
            }
        }
        return found.map { "which holds \($0.reason)" }
    }

    /// grep's recursion flags: `-r`, `-R`, `-rn`, `--recursive`, `-d recurse`, `--directories=recurse`.
    private static func isRecursiveGrep(_ args: [String]) -> Bool {
        for (index, arg) in args.enumerated() {
            if arg == "--" { return false }
            if arg == "--recursive" || arg == "--dereference-recursive" || arg == "--directories=recurse" { return true }
            if (arg == "-d" || arg == "--directories"), index + 1 < args.count, args[index + 1] == "recurse" { return true }
            guard arg.count > 1, arg.hasPrefix("-"), !arg.hasPrefix("--") else { continue }
            for letter in arg.dropFirst() {
                if letter == "r" || letter == "R" { return true }
                if grepValuedLetters.contains(letter) { break }
            }
        }
        return false
    }
}
