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
        let (name, fields) = try JSONObject(json).onlyCase(known: Self.names)
        do throws(JSONShapeError) {
            switch name {
            case "exactAction": self = .exactAction(try fields.string("fingerprint"))
            case "commandPrefix": self = .commandPrefix(try fields.strings("argv"))
            case "category": self = .category(try fields.name("name"))
            case "mcpTool": self = .mcpTool(server: try fields.string("server"), tool: try fields.optionalString("tool"))
            default: self = .paths(try fields.strings("globs"))
            }
        } catch {
            throw error.under(name)
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
