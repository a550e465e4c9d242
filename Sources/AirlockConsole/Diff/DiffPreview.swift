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
    }

    /// The rows to show for an edit or write given what is on disk (nil: not read yet).
    static func rows(for action: Action, onDisk: FileOnDisk?, context: Int = 2) -> [Row] {
        switch action.kind {
        case .fileWrite(_, let content):
            switch onDisk {
            case nil: return [.note("reading the file on disk…")] + unified(old: "", new: content, context: context)
            case .missing: return [.note("new file")] + unified(old: "", new: content, context: context)
            case .loaded(let old): return unified(old: old, new: content, context: context)
            }
        case .fileEdit(_, let edits):
            if case .loaded(let old) = onDisk, let new = apply(edits, to: old) {
                return unified(old: old, new: new, context: context)
            }
            // Without the file (or when an old text is not in it), show each replacement on its own.
            var rows: [Row] = [
                .note(
                    onDisk == nil
                        ? "reading the file on disk…"
                        : onDisk == .missing
                            ? "file not found on disk; edits as sent:"
                            : "old text not found in the file; edits as sent:")
            ]
            for (index, edit) in edits.enumerated() {
                rows.append(.hunk("@@ edit \(index + 1)\(edit.replaceAll ? " (all occurrences)" : "") @@"))
                rows += edit.oldText.split(separator: "\n", omittingEmptySubsequences: false).map {
                    .line(.removed(String($0)))
                }
                rows += edit.newText.split(separator: "\n", omittingEmptySubsequences: false).map {
                    .line(.added(String($0)))
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

    /// Unified hunks with `context` lines around each change.
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
        var rows: [Row] = []
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
            rows += slice.map(Row.line)
            oldNumber += oldCount
            newNumber += newCount
            index = end
        }
        return rows
    }
}
