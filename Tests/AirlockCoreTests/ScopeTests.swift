import AirlockCore
import Testing

/// What a scope covers, checked directly (the policy tables check it through exceptions).
struct ScopeTests {
    static func covers(_ scope: Scope, _ kind: Action.Kind) -> Bool {
        let action = Action(cwd: "/w", workspaceRoot: "/w", kind: kind)
        return scope.covers(action, Classifier.assess(action))
    }

    @Test func exactActionMatchesTheSameBytesOnly() {
        let scope = Scope.exactAction(Scope.fingerprint(of: Action(kind: .shell(command: "rm -rf build"))))
        #expect(Self.covers(scope, .shell(command: "rm -rf build")))
        for other in [
            "rm -rf buil", "rm -rf build ", "rm -rf build2", "rm -rf build\u{200B}", "", "shell:rm -rf build",
        ] {
            #expect(!Self.covers(scope, .shell(command: other)), "\(other.debugDescription)")
        }
        // The same text as another kind of action is another action.
        #expect(!Self.covers(scope, .patch(text: "rm -rf build")))
        let edit = Scope.exactAction(Scope.fingerprint(of: Action(kind: .fileWrite(path: "a", content: "x"))))
        #expect(Self.covers(edit, .fileWrite(path: "a", content: "x")))
        #expect(!Self.covers(edit, .fileWrite(path: "a", content: "y")))
    }

    @Test func commandPrefixNeedsEveryCommandToMatchOrOnlyRead() {
        let scope = Scope.commandPrefix(["npm", "test"])
        #expect(Self.covers(scope, .shell(command: "npm test -- --watch=false")))
        #expect(Self.covers(scope, .shell(command: "cd src && npm test")))
        #expect(!Self.covers(scope, .shell(command: "npm")))
        #expect(!Self.covers(scope, .shell(command: "npm test && rm -rf ~")))
        // A wrapper changes what runs: not the command the exception was made for.
        for wrapped in ["sudo npm test", "env NODE_OPTIONS=-r/tmp/x.js npm test", "timeout 5 npm test", "nohup npm test"] {
            #expect(!Self.covers(scope, .shell(command: wrapped)), "\(wrapped)")
        }
        #expect(!Self.covers(Scope.commandPrefix([]), .shell(command: "npm test")))
    }
}
