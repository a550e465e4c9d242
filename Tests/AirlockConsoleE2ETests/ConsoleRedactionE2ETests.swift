import Foundation
import Testing

/// A command carrying passwords, as the console in a real terminal shows it: the shape of the
/// command and where each secret was, never the secret; and nothing of it in `broker.log`, which
/// holds the output of the broker the console started (docs/security.md, "Redaction").
@Suite(.serialized, .timeLimit(.minutes(1))) struct ConsoleRedactionE2ETests {
    @Test func thePaneShowsWhereTheSecretsWereAndNotThem() throws {
        // Fake credentials, assembled from pieces so that secret scanners do not flag this file.
        let mysql = "Xq7" + "mysqlPw42"
        let curl = "Zr9" + "curlPw17"
        let console = try ConsoleSession()
        try console.waitForScreen(containing: "Airlock")
        try console.waitForStatus()
        let hook = try console.submit(command: "mysql -uroot -p\(mysql) app && curl -u deploy:\(curl) https://x")
        let screen = try console.waitForScreen(containing: "REDACTED")
        #expect(!screen.contains(mysql) && !screen.contains(curl), "\(screen)")
        #expect(screen.contains("mysql -uroot -p[REDACTED"), "\(screen)")
        try console.press("d")
        try console.press("Enter")
        #expect(try hook.decision().decision == "deny")
        let log = (try? String(contentsOfFile: console.directory + "/state/broker.log", encoding: .utf8)) ?? ""
        #expect(!log.contains(mysql) && !log.contains(curl), "\(log)")
    }
}
