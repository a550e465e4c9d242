/// Where deploys and data commands would land: the kube context, the terraform workspace and
/// the database hosts named in the environment or the command, with the production markers
/// among them.
public struct DeployTargets: Sendable, Equatable, Codable {
    public var kubeContext: KubeContext?
    /// The kubeconfig file the context came from.
    public var kubeConfigPath: String?
    public var terraformWorkspace: String?
    /// Hosts only: credentials and paths are never kept.
    public var databaseHosts: [DatabaseHost] = []
    /// Problems reading the files (a broken kubeconfig), one line each.
    public var problems: [String] = []

    public struct DatabaseHost: Sendable, Equatable, Codable {
        /// Where it was seen: an environment variable's name, or "command".
        public var source: String
        public var host: String
    }

    public init() {}
}
