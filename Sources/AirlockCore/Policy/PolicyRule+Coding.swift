/// The JSON form of a rule's origin: `{"user": {}}` or `{"repository": {"trusted": true}}`.
extension PolicyRule.Origin: JSONCodable {
    public init(json: JSONValue) throws(JSONShapeError) {
        let (name, fields) = try JSONObject(json).onlyCase(known: ["user", "repository"])
        do throws(JSONShapeError) {
            self = name == "user" ? .user : .repository(trusted: try fields.optionalBool("trusted") ?? false)
        } catch {
            throw error.under(name)
        }
    }

    public var json: JSONValue {
        switch self {
        case .user: .tagged("user")
        case .repository(let trusted): .tagged("repository", ["trusted": .bool(trusted)])
        }
    }
}
