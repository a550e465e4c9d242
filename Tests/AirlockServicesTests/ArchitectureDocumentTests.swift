import Foundation
import Testing

/// `docs/architecture.md` names, for every module, exactly what `Package.swift` says it
/// depends on: a new dependency, a removed one or a new module fails here until the document
/// says so.
@Suite struct ArchitectureDocumentTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Each non-test target of the manifest and the names of its dependencies.
    static func manifestTargets() throws -> [String: Set<String>] {
        let text = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        var targets: [String: Set<String>] = [:]
        for opener in [".target(", ".executableTarget(", ".systemLibrary("] {
            var rest = Substring(text)
            while let start = rest.range(of: opener) {
                let body = balanced(rest[start.upperBound...], open: "(", close: ")")
                rest = rest[start.upperBound...]
                guard let name = firstMatch(#"name: "([^"]+)""#, in: body) else { continue }
                var dependencies: Set<String> = []
                if let list = body.range(of: "dependencies: [") {
                    var items = balanced(body[list.upperBound...], open: "[", close: "]")
                    for product in matches(#"\.product\(name: "([^"]+)", package: "[^"]+"\)"#, in: items) {
                        dependencies.insert(product)
                    }
                    items = items.replacingOccurrences(
                        of: #"\.product\([^)]*\)"#, with: "", options: .regularExpression)
                    dependencies.formUnion(matches(#""([^"]+)""#, in: items))
                }
                targets[name] = dependencies
            }
        }
        return targets
    }

    /// The document's module table: the module in the first cell, its dependencies in the last.
    static func documentedModules() throws -> [String: Set<String>] {
        let text = try String(contentsOf: root.appendingPathComponent("docs/architecture.md"), encoding: .utf8)
        var modules: [String: Set<String>] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard cells.count >= 4, let name = firstMatch("`([^`]+)`", in: cells[1]) else { continue }
            modules[name] = Set(matches("`([^`]+)`", in: cells[cells.count - 2]))
        }
        return modules
    }

    @Test func everyModuleIsDocumentedWithItsDependencies() throws {
        let manifest = try Self.manifestTargets()
        let documented = try Self.documentedModules()
        #expect(manifest.count >= 15, "the manifest was not read: \(manifest.keys.sorted())")
        #expect(Set(documented.keys) == Set(manifest.keys))
        for (module, dependencies) in manifest {
            #expect(documented[module] == dependencies, "\(module)")
        }
    }

    private static func balanced(_ text: Substring, open: Character, close: Character) -> String {
        var depth = 1
        var inString = false
        var end = text.startIndex
        for index in text.indices {
            let character = text[index]
            if character == "\"" { inString.toggle() }
            guard !inString else { continue }
            if character == open { depth += 1 }
            if character == close {
                depth -= 1
                if depth == 0 {
                    end = index
                    break
                }
            }
        }
        return String(text[text.startIndex..<end])
    }

    private static func matches(_ pattern: String, in text: String) -> [String] {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return expression.matches(in: text, range: range).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    private static func firstMatch(_ pattern: String, in text: String) -> String? {
        matches(pattern, in: text).first
    }
}
