extension StringProtocol {
    /// Substring search over UTF-8 bytes.
    ///
    /// Shadows the generic `contains(_:)` of the string-processing library, which measured at
    /// about 18,000 instructions per call on short strings and was a third of classification
    /// time. Byte equality is right here: both sides are valid UTF-8 and no caller needs
    /// Unicode canonical equivalence.
    func contains(_ needle: String) -> Bool {
        var needle = needle
        return needle.withUTF8 { n in
            guard let first = n.first else { return true }
            let count = n.count
            return utf8.withContiguousStorageIfAvailable { h in Self.search(h, n, first, count) }
                ?? Self.search(Array(utf8), n, first, count)
        }
    }

    private static func search<H: RandomAccessCollection>(
        _ h: H, _ n: UnsafeBufferPointer<UInt8>, _ first: UInt8, _ count: Int
    ) -> Bool where H.Element == UInt8, H.Index == Int {
        guard h.count >= count else { return false }
        var i = h.startIndex
        let last = h.endIndex - count
        while i <= last {
            if h[i] == first {
                var j = 1
                while j < count, h[i + j] == n[j] { j += 1 }
                if j == count { return true }
            }
            i += 1
        }
        return false
    }
}

/// Many substrings searched for in one pass: patterns are bucketed by their first byte, so each
/// position of the text is compared only with the patterns that could start there. For lists
/// of hosts or words searched in every request (`NetworkPrograms`), where a loop of
/// `contains` calls would pass over the text once per pattern.
struct BytePatterns: Sendable {
    private let buckets: [[[UInt8]]]

    init(_ patterns: [String]) {
        var buckets = [[[UInt8]]](repeating: [], count: 256)
        for pattern in patterns where !pattern.isEmpty {
            let bytes = Array(pattern.utf8)
            buckets[Int(bytes[0])].append(bytes)
        }
        self.buckets = buckets
    }

    /// Whether any pattern occurs in `text`.
    func matches(in text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            for start in bytes.indices {
                for pattern in buckets[Int(bytes[start])] where start + pattern.count <= bytes.count {
                    var offset = 1
                    while offset < pattern.count, bytes[start + offset] == pattern[offset] { offset += 1 }
                    if offset == pattern.count { return true }
                }
            }
            return false
        }
    }
}
