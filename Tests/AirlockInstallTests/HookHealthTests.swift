import AirlockHarness
import AirlockInstall
import Foundation
import Testing

/// What `airlock doctor` says about Airlock's hook in each harness's settings.
struct HookHealthTests {
    @Test(arguments: Harness.allCases)
    func anInstalledHookIsHealthy(harness: Harness) throws {
        let installer = HookInstaller(harness: harness, executable: "/opt/airlock/bin/airlock")
        let text = try installer.install(into: nil)
        let health = installer.health(of: text, path: "/p", scope: .project("/w"))
        #expect(health.isInstalled)
        #expect(health.isTimeoutLongEnough)
        #expect(health.timeout == installer.timeoutSummary)
        #expect(health.notes == [SettingsLocation.trustStep(for: harness, scope: .project("/w"))])
    }

    @Test func aShortTimeoutAMissingFileAndABrokenOne() {
        let installer = HookInstaller(harness: .claude)
        let short = #"""
            {"hooks": {"PreToolUse": [{"matcher": "*", "hooks": [
              {"type": "command", "command": "airlock hook claude", "timeout": 10}]}]}}
            """#
        let health = installer.health(of: short, path: "/p", scope: .user)
        #expect(health.isInstalled)
        #expect(!health.isTimeoutLongEnough)
        #expect(health.timeout == "timeout 10")
        #expect(health.notes.first?.contains("too short") == true)

        #expect(!installer.health(of: nil, path: "/p", scope: .user).isInstalled)
        let other = #"{"hooks": {"PreToolUse": [{"matcher": "*", "hooks": [{"command": "lint.sh"}]}]}}"#
        #expect(!installer.health(of: other, path: "/p", scope: .user).isInstalled)
        let broken = installer.health(of: "{nope", path: "/p", scope: .user)
        #expect(!broken.isInstalled)
        #expect(broken.notes.first?.hasPrefix("/p: ") == true)
    }
}
