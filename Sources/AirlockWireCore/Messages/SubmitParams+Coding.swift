import AirlockCore

/// The JSON form of `submit`'s params (docs/protocol.md, "Agents: submit"):
///
/// ```json
/// {"action": {"kind": {"shell": {"command": "ls"}}, "harness": "claude", "cwd": "/w"},
///  "deadlineMs": 60000, "toolUseID": "toolu_01", "airlock": 2}
/// ```
/// `harness`, `session`, `cwd` and `agentPID` may also stand beside `action` (protocol 1 hooks
/// put them there), and then take precedence over the same fields inside it.
extension SubmitParams: JSONCodable {
    public init(json: JSONValue) throws(JSONShapeError) {
        let params = try JSONObject(json)
        let overrides = try Action.Overrides(params)
        let actionValue = try params.value("action")
        do throws(JSONShapeError) {
            action = try Action(json: actionValue, overrides: overrides)
        } catch {
            throw error.under("action")
        }
        deadlineMs = try params.optionalInteger("deadlineMs")
        toolUseID = try params.optionalString("toolUseID")
    }

    public var json: JSONValue {
        .members([
            "action": action.json, "deadlineMs": JSONValue(integer: deadlineMs), "toolUseID": JSONValue(toolUseID),
            "airlock": JSONValue(integer: WireProtocol.version),
        ])
    }
}

/// `{"id": "7f3c-1", "decision": "allow", "reason": "…", "source": "rule:x", "ruleID": "x"}`;
/// `ruleID` or `exceptionID` stand beside a source that names one.
extension SubmitResult: JSONCodable {
    public init(json: JSONValue) throws(JSONShapeError) {
        let fields = try JSONObject(json)
        self.init(
            id: try fields.string("id"), decision: try fields.name("decision"), reason: try fields.string("reason"),
            source: try fields.decode("source"))
    }

    public var json: JSONValue {
        .members([
            "id": .string(id), "decision": .string(decision.rawValue), "reason": .string(reason), "source": source.json,
            "ruleID": JSONValue(ruleID), "exceptionID": JSONValue(exceptionID),
        ])
    }
}
