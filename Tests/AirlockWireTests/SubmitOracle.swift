import AirlockCore
import AirlockWire
import Foundation

/// The documented shape of a submit line (docs/protocol.md), decoded by Foundation's
/// JSONDecoder with synthesised coding: the oracle `SubmitCodec` and `WireCodec` are held
/// against. It shares no code with them; named keys make it a plain mirror of the document.
struct OracleLine: Decodable {
    var jsonrpc: String
    var id: Int64
    var method: String
    var params: OracleParams

    struct OracleParams: Decodable {
        var action: OracleAction
        var harness: String?
        var session: String?
        var cwd: String?
        var agentPID: Int32?
        var deadlineMs: Int?
        var toolUseID: String?
        var airlock: Int?
    }

    struct OracleAction: Decodable {
        var harness: String?
        var session: String?
        var agentPID: Int32?
        var cwd: String?
        var workspaceRoot: String?
        var kind: OracleKind
        var raw: String?
    }

    /// One key of eight; the others are absent.
    struct OracleKind: Decodable {
        struct Command: Decodable { var command: String }
        struct Path: Decodable { var path: String }
        struct Write: Decodable {
            var path: String
            var content: String
        }
        struct Edit: Decodable {
            struct One: Decodable {
                var oldText: String
                var newText: String
                var replaceAll: Bool
            }
            var path: String
            var edits: [One]
        }
        struct Text: Decodable { var text: String }
        struct Call: Decodable {
            struct Hints: Decodable {
                var title: String?
                var readOnlyHint: Bool?
                var destructiveHint: Bool?
                var idempotentHint: Bool?
                var openWorldHint: Bool?
            }
            var server: String
            var tool: String
            var arguments: JSONValue
            var annotations: Hints?
            var isServerTrusted: Bool
        }
        struct URLText: Decodable { var url: String }
        struct Other: Decodable {
            var tool: String
            var input: String
        }
        var shell: Command?
        var fileRead: Path?
        var fileWrite: Write?
        var fileEdit: Edit?
        var patch: Text?
        var mcp: Call?
        var web: URLText?
        var other: Other?
    }

    /// What the line says, as the domain's types.
    var submitParams: SubmitParams? {
        let kind = params.action.kind
        let kinds: [Action.Kind?] = [
            kind.shell.map { .shell(command: $0.command) },
            kind.fileRead.map { .fileRead(path: $0.path) },
            kind.fileWrite.map { .fileWrite(path: $0.path, content: $0.content) },
            kind.fileEdit.map { edit in
                .fileEdit(
                    path: edit.path,
                    edits: edit.edits.map {
                        FileEdit(oldText: $0.oldText, newText: $0.newText, replaceAll: $0.replaceAll)
                    })
            },
            kind.patch.map { .patch(text: $0.text) },
            kind.mcp.map { call in
                .mcp(
                    MCPCall(
                        server: call.server, tool: call.tool, arguments: call.arguments,
                        annotations: call.annotations.map {
                            MCPAnnotations(
                                title: $0.title, readOnlyHint: $0.readOnlyHint, destructiveHint: $0.destructiveHint,
                                idempotentHint: $0.idempotentHint, openWorldHint: $0.openWorldHint)
                        }, isServerTrusted: call.isServerTrusted))
            },
            kind.web.map { .web(url: $0.url) },
            kind.other.map { .other(tool: $0.tool, input: $0.input) },
        ]
        let present = kinds.compactMap { $0 }
        guard present.count == 1, let only = present.first else { return nil }
        let action = params.action
        let cwd = params.cwd ?? action.cwd
        return SubmitParams(
            action: Action(
                harness: params.harness ?? action.harness ?? "unknown", session: params.session ?? action.session,
                agentPID: params.agentPID ?? action.agentPID, cwd: cwd, workspaceRoot: action.workspaceRoot ?? cwd,
                kind: only, raw: action.raw),
            deadlineMs: params.deadlineMs, toolUseID: params.toolUseID)
    }
}

/// A submit result as the document shows it.
struct OracleReply: Decodable {
    struct Result: Decodable {
        var id: String
        var decision: String
        var reason: String
        var source: String
        var ruleID: String?
        var exceptionID: String?
    }
    var jsonrpc: String
    var id: Int64
    var result: Result
}

/// Reproducible random actions: every kind, and text with the characters codecs get wrong.
struct ActionGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// Knuth's MMIX linear congruential step, high bits out: plenty for test data.
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state ^ (state >> 29)
    }

    static let pieces = [
        "ls", " -la", "rm -rf build/", "\"", "\\", "/", "\n", "\t", "\u{0}", "\u{1B}[2K", "é", "漢字", "🚀", "\u{200B}",
        "\u{2028}", "'", "{", "}", "[", "]", ":", ",", "null", "_0", "\u{7F}",
    ]

    mutating func text() -> String {
        (0..<Int.random(in: 0...6, using: &self)).map { _ in Self.pieces.randomElement(using: &self) ?? "" }.joined()
    }

    mutating func optionalText() -> String? { Bool.random(using: &self) ? text() : nil }

    mutating func json(depth: Int = 0) -> JSONValue {
        switch Int.random(in: 0...(depth > 2 ? 3 : 5), using: &self) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &self))
        case 2: return .number(Double(Int.random(in: -1_000_000...1_000_000, using: &self)) / 4)
        case 3: return .string(text())
        case 4: return .array((0..<Int.random(in: 0...3, using: &self)).map { _ in json(depth: depth + 1) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0...3, using: &self) { members[text()] = json(depth: depth + 1) }
            return .object(members)
        }
    }

    mutating func kind() -> Action.Kind {
        switch Int.random(in: 0...7, using: &self) {
        case 0: return .shell(command: text())
        case 1: return .fileRead(path: text())
        case 2: return .fileWrite(path: text(), content: text())
        case 3:
            return .fileEdit(
                path: text(),
                edits: (0..<Int.random(in: 0...2, using: &self)).map { _ in
                    FileEdit(oldText: text(), newText: text(), replaceAll: Bool.random(using: &self))
                })
        case 4: return .patch(text: text())
        case 5:
            let hints = Bool.random(using: &self)
            return .mcp(
                MCPCall(
                    server: text(), tool: text(), arguments: .object(["a": json(), text(): json()]),
                    annotations: hints
                        ? MCPAnnotations(title: optionalText(), readOnlyHint: Bool.random(using: &self)) : nil,
                    isServerTrusted: Bool.random(using: &self)))
        case 6: return .web(url: text())
        default: return .other(tool: text(), input: text())
        }
    }

    mutating func params() -> SubmitParams {
        let cwd = optionalText()
        return SubmitParams(
            action: Action(
                harness: text(), session: optionalText(),
                agentPID: Bool.random(using: &self) ? Int32.random(in: 1...99_999, using: &self) : nil,
                cwd: cwd, workspaceRoot: Bool.random(using: &self) ? text() : cwd, kind: kind(), raw: optionalText()),
            deadlineMs: Bool.random(using: &self) ? Int.random(in: 0...900_000, using: &self) : nil,
            toolUseID: optionalText())
    }
}
