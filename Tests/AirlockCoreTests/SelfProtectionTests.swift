import AirlockCore
import Testing

/// Deleting Airlock's own files or a harness's settings is the integrity floor wherever they
/// live, a temporary directory included (where a throwaway file is only a deletion).
@Suite struct SelfProtectionTests {
    static let host = HostFacts(home: "/home/dev", airlockPaths: ["/tmp/al/state", "/tmp/al/config"])

    @Test(arguments: [
        "rm -f /tmp/al/state/airlock.sqlite", "rm -rf /tmp/al/config", "rm /tmp/work/proj/.claude/settings.json",
        "rm -f /tmp/al/config/trusted-repos",
    ])
    func deletingThemIsSelfModification(command: String) {
        let action = Action(cwd: "/tmp/work/proj", kind: .shell(command: command))
        let assessment = Classifier.assess(action, host: Self.host)
        #expect(assessment.categories.contains(.selfModification), "\(assessment.categories)")
    }

    @Test func aThrowawayTemporaryFileIsNot() {
        let action = Action(cwd: "/tmp/work/proj", kind: .shell(command: "rm -f /tmp/scratch.txt"))
        #expect(!Classifier.assess(action, host: Self.host).categories.contains(.selfModification))
    }
}
