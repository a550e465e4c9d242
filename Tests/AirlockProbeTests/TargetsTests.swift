import AirlockProbe
import Foundation
import Testing

@Suite struct KubeConfigTests {
    static let config = """
        apiVersion: v1
        clusters:
        - cluster:
            server: https://10.0.0.1
          name: dev-cluster
        contexts:
        - context:
            cluster: dev-cluster
            user: dev
          name: dev
        - context:
            cluster: "prod-eu-1"   # the real one
            namespace: payments
            user: admin
          name: prod-eu
        current-context: prod-eu
        kind: Config
        users:
        - name: admin
          user:
            token: sekrit
        """

    @Test func currentContextAndItsNamespace() {
        #expect(
            KubeConfig.currentContext(in: Self.config)
                == KubeContext(name: "prod-eu", cluster: "prod-eu-1", namespace: "payments"))
    }

    @Test func nameFirstItemsAndNoNamespace() {
        let text = """
            current-context: 'kind-local'
            contexts:
              - name: kind-local
                context:
                  cluster: kind-local
            """
        #expect(KubeConfig.currentContext(in: text) == KubeContext(name: "kind-local", cluster: "kind-local"))
    }

    @Test func noCurrentContextOrGarbage() {
        #expect(KubeConfig.currentContext(in: "apiVersion: v1\ncontexts: []\n") == nil)
        #expect(KubeConfig.currentContext(in: "\u{0}\u{1}: ::: -\n- - -") == nil)
        #expect(KubeConfig.currentContext(in: "current-context:\n") == nil)
    }

    @Test func deployTargetsFindProductionWithoutKeepingSecrets() throws {
        let dir = try TempRepository(git: false)
        defer { dir.remove() }
        try dir.write("kubeconfig", Self.config)
        try dir.write(".terraform/environment", "production\n")
        let targets = DeployTargetReader.read(
            workspace: dir.root, command: "psql postgres://app:hunter2@db.prod.internal:5432/app -c 'select 1'",
            environment: [
                "KUBECONFIG": dir.root + "/missing:" + dir.root + "/kubeconfig",
                "DATABASE_URL": "postgres://u:pw@staging-db.example.com/app",
            ], home: nil)
        #expect(targets.kubeContext?.name == "prod-eu")
        #expect(targets.terraformWorkspace == "production")
        #expect(targets.databaseHosts.map(\.host) == ["staging-db.example.com", "db.prod.internal"])
        let markers = DeployTargetReader.productionMarkers(targets)
        #expect(
            markers == [
                "kube context prod-eu (namespace payments)", "terraform workspace production",
                "database host db.prod.internal (command)",
            ])
        let encoded = String(decoding: try JSONEncoder().encode(targets), as: UTF8.self)
        #expect(!encoded.contains("hunter2") && !encoded.contains("pw@") && !encoded.contains("sekrit"))
    }
}
