import Foundation
import Testing

@testable import AirlockCore

/// `docs/programs.md` is rendered from the registry; a reviewer audits one table.
@Suite struct ProgramsDocTests {
    static let docURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/programs.md")

    /// `AIRLOCK_REGENERATE_DOCS=1 swift test --filter ProgramsDoc` rewrites it.
    @Test func checkedInProgramsDocIsCurrent() throws {
        let generated = ProgramsDocument.markdown()
        if ProcessInfo.processInfo.environment["AIRLOCK_REGENERATE_DOCS"] == "1" {
            try generated.write(to: Self.docURL, atomically: true, encoding: .utf8)
        }
        let checkedIn = try? String(contentsOf: Self.docURL, encoding: .utf8)
        #expect(
            checkedIn == generated,
            "docs/programs.md is stale: AIRLOCK_REGENERATE_DOCS=1 swift test --filter ProgramsDoc")
    }

    @Test func theDocumentListsEveryProgramAndRule() {
        let text = ProgramsDocument.markdown()
        for name in ["`git`", "`rm`", "`sudo`", "`curl`", "`kubectl`", "`tar`"] { #expect(text.contains(name), "\(name)") }
        for rule in RuleCatalog.all.prefix(50) { #expect(text.contains("`\(rule.id)`"), "\(rule.id)") }
    }
}
