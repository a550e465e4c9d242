/// A line diff (Myers' O(ND) algorithm), for showing what an edit or write would change.
enum LineDiff {
    enum Line: Equatable, Sendable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// The shortest edit script turning `old` into `new`, as lines. Past `maximumEdits` it gives
    /// up on minimality and shows the rest as removed-then-added, so a huge rewrite stays cheap.
    static func diff(_ old: [String], _ new: [String], maximumEdits: Int = 2000) -> [Line] {
        // Common prefix and suffix first: most edits touch a few lines of a large file.
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix,
            old[old.count - 1 - suffix] == new[new.count - 1 - suffix]
        {
            suffix += 1
        }
        let a = Array(old[prefix..<(old.count - suffix)])
        let b = Array(new[prefix..<(new.count - suffix)])
        var result = old[..<prefix].map(Line.same)
        result += middle(a, b, maximumEdits: maximumEdits)
        result += old[(old.count - suffix)...].map(Line.same)
        return result
    }

    private static func middle(_ a: [String], _ b: [String], maximumEdits: Int) -> [Line] {
        let n = a.count
        let m = b.count
        if n == 0 { return b.map(Line.added) }
        if m == 0 { return a.map(Line.removed) }
        let maxD = min(n + m, maximumEdits)
        let offset = maxD + 1
        var v = [Int](repeating: 0, count: 2 * maxD + 3)
        var trace: [[Int]] = []
        var found = false
        outer: for d in 0...maxD {
            trace.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var x: Int
                if k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) {
                    x = v[offset + k + 1]
                } else {
                    x = v[offset + k - 1] + 1
                }
                var y = x - k
                while x < n, y < m, a[x] == b[y] {
                    x += 1
                    y += 1
                }
                v[offset + k] = x
                if x >= n, y >= m {
                    found = true
                    break outer
                }
            }
        }
        guard found else { return a.map(Line.removed) + b.map(Line.added) }
        // Walk back through the saved frontiers.
        var lines: [Line] = []
        var x = n
        var y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let frontier = trace[d]
            let k = x - y
            let previousK: Int
            if k == -d || (k != d && frontier[offset + k - 1] < frontier[offset + k + 1]) {
                previousK = k + 1
            } else {
                previousK = k - 1
            }
            let previousX = d == 0 ? 0 : frontier[offset + previousK]
            let previousY = previousX - previousK
            while x > previousX, y > previousY {
                lines.append(.same(a[x - 1]))
                x -= 1
                y -= 1
            }
            if d > 0 {
                if x == previousX {
                    lines.append(.added(b[y - 1]))
                } else {
                    lines.append(.removed(a[x - 1]))
                }
            }
            x = previousX
            y = previousY
        }
        return lines.reversed()
    }
}
