import AirlockCore
import Foundation

/// Reads `DeployTargets` from the kubeconfig, `.terraform/environment`, the environment and the
/// command text. File reads are small and bounded; nothing here runs a program.
public enum DeployTargetReader {
    /// Environment variables that commonly hold a database URL or host.
    static let databaseVariables: Set<String> = [
        "DATABASE_URL", "DB_URL", "DB_HOST", "PGHOST", "MYSQL_HOST", "REDIS_URL", "MONGODB_URI", "MONGO_URL",
        "MONGO_URI", "POSTGRES_HOST", "POSTGRES_URL",
    ]

    public static func read(
        workspace: String, command: String?, environment: [String: String], home: String?
    ) -> DeployTargets {
        var targets = DeployTargets()
        readKube(into: &targets, environment: environment, home: home)
        targets.terraformWorkspace = terraformWorkspace(workspace: workspace, environment: environment)
        targets.databaseHosts = databaseHosts(environment: environment, command: command)
        return targets
    }

    /// The production markers among the targets, one line each.
    public static func productionMarkers(_ targets: DeployTargets) -> [String] {
        var markers: [String] = []
        if let kube = targets.kubeContext {
            for text in [kube.name, kube.cluster, kube.namespace].compactMap({ $0 })
            where ProductionMarkers.marker(in: text) != nil {
                markers.append("kube context \(kube.name)" + (kube.namespace.map { " (namespace \($0))" } ?? ""))
                break
            }
        }
        if let workspace = targets.terraformWorkspace, ProductionMarkers.marker(in: workspace) != nil {
            markers.append("terraform workspace \(workspace)")
        }
        for db in targets.databaseHosts where ProductionMarkers.marker(in: db.host) != nil {
            markers.append("database host \(db.host) (\(db.source))")
        }
        return markers
    }

    static func readKube(into targets: inout DeployTargets, environment: [String: String], home: String?) {
        let files: [String]
        if let list = environment["KUBECONFIG"], !list.isEmpty {
            files = list.split(separator: ":").map(String.init)
        } else if let home {
            files = [home + "/.kube/config"]
        } else {
            files = []
        }
        // kubectl takes current-context from the first file that sets it.
        for file in files {
            guard let text = ConfigText.read(file, problems: &targets.problems) else { continue }
            if let context = KubeConfig.currentContext(in: text) {
                targets.kubeContext = context
                targets.kubeConfigPath = file
                return
            }
        }
    }

    static func terraformWorkspace(workspace: String, environment: [String: String]) -> String? {
        if let name = environment["TF_WORKSPACE"], !name.isEmpty { return name }
        let file = workspace + "/.terraform/environment"
        if let data = FileManager.default.contents(atPath: file), data.count < 4096 {
            let name = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return name.isEmpty ? "default" : name
        }
        return FileManager.default.fileExists(atPath: workspace + "/.terraform") ? "default" : nil
    }

    static func databaseHosts(environment: [String: String], command: String?) -> [DeployTargets.DatabaseHost] {
        var hosts: [DeployTargets.DatabaseHost] = []
        for name in environment.keys.sorted() {
            let upper = name.uppercased()
            guard databaseVariables.contains(upper) || upper.hasSuffix("_DATABASE_URL"), let value = environment[name]
            else { continue }
            if let host = URLText.host(value) ?? (value.contains("/") || value.isEmpty ? nil : value) {
                hosts.append(.init(source: name, host: host))
            }
        }
        if let command {
            for word in command.split(whereSeparator: { $0 == " " || $0 == "'" || $0 == "\"" || $0 == "=" })
            where word.contains("://") {
                let text = String(word)
                let scheme = text.prefix { $0 != ":" }.lowercased()
                guard
                    ["postgres", "postgresql", "mysql", "mongodb", "mongodb+srv", "redis", "rediss", "jdbc"]
                        .contains(scheme) || scheme.hasPrefix("jdbc"),
                    let host = URLText.host(text)
                else { continue }
                hosts.append(.init(source: "command", host: host))
            }
        }
        return hosts
    }
}
