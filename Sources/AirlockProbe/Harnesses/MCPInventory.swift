import AirlockCore
import Foundation

/// The tools one MCP server listed in `tools/list`, as `airlock mcp` saw them pass. Written by
/// the proxy to `<state>/mcp-inventory/<server>.json`; read by the MCP tool scope boundary.
public struct MCPInventory: Codable, Sendable, Equatable {
    public var server: String
    /// When the proxy last saw a `tools/list` result, ISO 8601.
    public var seenAt: String
    public var tools: [Tool]

    public struct Tool: Codable, Sendable, Equatable {
        public var name: String
        public var annotations: MCPAnnotations?

        public init(name: String, annotations: MCPAnnotations? = nil) {
            self.name = name
            self.annotations = annotations
        }
    }

    public init(server: String, seenAt: String, tools: [Tool]) {
        self.server = server
        self.seenAt = seenAt
        self.tools = tools
    }

    /// The file for `server` under `stateDirectory`; the name is made safe for a file name.
    public static func path(stateDirectory: String, server: String) -> String {
        let safe = String(server.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
        return stateDirectory + "/mcp-inventory/" + (safe.hasPrefix(".") ? "_" + safe : safe) + ".json"
    }

    /// The inventory recorded for `server`: nil when none was; nil with a problem when broken.
    public static func read(stateDirectory: String, server: String, problems: inout [String]) -> MCPInventory? {
        let file = path(stateDirectory: stateDirectory, server: server)
        guard let text = ConfigText.read(file, problems: &problems) else { return nil }
        do {
            return try JSONDecoder().decode(MCPInventory.self, from: Data(text.utf8))
        } catch {
            problems.append("\(file): not an MCP inventory (\(type(of: error)))")
            return nil
        }
    }
}

/// One inventoried tool with the MCP tool type Core's classifier gives it from name and annotations.
public struct ClassedTool: Codable, Sendable, Equatable {
    public var name: String
    public var categories: [Category]
    public var risk: Risk

    /// Classed without arguments: what the tool can do, not one call.
    public static func classify(server: String, tool: MCPInventory.Tool, host: HostFacts) -> ClassedTool {
        let findings = MCPClassifier.classify(
            MCPCall(server: server, tool: tool.name, annotations: tool.annotations), host: host)
        let categories = Array(Set(findings.flatMap(\.categories))).sorted { $0.rawValue < $1.rawValue }
        return ClassedTool(
            name: tool.name, categories: categories, risk: findings.map(\.risk).max() ?? .medium)
    }

    /// Classed: the classifier placed it in a known MCP tool type, not `unknown_write`.
    public var isClassed: Bool { !categories.isEmpty && !categories.contains(.unknownWrite) }
}
