import Foundation
import Testing

/// `airlock doctor --system` on a real separated deployment: every check holds as `setup
/// --system` and `install --system` leave it, as the agent sees it; each thing an attacker (or a
/// careless admin) loosens is named on its own line, and the exit status says so.
@Suite(.serialized, .ownThreads, TestUser.required) struct SystemDoctorTests {
    @Test func aSoundDeploymentPassesAndEachLooseningIsNamed() throws {
        let deployment = try SeparatedBroker()
        let agent = deployment.agent
        let home = String(cString: getpwnam(agent.name).pointee.pw_dir)
        let environment = deployment.environment.merging(["HOME": home]) { $1 }
        let doctor = { try agent.run([Programs.airlock, "doctor", "--system"], environment: environment) }

        // No hook yet: the one failing line says how to install it.
        let bare = try doctor()
        #expect(bare.status == 1, "\(bare)")
        #expect(bare.stdout.contains("FAIL hook"), "\(bare.stdout)")
        #expect(bare.stdout.contains("airlock install <harness> --system"), "\(bare.stdout)")

        let installed = try agent.run([Programs.airlock, "install", "claude", "--system", "--allow-dev"], environment: environment)
        #expect(installed.status == 0, "\(installed)")
        let sound = try doctor()
        #expect(sound.status == 0, "\(sound.stdout)\(sound.stderr)")
        for name in [
            "system user", "broker", "socket directory", "agent.sock", "review.sock", "state directory",
            "policy directory", "policy file", "hook", "sudoers",
        ] {
            #expect(sound.stdout.contains("ok   \(name)"), "\(name): \(sound.stdout)")
        }
        #expect(sound.stdout.contains("every check holds"), "\(sound.stdout)")

        // Loosened: the store directory open to all, a policy file the agent owns.
        chmod(deployment.stateDirectory, 0o777)
        let policy = deployment.base + "/config/policy.toml"
        FileManager.default.createFile(atPath: policy, contents: Data("mode = \"auto-loop\"\n".utf8))
        chown(policy, agent.uid, agent.gid)
        let loose = try doctor()
        #expect(loose.status == 1)
        #expect(loose.stdout.contains("FAIL state directory"), "\(loose.stdout)")
        #expect(loose.stdout.contains("FAIL policy file"), "\(loose.stdout)")
        #expect(loose.stdout.contains("ok   agent.sock"), "\(loose.stdout)")
        chmod(deployment.stateDirectory, 0o700)
        unlink(policy)

        // The broker gone: nothing answers, and doctor says so rather than pass.
        deployment.stop()
        let stopped = try doctor()
        #expect(stopped.status == 1)
        #expect(stopped.stdout.contains("FAIL broker"), "\(stopped.stdout)")
    }
}
