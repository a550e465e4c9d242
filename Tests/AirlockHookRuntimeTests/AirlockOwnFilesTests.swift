import AirlockCore
import AirlockHookRuntime
import Testing

/// Airlock's socket, units and system files are its own: writing or deleting one from an agent
/// is self-modification, denied by the integrity floor.
@Suite struct AirlockOwnFilesTests {
    static let host = AirlockLocations(environment: ["HOME": "/home/dev", "XDG_RUNTIME_DIR": "/run/user/1000"])
        .hostFacts(environment: ["HOME": "/home/dev"])

    @Test(arguments: [
        "/run/user/1000/airlock/airlock.sock", "/home/dev/.config/systemd/user/airlock.service",
        "/etc/systemd/system/airlock.service", "/var/lib/airlock/airlock.sqlite", "/run/airlock/agent.sock",
        "/etc/sudoers.d/airlock", "/home/dev/.local/state/airlock/airlock.sqlite",
    ])
    func writingOneIsSelfModification(path: String) {
        let action = Action(cwd: "/home/dev/project", kind: .fileWrite(path: path, content: "x"))
        #expect(Classifier.assess(action, host: Self.host).categories.contains(.selfModification), "\(path)")
        let shell = Action(cwd: "/home/dev/project", kind: .shell(command: "rm -f \(path)"))
        #expect(Classifier.assess(shell, host: Self.host).categories.contains(.selfModification), "\(path)")
    }
}
