/// The JSON form of a rule's origin: `{"user": {}}` or `{"repository": {"trusted": true}}`.
extension PolicyRule.Origin: JSONCodable {
    public init(json: JSONValue) throws(JSONShapeError) {
        self = try JSONObject.decodeCase(json, known: ["user", "repository"]) { name, fields throws(JSONShapeError) in
            name == "user" ? .user : .repository(trusted: try fields.optionalBool("trusted") ?? false)
        }
    }

    public var json: JSONValue {
        switch self {
        case .user: .tagged("user")
        case .repository(let trusted): .tagged("repository", ["trusted": .bool(trusted)])
        }
    }
}
