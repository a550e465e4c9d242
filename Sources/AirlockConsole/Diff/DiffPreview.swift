import AirlockCore

/// What an edit or write would do to the file on disk, as unified-diff lines.
enum DiffPreview {
    /// The file an edit or write changes, resolved against the agent's directory.
    static func target(of action: Action) -> String? {
        let path: String
        switch action.kind {
        case .fileEdit(let p, _), .fileWrite(let p, _): path = p
        default: return nil
        }
        if path.hasPrefix("/") { return path }
        guard let base = action.cwd ?? action.workspaceRoot else { return path }
        return base.hasSuffix("/") ? base + path : base + "/" + path
    }

    /// One line of a unified diff.
    enum Row: Equatable {
        case hunk(String)
        case line(LineDiff.Line)
        case note(String)
        /// Lines not shown, with how many and why: the diff never leaves something out silently.
        case omitted(Omission)
    }

    /// What a diff leaves out and why.
    enum Omission: Equatable {
        /// Lines of the file on disk that hold a secret (the labels the redactor gave them):
        /// lines the change removes, or unchanged lines around it.
        case secret(lines: Int, removed: Bool, labels: [String])
        /// Diff lines past `maximumLines`.
        case tooLong(lines: Int, shown: Int)
        /// The whole file on disk, and why.
        case file(FileOnDisk)

        var text: String {
            switch self {
            case .secret(let lines, let removed, let labels):
                return "⋯ \(Numbers.grouped(lines)) \(removed ? "removed" : "unchanged") line\(lines == 1 ? "" : "s") "
                    + "not shown: \(lines == 1 ? "it holds" : "they hold") a secret (\(labels.joined(separator: ", ")))"
            case .tooLong(let lines, let shown):
                return "⋯ \(Numbers.grouped(lines)) more diff line\(lines == 1 ? "" : "s") not shown: too long "
                    + "(the first \(Numbers.grouped(shown)) are)"
            case .file(.tooLarge(let bytes)):
                return "⋯ the file on disk is not shown: too large to diff (\(Numbers.bytes(bytes)))"
            case .file(.binary(let bytes)):
                return "⋯ the file on disk is not shown: binary (\(Numbers.bytes(bytes)))"
            case .file(.unreadable):
                return "⋯ the file on disk is not shown: it could not be read"
            case .file:
                return "⋯ the file on disk is not shown"
            }
        }
    }

    /// Diff lines shown at most; the rest are counted in one `.tooLong` row.
    static let maximumLines = 4000

    /// The rows to show for an edit or write given what is on disk (nil: not read yet).
    static func rows(for action: Action, onDisk: FileOnDisk?, context: Int = 2) -> [Row] {
        switch action.kind {
        case .fileWrite(_, let content):
            switch onDisk {
            case nil: return [.note("reading the file on disk…")] + unified(old: "", new: content, context: context)
            case .missing: return [.note("new file")] + unified(old: "", new: content, context: context)
            case .loaded(let old): return unified(old: old, new: content, context: context)
            case .unreadable, .tooLarge, .binary:
                return [.omitted(.file(onDisk ?? .unreadable)), .note("the new content in full:")]
                    + unified(old: "", new: content, context: context)
            }
        case .fileEdit(_, let edits):
            if case .loaded(let old) = onDisk, let new = apply(edits, to: old) {
                return unified(old: old, new: new, context: context)
            }
            // Without the file (or when an old text is not in it), show each replacement on its own.
            var rows: [Row]
            switch onDisk {
            case nil: rows = [.note("reading the file on disk…")]
            case .missing: rows = [.note("file not found on disk; edits as sent:")]
            case .loaded: rows = [.note("old text not found in the file; edits as sent:")]
            case .unreadable, .tooLarge, .binary:
                rows = [.omitted(.file(onDisk ?? .unreadable)), .note("edits as sent:")]
            }
            var lines = 0
            for (index, edit) in edits.enumerated() {
                rows.append(.hunk("@@ edit \(index + 1)\(edit.replaceAll ? " (all occurrences)" : "") @@"))
                let old = edit.oldText.split(separator: "\n", omittingEmptySubsequences: false)
                let new = edit.newText.split(separator: "\n", omittingEmptySubsequences: false)
                for (text, isOld) in old.map({ ($0, true) }) + new.map({ ($0, false) }) {
                    guard lines < maximumLines else {
                        let left = edits[index...].reduce(0) { $0 + $1.oldText.lineCount + $1.newText.lineCount }
                        rows.append(.omitted(.tooLong(lines: left - lines, shown: lines)))
                        return rows
                    }
                    rows.append(.line(isOld ? .removed(String(text)) : .added(String(text))))
                    lines += 1
                }
            }
            return rows
        default:
            return []
        }
    }

    /// The file after the edits, as the harness would apply them; nil when an old text is missing.
    static func apply(_ edits: [FileEdit], to text: String) -> String? {
        var result = text
        for edit in edits {
            guard !edit.oldText.isEmpty else {
                result = edit.newText + result
                continue
            }
            let parts = result.split(
                separator: edit.oldText, maxSplits: edit.replaceAll ? Int.max : 1, omittingEmptySubsequences: false)
            guard parts.count > 1 else { return nil }
            result = parts.joined(separator: edit.newText)
        }
        return result
    }

    /// Unified hunks with `context` lines around each change. Lines of the file on disk (context
    /// and removed) that hold a secret are counted, not shown; what the agent would write is
    /// always shown as it is, since that is what the reviewer approves.
    static func unified(old: String, new: String, context: Int) -> [Row] {
        let oldLines = old.isEmpty ? [] : old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let newLines = new.isEmpty ? [] : new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let lines = LineDiff.diff(oldLines, newLines)
        guard lines.contains(where: { if case .same = $0 { false } else { true } }) else { return [.note("no change")] }
        // Mark which lines to keep: changes and their context.
        var keep = [Bool](repeating: false, count: lines.count)
        for (index, line) in lines.enumerated() {
            if case .same = line { continue }
            for near in max(0, index - context)...min(lines.count - 1, index + context) { keep[near] = true }
        }
        let total = keep.count { $0 }
        let redactor = Redactor()
        var rows: [Row] = []
        var shown = 0
        var oldNumber = 1
        var newNumber = 1
        var index = 0
        while index < lines.count {
            guard keep[index] else {
                if case .removed = lines[index] {
                    oldNumber += 1
                } else if case .added = lines[index] {
                    newNumber += 1
                } else {
                    oldNumber += 1
                    newNumber += 1
                }
                index += 1
                continue
            }
            var end = index
            while end < lines.count, keep[end] { end += 1 }
            let slice = lines[index..<end]
            let oldCount = slice.count { if case .added = $0 { false } else { true } }
            let newCount = slice.count { if case .removed = $0 { false } else { true } }
            rows.append(.hunk("@@ -\(oldNumber),\(oldCount) +\(newNumber),\(newCount) @@"))
            var secretLines = 0
            var secretsRemoved = false
            var labels: [String] = []
            func flushSecrets() {
                guard secretLines > 0 else { return }
                rows.append(.omitted(.secret(lines: secretLines, removed: secretsRemoved, labels: labels)))
                secretLines = 0
                labels = []
            }
            for line in slice {
                guard shown < maximumLines else {
                    flushSecrets()
                    rows.append(.omitted(.tooLong(lines: total - shown, shown: shown)))
                    return rows
                }
                shown += 1
                switch line {
                case .same(let text), .removed(let text):
                    let found = redactor.findings(in: text)
                    let isRemoved = if case .removed = line { true } else { false }
                    if !found.isEmpty {
                        if secretLines > 0, secretsRemoved != isRemoved { flushSecrets() }
                        secretsRemoved = isRemoved
                        secretLines += 1
                        for label in found where !labels.contains(label) { labels.append(label) }
                        continue
                    }
                case .added:
                    break
                }
                flushSecrets()
                rows.append(.line(line))
            }
            flushSecrets()
            oldNumber += oldCount
            newNumber += newCount
            index = end
        }
        return rows
    }
}

extension String {
    /// Lines as the diff splits them (a trailing newline makes an empty last line).
    var lineCount: Int { utf8.count { $0 == UInt8(ascii: "\n") } + 1 }
}
