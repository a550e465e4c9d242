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
