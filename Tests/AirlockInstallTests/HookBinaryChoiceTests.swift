import AirlockInstall
import Testing

/// Which binary `airlock install` writes into a harness's settings, and why.
@Suite struct HookBinaryChoiceTests {
    @Test(arguments: [
        ("/home/me/src/airlock/.build/debug/airlock", true),
        ("/home/me/src/airlock/.build/x86_64-unknown-linux-gnu/release/airlock", true),
        ("/work/main/.build-static/release/airlock", true),
        ("/home/me/.local/bin/airlock", false),
        ("/opt/builds/airlock", false),
    ])
    func developmentBuildsAreTold(path: String, isDevelopment: Bool) {
        #expect(HookBinaryChoice.isDevelopmentBuild(path) == isDevelopment)
    }

    @Test func aDevelopmentBuildIsRefusedUnlessAllowed() throws {
        let facts = HookBinaryChoice.Facts(airlock: "/r/.build/debug/airlock", hook: nil, hookLinkage: .unknown)
        #expect(throws: HookBinaryChoice.Refusal.developmentBuild("/r/.build/debug/airlock")) {
            try HookBinaryChoice.choose(facts, allowDevelopment: false)
        }
        #expect(try HookBinaryChoice.choose(facts, allowDevelopment: true).airlock == "/r/.build/debug/airlock")
    }

    @Test func theStaticHookBesideAirlockIsChosenAndSaidSo() throws {
        let facts = HookBinaryChoice.Facts(
            airlock: "/home/me/.local/bin/airlock", hook: "/home/me/.local/bin/airlock-hook", hookLinkage: .fullyStatic)
        let choice = try HookBinaryChoice.choose(facts, allowDevelopment: false)
        #expect(choice.hook == "/home/me/.local/bin/airlock-hook")
        #expect(choice.why.contains("fully static"))
        var dynamic = facts
        dynamic.hookLinkage = .dynamic
        #expect(try HookBinaryChoice.choose(dynamic, allowDevelopment: false).why.contains("linked dynamically"))
        var none = facts
        none.hook = nil
        let fallback = try HookBinaryChoice.choose(none, allowDevelopment: false)
        #expect(fallback.hook == nil)
        #expect(fallback.why.contains("`airlock hook` runs"))
    }
}
