import AirlockCore
import AirlockWire
import FoundationEssentials
import Testing

@testable import AirlockConsole

/// The separated deployment's broker asks for the reviewer's passphrase again to approve
/// anything high or on the hard floor: the console prompts, shows dots, and sends the same
/// request again with it. Keys another process types into the pane reach the prompt, not an
/// approval.
@Suite struct PassphrasePromptTests {
    static func asked(_ state: inout ConsoleState) -> (RequestTag, ClientRequest)? {
        let effects = press(&state, .character("a"))
        guard case .send(let request, let tag)? = effects.first else { return nil }
        _ = Console.update(
            &state, .passphraseRequired(tag: tag, request: request, message: "approving n1 needs your passphrase again")
        )
        return (tag, request)
    }

    @Test func theApprovalIsSentAgainWithThePassphraseTyped() throws {
        var state = console([shell("n1", "rm -rf build")])
        let (tag, request) = try #require(Self.asked(&state))
        #expect(state.interaction == .enteringPassphrase(request: request, tag: tag, typed: ""))
        type(&state, "hunter22")
        let screen = ReadsWellTests.text(state)
        #expect(!screen.contains("hunter22"), "the passphrase is never drawn")
        #expect(screen.contains("••••••••"))
        let effects = press(&state, .enter)
        guard case .send(.decide(let params), let sentTag)? = effects.first else {
            Issue.record("nothing sent: \(effects)"); return
        }
        #expect(sentTag == tag)
        #expect(params.passphrase == "hunter22")
        #expect(params.ids == ["n1"])
        #expect(state.interaction == .browsing)
    }

    @Test func escSendsNothingAndAnEmptyPassphraseSendsNothing() throws {
        var state = console([shell("n1", "rm -rf build")])
        _ = try #require(Self.asked(&state))
        type(&state, "a")
        #expect(press(&state, .escape).isEmpty)
        #expect(state.interaction == .browsing)
        _ = try #require(Self.asked(&state))
        #expect(requests(press(&state, .enter)).isEmpty)
    }

    /// `a` typed into the prompt is part of a passphrase guess, not a second approval.
    @Test func keysTypedIntoThePromptApproveNothing() throws {
        var state = console([shell("n1", "rm -rf build"), shell("n2", "rm -rf dist")])
        _ = try #require(Self.asked(&state))
        #expect(requests(type(&state, "aAyt")).isEmpty)
    }

    /// Trust (`w`, then `y`) on review.sock asks for the passphrase too: the prompt says it is
    /// for the trust, the trust confirmation's `y` typed there is part of the passphrase, and
    /// Enter sends the trust again with it.
    @Test func aTrustAsksForThePassphraseInTheSamePrompt() throws {
        var state = console([shell("p1", "touch notes.txt")])
        press(&state, .character("w"))
        let effects = press(&state, .character("y"))
        guard case .send(let request, let tag)? = effects.first, case .trust = request else {
            Issue.record("no trust sent: \(effects)"); return
        }
        _ = Console.update(
            &state, .passphraseRequired(tag: tag, request: request, message: "trusting it needs your passphrase again"))
        #expect(state.interaction == .enteringPassphrase(request: request, tag: tag, typed: ""))
        #expect(ReadsWellTests.text(state).contains("passphrase to trust the repository"))
        #expect(requests(type(&state, "wy")).isEmpty, "w and y are typed into the field")
        guard case .send(.trust(let params), let sentTag)? = press(&state, .enter).first else {
            Issue.record("nothing sent"); return
        }
        #expect(sentTag == tag)
        #expect(params.passphrase == "wy")
        #expect(params.workspace == "/home/dev/src/api")
    }
}
