import Foundation
import Testing

@testable import AirlockCore

/// The outside corpus of destructive_command_guard (MIT; see Resources/dcg/LICENSE):
/// commands labelled deny must rate high or critical, commands labelled allow must not.
///
/// The test holds the measured figures exactly: a new miss or a new false alarm fails, and so
/// does an improvement until the figures here are raised to it. The misses and false alarms
/// left are decisions (docs/decisions.md): temp-path deletes and `rm -rf ./build` are medium,
/// Kubernetes namespace deletes are critical, `srm`/`shred` are high, and a secret read of
/// something named "Prod" is raised by the production marker.
struct CorpusTests {
    /// Deny cases rated high or critical, of 307.
    static let caught = 304
    /// Allow cases rated high or critical, of 449, the disagreements below left out.
    static let falseAlarms = 4

    /// Allow-labelled commands the policy tables rate high on purpose (docs/decisions.md, fourth
    /// pass): dcg guards destructive commands only, while secrets are denied by default (a
    /// secret printed to the agent has been read) and emptying a shared temp directory destroys
    /// other programs' and users' files. Each must rate high; none counts as a false alarm.
    static let disagreements: Set<String> = [
        "vault read secret/myapp/config", "vault kv get secret/myapp/config",
        "aws secretsmanager get-secret-value --secret-id my/secret",
        "aws secretsmanager get-secret-value --secret-id my/secret --version-id 1234",
        "aws secretsmanager get-secret-value --secret-id my/secret --version-stage AWSCURRENT",
        "doppler secrets get DATABASE_URL", "doppler secrets download --no-file --format json", "rm -rf /tmp/*",
        "rm -rf /var/tmp/*",
    ]

    struct Case: Decodable {
        var command: String
        var expected: String
        var note: String?
    }

    static func loadCases() throws -> [Case] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Resources/dcg/cases.jsonl")
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONDecoder().decode(Case.self, from: Data($0.utf8)) }
    }

    @Test func destructiveCommandGuardCorpus() throws {
        let cases = try Self.loadCases()
        let context = ClassificationContext(
            cwd: "/home/dev/proj", workspaceRoot: "/home/dev/proj",
            host: HostFacts(home: "/home/dev"))
        var caught = 0, denies = 0, falseAlarms = 0, allows = 0, disagreed = 0
        var misses: [String] = [], alarms: [String] = []
        for item in cases {
            let assessment = Classifier.assess(command: item.command, context: context)
            let isHigh = assessment.risk >= .high
            if item.expected == "deny" {
                denies += 1
                if isHigh { caught += 1 } else { misses.append("\(assessment.risk) \(item.command.prefix(100))") }
            } else if Self.disagreements.contains(item.command) {
                allows += 1
                disagreed += 1
                #expect(isHigh, "a disagreement must rate high: \(assessment.risk) \(item.command)")
            } else {
                allows += 1
                if isHigh {
                    falseAlarms += 1
                    alarms.append("\(assessment.risk) \(item.command.prefix(100)) — \(assessment.summary.prefix(100))")
                }
            }
        }
        let recall = Double(caught) / Double(denies) * 100
        let falseAlarmRate = Double(falseAlarms) / Double(allows - disagreed) * 100
        print("dcg corpus: \(caught)/\(denies) deny cases rated high or critical (\(String(format: "%.1f", recall)) %)")
        print(
            "dcg corpus: \(falseAlarms)/\(allows) allow cases rated high or critical (\(String(format: "%.1f", falseAlarmRate)) %)"
        )
        for miss in misses { print("  missed: \(miss)") }
        for alarm in alarms { print("  false alarm: \(alarm)") }
        #expect(denies == 307 && allows == 449, "the corpus file changed")
        #expect(disagreed == Self.disagreements.count, "a disagreement is no longer in the corpus")
        #expect(caught == Self.caught, "caught \(caught), held \(Self.caught)")
        #expect(falseAlarms == Self.falseAlarms, "false alarms \(falseAlarms), held \(Self.falseAlarms)")
        #expect(recall >= 99)
        #expect(falseAlarmRate <= 1)
    }
}
