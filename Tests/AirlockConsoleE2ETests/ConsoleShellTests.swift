import AirlockConsole
import AirlockCore
import AirlockStore
import Foundation
import Testing

@testable import airlock

/// The pure parts of the console's shell: settings, logged actions read back, the wake queue.
@Suite struct ConsoleShellTests {
    @Test func settingsReadThemeAndBell() {
        let settings = ConsoleSettings.parse("theme = \"light\"\nbell = false\n", fileName: "config.toml")
        #expect(settings == ConsoleSettings(theme: "light", bell: false, problems: []))
    }

    @Test func brokenSettingsNameTheirLineAndKeepTheDefaults() {
        let settings = ConsoleSettings.parse("bell = false\ntheme = \n", fileName: "config.toml")
        #expect(settings.theme == nil)
        #expect(settings.bell == true)
        #expect(settings.problems.count == 1)
        #expect(settings.problems.first?.hasPrefix("config.toml:2:") == true)
    }

    @Test func wrongTypesAndUnknownKeysAreReported() {
        let settings = ConsoleSettings.parse("bell = \"yes\"\ncolour = 1\n", fileName: "c.toml")
        #expect(settings.bell == true)
        #expect(settings.problems.contains { $0.contains("bell must be true or false") })
        #expect(settings.problems.contains { $0.contains("unknown setting colour") })
    }

    @Test func badThemeFileFallsBackToTheDefaultWithItsLine() throws {
        let path = NSTemporaryDirectory() + "airlock-theme-\(getpid()).toml"
        try "[roles]\nnot valid = = toml\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (_, problem) = ConsoleSettings.resolveTheme(path, depth: .indexed256)
        #expect(problem?.contains("\(path):2") == true, "\(problem ?? "no problem")")
    }

    @Test func unknownThemeNameIsReported() {
        let (_, problem) = ConsoleSettings.resolveTheme("no-such-theme", depth: .monochrome)
        #expect(problem?.contains("no such built-in theme") == true)
        #expect(ConsoleSettings.resolveTheme("light", depth: .monochrome).problem == nil)
    }

    @Test(arguments: [
        ("rm -rf build", Action.Kind.shell(command: "rm -rf build")),
        ("read /home/dev/api/.env", .fileRead(path: "/home/dev/api/.env")),
        ("write src/a.ts (120 bytes)", .fileWrite(path: "src/a.ts", content: "")),
        ("edit src/app.ts (1 edit)", .fileEdit(path: "src/app.ts", edits: [])),
        ("edit src/app.ts (3 edits)", .fileEdit(path: "src/app.ts", edits: [])),
        ("fetch https://example.com/docs", .web(url: "https://example.com/docs")),
        ("read -r line", .shell(command: "read -r line")),
        ("write notes", .shell(command: "write notes")),
    ])
    func summariesReadBack(summary: String, kind: Action.Kind) {
        #expect(LoggedAction.kind(fromSummary: summary) == kind)
    }

    @Test func mcpSummaryKeepsServerToolAndArguments() {
        let kind = LoggedAction.kind(fromSummary: "mcp github/create_issue {\"title\":\"x\"}")
        guard case .mcp(let call) = kind else {
            Issue.record("not an MCP call: \(kind)")
            return
        }
        #expect(call.server == "github")
        #expect(call.tool == "create_issue")
        #expect(call.arguments == .object(["title": .string("x")]))
    }

    @Test func patchSummaryNamesItsFiles() {
        let kind = LoggedAction.kind(fromSummary: "patch src/a.ts, src/b.ts")
        guard case .patch(let text) = kind else {
            Issue.record("not a patch: \(kind)")
            return
        }
        #expect(text.contains("*** Update File: src/a.ts\n"))
        #expect(text.contains("*** Update File: src/b.ts\n"))
    }

    @Test func loggedDecisionIsReclassified() {
        let entry = DecisionLogEntry(
            time: Date(timeIntervalSince1970: 1_000), actionID: "s-1", harness: "claude", session: "s",
            workspace: "/home/dev/api", summary: "git push --force origin main", categories: [.vcsRewrite],
            risk: .high, verdict: .deny, source: "human:alice", reason: "no")
        let recent = LoggedAction.recentAction(entry, host: HostFacts())
        #expect(recent.action.harness == "claude")
        #expect(recent.action.workspaceRoot == "/home/dev/api")
        #expect(recent.verdict == .deny)
        #expect(recent.assessment == Classifier.assess(recent.action))
    }

    @Test func queueWakesThePollAndKeepsOrder() {
        let queue = MessageQueue()
        queue.post(.tick(Date(timeIntervalSince1970: 1)))
        queue.post(.connection(.connecting))
        var descriptor = pollfd(fd: queue.wakeDescriptor, events: Int16(POLLIN), revents: 0)
        #expect(poll(&descriptor, 1, 0) == 1)
        let messages = queue.drain()
        #expect(messages.count == 2)
        if case .tick = messages.first {} else { Issue.record("order lost: \(messages)") }
        #expect(poll(&descriptor, 1, 0) == 0)
    }
}

@Suite struct ConsoleWithoutTerminalTests {
    @Test func refusesClearlyAndStartsNoBroker() throws {
        let directory = "/tmp/alnt-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLIBinary.path)
        process.environment = ProcessInfo.processInfo.environment.merging([
            "AIRLOCK_SOCKET": directory + "/run/s.sock", "AIRLOCK_STATE_DIR": directory + "/state",
            "AIRLOCK_CONFIG_DIR": directory + "/config",
        ]) { _, new in new }
        let errors = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(message.contains("the console needs a terminal"))
        #expect(!FileManager.default.fileExists(atPath: directory + "/state/broker.pid"))
    }
}
