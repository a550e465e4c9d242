/// The JSON form of a binding: `{"session": {"id": "7f3c"}}`, `{"repository": {"root": "/home/dev/api"}}`,
/// `{"everywhere": {}}`. Protocol 1's `{"session": {"_0": "7f3c"}}` is still read.
extension PolicyException.Binding: JSONCodable {
    public static let names = ["session", "repository", "everywhere"]

    public init(json: JSONValue) throws(JSONShapeError) {
        let (name, fields) = try JSONObject(json).onlyCase(known: Self.names)
        do throws(JSONShapeError) {
            switch name {
            case "session": self = .session(try fields.string("id"))
            case "repository": self = .repository(try fields.string("root"))
            default: self = .everywhere
            }
        } catch {
            throw error.under(name)
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
