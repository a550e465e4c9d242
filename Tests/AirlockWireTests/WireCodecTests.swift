import AirlockCore
import Foundation
import Testing

@testable import AirlockWire

@Suite struct WireCodecTests {
    let codec = WireCodec()

    private func decode(_ line: String) -> Result<RequestEnvelope, RequestFailure>? {
        codec.decodeRequest(Array(line.utf8))
    }

    private func failure(_ line: String) -> RequestFailure? {
        if case .failure(let failure) = decode(line) { return failure }
        return nil
    }

    // MARK: Requests

    @Test func decodesAMinimalSubmitAsATypedAction() throws {
        let line =
            #"{"jsonrpc":"2.0","id":7,"method":"submit","params":{"action":{"kind":{"shell":{"command":"ls -la"}}},"harness":"claude","session":"s1","cwd":"/w","agentPID":4242,"deadlineMs":60000}}"#
        let envelope = try #require(try decode(line)?.get())
        #expect(envelope.id == 7)
        guard case .submit(let params) = envelope.request else { Issue.record("not a submit"); return }
        #expect(params.action.kind == .shell(command: "ls -la"))
        #expect(params.action.harness == "claude")
        #expect(params.action.session == "s1")
        #expect(params.action.cwd == "/w")
        #expect(params.action.workspaceRoot == "/w")
        #expect(params.action.agentPID == 4242)
        #expect(params.deadlineMs == 60000)
    }

    @Test func topLevelFieldsTakePrecedenceOverTheActionsOwn() throws {
        let line =
            #"{"jsonrpc":"2.0","id":"a","method":"submit","params":{"action":{"harness":"x","session":"inner","kind":{"web":{"url":"https://e.com"}}},"session":"outer"}}"#
        guard case .submit(let params) = try decode(line)?.get().request else { Issue.record("not a submit"); return }
        #expect(params.action.harness == "x")
        #expect(params.action.session == "outer")
        #expect(params.deadlineMs == nil)
    }

    static let requests: [ClientRequest] = [
        .submit(
            SubmitParams(
                action: Action(
                    harness: "codex", session: "s", agentPID: 9, cwd: "/p", kind: .shell(command: "echo \"a\nb\"")),
                deadlineMs: 5000)),
        .submit(
            SubmitParams(
                action: Action(
                    harness: "mcp",
                    kind: .mcp(MCPCall(server: "gh", tool: "create_issue", arguments: .object(["title": .string("t")])))
                ))),
        .subscribe(SubscribeParams(reviewer: "alice")),
        .unsubscribe,
        .decide(
            DecideParams(
                ids: ["a-1", "a-2"], verdict: .deny, reason: "no", reviewer: "alice",
                grant: ExceptionGrant(
                    effect: .deny, scope: .commandPrefix(["curl"]), binding: .repository("/p"), ttlSeconds: 900,
                    reason: "no network"))),
        .grant(
            GrantParams(
                exception: ExceptionGrant(
                    effect: .allow, scope: .category(.test), binding: .session("s"), ttlSeconds: 300, usesLeft: 3,
                    reason: "tests"), reviewer: "bob")),
        .revoke(RevokeParams(id: "x-1", reviewer: "bob")),
        .list,
        .status,
    ]

    @Test(arguments: requests)
    func requestsRoundTrip(_ request: ClientRequest) throws {
        let line = try codec.encodeRequest(request, id: .number(3))
        #expect(line.last == 10)
        #expect(line.dropLast().contains(10) == false, "one line, no embedded newline")
        let envelope = try #require(try codec.decodeRequest(Array(line.dropLast()))?.get())
        #expect(envelope == RequestEnvelope(id: 3, request: request))
    }

    @Test func requestWithoutIDIsANotification() throws {
        let line = try codec.encodeRequest(.status, id: nil)
        #expect(!String(decoding: line, as: UTF8.self).contains("\"id\""))
        #expect(try codec.decodeRequest(Array(line.dropLast()))?.get() == RequestEnvelope(id: nil, request: .status))
    }

    @Test func nullIDIsKeptAsNull() throws {
        #expect(try decode(#"{"jsonrpc":"2.0","id":null,"method":"list"}"#)?.get().id == .null)
    }

    @Test func unknownFieldsAreIgnored() throws {
        let line =
            #"{"jsonrpc":"2.0","id":1,"method":"revoke","extra":true,"params":{"id":"x-1","future":{"a":[1,2]},"airlock":1}}"#
        #expect(try decode(line)?.get().request == .revoke(RevokeParams(id: "x-1")))
    }

    @Test func blankLineIsNothing() {
        #expect(decode("   \t ") == nil)
    }

    // MARK: Errors

    @Test(arguments: [
        #"{"jsonrpc":"2.0","id":1,"method":"#,
        "not json",
        #"{"a":1} trailing"#,
    ])
    func malformedJSONIsAParseErrorWithNullID(_ line: String) {
        let failure = failure(line)
        #expect(failure?.error.knownCode == .parseError)
        #expect(failure?.id == .null)
    }

    @Test(arguments: [
        (#"42"#, RequestID.null),
        (#"[{"jsonrpc":"2.0","id":1,"method":"list"}]"#, RequestID.null),
        (#"{"jsonrpc":"2.0","id":5}"#, RequestID.number(5)),
        (#"{"jsonrpc":"1.0","id":"q","method":"list"}"#, RequestID.string("q")),
        (#"{"id":6,"method":"list"}"#, RequestID.number(6)),
        (#"{"jsonrpc":"2.0","id":1.5,"method":"list"}"#, RequestID.null),
        (#"{"jsonrpc":"2.0","id":{"x":1},"method":"list"}"#, RequestID.null),
        (#"{"jsonrpc":"2.0","id":2,"method":17}"#, RequestID.number(2)),
    ])
    func notARequestIsAnInvalidRequest(_ line: String, id: RequestID) {
        let failure = failure(line)
        #expect(failure?.error.knownCode == .invalidRequest)
        #expect(failure?.id == id)
    }

    @Test func unknownMethodIsMethodNotFound() {
        let failure = failure(#"{"jsonrpc":"2.0","id":9,"method":"approveEverything"}"#)
        #expect(failure?.error.knownCode == .methodNotFound)
        #expect(failure?.id == 9)
    }

    @Test(arguments: [
        #"{"jsonrpc":"2.0","id":4,"method":"submit"}"#,
        #"{"jsonrpc":"2.0","id":4,"method":"submit","params":{"harness":"x"}}"#,
        #"{"jsonrpc":"2.0","id":4,"method":"submit","params":{"action":{"kind":{"teleport":{}}}}}"#,
        #"{"jsonrpc":"2.0","id":4,"method":"decide","params":{"ids":["a"],"verdict":"ask","reviewer":"r"}}"#,
        #"{"jsonrpc":"2.0","id":4,"method":"decide","params":{"ids":"a","verdict":"allow","reviewer":"r"}}"#,
        #"{"jsonrpc":"2.0","id":4,"method":"grant","params":{"reviewer":"r"}}"#,
        #"{"jsonrpc":"2.0","id":4,"method":"revoke","params":[1]}"#,
    ])
    func badParamsAreInvalidParams(_ line: String) {
        let failure = failure(line)
        #expect(failure?.error.knownCode == .invalidParams)
        #expect(failure?.id == 4)
    }

    @Test func invalidParamsNeverEchoWhatWasSent() {
        let secret = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"
        let failure = failure(
            #"{"jsonrpc":"2.0","id":4,"method":"submit","params":{"action":{"kind":{"shell":{"command":{"token":"\#(secret)"}}}}}}"#
        )
        #expect(failure?.error.knownCode == .invalidParams)
        #expect(failure?.error.message.contains(secret) == false)
        #expect(failure?.error.message.contains("action.kind.shell.command") == true)
    }

    @Test func otherProtocolVersionsAreRefused() throws {
        for version in ["3", "0", "1.5", "1e300"] {
            let failure = failure(#"{"jsonrpc":"2.0","id":1,"method":"status","params":{"airlock":\#(version)}}"#)
            #expect(failure?.error.knownCode == .unsupportedVersion, "\(version)")
            #expect(failure?.error.data == .object(["supported": .array([.number(1), .number(2)])]))
        }
        for version in [1, 2] {
            #expect(
                try decode(#"{"jsonrpc":"2.0","id":1,"method":"status","params":{"airlock":\#(version)}}"#)?.get()
                    .request
                    == .status)
        }
    }

    @Test func errorLinesCarryCodeMessageAndID() throws {
        let line = codec.encodeError(RPCError(.alreadyResolved, "a-1 was already resolved"), id: 12)
        let text = String(decoding: line, as: UTF8.self)
        #expect(
            text == #"{"error":{"code":-32004,"message":"a-1 was already resolved"},"id":12,"jsonrpc":"2.0"}"# + "\n")
        #expect(
            try codec.decodeServerMessage(Array(line.dropLast()))
                == .error(id: 12, RPCError(.alreadyResolved, "a-1 was already resolved")))
        let null = String(decoding: codec.encodeError(RPCError(.parseError, "x"), id: nil), as: UTF8.self)
        #expect(null.contains(#""id":null"#))
    }

    // MARK: Results and notifications

    static let date = Date(timeIntervalSince1970: 1_800_000_000)
    static let exception = PolicyException(
        id: "x-1", effect: .allow, scope: .commandPrefix(["npm", "test"]), binding: .session("s"), createdAt: date,
        expiresAt: date.addingTimeInterval(900), usesLeft: 2, grantedBy: "alice", reason: "tests")
    static let queued = QueuedAction(
        id: "a-1", action: Action(harness: "claude", kind: .shell(command: "curl https://example.com")),
        assessment: Classifier.assess(command: "curl https://example.com"), reason: "Needs a human", source: .unmatched,
        queuedAt: date, deadline: date.addingTimeInterval(600.25))

    @Test func submitResultRoundTrips() throws {
        let result = SubmitResult(id: "a-1", decision: .deny, reason: "Denied by policy rule r1.", source: .rule("r1"))
        let line = codec.encodeResult(.submit(result), id: 1)
        #expect(try codec.decodeServerMessage(Array(line.dropLast())) == .response(id: 1))
        #expect(try codec.result(SubmitResult.self, from: Array(line.dropLast())) == result)
        #expect(String(decoding: line, as: UTF8.self).contains(#""decision":"deny""#))
    }

    @Test func consoleResultsRoundTrip() throws {
        let subscribe = SubscribeResult(
            pending: [Self.queued], exceptions: [Self.exception], mode: .workspaceEdit, reviewWindowSeconds: 600)
        let line = codec.encodeResult(.subscribe(subscribe), id: "s")
        #expect(try codec.result(SubscribeResult.self, from: Array(line.dropLast())) == subscribe)
        let status = StatusResult(
            brokerVersion: "0.1.0", pending: 1, subscribers: 2, connections: 3, exceptions: 1, mode: .autoLoop,
            waitForConsole: false, reviewWindowSeconds: 600, uptimeSeconds: 12.5)
        #expect(
            try codec.result(StatusResult.self, from: Array(codec.encodeResult(.status(status), id: 2).dropLast()))
                == status)
        let decide = DecideResult(
            resolved: ["a-1"], failed: [.init(id: "a-9", code: .notFound, message: "no")], exception: Self.exception,
            alsoResolved: ["a-2"])
        #expect(
            try codec.result(DecideResult.self, from: Array(codec.encodeResult(.decide(decide), id: 3).dropLast()))
                == decide)
    }

    @Test(arguments: [
        ServerNotification.actionQueued(ActionQueued(item: queued)),
        .actionResolved(
            ActionResolved(
                id: "a-1", decision: .allow, reason: "Allowed by alice.", source: .human("alice"), reviewer: "alice")),
        .actionExpired(ActionExpired(id: "a-1", cause: .withdrawn, reason: "gone")),
        .exceptionGranted(ExceptionGranted(exception: exception, resolved: ["a-1"])),
        .exceptionRevoked(ExceptionRevoked(exception: exception)),
        .exceptionExpired(ExceptionExpired(exception: exception)),
    ])
    func notificationsRoundTrip(_ notification: ServerNotification) throws {
        let line = try #require(codec.encodeNotification(notification))
        let text = String(decoding: line, as: UTF8.self)
        #expect(text.contains(#""method":"\#(notification.method.rawValue)","params":{"#))
        #expect(try codec.decodeServerMessage(Array(line.dropLast())) == .notification(notification))
    }

    @Test func datesAreISO8601WithMilliseconds() throws {
        let line = try #require(
            codec.encodeNotification(.exceptionExpired(ExceptionExpired(exception: Self.exception))))
        #expect(String(decoding: line, as: UTF8.self).contains(#""expiresAt":"2027-01-15T08:15:00.000Z""#))
    }
}

/// The action shapes `docs/protocol.md` shows decode as documented.
@Suite struct ProtocolDocumentTests {
    static let kinds: [(String, Action.Kind)] = [
        (#"{"shell":{"command":"rm -rf build/"}}"#, .shell(command: "rm -rf build/")),
        (#"{"fileRead":{"path":"/home/dev/api/.env"}}"#, .fileRead(path: "/home/dev/api/.env")),
        (#"{"fileWrite":{"path":"src/app.ts","content":"x"}}"#, .fileWrite(path: "src/app.ts", content: "x")),
        (
            #"{"fileEdit":{"path":"src/app.ts","edits":[{"oldText":"a","newText":"b","replaceAll":false}]}}"#,
            .fileEdit(path: "src/app.ts", edits: [FileEdit(oldText: "a", newText: "b")])
        ),
        (#"{"patch":{"text":"*** Begin Patch"}}"#, .patch(text: "*** Begin Patch")),
        (
            #"{"mcp":{"server":"github","tool":"create_issue","arguments":{"title":"t"},"isServerTrusted":false,"annotations":{"readOnlyHint":false,"destructiveHint":false}}}"#,
            .mcp(
                MCPCall(
                    server: "github", tool: "create_issue", arguments: .object(["title": .string("t")]),
                    annotations: MCPAnnotations(readOnlyHint: false, destructiveHint: false)))
        ),
        (#"{"web":{"url":"https://example.com/docs"}}"#, .web(url: "https://example.com/docs")),
        (#"{"other":{"tool":"Task","input":"go"}}"#, .other(tool: "Task", input: "go")),
    ]

    @Test(arguments: kinds)
    func documentedKindsDecodeAndAreWrittenSo(_ json: String, _ kind: Action.Kind) throws {
        #expect(try JSONValue.parse(json) == kind.json)
        let line =
            #"{"jsonrpc":"2.0","id":1,"method":"submit","params":{"action":{"kind":\#(json)},"harness":"claude"}}"#
        guard case .submit(let params) = try WireCodec().decodeRequest(Array(line.utf8))?.get().request else {
            Issue.record("not a submit")
            return
        }
        #expect(params.action.kind == kind)
    }

    static let scopes: [(String, Scope)] = [
        (#"{"exactAction":{"fingerprint":"shell:rm -rf build/"}}"#, .exactAction("shell:rm -rf build/")),
        (#"{"commandPrefix":{"argv":["npm","test"]}}"#, .commandPrefix(["npm", "test"])),
        (#"{"category":{"name":"test"}}"#, .category(.test)),
        (#"{"mcpTool":{"server":"github","tool":"create_issue"}}"#, .mcpTool(server: "github", tool: "create_issue")),
        (#"{"mcpTool":{"server":"github"}}"#, .mcpTool(server: "github", tool: nil)),
        (#"{"paths":{"globs":["src/**"]}}"#, .paths(["src/**"])),
    ]

    @Test(arguments: scopes)
    func documentedScopesDecodeAndAreWrittenSo(_ json: String, _ scope: Scope) throws {
        #expect(try JSONValue.parse(json) == scope.json)
        #expect(try Scope(json: JSONValue.parse(json)) == scope)
    }

    static let bindings: [(String, PolicyException.Binding)] = [
        (#"{"session":{"id":"7f3c"}}"#, .session("7f3c")),
        (#"{"repository":{"root":"/home/dev/api"}}"#, .repository("/home/dev/api")),
        (#"{"everywhere":{}}"#, .everywhere),
    ]

    @Test(arguments: bindings)
    func documentedBindingsDecodeAndAreWrittenSo(_ json: String, _ binding: PolicyException.Binding) throws {
        #expect(try JSONValue.parse(json) == binding.json)
        #expect(try PolicyException.Binding(json: JSONValue.parse(json)) == binding)
    }

    @Test func documentedGrantDecodes() throws {
        let line =
            #"{"jsonrpc":"2.0","id":4,"method":"grant","params":{"reviewer":"alice","exception":{"effect":"allow","scope":{"commandPrefix":{"argv":["curl"]}},"binding":{"repository":{"root":"/home/dev/api"}},"ttlSeconds":900,"usesLeft":5,"reason":"health checks"},"airlock":2}}"#
        let expected = GrantParams(
            exception: ExceptionGrant(
                effect: .allow, scope: .commandPrefix(["curl"]), binding: .repository("/home/dev/api"),
                ttlSeconds: 900, usesLeft: 5, reason: "health checks"),
            reviewer: "alice")
        #expect(try WireCodec().decodeRequest(Array(line.utf8))?.get().request == .grant(expected))
    }

    /// Protocol 1's spellings, read until protocol 3 (docs/protocol.md, "Compatibility").
    @Test func protocolOneSpellingsAreStillRead() throws {
        let legacy: [(String, Scope)] = [
            (#"{"exactAction":{"_0":"shell:rm -rf build/"}}"#, .exactAction("shell:rm -rf build/")),
            (#"{"commandPrefix":{"_0":["curl"]}}"#, .commandPrefix(["curl"])),
            (#"{"category":{"_0":"test"}}"#, .category(.test)),
            (#"{"paths":{"_0":["src/**"]}}"#, .paths(["src/**"])),
        ]
        for (json, scope) in legacy {
            let grant =
                #"{"jsonrpc":"2.0","id":4,"method":"grant","params":{"reviewer":"a","exception":{"effect":"deny","scope":\#(json),"binding":{"repository":{"_0":"/w"}},"ttlSeconds":60,"reason":""},"airlock":1}}"#
            guard case .grant(let params) = try WireCodec().decodeRequest(Array(grant.utf8))?.get().request else {
                Issue.record("not a grant: \(json)")
                continue
            }
            #expect(params.exception.scope == scope)
            #expect(params.exception.binding == .repository("/w"))
        }
        #expect(try PolicyException.Binding(json: JSONValue.parse(#"{"session":{"_0":"s"}}"#)) == .session("s"))
    }

    /// `docs/protocol.md` as it stands: no synthesised coding anywhere, and every request it shows
    /// (outside "Errors", whose lines are meant to fail) is one this broker reads.
    @Test func theDocumentsRequestsDecodeAndItShowsNoPositionalKeys() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../docs/protocol.md").standardized.path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains("_0"))
        let beforeErrors = text.components(separatedBy: "## Errors").first ?? text
        let requests = beforeErrors.split(separator: "\n").filter { $0.hasPrefix("→ {") }.map { $0.dropFirst(2) }
        #expect(requests.count >= 8)
        for request in requests {
            guard case .success? = WireCodec().decodeRequest(Array(request.utf8)) else {
                Issue.record("the broker refuses a documented request: \(request)")
                continue
            }
        }
    }

    /// Output never uses Swift's synthesised `_0`, whatever it carries.
    @Test func nothingIsWrittenWithUnderscoreZero() throws {
        let exception = PolicyException(
            id: "x", effect: .allow, scope: .paths(["a"]), binding: .session("s"), createdAt: Date(),
            expiresAt: Date(), grantedBy: "a", reason: "r")
        let line = try #require(
            WireCodec().encodeNotification(.exceptionGranted(ExceptionGranted(exception: exception))))
        #expect(!String(decoding: line, as: UTF8.self).contains("_0"))
        for (_, kind) in Self.kinds { #expect(!kind.json.canonicalText.contains("_0")) }
    }
}
