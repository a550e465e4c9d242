/// The JSON form of a scope (docs/protocol.md, "grant"):
///
/// ```json
/// {"exactAction": {"fingerprint": "shell:rm -rf build/"}}
/// {"commandPrefix": {"argv": ["npm", "test"]}}
/// {"category": {"name": "test"}}
/// {"mcpTool": {"server": "github", "tool": "create_issue"}}     // no tool: the whole server
/// {"paths": {"globs": ["src/**"]}}
/// ```
/// Protocol 1 (and stores before migration `v2-named-coding`) wrote `{"commandPrefix": {"_0": […]}}`;
/// that is still read.
extension Scope: JSONCodable {
    public static let names = ["exactAction", "commandPrefix", "category", "mcpTool", "paths"]

    public init(json: JSONValue) throws(JSONShapeError) {
        self = try JSONObject.decodeCase(json, known: Self.names) { name, fields throws(JSONShapeError) in
            switch name {
            case "exactAction": .exactAction(try fields.string("fingerprint"))
            case "commandPrefix": .commandPrefix(try fields.strings("argv"))
            case "category": .category(try fields.name("name"))
            case "mcpTool": .mcpTool(server: try fields.string("server"), tool: try fields.optionalString("tool"))
            default: .paths(try fields.strings("globs"))
            }
        }
    }

    public var json: JSONValue {
        switch self {
        case .exactAction(let fingerprint): .tagged("exactAction", ["fingerprint": .string(fingerprint)])
        case .commandPrefix(let argv): .tagged("commandPrefix", ["argv": JSONValue(strings: argv)])
        case .category(let category): .tagged("category", ["name": .string(category.rawValue)])
        case .mcpTool(let server, let tool): .tagged("mcpTool", ["server": .string(server), "tool": JSONValue(tool)])
        case .paths(let globs): .tagged("paths", ["globs": JSONValue(strings: globs)])
        }
    }
}
