/// Classifies file reads, writes, edits and patches by the paths they touch.
public enum FileActionClassifier {
    /// A file read: harmless inside the workspace, a boundary crossing for secrets and customer data.
    public static func read(path: String, cwd: String?, workspaceRoot: String?, host: HostFacts) -> [Finding] {
        let file = PathClassifier.classify(path, cwd: cwd, workspaceRoot: workspaceRoot, host: host)
        // Reading a hook config, a start-up file or a CI workflow changes nothing: those classes are for writes.
        var categories = Set(
            file.categories.filter { ![.selfModification, .persistence, .ciConfig, .codeExecConfig].contains($0) })
        categories.insert(.read)
        var risk = Risk.low
        var blast = BlastRadius.none
        var reversibility = Reversibility.reversible
        var rollback: String?
        if !file.isInsideWorkspace {
            blast = .machine
            if !file.isTemporary { risk = .medium }
        }
        if categories.contains(.productionConfig) { risk = max(risk, .medium) }
        if categories.contains(.customerData) {
            // Once read, it is in the model's context: it has left the machine.
            risk = max(risk, .high)
            blast = max(blast, .external)
            reversibility = .irreversible
        }
        if file.isSecret {
            categories.insert(.secretsAccess)
            risk = max(risk, .high)
            blast = max(blast, .external)
            reversibility = .irreversible
            rollback = "rotate the secret"
        }
        let rule =
            file.isSecret ? "file.secret-read" : categories.contains(.customerData) ? "file.customer-data-read"
            : !file.isInsideWorkspace ? "file.outside-read" : "file.read"
        return [
            Finding(
                categories.sorted(), risk: risk, blast: blast, reversibility: reversibility,
                reason: "reads " + file.reason, targets: [path], rollback: rollback, rule: rule)
        ]
    }

    /// Package lifecycle scripts (`preinstall`, `postinstall`, `prepare`, …) added or changed in a
    /// manifest: code that runs on the next install, whoever runs it. The lines are shown.
    public static func contentFindings(path: String, texts: [String]) -> [Finding] {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let hooks: [String]
        switch name {
        case "package.json":
            hooks = [
                "preinstall", "install", "postinstall", "prepare", "prepublish", "prepublishOnly", "prepack", "postpack",
                "preuninstall", "postuninstall", "dependencies-install",
            ]
        case "composer.json":
            hooks = ["pre-install-cmd", "post-install-cmd", "post-update-cmd", "pre-update-cmd", "post-autoload-dump", "post-root-package-install"]
        case "pyproject.toml", "setup.cfg":
            hooks = ["build-backend", "cmdclass", "[tool.hatch.build.hooks", "[tool.setuptools.cmdclass"]
        default:
            return []
        }
        var lines: [String] = []
        for text in texts {
            for line in text.split(whereSeparator: \.isNewline) {
                let trimmed = line.drop { $0 == " " || $0 == "\t" }
                if hooks.contains(where: { trimmed.contains("\"" + $0 + "\"") || trimmed.hasPrefix($0) && name != "package.json" }) {
                    lines.append(String(trimmed.prefix(160)))
                }
            }
        }
        guard !lines.isEmpty else { return [] }
        return [
            Finding(
                [.codeExecConfig, .fileWrite], risk: .high, blast: .machine, reversibility: .partial,
                reason: "\(name) gets a script that runs on install: " + lines.prefix(3).joined(separator: " | "),
                targets: [path], rule: "file.lifecycle-script")
        ]
    }

    /// A file write or edit.
    public static func write(path: String, cwd: String?, workspaceRoot: String?, host: HostFacts) -> [Finding] {
        let file = PathClassifier.classify(path, cwd: cwd, workspaceRoot: workspaceRoot, host: host)
        return [change(file, path: path, verb: "writes", isDeletion: false)]
    }

    /// A patch in the apply_patch or unified-diff format: one finding per file it touches.
    public static func patch(_ text: String, cwd: String?, workspaceRoot: String?, host: HostFacts) -> [Finding] {
        let targets = patchTargets(text)
        if targets.isEmpty {
            return [.unknown("a patch whose target files could not be read", rule: "file.patch-unreadable")]
        }
        return targets.map { target in
            let file = PathClassifier.classify(target.path, cwd: cwd, workspaceRoot: workspaceRoot, host: host)
            return change(
                file, path: target.path, verb: target.isDeletion ? "deletes" : "writes", isDeletion: target.isDeletion)
        }
    }

    /// The paths a patch touches, with whether each is deleted, in order and without repeats.
    ///
    /// Supports the Codex apply_patch format (`*** Add File:`, `*** Update File:`, `*** Delete File:`,
    /// `*** Move to:`) and unified diffs (`--- a/p`, `+++ b/p`, `/dev/null`, `diff --git a/x b/y`,
    /// `rename from/to`, `new/deleted file mode`). A move yields both paths, neither as a deletion:
    /// the content survives at the new path, and what the old path was decides the rest.
    public static func patchTargets(_ text: String) -> [(path: String, isDeletion: Bool)] {
        var parser = PatchTargetParser()
        // `\r\n` is one Character, so split on newlines of every kind, not on "\n".
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            parser.consume(line)
        }
        parser.finishSection()
        return parser.targets
    }

    /// A write, edit or deletion of one classified path.
    private static func change(_ file: PathClass, path: String, verb: String, isDeletion: Bool) -> Finding {
        var categories = Set(file.categories)
        categories.insert(.fileWrite)
        var risk = Risk.low
        var blast = BlastRadius.workspace
        var reversibility = Reversibility.reversible
        var rollback: String? = "git checkout -- " + file.resolvedPath
        if isDeletion {
            categories.insert(.destructiveFS)
            // Git can restore tracked files; untracked ones are gone.
            risk = .medium
            reversibility = .partial
        }
        if !file.isInsideWorkspace {
            blast = .machine
            reversibility = isDeletion ? .irreversible : .unknown
            rollback = nil
            // Temp paths hold scratch files; the home directory (or a deletion anywhere) can cost real work.
            let isValuable = !file.isTemporary && (file.isInHome || file.isSystem || isDeletion)
            risk = max(risk, isValuable ? .high : .medium)
        }
        if categories.contains(.buildOutput) { risk = max(risk, .medium) }
        if categories.contains(.productionConfig) || categories.contains(.customerData) { risk = max(risk, .high) }
        if categories.contains(.customerData) {
            // Data files are rarely tracked, so git will not bring them back.
            blast = max(blast, .workspaceUnrecoverable)
            reversibility = max(reversibility, .unknown)
            if file.isInsideWorkspace { rollback = nil }
        }
        if file.isSecret {
            categories.insert(.secretsAccess)
            risk = max(risk, .high)
            // Secret files are ignored by git: an overwrite or delete cannot be undone from it.
            blast = max(blast, .workspaceUnrecoverable)
            reversibility = .irreversible
            rollback = nil
        }
        if categories.contains(.agentConfig) {
            // A changed hook, MCP server or startup file runs outside this action's review.
            risk = max(risk, .high)
            blast = max(blast, .machine)
            reversibility = max(reversibility, .partial)
        }
        if file.isSelfModification {
            risk = .critical
            blast = max(blast, .machine)
            reversibility = max(reversibility, .unknown)
        }
        if categories.contains(.persistence) {
            risk = max(risk, .high)
            blast = max(blast, .machine)
        }
        if categories.contains(.ciConfig) || categories.contains(.codeExecConfig) { risk = max(risk, .medium) }
        let rule =
            file.isSelfModification ? "path.self-modification"
            : file.isSecret ? "file.secret-write"
            : categories.contains(.persistence) ? "file.persistence"
            : categories.contains(.ciConfig) || categories.contains(.codeExecConfig) ? "file.code-config"
            : categories.contains(.agentConfig) ? "file.agent-config"
            : isDeletion ? "file.delete"
            : !file.isInsideWorkspace ? "file.outside-write"
            : categories.contains(.productionConfig) || categories.contains(.customerData) ? "file.sensitive-write"
            : "file.write"
        return Finding(
            categories.sorted(), risk: risk, blast: blast, reversibility: reversibility,
            reason: verb + " " + file.reason, targets: [path], rollback: rollback, rule: rule)
    }
}

/// Line-by-line state for `FileActionClassifier.patchTargets`.
private struct PatchTargetParser {
    var targets: [(path: String, isDeletion: Bool)] = []
    private var seen: [String: Int] = [:]
    /// Inside a `*** Begin Patch` envelope, unified-diff headers are hunk text, not headers.
    private var isCodexPatch = false

    // The unified-diff file section being read.
    private var oldPath: String?
    private var newPath: String?
    private var gitOld: String?
    private var gitNew: String?
    private var renameFrom: String?
    private var renameTo: String?
    private var isNewFile = false
    private var isDeletedFile = false
    private var hasSection = false
    /// Lines left in the current hunk, old and new side; a `--- ` line inside a hunk is a removed line.
    private var oldLeft = 0
    private var newLeft = 0
    /// A `--- ` line waiting for its `+++ ` partner.
    private var pendingOld: String?

    mutating func consume(_ line: Substring) {
        if line.hasPrefix("*** ") {
            if consumeCodex(line.dropFirst(4)) { return }
        }
        if isCodexPatch { return }
        if oldLeft > 0 || newLeft > 0 {
            consumeHunkLine(line)
            return
        }
        if let old = pendingOld {
            pendingOld = nil
            if line.hasPrefix("+++ ") {
                let new = String(line.dropFirst(4))
                // Without `diff --git`, the header pair itself starts the next file's section.
                if oldPath != nil || newPath != nil || !hasSection { finishSection() }
                hasSection = true
                oldPath = Self.diffPath(old, prefix: "a/", other: new)
                newPath = Self.diffPath(new, prefix: "b/", other: old)
                return
            }
        }
        if line.hasPrefix("diff --git ") {
            finishSection()
            hasSection = true
            (gitOld, gitNew) = Self.gitHeaderPaths(line.dropFirst("diff --git ".count))
        } else if line.hasPrefix("--- ") {
            pendingOld = String(line.dropFirst(4))
        } else if line.hasPrefix("@@ ") {
            (oldLeft, newLeft) = Self.hunkCounts(line)
        } else if line.hasPrefix("rename from ") {
            renameFrom = String(line.dropFirst("rename from ".count))
        } else if line.hasPrefix("rename to ") {
            renameTo = String(line.dropFirst("rename to ".count))
        } else if line.hasPrefix("new file mode") {
            isNewFile = true
        } else if line.hasPrefix("deleted file mode") {
            isDeletedFile = true
        }
    }

    /// Handles a `*** …` line; returns false when it is not part of the apply_patch format.
    private mutating func consumeCodex(_ rest: Substring) -> Bool {
        if rest.hasPrefix("Begin Patch") {
            isCodexPatch = true
            return true
        }
        guard isCodexPatch else { return false }
        for (marker, isDeletion) in [
            ("Add File: ", false), ("Update File: ", false), ("Delete File: ", true),
            ("Move to: ", false),
        ] where rest.hasPrefix(marker) {
            record(String(rest.dropFirst(marker.count)), isDeletion: isDeletion)
            return true
        }
        if rest.hasPrefix("End Patch") { isCodexPatch = false }
        return true
    }

    private mutating func consumeHunkLine(_ line: Substring) {
        switch line.first {
        case "+": newLeft -= 1
        case "-": oldLeft -= 1
        case "\\": break
        default:
            // Context (some tools strip the leading space of blank context lines).
            oldLeft -= 1
            newLeft -= 1
        }
        oldLeft = max(oldLeft, 0)
        newLeft = max(newLeft, 0)
    }

    /// Records the file section read so far.
    mutating func finishSection() {
        defer {
            oldPath = nil
            newPath = nil
            gitOld = nil
            gitNew = nil
            renameFrom = nil
            renameTo = nil
            isNewFile = false
            isDeletedFile = false
            hasSection = false
            oldLeft = 0
            newLeft = 0
        }
        guard hasSection else { return }
        let old = oldPath ?? renameFrom ?? gitOld
        let new = newPath ?? renameTo ?? gitNew
        if isDeletedFile || new == nil {
            if let old { record(old, isDeletion: true) }
        } else if isNewFile || old == nil {
            if let new { record(new, isDeletion: false) }
        } else if let old, let new {
            record(old, isDeletion: false)
            if new != old { record(new, isDeletion: false) }
        }
    }

    private mutating func record(_ rawPath: String, isDeletion: Bool) {
        let path = Self.trimmed(rawPath)
        guard !path.isEmpty else { return }
        if let index = seen[path] {
            // A file both updated and deleted counts as deleted.
            if isDeletion { targets[index].isDeletion = true }
            return
        }
        seen[path] = targets.count
        targets.append((path, isDeletion))
    }

    /// The path of a `---`/`+++` header: nil for `/dev/null`, without its `a/`/`b/` prefix and timestamp.
    private static func diffPath(_ header: String, prefix: String, other: String) -> String? {
        var path = unquoted(trimmed(withoutTimestamp(header)))
        if path == "/dev/null" { return nil }
        // The `a/`/`b/` pair is git's convention; strip it only when the other side agrees.
        let otherPrefix = prefix == "a/" ? "b/" : "a/"
        let otherPath = unquoted(trimmed(withoutTimestamp(other)))
        if path.hasPrefix(prefix), otherPath.hasPrefix(otherPrefix) || otherPath.hasPrefix("/dev/null") {
            path = String(path.dropFirst(2))
        }
        return path
    }

    /// `a/x b/y` from a `diff --git` line; ambiguous when names hold spaces, so the halves of an
    /// unchanged name are tried first.
    private static func gitHeaderPaths(_ rest: Substring) -> (String?, String?) {
        let text = String(rest)
        if text.hasPrefix("\"") {
            let parts = quotedParts(text)
            if parts.count == 2 { return (strip(parts[0], "a/"), strip(parts[1], "b/")) }
        }
        let count = text.count
        if count % 2 == 1 {
            let half = (count - 1) / 2
            let left = String(text.prefix(half))
            let right = String(text.suffix(half))
            if left.hasPrefix("a/"), right.hasPrefix("b/"), left.dropFirst(2) == right.dropFirst(2) {
                return (String(left.dropFirst(2)), String(right.dropFirst(2)))
            }
        }
        var search = text[...]
        while let space = search.firstIndex(of: " ") {
            let after = text[text.index(after: space)...]
            if after.hasPrefix("b/") {
                return (strip(String(text[..<space]), "a/"), strip(String(after), "b/"))
            }
            search = text[text.index(after: space)...]
        }
        return (nil, nil)
    }

    /// Plain `diff -u` appends a tab and a timestamp to each header.
    private static func withoutTimestamp(_ header: String) -> String {
        guard let tab = header.firstIndex(of: "\t") else { return header }
        return String(header[..<tab])
    }

    private static func strip(_ path: String, _ prefix: String) -> String {
        path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// Line counts of a hunk header `@@ -l,s +l,s @@`; a missing count means one line.
    private static func hunkCounts(_ line: Substring) -> (Int, Int) {
        var old = 0
        var new = 0
        for word in line.split(separator: " ").dropFirst().prefix(2) {
            guard let sign = word.first, sign == "-" || sign == "+" else { continue }
            let range = word.dropFirst()
            let count: Int
            if let comma = range.firstIndex(of: ",") {
                count = Int(range[range.index(after: comma)...]) ?? 0
            } else {
                count = Int(range) == nil ? 0 : 1
            }
            if sign == "-" { old = count } else { new = count }
        }
        return (old, new)
    }

    private static func trimmed(_ text: String) -> String {
        var slice = text[...]
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" || last == "\r" { slice = slice.dropLast() }
        return String(slice)
    }

    /// Git quotes names with unusual characters: `"a/sp ace"`, with C escapes.
    private static func unquoted(_ text: String) -> String {
        guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else { return text }
        return quotedParts(text).first ?? text
    }

    /// The double-quoted strings in `text`, C escapes for quotes, backslashes, tabs and newlines undone.
    private static func quotedParts(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var inQuotes = false
        var escaped = false
        for character in text {
            if escaped {
                switch character {
                case "t": current.append("\t")
                case "n": current.append("\n")
                default: current.append(character)
                }
                escaped = false
            } else if character == "\\" && inQuotes {
                escaped = true
            } else if character == "\"" {
                if inQuotes { parts.append(current) }
                current = ""
                inQuotes.toggle()
            } else if inQuotes {
                current.append(character)
            }
        }
        return parts
    }
}
