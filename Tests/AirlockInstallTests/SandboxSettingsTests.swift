import AirlockInstall
import Foundation
import Testing

/// `airlock install claude --sandbox` turns Claude Code's sandbox on the way the recommended
/// deployment needs it, keeping everything else in the file.
@Suite struct SandboxSettingsTests {
    func object(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func anEmptyFileGetsTheThreeSettings() throws {
        let sandbox = try #require(try object(SandboxSettings.apply(to: nil))["sandbox"] as? [String: Any])
        #expect(sandbox["enabled"] as? Bool == true)
        #expect(sandbox["failIfUnavailable"] as? Bool == true)
        #expect(sandbox["allowUnsandboxedCommands"] as? Bool == false)
    }

    @Test func otherSettingsStayAndTheWrongValuesAreCorrected() throws {
        let before = #"""
            {"model": "opus", "sandbox": {"enabled": false, "allowUnsandboxedCommands": true,
             "excludedCommands": ["docker"], "network": {"allowedDomains": ["registry.npmjs.org"]}}}
            """#
        let after = try object(SandboxSettings.apply(to: before))
        #expect(after["model"] as? String == "opus")
        let sandbox = try #require(after["sandbox"] as? [String: Any])
        #expect(sandbox["enabled"] as? Bool == true)
        #expect(sandbox["allowUnsandboxedCommands"] as? Bool == false)
        #expect(sandbox["excludedCommands"] as? [String] == ["docker"])
        #expect((sandbox["network"] as? [String: Any])?["allowedDomains"] as? [String] == ["registry.npmjs.org"])
    }

    @Test func applyingTwiceChangesNothing() throws {
        let once = try SandboxSettings.apply(to: #"{"hooks": {}}"#)
        #expect(try SandboxSettings.apply(to: once) == once)
    }

    @Test func aFileOfTheWrongShapeIsLeftAlone() {
        #expect(throws: InstallError.unexpectedShape("sandbox is not an object")) {
            try SandboxSettings.apply(to: #"{"sandbox": true}"#)
        }
        #expect(throws: InstallError.self) { try SandboxSettings.apply(to: "{nope") }
    }
}
