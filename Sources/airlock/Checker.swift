import AirlockCore
import Foundation

/// Classifies actions for `airlock check` and renders results as JSON or text.
struct Checker {
    var mode: Mode
    var cwd: String
    var host: HostFacts

    struct Result {
        var assessment: Assessment
        var decision: Decision

        var jsonObject: [String: Any] {
            var object: [String: Any] = [
                "categories": assessment.categories.map(\.rawValue),
                "risk": assessment.risk.name,
                "blast_radius": assessment.blastRadius.name,
                "hard_floor": assessment.isHardFloor,
                "decision": decision.verdict.rawValue,
                "reason": decision.reason,
                "source": decision.source.description,
                "unsure": assessment.isUnsure,
                "reversibility": assessment.reversibility.rawValue,
                "findings": assessment.findings.map { finding in
                    [
                        "reason": finding.reason, "risk": finding.risk.name,
                        "categories": finding.categories.map(\.rawValue), "rule": finding.rule,
                    ]
                },
            ]
            if let rollback = assessment.rollback { object["rollback"] = rollback }
            if !assessment.productionMarkers.isEmpty { object["production_markers"] = assessment.productionMarkers }
            if !assessment.hiddenCharacters.isEmpty {
                object["hidden_characters"] = assessment.hiddenCharacters.map {
                    ["name": $0.name, "offset": $0.offset, "codepoint": String(format: "U+%04X", $0.scalar)]
                }
            }
            return object
        }

        var jsonLine: String { Checker.encode(jsonObject) }

        func readable(command: String) -> String {
            let marks =
                String(repeating: "■", count: assessment.risk.rawValue + 1)
                + String(repeating: "□", count: 3 - assessment.risk.rawValue)
            var lines = [
                "$ " + command,
                "",
                "  risk          \(marks) \(assessment.risk.name.uppercased())",
                "  categories    \(assessment.categories.map(\.rawValue).joined(separator: ", "))",
                "  blast radius  \(assessment.blastRadius.name)",
                "  hard floor    \(assessment.isHardFloor ? "yes: a human decides this action" : "no")",
                "  reversible    \(assessment.reversibility.rawValue)"
                    + (assessment.rollback.map { " (rollback: \($0))" } ?? ""),
                "  decision      \(decision.verdict.rawValue.uppercased()) [\(decision.source)]",
                "  reason        \(decision.reason)",
            ]
            if assessment.isUnsure { lines.append("  unsure        yes: part of it could not be analysed") }
            if !assessment.productionMarkers.isEmpty {
                lines.append("  production    \(assessment.productionMarkers.joined(separator: ", "))")
            }
            if !assessment.hiddenCharacters.isEmpty {
                lines.append(
                    "  hidden chars  "
                        + assessment.hiddenCharacters.prefix(6).map { "\($0.name) at \($0.offset)" }.joined(
                            separator: ", "))
            }
            lines.append("  recognised:")
            for finding in assessment.findings {
                lines.append("    - [\(finding.risk.name)] \(finding.reason)  (\(finding.rule))")
            }
            // Every line, not just the command: reasons quote the command's words.
            return lines.map(HiddenCharacters.visible).joined(separator: "\n")
        }
    }

    func check(_ action: Action) -> Result {
        let assessment = Classifier.assess(action, host: host)
        let decision = PolicyEngine.evaluate(action, assessment, context: PolicyContext(mode: mode, now: Date()))
        return Result(assessment: assessment, decision: decision)
    }

    /// One `--jsonl` line in, one JSON result out; errors become `{"error": …}`.
    func checkLine(_ line: String) -> String {
        do {
            let action = try CheckInput.action(from: line, cwd: cwd)
            return check(action).jsonLine
        } catch {
            return Checker.encode(["error": "\(error)"])
        }
    }

    static func encode(_ object: [String: Any]) -> String {
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]),
            let text = String(data: data, encoding: .utf8)
        else { return #"{"error":"could not encode the result"}"# }
        return text
    }
}

/// Parses one `--jsonl` input line into an action.
enum CheckInput {
    struct InputError: Error, CustomStringConvertible {
        var description: String
    }

    static func action(from line: String, cwd: String) throws -> Action {
        guard line.utf8.count <= 1 << 20 else { throw InputError(description: "line longer than 1 MiB") }
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: Data(line.utf8))
        } catch {
            throw InputError(description: "malformed JSON")
        }
        guard case .object(let object) = value else { throw InputError(description: "expected a JSON object") }
        let directory = object["cwd"]?.stringValue ?? cwd
        func make(_ kind: Action.Kind) -> Action { Action(harness: "check", cwd: directory, kind: kind) }
        if let command = object["command"] {
            guard let text = command.stringValue else { throw InputError(description: "\"command\" must be a string") }
            return make(.shell(command: text))
        }
        if let tool = object["tool"]?.stringValue {
            guard let path = object["path"]?.stringValue ?? object["file_path"]?.stringValue else {
                throw InputError(description: "\"\(tool)\" needs a \"path\"")
            }
            switch tool {
            case "Read": return make(.fileRead(path: path))
            case "Write": return make(.fileWrite(path: path, content: object["content"]?.stringValue ?? ""))
            case "Edit":
                let edit = FileEdit(
                    oldText: object["old_string"]?.stringValue ?? "", newText: object["new_string"]?.stringValue ?? "")
                return make(.fileEdit(path: path, edits: [edit]))
            default: throw InputError(description: "unknown tool \"\(tool)\" (expected Read, Write or Edit)")
            }
        }
        if let patch = object["patch"]?.stringValue { return make(.patch(text: patch)) }
        if let url = object["url"]?.stringValue { return make(.web(url: url)) }
        if let mcp = object["mcp"] {
            guard let server = mcp["server"]?.stringValue, let tool = mcp["tool"]?.stringValue else {
                throw InputError(description: "\"mcp\" needs \"server\" and \"tool\" strings")
            }
            var annotations: MCPAnnotations?
            if let a = mcp["annotations"], case .object = a {
                annotations = MCPAnnotations(
                    title: a["title"]?.stringValue, readOnlyHint: a["readOnlyHint"]?.boolValue,
                    destructiveHint: a["destructiveHint"]?.boolValue, idempotentHint: a["idempotentHint"]?.boolValue,
                    openWorldHint: a["openWorldHint"]?.boolValue)
            }
            let call = MCPCall(
                server: server, tool: tool, arguments: mcp["arguments"] ?? .object([:]), annotations: annotations,
                isServerTrusted: mcp["trusted"]?.boolValue ?? false)
            return make(.mcp(call))
        }
        throw InputError(description: "expected one of \"command\", \"tool\", \"patch\", \"url\" or \"mcp\"")
    }
}
