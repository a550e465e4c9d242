/// The JSON form of a binding: `{"session": {"id": "7f3c"}}`, `{"repository": {"root": "/home/dev/api"}}`,
/// `{"everywhere": {}}`. Protocol 1's `{"session": {"_0": "7f3c"}}` is still read.
extension PolicyException.Binding: JSONCodable {
    public static let names = ["session", "repository", "everywhere"]

    public init(json: JSONValue) throws(JSONShapeError) {
        self = try JSONObject.decodeCase(json, known: Self.names) { name, fields throws(JSONShapeError) in
            switch name {
            case "session": .session(try fields.string("id"))
            case "repository": .repository(try fields.string("root"))
            default: .everywhere
            }
        }
    }

    public var json: JSONValue {
        switch self {
        case .session(let id): .tagged("session", ["id": .string(id)])
        case .repository(let root): .tagged("repository", ["root": .string(root)])
        case .everywhere: .tagged("everywhere")
        }
    }
}
