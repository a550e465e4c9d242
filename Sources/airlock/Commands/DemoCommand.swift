import AirlockCore
import AirlockHookRuntime
import AirlockWire
import ArgumentParser
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `airlock demo`: Airlock at work in one command. A private broker and store in a temporary
/// directory, simulated agents submitting a realistic mix of actions from two repositories,
/// and the console on that socket. Everything is removed on exit.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Try Airlock: a private broker, simulated agents and the console, all in a temp directory."
    )

    @Option(help: "A built-in theme (default, light, high-contrast, monochrome) or a theme file's path.")
    var theme: String?

    func run() throws {
        let root = try Self.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var environment = ProcessInfo.processInfo.environment
        // The socket's directory is Airlock's own (the integrity floor guards it), so the
        // repositories live beside it, not inside it.
        environment["AIRLOCK_SOCKET"] = root + "/run/airlock.sock"
        environment["AIRLOCK_STATE_DIR"] = root + "/state"
        environment["AIRLOCK_CONFIG_DIR"] = root + "/config"
        let paths = AirlockPaths(environment: environment)
        let api = try Self.makeRepository(root + "/repos/shop-api")
        let web = try Self.makeRepository(root + "/repos/shop-web")

        // --wait-for-console: actions queue even in the moment before the console subscribes.
        // --ignore-boundaries: the demo repositories are deliberately untrusted and hold a
        // readable .env, so the boundary panel has something to show; measured for real, they
        // would stop everything but reads and the queue would stay empty.
        let launcher = BrokerLauncher(
            paths: paths, environment: environment, extraArguments: ["--wait-for-console", "--ignore-boundaries"])
        guard let broker = try launcher.ensureRunning() else {
            throw CLIError("a broker already answers on \(paths.socket); the demo needs its own")
        }
        defer { Self.stop(broker) }
        var agentEnvironment = environment
        agentEnvironment["AIRLOCK_DEMO_API"] = api
        agentEnvironment["AIRLOCK_DEMO_WEB"] = web
        let agents = try DetachedProcess.spawn(
            executable: BrokerLauncher.currentExecutable(), arguments: ["demo-agents"],
            environment: agentEnvironment, logPath: root + "/agents.log")
        defer { Self.stop(agents) }

        let app = ConsoleApp(
            paths: paths, reviewer: ConsoleCommand.userName(), themeName: theme, bell: false,
            probes: .live(environment: environment), environment: environment)
        let notes = try app.run()
        for note in notes { FileHandle.standardError.write(Data("airlock: \(note)\n".utf8)) }
        print("airlock demo: stopped the demo broker and agents and removed \(root)")
    }

    static func makeTemporaryDirectory() throws -> String {
        var template = Array((NSTemporaryDirectory() + "airlock-demo-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw CLIError("cannot create a temporary directory") }
        return String(cString: made)
    }

    /// A small repository with real files (so edits show diffs), under git when git is installed.
    static func makeRepository(_ path: String) throws -> String {
        for (name, contents) in DemoScript.files {
            let file = path + "/" + name
            try FileManager.default.createDirectory(
                atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try contents.write(toFile: file, atomically: true, encoding: .utf8)
        }
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.arguments = ["git", "init", "-q", path]
        git.standardOutput = FileHandle.nullDevice
        git.standardError = FileHandle.nullDevice
        if (try? git.run()) != nil { git.waitUntilExit() }
        return path
    }

    static func stop(_ pid: pid_t) {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        for _ in 0..<100 {
            if waitpid(pid, &status, WNOHANG) == pid { return }
            usleep(20_000)
        }
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
    }
}

/// `airlock demo-agents` (hidden): the demo's simulated agents, in a process of their own so
/// the console reviewing them is not the agent (the broker refuses self-approval).
struct DemoAgentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-agents", abstract: "The simulated agents of `airlock demo`.", shouldDisplay: false)

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let api = environment["AIRLOCK_DEMO_API"], let web = environment["AIRLOCK_DEMO_WEB"] else {
            throw CLIError("demo-agents runs under `airlock demo`")
        }
        let socket = AirlockPaths().socket
        let group = DispatchGroup()
        // Each agent works through its steps a second or so apart; a step that waits for a
        // reviewer does not hold up the next one (as with parallel tool calls and subagents),
        // so the queue fills the way a busy morning does.
        for (agentIndex, agent) in DemoScript.agents(api: api, web: web).enumerated() {
            for (step, kind) in agent.actions.enumerated() {
                let delay = 0.3 + Double(step) * 1.2 + Double(agentIndex) * 0.4
                let action = Action(harness: agent.harness, session: agent.session, cwd: agent.repository, kind: kind)
                let line = SubmitCodec.request(
                    SubmitParams(action: action, deadlineMs: 600_000), id: BrokerAsk.requestID)
                group.enter()
                DispatchQueue.global().asyncAfter(deadline: .now() + delay) {
                    defer { group.leave() }
                    let answer = try? BrokerSocket(path: socket).exchange(
                        line, deadline: MonotonicTime.now.adding(milliseconds: 610_000))
                    let decision = answer.map { $0.allows ? "allow" : "deny" } ?? "no answer"
                    print("\(agent.harness) \(agent.session) step \(step + 1): \(decision)")
                }
            }
        }
        group.wait()
    }
}
