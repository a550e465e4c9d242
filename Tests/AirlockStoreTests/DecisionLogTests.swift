import AirlockCore
import Foundation
import GRDB
import Testing

@testable import AirlockStore

// Fake credentials, assembled from pieces so that secret scanners do not flag this file.
private let githubToken = "ghp_" + "16C7e42F292c6912E7710c838347Ae178B4a"
private let awsKeyID = "AKIA" + "IOSFODNN7EXAMPLE"
private let openAIKey = "sk-proj-" + "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z"
private let pemBody = "MIIEowIBAAKCAQEA7" + "bq9XgFh2Ul3Rk0w"
private let urlPassword = "s3cr3t-" + "P4ss"
private let pem = "-----BEGIN RSA PRIVATE KEY-----\n\(pemBody)\n-----END RSA PRIVATE KEY-----"

@Suite struct DecisionLogTests {
    @Test(arguments: StoreKind.allCases)
    func appendsChainAndReads(kind: StoreKind) throws {
        try kind.withStore { store in
            #expect(try store.verifyLog() == .intact(count: 0))
            let first = try store.appendDecision(entry("a1", at: 0))
            let rest = try store.appendDecisions([entry("a2", at: 10), entry("a3", at: 20, verdict: .deny)])
            let records = [first] + rest

            #expect(records.map(\.sequence) == [1, 2, 3])
            #expect(first.previousHash == String(repeating: "0", count: 64))
            #expect(records[1].previousHash == records[0].hash && records[2].previousHash == records[1].hash)
            #expect(Set(records.map(\.hash)).count == 3)
            #expect(
                try records.map { try $0.decision() }
                    == [entry("a1", at: 0), entry("a2", at: 10), entry("a3", at: 20, verdict: .deny)])

            #expect(try store.decisions(since: nil, limit: 10) == records)
            #expect(try store.decisions(since: nil, limit: 2) == Array(records[1...]))
            #expect(try store.decisions(since: t0 + 10, limit: 10) == Array(records[1...]))
            #expect(try store.decisions(since: t0 + 10, limit: 1) == [records[2]])
            #expect(try store.decisions(since: nil, limit: 0).isEmpty)
            #expect(try store.appendDecisions([]).isEmpty)
            #expect(try store.verifyLog() == .intact(count: 3))
        }
    }

    /// The hash of a fixed record, pinned: a change to the canonical form would orphan every
    /// existing log, so it must be a deliberate, versioned decision.
    @Test func hashFormatIsStable() throws {
        let store = try PolicyStore.inMemory()
        var pinned = entry("pinned", summary: "rm -rf \"build\"\n", reason: "tab\there ✓")
        pinned.categories = [.destructiveFS, .buildOutput]
        pinned.reviewer = "alice"
        pinned.session = nil
        let record = try store.appendDecision(pinned)
        let canonical = String(decoding: record.canonicalBytes, as: UTF8.self)
        #expect(
            canonical == #"{"actionID":"pinned","categories":["destructive_fs","build_output"],"harness":"claude","#
                + #""reason":"tab\u0009here ✓","reviewer":"alice","risk":"low","sequence":1,"session":null,"#
                + #""source":"mode:workspace-edit","summary":"rm -rf \"build\"\u000a","time":1700000000000,"#
                + #""verdict":"allow","workspace":"/work/app"}"#)
        // SHA-256 of 64 zeros followed by the text above, as any sha256 tool computes it.
        #expect(record.hash == "f64265b2a6c27a8774373b39ece673c7cc382e1804b92a3f5ba5d46be5974835")
    }

    /// A row with the action's kind: `kind` and `subject` join the hashed text, pinned too.
    @Test func hashFormatWithTheActionsKindIsStable() throws {
        let store = try PolicyStore.inMemory()
        let record = try store.appendDecision(
            entry("pinned", summary: "write a.txt (5 bytes)", subject: .fileWrite(path: "a.txt", content: "hello")))
        #expect(record.kind == "fileWrite")
        #expect(record.subject == #"{"fileWrite":{"content":"","path":"a.txt"}}"#)
        let canonical = String(decoding: record.canonicalBytes, as: UTF8.self)
        #expect(
            canonical == #"{"actionID":"pinned","categories":["test"],"harness":"claude","kind":"fileWrite","#
                + #""reason":"allowed by the mode","reviewer":null,"risk":"low","sequence":1,"session":"s-1","#
                + #""source":"mode:workspace-edit","subject":"{\"fileWrite\":{\"content\":\"\",\"path\":\"a.txt\"}}","#
                + #""summary":"write a.txt (5 bytes)","time":1700000000000,"verdict":"allow","workspace":"/work/app"}"#)
        #expect(record.hash == Self.pinnedKindHash)
        #expect(try record.decision().subject == .fileWrite(path: "a.txt", content: ""))
    }

    static let pinnedKindHash = "cb306c508c5079904a133a03604a5aac2288395ad630e9d071b969c4d60ec49b"

    @Test func nothingSecretReachesTheDisk() throws {
        let directory = try TemporaryDirectory()
        let store = try PolicyStore.open(path: directory.database)
        let secrets = [githubToken, awsKeyID, openAIKey, "hunter2", pemBody, urlPassword]
        try store.appendDecisions([
            entry("s1", summary: "echo \(githubToken) | gh auth login --with-token", reason: "uses \(githubToken)"),
            entry("s2", summary: "aws configure set aws_access_key_id \(awsKeyID)", reason: "key \(awsKeyID) seen"),
            entry("s3", summary: "OPENAI_API_KEY=\(openAIKey) node run.js", reason: "denied: \(openAIKey)"),
            entry("s4", summary: "mysql password=hunter2 -u root", reason: "password=hunter2 in argv"),
            entry("s5", summary: "cat > id_rsa <<EOF\n\(pem)\nEOF", reason: "writes \(pem)"),
            entry(
                "s6", summary: "git clone https://alice:\(urlPassword)@github.com/org/repo.git",
                reason: "remote https://alice:\(urlPassword)@github.com"),
        ])

        let raw = try rawConnection(directory.database)
        let storedText = try raw.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM decision_log").flatMap { row in
                row.databaseValues.map { String(describing: $0) }
            }.joined(separator: "\n")
        }
        #expect(storedText.contains("[REDACTED:"))
        #expect(storedText.contains("gh auth login"))
        for secret in secrets {
            #expect(!storedText.contains(secret), "a secret reached the log")
        }
        for record in try store.decisions(since: nil, limit: 10) {
            for secret in secrets {
                #expect(!record.summary.contains(secret) && !record.reason.contains(secret))
            }
        }
        #expect(try store.verifyLog() == .intact(count: 6))

        // Nor the bytes of the database and its write-ahead log.
        var bytes = Data()
        for suffix in ["", "-wal"] {
            bytes += FileManager.default.contents(atPath: directory.database + suffix) ?? Data()
        }
        #expect(!bytes.isEmpty)
        for secret in secrets {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "a secret reached the file")
        }
    }

    @Test func updateAndDeleteAreRefused() throws {
        let directory = try TemporaryDirectory()
        let store = try PolicyStore.open(path: directory.database)
        try store.appendDecision(entry("a1"))
        let raw = try rawConnection(directory.database)
        #expect(throws: DatabaseError.self) {
            try raw.write { try $0.execute(sql: "UPDATE decision_log SET reason = 'nothing to see'") }
        }
        #expect(throws: DatabaseError.self) {
            try raw.write { try $0.execute(sql: "DELETE FROM decision_log") }
        }
        // Inserts must extend the chain: the next sequence, the last record's hash.
        let last = try #require(try store.decisions(since: nil, limit: 1).first)
        let gap = DecisionLogRow(sequence: 3, decision: entry("a3"), previousHash: last.hash)
        let unlinked = DecisionLogRow(sequence: 2, decision: entry("a2"), previousHash: DecisionLogRow.genesis)
        for row in [gap, unlinked] {
            #expect(throws: DatabaseError.self) {
                try raw.write { try row.insert($0) }
            }
        }
        let next = DecisionLogRow(sequence: 2, decision: entry("a2"), previousHash: last.hash)
        try raw.write { try next.insert($0) }
        #expect(try store.verifyLog() == .intact(count: 2))
    }

    /// Tampering that goes around the triggers, as a process writing the file directly could.
    enum Tampering: String, CaseIterable, Sendable {
        case changeReason, deleteRow, rewriteRowAndItsHash

        func apply(to db: Database, sequence: Int64) throws {
            try db.execute(sql: "DROP TRIGGER decision_log_no_update; DROP TRIGGER decision_log_no_delete")
            switch self {
            case .changeReason:
                try db.execute(
                    sql: "UPDATE decision_log SET reason = 'nothing to see' WHERE sequence = ?", arguments: [sequence])
            case .deleteRow:
                try db.execute(sql: "DELETE FROM decision_log WHERE sequence = ?", arguments: [sequence])
            case .rewriteRowAndItsHash:
                let row = try #require(
                    try Row.fetchOne(db, sql: "SELECT * FROM decision_log WHERE sequence = ?", arguments: [sequence]))
                var stored = try DecisionLogRow(row: row)
                stored.verdict = "allow"
                stored.hash = stored.computedHash
                try db.execute(
                    sql: "UPDATE decision_log SET verdict = ?, hash = ? WHERE sequence = ?",
                    arguments: [stored.verdict, stored.hash, sequence])
            }
        }

        /// Where verification must report the break.
        func brokenSequence(tampered sequence: Int64) -> Int64 {
            self == .rewriteRowAndItsHash ? sequence + 1 : sequence
        }
    }

    @Test(arguments: Tampering.allCases)
    func tamperingIsDetected(tampering: Tampering) throws {
        let directory = try TemporaryDirectory()
        let store = try PolicyStore.open(path: directory.database)
        try store.appendDecisions((1...10).map { entry("a\($0)", at: Double($0), verdict: .deny) })
        #expect(try store.verifyLog() == .intact(count: 10))

        let raw = try rawConnection(directory.database)
        try raw.write { try tampering.apply(to: $0, sequence: 4) }

        guard case .broken(let sequence, let reason) = try store.verifyLog() else {
            Issue.record("tampering went unnoticed")
            return
        }
        #expect(sequence == tampering.brokenSequence(tampered: 4))
        #expect(!reason.isEmpty)
    }
}
