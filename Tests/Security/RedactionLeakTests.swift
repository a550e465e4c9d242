import AirlockConsole
import AirlockCore
import AirlockWire
import Foundation
import Logging
import Synchronization
import Testing

@testable import airlock

/// Secrets an agent puts in its actions must not reach anything Airlock writes down or shows:
/// the decision log, `broker.log` (the broker's swift-log output), `airlock audit`, and the
/// console's screen (issue 12: "redaction gaps"). Every shape of `SecretShapes`, through its
/// `SecretSample`, travels in a command, a file write, an edit and an MCP call.
@Suite(.ownThreads) struct RedactionLeakTests {
    static let samples = SecretSample.all

    /// The forms a secret can take in text Airlock writes: as is, and JSON-escaped.
    static func forms(of secret: String) -> [String] {
        let escaped = String(JSONValue.string(secret).canonicalText.dropFirst().dropLast())
        return escaped == secret ? [secret] : [secret, escaped]
    }

    /// The samples that show up in `text`, by shape.
    static func leaks(in text: String) -> [String] {
        samples.filter { sample in forms(of: sample.secret).contains { text.contains($0) } }.map(\.shape)
    }

    static func leaks(in data: Data) -> [String] {
        samples.filter { sample in forms(of: sample.secret).contains { data.range(of: Data($0.utf8)) != nil } }
            .map(\.shape)
    }

    @Test(.timeLimit(.minutes(2)))
    func noSecretReachesTheDecisionLogBrokerLogOrAudit() throws {
        let broker = try ServeProcess()
        defer { broker.stop() }
        let cwd = broker.directory
        var answers = 0
        for sample in Self.samples {
            _ = try broker.hook(claudeBash(sample.text, cwd: cwd))
            answers += 1
        }
        let everything = Self.samples.map(\.text).joined(separator: "\n")
        let inputs = [
            claudeInput(tool: "Write", input: ["file_path": cwd + "/deploy.env", "content": everything], cwd: cwd),
            claudeInput(
                tool: "Edit", input: ["file_path": cwd + "/deploy.env", "old_string": "x", "new_string": everything],
                cwd: cwd),
            claudeInput(
                tool: "mcp__db__query",
                input: ["sql": "select 1", "password": Self.samples[0].secret, "note": everything], cwd: cwd),
            claudeInput(
                tool: "WebFetch", input: ["url": "https://bob:\(Self.samples[1].secret)@example.com/x"], cwd: cwd),
        ]
        for input in inputs { _ = try broker.hook(input) }
        let audit = try run([Programs.airlock, "audit", "--json", "--limit", "1000"], environment: broker.environment)
        let plainAudit = try run([Programs.airlock, "audit", "--limit", "1000"], environment: broker.environment)
        broker.stop()

        // Everything was logged: a leak test over an empty log would prove nothing.
        let records = audit.stdout.split(separator: "\n").count
        #expect(records == answers + inputs.count, "\(audit.stderr)")
        #expect(Self.leaks(in: audit.stdout).isEmpty, "airlock audit --json: \(Self.leaks(in: audit.stdout))")
        #expect(Self.leaks(in: plainAudit.stdout).isEmpty, "airlock audit: \(Self.leaks(in: plainAudit.stdout))")
        let files = try broker.filesOnDisk()
        #expect(files.contains { $0.path.hasSuffix("broker.log") })
        #expect(files.count >= 2, "\(files.map(\.path))")
        for file in files {
            #expect(Self.leaks(in: file.bytes).isEmpty, "\(file.path): \(Self.leaks(in: file.bytes))")
        }
    }

    /// Whatever the broker logs goes through the redacting handler `airlock serve` installs.
    @Test func theBrokersLoggerRedacts() {
        let captured = CapturedLog()
        var logger = Logger(label: "airlock.broker") { _ in
            RedactingLogHandler(wrapping: CapturingHandler(log: captured))
        }
        logger.logLevel = .trace
        for sample in Self.samples {
            logger.warning("refused \(sample.text)", metadata: ["input": .string(sample.text)])
            logger.error(
                "persistence failed",
                metadata: [
                    "nested": .dictionary(["items": .array([.string(sample.text)])]),
                    "described": .stringConvertible(sample.text),
                ])
            logger.info(
                "could not log", error: SecurityTestFailure("SQL with \(sample.text)"))
        }
        let text = captured.lines.joined(separator: "\n")
        #expect(captured.lines.count == Self.samples.count * 3)
        #expect(Self.leaks(in: text).isEmpty, "\(Self.leaks(in: text))")
        #expect(text.contains("[REDACTED:"))
    }

    /// Every kind of action with secrets, queued, selected one by one and drawn: not one frame
    /// shows a secret. The messages go through the same `redacted(by:)` the console applies to
    /// each message before its reducer sees it.
    @Test func theConsoleShowsNoSecret() throws {
        let now = Date()
        let everything = Self.samples.map(\.text).joined(separator: "\n")
        var kinds: [Action.Kind] = Self.samples.map { .shell(command: $0.text) }
        kinds += [
            .fileWrite(path: "/w/deploy.env", content: everything),
            .fileEdit(path: "/w/app.env", edits: [FileEdit(oldText: "TOKEN=old", newText: everything)]),
            .patch(
                text: "--- a/.env\n+++ b/.env\n@@ -1 +1,80 @@\n-X=1\n"
                    + everything.split(separator: "\n").map { "+" + $0 }.joined(separator: "\n")),
            .mcp(
                MCPCall(
                    server: "db", tool: "query",
                    arguments: .object(["password": .string(Self.samples[0].secret), "note": .string(everything)]))),
            .web(url: "https://bob:\(Self.samples[1].secret)@example.com/x"),
        ]
        let items = kinds.enumerated().map { index, kind in
            let action = Action(
                harness: "claude", cwd: "/w", workspaceRoot: "/w", kind: kind,
                raw: claudeInput(tool: "Bash", input: ["command": "\(kind)"], cwd: "/w"))
            return QueuedAction(
                id: "a-\(index)", action: action, assessment: Classifier.assess(action),
                reason: "Needs a human: \(everything.prefix(200))", source: .unmatched, queuedAt: now,
                deadline: now.addingTimeInterval(600))
        }
        let redactor = Redactor()
        let subscribed = ConsoleMessage.connection(
            .subscribed(SubscribeResult(pending: items, exceptions: [], mode: .workspaceEdit, reviewWindowSeconds: 600))
        )
        var state = ConsoleState(
            configuration: ConsoleConfiguration(
                reviewer: "r", size: ScreenSize(columns: 200, rows: 60), now: now, bellOnNewAction: false))
        let theme = Theme.fallback(depth: .monochrome)
        _ = Console.update(&state, subscribed.redacted(by: redactor))
        // The file on disk an edit would change, with secrets of its own.
        for path in ["/w/deploy.env", "/w/app.env", "/w/.env"] {
            _ = Console.update(
                &state, ConsoleMessage.fileOnDisk(path: path, .loaded(everything)).redacted(by: redactor))
        }
        var frames = 0
        for _ in items {
            let frame = Console.render(state, theme: theme)
            let rows = (0..<frame.size.rows).map { row in
                (0..<frame.size.columns).map { frame[$0, row].text }.joined()
            }
            frames += 1
            for sample in Self.samples {
                // Shown split over two rows or cut short, a secret still leaves a stretch of itself.
                let secret = Array(sample.secret)
                let chunks = stride(from: 0, to: max(secret.count - 9, 1), by: 5).map {
                    String(secret[$0..<min($0 + 10, secret.count)])
                }
                for row in rows where chunks.contains(where: row.contains) {
                    Issue.record("\(sample.shape) on screen: \(row)")
                }
            }
            _ = Console.update(&state, .key(.character("j")))
        }
        #expect(frames == items.count)
    }
}

/// Log lines, as a handler wrote them.
final class CapturedLog: Sendable {
    private let stored = Mutex<[String]>([])
    var lines: [String] { stored.withLock { $0 } }
    func append(_ line: String) { stored.withLock { $0.append(line) } }
}

/// A log handler that keeps what it is given, the way a stream handler would print it.
struct CapturingHandler: LogHandler {
    let log: CapturedLog
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace
    var metadataProvider: Logger.MetadataProvider?

    func log(event: LogEvent) {
        var line = "\(event.level) \(event.message)"
        if let metadata = event.metadata { line += " \(metadata)" }
        if let error = event.error { line += " error: \(error)" }
        log.append(line)
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
}
