import AirlockHarness
import AirlockHookRuntime
import Foundation
import Testing

struct HookArgumentsTests {
    @Test func harnessAndTimeoutInAnyOrder() {
        #expect(HookArguments.parse(["claude"]) == .success(HookArguments(harness: .claude, timeoutMs: nil)))
        #expect(
            HookArguments.parse(["--timeout-ms", "900000", "codex"])
                == .success(HookArguments(harness: .codex, timeoutMs: 900_000)))
        #expect(
            HookArguments.parse(["gemini", "--timeout-ms=5000"])
                == .success(HookArguments(harness: .gemini, timeoutMs: 5000)))
    }

    @Test(arguments: [
        [], ["claud"], ["claude", "codex"], ["claude", "--timeout-ms"], ["claude", "--timeout-ms", "soon"],
    ])
    func mistakesAreRefused(_ arguments: [String]) {
        guard case .failure = HookArguments.parse(arguments) else {
            Issue.record("accepted \(arguments)")
            return
        }
    }
}

/// The hook finds the socket exactly where the CLI and broker do.
struct AirlockLocationsTests {
    @Test func socketFollowsTheEnvironment() {
        #expect(AirlockLocations(environment: ["AIRLOCK_SOCKET": "/x/a.sock"], uid: 5).socket == "/x/a.sock")
        #expect(
            AirlockLocations(environment: ["XDG_RUNTIME_DIR": "/run/user/5"], uid: 5).socket
                == "/run/user/5/airlock/airlock.sock")
        #expect(AirlockLocations(environment: ["HOME": "/h"], uid: 5).socket == "/tmp/airlock-5/airlock.sock")
        #expect(
            AirlockLocations(environment: ["HOME": "/h", "TMPDIR": "/var/t"], uid: 5).socket
                == "/var/t/airlock-5/airlock.sock")
        let locations = AirlockLocations(environment: ["HOME": "/h"], uid: 5)
        #expect(locations.stateDirectory == "/h/.local/state/airlock")
        #expect(locations.configDirectory == "/h/.config/airlock")
        let paths = locations.hostFacts(environment: ["HOME": "/h"]).airlockPaths
        #expect(
            paths.prefix(7)
                == [
                    "/h/.local/state/airlock", "/h/.config/airlock", "/tmp/airlock-5", "/tmp/airlock-5/airlock.sock",
                    "/run/airlock", "/var/lib/airlock", "/etc/airlock",
                ])
        // Units and the separated mode's places are Airlock's too.
        #expect(paths.contains("/h/.config/systemd/user/airlock.service"))
        #expect(paths.contains("/etc/systemd/system/airlock.service"))
    }

    @Test(arguments: ["/a/b/c.sock", "/a/b/", "/a", "/", "a.sock", "a/b", ""])
    func directoryMatchesFoundation(_ path: String) {
        #expect(
            AirlockLocations(environment: ["AIRLOCK_SOCKET": path.isEmpty ? "/x" : path], uid: 1).hostFacts(
                environment: [:]
            ).airlockPaths[2] == ((path.isEmpty ? "/x" : path) as NSString).deletingLastPathComponent)
    }
}
