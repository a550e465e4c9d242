import Foundation
import Testing

@testable import AirlockHarness

/// Each harness's answers, byte for byte (keys sorted), and always valid JSON.
struct RenderTests {
    let allow = HookAnswer.allow("ok")
    let deny = HookAnswer.deny("no")

    @Test func claude() {
        #expect(
            Harness.claude.render(allow, for: .preToolUse)
                == HookOutput(
                    stdout:
                        #"{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"allow","permissionDecisionReason":"ok"}}"#
                ))
        #expect(
            Harness.claude.render(deny, for: .preToolUse)
                == HookOutput(
                    stdout:
                        #"{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"deny","permissionDecisionReason":"no"}}"#
                ))
        #expect(
            Harness.claude.render(allow, for: .permissionRequest)
                == HookOutput(
                    stdout:
                        #"{"hookSpecificOutput":{"decision":{"behavior":"allow"},"hookEventName":"PermissionRequest"}}"#
                ))
        #expect(
            Harness.claude.render(deny, for: .permissionRequest)
                == HookOutput(
                    stdout:
                        #"{"hookSpecificOutput":{"decision":{"behavior":"deny","message":"no"},"hookEventName":"PermissionRequest"}}"#
                ))
    }

    @Test func codex() {
        // PreToolUse cannot allow (and `ask` would run the tool): an allow is "no decision".
        #expect(Harness.codex.render(allow, for: .preToolUse) == HookOutput(stdout: ""))
        #expect(
            Harness.codex.render(deny, for: .preToolUse)
                == HookOutput(
                    stdout:
                        #"{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"deny","permissionDecisionReason":"no"}}"#
                ))
        #expect(
            Harness.codex.render(allow, for: .permissionRequest)
                == HookOutput(
                    stdout:
                        #"{"hookSpecificOutput":{"decision":{"behavior":"allow"},"hookEventName":"PermissionRequest"}}"#
                ))
        #expect(
            Harness.codex.render(deny, for: .permissionRequest)
                == HookOutput(
                    stdout:
                        #"{"hookSpecificOutput":{"decision":{"behavior":"deny","message":"no"},"hookEventName":"PermissionRequest"}}"#
                ))
    }

    @Test func cursor() {
        #expect(Harness.cursor.render(allow, for: .preToolUse) == HookOutput(stdout: #"{"permission":"allow"}"#))
        #expect(
            Harness.cursor.render(deny, for: .preToolUse)
                == HookOutput(
                    stdout:
                        #"{"agent_message":"no","permission":"deny","user_message":"no"}"#))
    }

    @Test func gemini() {
        #expect(
            Harness.gemini.render(allow, for: .preToolUse) == HookOutput(stdout: #"{"decision":"allow","reason":"ok"}"#)
        )
        #expect(
            Harness.gemini.render(deny, for: .preToolUse) == HookOutput(stdout: #"{"decision":"deny","reason":"no"}"#))
    }

    @Test func copilot() {
        #expect(
            Harness.copilot.render(allow, for: .preToolUse)
                == HookOutput(
                    stdout:
                        #"{"permissionDecision":"allow","permissionDecisionReason":"ok"}"#))
        #expect(
            Harness.copilot.render(deny, for: .preToolUse)
                == HookOutput(
                    stdout:
                        #"{"permissionDecision":"deny","permissionDecisionReason":"no"}"#))
        #expect(
            Harness.copilot.render(deny, for: .permissionRequest)
                == HookOutput(stdout: #"{"behavior":"deny","message":"no"}"#))
    }

    @Test("awkward reasons stay one valid JSON line", arguments: Harness.allCases)
    func escaping(_ harness: Harness) throws {
        let reason = "rm \"-rf\"\n\t/ \\ é 🚀 \u{1}"
        for event in [HookEvent.Name.preToolUse, .permissionRequest] {
            let output = harness.render(.deny(reason), for: event)
            #expect(!output.stdout.contains("\n"))
            let object = try #require(JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
            #expect(output.stdout.contains("deny"))
            #expect(!object.isEmpty)
        }
    }
}
