import Testing

@testable import AirlockCore

private let host = HostFacts(home: "/home/dev", airlockPaths: ["/home/dev/.local/state/airlock"])

private func classify(_ call: MCPCall) -> Finding {
    let findings = MCPClassifier.classify(call, host: host)
    #expect(findings.count == 1)
    return findings[0]
}

/// One MCP call and what it should be classified as.
struct MCPCase: Sendable, CustomTestStringConvertible {
    var server: String
    var tool: String
    var arguments: JSONValue = .object([:])
    var annotations: MCPAnnotations?
    var isTrusted = false
    var categories: Set<Category>
    var risk: Risk
    var isUnsure = false

    var call: MCPCall {
        MCPCall(server: server, tool: tool, arguments: arguments, annotations: annotations, isServerTrusted: isTrusted)
    }

    var testDescription: String {
        server + "." + tool + (arguments == .object([:]) ? "" : " " + arguments.canonicalText)
    }
}

private func sql(_ text: String, key: String = "sql") -> JSONValue { .object([key: .string(text)]) }

private let readOnly = MCPAnnotations(readOnlyHint: true)
private let destructive = MCPAnnotations(readOnlyHint: false, destructiveHint: true)

struct MCPClassifierTests {
    @Test(arguments: [
        // GitHub reads.
        MCPCase(server: "github", tool: "get_issue", categories: [.readLookup], risk: .low),
        MCPCase(server: "github", tool: "list_pull_requests", categories: [.readLookup], risk: .low),
        MCPCase(server: "github", tool: "search_code", categories: [.readLookup], risk: .low),
        MCPCase(server: "github", tool: "get_pull_request_review_comments", categories: [.readLookup], risk: .low),
        MCPCase(server: "github", tool: "get_workflow_run", categories: [.readLookup], risk: .low),
        MCPCase(server: "github", tool: "list_deployments", categories: [.readLookup], risk: .low),
        MCPCase(server: "gitlab", tool: "get_merge_request", categories: [.readLookup], risk: .low),
        // GitHub writes.
        MCPCase(server: "github", tool: "add_issue_comment", categories: [.commentWrite], risk: .medium),
        MCPCase(server: "github", tool: "create_issue", categories: [.commentWrite], risk: .medium),
        MCPCase(server: "github", tool: "create_pull_request", categories: [.commentWrite], risk: .medium),
        MCPCase(server: "github", tool: "create_pull_request_review", categories: [.commentWrite], risk: .medium),
        MCPCase(server: "github", tool: "update_issue", categories: [.statusChange], risk: .medium),
        MCPCase(server: "github", tool: "remove_issue_label", categories: [.statusChange], risk: .medium),
        MCPCase(server: "github", tool: "transfer_issue", categories: [.statusChange], risk: .medium),
        MCPCase(server: "github", tool: "create_or_update_file", categories: [.fileWriteAPI], risk: .high),
        MCPCase(server: "github", tool: "push_files", categories: [.fileWriteAPI], risk: .high),
        MCPCase(server: "github", tool: "create_branch", categories: [.fileWriteAPI], risk: .high),
        MCPCase(server: "github", tool: "merge_pull_request", categories: [.statusChange, .fileWriteAPI], risk: .high),
        MCPCase(server: "github", tool: "delete_file", categories: [.dataDelete, .fileWriteAPI], risk: .high),
        MCPCase(server: "github", tool: "add_collaborator", categories: [.privilege], risk: .high),
        MCPCase(server: "github", tool: "run_workflow", categories: [.deployTrigger], risk: .high),
        MCPCase(server: "github", tool: "create_release", categories: [.deployTrigger], risk: .high),
        // Documentation.
        MCPCase(server: "context7", tool: "resolve-library-id", categories: [.docSearch], risk: .low),
        MCPCase(server: "context7", tool: "get-library-docs", categories: [.docSearch], risk: .low),
        MCPCase(server: "context7", tool: "query-docs", categories: [.docSearch], risk: .low),
        MCPCase(server: "aws-docs", tool: "search_documentation", categories: [.docSearch], risk: .low),
        MCPCase(server: "deepwiki", tool: "ask_question", categories: [.docSearch], risk: .low),
        // Chat.
        MCPCase(server: "slack", tool: "slack_post_message", categories: [.commentWrite], risk: .medium),
        MCPCase(server: "slack", tool: "chat_postMessage", categories: [.commentWrite], risk: .medium),
        MCPCase(server: "linear", tool: "createIssue", categories: [.commentWrite], risk: .medium),
        MCPCase(server: "github", tool: "resolve_review_thread", categories: [.statusChange], risk: .medium),
        // Databases.
        MCPCase(
            server: "postgres", tool: "query", arguments: sql("SELECT * FROM users WHERE id = 1"),
            categories: [.readLookup], risk: .low),
        MCPCase(
            server: "postgres", tool: "query", arguments: sql("DROP TABLE users"),
            categories: [.productionDBWrite, .dataDelete], risk: .critical),
        MCPCase(
            server: "postgres", tool: "query", arguments: sql("delete from users"),
            categories: [.productionDBWrite, .dataDelete], risk: .critical),
        MCPCase(
            server: "postgres", tool: "query", arguments: sql("TRUNCATE audit_log"),
            categories: [.productionDBWrite, .dataDelete], risk: .critical),
        MCPCase(
            server: "postgres", tool: "query",
            arguments: sql("  -- tidy up\n/* really */ UPDATE users SET x = 1 WHERE id = 2"),
            categories: [.productionDBWrite], risk: .critical),
        MCPCase(
            server: "postgres", tool: "query", arguments: sql("SELECT 1; DROP TABLE x"),
            categories: [.productionDBWrite, .dataDelete], risk: .critical),
        MCPCase(
            server: "postgres", tool: "query", arguments: sql("SELECT 'DROP TABLE x' AS text"),
            categories: [.readLookup], risk: .low),
        MCPCase(
            server: "postgres", tool: "query", arguments: sql("ALTER TABLE users ADD COLUMN age int"),
            categories: [.productionDBWrite, .dbMigration], risk: .critical),
        MCPCase(
            server: "postgres", tool: "query", arguments: sql("GRANT ALL ON users TO eve"),
            categories: [.productionDBWrite, .privilege], risk: .critical),
        MCPCase(
            server: "postgres", tool: "query", arguments: sql("EXPLAIN ANALYZE DELETE FROM t WHERE id = 1"),
            categories: [.productionDBWrite, .dataDelete], risk: .critical),
        MCPCase(
            server: "postgres", tool: "query", categories: [.unknownWrite], risk: .medium, isUnsure: true),
        MCPCase(
            server: "supabase", tool: "execute_sql", arguments: sql("insert into t values (1)", key: "query"),
            categories: [.productionDBWrite], risk: .critical),
        MCPCase(
            server: "supabase", tool: "execute_sql",
            arguments: sql("with x as (select 1) select * from x", key: "query"),
            categories: [.readLookup], risk: .low),
        MCPCase(
            server: "supabase", tool: "apply_migration", categories: [.productionDBWrite, .dbMigration], risk: .critical
        ),
        MCPCase(server: "supabase", tool: "list_tables", categories: [.readLookup], risk: .low),
        MCPCase(server: "mongodb", tool: "insert_many", categories: [.productionDBWrite], risk: .critical),
        MCPCase(
            server: "mongodb", tool: "drop_collection", categories: [.productionDBWrite, .dataDelete], risk: .critical),
        MCPCase(server: "airtable", tool: "update_records", categories: [.productionDBWrite], risk: .critical),
        // Deploys, money, secrets, access.
        MCPCase(server: "vercel", tool: "deploy", categories: [.deployTrigger], risk: .high),
        MCPCase(server: "fly", tool: "restart_app", categories: [.deployTrigger], risk: .high),
        MCPCase(server: "terraform", tool: "apply", categories: [.deployTrigger], risk: .high),
        MCPCase(server: "stripe", tool: "create_refund", categories: [.billingMoney], risk: .critical),
        MCPCase(server: "stripe", tool: "create_payment_link", categories: [.billingMoney], risk: .critical),
        MCPCase(server: "stripe", tool: "list_refunds", categories: [.readLookup], risk: .low),
        MCPCase(server: "vault", tool: "get_secret", categories: [.secretAccess], risk: .high),
        MCPCase(server: "vercel", tool: "list_env_vars", categories: [.secretAccess], risk: .high),
        MCPCase(server: "openai", tool: "count_tokens", categories: [.readLookup], risk: .low),
        MCPCase(server: "drive", tool: "share_file", categories: [.privilege, .fileWriteAPI], risk: .high),
        // Commands.
        MCPCase(server: "desktop", tool: "run_command", categories: [.unknownWrite], risk: .high, isUnsure: true),
        MCPCase(server: "desktop", tool: "execute_code", categories: [.unknownWrite], risk: .high, isUnsure: true),
        // mcp-server-git.
        MCPCase(server: "git", tool: "git_status", categories: [.readLookup], risk: .low),
        MCPCase(server: "git", tool: "git_diff_unstaged", categories: [.readLookup], risk: .low),
        MCPCase(server: "git", tool: "git_log", categories: [.readLookup], risk: .low),
        MCPCase(server: "git", tool: "git_show", categories: [.readLookup], risk: .low),
        MCPCase(server: "git", tool: "git_branch", categories: [.readLookup], risk: .low),
        MCPCase(server: "git", tool: "git_add", categories: [.fileWriteAPI], risk: .medium),
        MCPCase(server: "git", tool: "git_commit", categories: [.fileWriteAPI], risk: .medium),
        MCPCase(server: "git", tool: "git_create_branch", categories: [.fileWriteAPI], risk: .medium),
        MCPCase(server: "git", tool: "git_checkout", categories: [.fileWriteAPI], risk: .medium),
        MCPCase(
            server: "git", tool: "git_reset", categories: [.vcsRewrite, .unknownWrite], risk: .high, isUnsure: true),
        // Unknown names.
        MCPCase(server: "acme", tool: "frobnicate", categories: [.unknownWrite], risk: .medium, isUnsure: true),
        MCPCase(
            server: "acme", tool: "frobnicate", annotations: readOnly,
            categories: [.unknownWrite], risk: .low, isUnsure: true),
        MCPCase(
            server: "acme", tool: "frobnicate", annotations: readOnly, isTrusted: true,
            categories: [.readLookup], risk: .low),
        MCPCase(
            server: "acme", tool: "frobnicate", annotations: destructive,
            categories: [.unknownWrite], risk: .high, isUnsure: true),
        MCPCase(server: "acme", tool: "write_note", categories: [.unknownWrite], risk: .medium, isUnsure: true),
    ])
    func classifiesByName(_ c: MCPCase) {
        let finding = classify(c.call)
        #expect(Set(finding.categories) == c.categories, "\(finding.categories): \(finding.reason)")
        #expect(finding.risk == c.risk, "\(finding.reason)")
        #expect(finding.isUnsure == c.isUnsure, "\(finding.reason)")
    }

    @Test func theReasonNamesServerToolAndWhatItDoes() {
        let finding = classify(MCPCall(server: "github", tool: "create_issue"))
        #expect(finding.reason == "github.create_issue: creates an issue (comment/status write)")
        #expect(finding.targets.first == "github.create_issue")
    }

    @Test func untrustedReadOnlyAnnotationsAreNotBelieved() {
        let finding = classify(MCPCall(server: "acme", tool: "frobnicate", annotations: readOnly))
        #expect(finding.reason.contains("the server says read-only, but its annotations are unverified"))
    }

    // MARK: Annotations

    @Test func aReadOnlyHintNeverOverridesAWriteName() {
        let finding = classify(
            MCPCall(server: "github", tool: "create_issue", annotations: readOnly, isServerTrusted: true))
        #expect(finding.categories == [.commentWrite])
        #expect(finding.risk == .medium)
    }

    @Test func aDestructiveHintRaisesAWriteByOneLevel() {
        #expect(classify(MCPCall(server: "github", tool: "update_issue", annotations: destructive)).risk == .high)
        #expect(classify(MCPCall(server: "github", tool: "push_files", annotations: destructive)).risk == .critical)
        let notDestructive = MCPAnnotations(readOnlyHint: false, destructiveHint: false)
        #expect(classify(MCPCall(server: "github", tool: "update_issue", annotations: notDestructive)).risk == .medium)
    }

    @Test func aReadNameTheServerMarksDestructiveIsAnUnknownWrite() {
        let finding = classify(MCPCall(server: "acme", tool: "get_thing", annotations: destructive))
        #expect(finding.categories == [.unknownWrite])
        #expect(finding.risk == .medium)
        #expect(finding.reason.contains("server marks it destructive"))
    }

    @Test func aReadNameWithAReadOnlyHintIsALowRead() {
        let finding = classify(MCPCall(server: "github", tool: "get_issue", annotations: readOnly))
        #expect(finding.categories == [.readLookup])
        #expect(finding.risk == .low)
    }

    @Test func openWorldDecidesTheBlastOfReads() {
        let local = MCPAnnotations(readOnlyHint: true, openWorldHint: false)
        #expect(classify(MCPCall(server: "notes", tool: "read_note", annotations: local)).blastRadius == .none)
        #expect(classify(MCPCall(server: "github", tool: "get_issue")).blastRadius == .external)
    }

    @Test func theDemoNotesServer() {
        // The annotations the reference transcripts carry.
        let readNote = MCPAnnotations(readOnlyHint: true, openWorldHint: false)
        let writeNote = MCPAnnotations(
            readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false)
        let deleteNote = MCPAnnotations(
            readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false)
        let read = classify(MCPCall(server: "demo", tool: "read_note", annotations: readNote))
        #expect(read.categories == [.readLookup])
        #expect(read.risk == .low)
        let write = classify(MCPCall(server: "demo", tool: "write_note", annotations: writeNote))
        #expect(write.categories == [.unknownWrite])
        #expect(write.blastRadius == .machine)
        let delete = classify(
            MCPCall(
                server: "demo", tool: "delete_note", arguments: .object(["name": .string("a.txt")]),
                annotations: deleteNote))
        #expect(delete.categories.contains(.dataDelete))
        #expect(delete.risk == .critical)
        #expect(delete.isHardFloorForTest)
    }

    // MARK: Blast radius

    @Test func blastRadiusFollowsWhatIsTouched() {
        #expect(classify(MCPCall(server: "github", tool: "add_issue_comment")).blastRadius == .external)
        #expect(classify(MCPCall(server: "vercel", tool: "deploy")).blastRadius == .production)
        #expect(classify(MCPCall(server: "stripe", tool: "create_refund")).blastRadius == .production)
        #expect(
            classify(MCPCall(server: "postgres", tool: "query", arguments: sql("DROP TABLE t"))).blastRadius
                == .production)
        #expect(classify(MCPCall(server: "git", tool: "git_status")).blastRadius == .none)
        #expect(classify(MCPCall(server: "git", tool: "git_reset")).blastRadius == .workspaceUnrecoverable)
    }

    // MARK: Arguments

    @Test func writingAHookConfigThroughAToolIsSelfModification() {
        let call = MCPCall(
            server: "filesystem", tool: "write_file",
            arguments: .object(["path": .string(".claude/settings.json"), "content": .string("{}")]))
        let finding = classify(call)
        #expect(finding.categories.contains(.selfModification))
        #expect(finding.risk == .critical)
        #expect(finding.targets.contains(".claude/settings.json"))
    }

    @Test func stagingAGitHookIsSelfModification() {
        let call = MCPCall(
            server: "git", tool: "git_add",
            arguments: .object([
                "repo_path": .string("/home/dev/proj"), "files": .array([.string(".git/hooks/pre-commit")]),
            ]))
        #expect(classify(call).categories.contains(.selfModification))
    }

    @Test func readingAHookConfigThroughAToolIsNotSelfModification() {
        let call = MCPCall(
            server: "filesystem", tool: "read_file", arguments: .object(["path": .string(".claude/settings.json")]))
        let finding = classify(call)
        #expect(!finding.categories.contains(.selfModification))
        #expect(finding.risk == .low)
    }

    @Test func aSecretPathInTheArgumentsIsSecretAccess() {
        let call = MCPCall(
            server: "filesystem", tool: "read_file", arguments: .object(["path": .string("/home/dev/proj/.env")]))
        let finding = classify(call)
        #expect(finding.categories.contains(.secretAccess))
        #expect(finding.risk == .high)
        #expect(finding.reason.contains("an .env file"))
    }

    @Test func proseInACommentIsNotSQL() {
        let call = MCPCall(
            server: "github", tool: "add_issue_comment",
            arguments: .object(["body": .string("DROP TABLE users; is what broke prod. See /tmp/log.txt")]))
        let finding = classify(call)
        #expect(finding.categories == [.commentWrite])
    }

    @Test func sqlInAnUnknownToolCounts() {
        let call = MCPCall(server: "acme", tool: "frobnicate", arguments: sql("DELETE FROM orders"))
        let finding = classify(call)
        #expect(finding.categories.contains(.dataDelete))
        #expect(finding.risk == .critical)
        #expect(!finding.categories.contains(.unknownWrite))
    }

    @Test func forcePushIsDataLoss() {
        let call = MCPCall(server: "git", tool: "git_push", arguments: .object(["force": .bool(true)]))
        let finding = classify(call)
        #expect(finding.categories.contains(.vcsRewrite))
        #expect(finding.categories.contains(.dataDelete))
    }

    @Test func aReadNameTheServerSaysIsNotReadOnlyIsALowUnknownWrite() {
        let finding = classify(
            MCPCall(server: "acme", tool: "get_thing", annotations: MCPAnnotations(readOnlyHint: false)))
        #expect(finding.categories == [.unknownWrite])
        #expect(finding.risk == .low)
        #expect(finding.isUnsure)
    }

    // MARK: SQL

    @Test(
        arguments: [
            ("SELECT 1", [SQLText.Kind.read]),
            ("select * from t; delete from t where id = 1", [.read, .delete(hasWhere: true)]),
            ("/* x */ DROP TABLE t", [.drop]),
            ("-- c\nINSERT INTO t VALUES (1)", [.write]),
            ("BEGIN; UPDATE t SET a = 1; COMMIT;", [.update(hasWhere: false)]),
            ("DELETE FROM t WHERE a = ';DROP TABLE x'", [.delete(hasWhere: true)]),
            ("WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d", [.delete(hasWhere: false)]),
            ("CREATE TABLE x (id int)", [.schema]),
            ("GRANT SELECT ON t TO bob", [.grant]),
            ("TRUNCATE TABLE t", [.drop]),
            ("SELECT 1; frobnicate", [.read, .unknown]),
            ("Drop me a line", nil),
            ("Update the docs", nil),
            ("Insert coin", nil),
            ("create a table", nil),
            ("hello", nil),
            ("", nil),
        ] as [(String, [SQLText.Kind]?)])
    func readsSQL(text: String, expected: [SQLText.Kind]?) {
        #expect(SQLText.statements(text) == expected)
    }

    // MARK: Words

    @Test(
        arguments: [
            ("createOrUpdateFile", ["create", "or", "update", "file"]),
            ("get-library-docs", ["get", "library", "docs"]),
            ("HTTPServer_get", ["http", "server", "get"]),
            ("chat.postMessage", ["chat", "post", "message"]),
            ("s3/put_object", ["s3", "put", "object"]),
            ("listV2Items", ["list", "v2", "items"]),
        ] as [(String, [String])])
    func splitsToolNamesIntoWords(name: String, words: [String]) {
        #expect(MCPClassifier.words(name) == words)
    }
}

extension Finding {
    /// Whether the assessment built from this finding alone would be hard floor.
    fileprivate var isHardFloorForTest: Bool { Assessment(findings: [self]).isHardFloor }
}
