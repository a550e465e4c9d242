import PropertyBased
import Testing

@testable import AirlockCore

/// `BytePatterns` answers what a loop of `contains` calls would, in one pass.
struct BytePatternsTests {
    @Test func agreesWithContainsOnRandomText() async {
        let alphabet = Array("ab.:/-x")
        let patterns = ["a.b", "b:", "//x", "-", "aab", "x/x/x", "b"]
        await propertyCheck(
            count: 500, input: Gen.int(in: 0...(alphabet.count - 1)).array(of: 0...24),
            Gen.int(in: 0...(patterns.count - 1)).array(of: 0...4)
        ) { picks, chosen in
            let text = String(picks.map { alphabet[$0] })
            let some = chosen.map { patterns[$0] }
            #expect(BytePatterns(some).matches(in: text) == some.contains(where: { text.contains($0) }), "\(some) in \(text)")
        }
    }

    @Test func findsHostsInURLs() {
        let hosts = BytePatterns(NetworkPrograms.infraHosts)
        #expect(hosts.matches(in: "https://api.vercel.com/v9/projects/x"))
        #expect(hosts.matches(in: "https://gitlab.com/api/v4/projects"))
        #expect(!hosts.matches(in: "https://example.com/api"))
        #expect(!hosts.matches(in: ""))
    }
}
