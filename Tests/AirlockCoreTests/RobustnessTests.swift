import Foundation
import Testing

@testable import AirlockCore

/// Random and adversarial input never crashes or hangs the analyser, and cost stays linear.
struct RobustnessTests {
    static let alphabet = Array("ab rm-f/\\'\"$(){}[]`|&;<>\n\t*?~#=!.,:%@^+\u{202E}\u{200B}\u{1B}é漢")

    @Test func randomInputNeverCrashes() {
        var rng = SplitMix(seed: 42)
        for _ in 0..<3_000 {
            let length = Int.random(in: 0..<120, using: &rng)
            let text = String((0..<length).map { _ in Self.alphabet.randomElement(using: &rng) ?? "a" })
            let assessment = Classifier.assess(command: text)
            #expect(!assessment.findings.isEmpty)
        }
    }

    @Test(arguments: [
        String(repeating: "'", count: 10_001),
        String(repeating: "\"", count: 10_001),
        String(repeating: "$(", count: 20_000),
        String(repeating: "`", count: 20_001),
        String(repeating: "bash -c '", count: 2_000),
        String(repeating: "${", count: 20_000),
        String(repeating: "<<EOF\n", count: 5_000),
        String(repeating: "| ", count: 50_000),
        String(repeating: "eval ", count: 20_000) + "rm -rf /",
        String(repeating: "\\", count: 10_000),
        "\u{0}\u{1}\u{2}rm -rf /\u{7F}",
    ])
    func adversarialInputIsHandled(text: String) {
        let assessment = Classifier.assess(command: text)
        #expect(!assessment.findings.isEmpty)
    }

    @Test func nestedShellsAreBoundedAndStayDangerous() {
        var command = "rm -rf /"
        for _ in 0..<12 { command = "bash -c " + Self.singleQuoted(command) }
        let assessment = Classifier.assess(command: command)
        #expect(assessment.risk >= .high)
    }

    static func singleQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    @Test func oneMebibyteCommandIsAnalysed() {
        let big = "echo " + String(repeating: "x", count: 1 << 20)
        #expect(Classifier.assess(command: big).risk == .low)
        let many = String(repeating: "ls -la && ", count: 100_000) + "rm -rf /"
        #expect(Classifier.assess(command: many).risk >= .high)
    }

    @Test func invalidUTF8FromJSONEscapesIsSafe() throws {
        // A lone surrogate escape decodes to U+FFFD or fails; either way nothing crashes.
        let line = #"{"command": "rm -rf \ud800 /"}"#
        if let value = try? JSONDecoder().decode(JSONValue.self, from: Data(line.utf8)),
            let command = value["command"]?.stringValue
        {
            #expect(Classifier.assess(command: command).risk >= .high)
        }
        let bytes: [UInt8] = [0x72, 0x6D, 0x20, 0xFF, 0xFE, 0x2D, 0x72, 0x66, 0x20, 0x2F]
        #expect(Classifier.assess(command: String(decoding: bytes, as: UTF8.self)).risk >= .high)
    }

    /// Doubling the input roughly doubles the time: no quadratic corner.
    @Test(arguments: ["echo 'a' ", "$(ls) ", "x=\"$(cat f)\" ", "cat <<E\nbody\nE\n", "a | b ", "'''' "])
    func analysisTimeIsLinear(unit: String) {
        // The best of seven rounds, each timing the small and the large input back to back, so
        // load on a busy machine falls on both alike and cannot fake a quadratic curve.
        let clock = ContinuousClock()
        let small = String(repeating: unit, count: 2_000)
        let large = String(repeating: unit, count: 16_000)
        _ = Classifier.assess(command: small)
        var best: (small: Duration, large: Duration) = (.seconds(1_000), .seconds(1_000))
        for _ in 0..<7 {
            best.small = min(best.small, clock.measure { _ = Classifier.assess(command: small) })
            best.large = min(best.large, clock.measure { _ = Classifier.assess(command: large) })
        }
        let ratio = best.large / best.small
        // 8× the input: linear is ~8×, quadratic ~64×; the bound sits far from both, so load
        // on a shared machine (which once pushed an 8× step to 34× timed in sequence) cannot fail it.
        #expect(ratio < 32, "8× input took \(ratio)× the time")
    }
}
