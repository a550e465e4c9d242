/// Classifiers for cloud, infrastructure, deployment, container and forge CLIs.
///
/// Tools shaped `tool <group> <verb>` are `ServiceVerbs.Spec` tables; aws, gsutil, kubectl,
/// terraform, vercel, docker, gh/glab and ansible-playbook also read their flags.
enum InfraPrograms {
    static let table: [String: ProgramClassifier] = {
        var table = ServiceVerbs.table(specs)
        table["aws"] = { aws($0) }
        table["gsutil"] = { gsutil($0) }
        table["vercel"] = { vercel($0) }
        table["gh"] = { forge($0, gh) }
        table["glab"] = { forge($0, glab) }
        table["ansible-playbook"] = { ansiblePlaybook($0) }
        table["ansible"] = { ansible($0) }
        for name in ["kubectl", "oc"] { table[name] = { kubectl($0) } }
        for name in ["terraform", "tofu", "terragrunt"] { table[name] = { terraform($0) } }
        for name in dockerCompatible { table[name] = { docker($0) } }
        table["buildah"] = { buildah($0) }
        return table
    }()

    /// CLIs that speak docker's commands (`rm -f`, `system prune`, `volume rm`, `compose down -v`):
    /// one table of container verbs judges them all.
    static let dockerCompatible = ["docker", "podman", "nerdctl", "finch", "docker-compose", "podman-compose", "nerdctl-compose"]

    static let section = "Cloud, infrastructure, containers and forges"

    static func register(into builder: inout RegistryBuilder) {
        let named: [String: @Sendable () -> Spec] = [
            "aws": { awsSpec }, "terraform": { terraformSpec }, "tofu": { terraformSpec }, "terragrunt": { terraformSpec },
            "vercel": { vercelSpec }, "gh": { gh }, "glab": { glab },
        ]
        var byName: [String: @Sendable () -> Spec] = [:]
        for (names, spec) in specs { for name in ServiceVerbs.Spec.pieces(names, UInt8(ascii: "|")) where byName[name] == nil { byName[name] = spec } }
        for name in table.keys.sorted() {
            guard let classify = table[name] else { continue }
            let wrapper: WrapperGrammar? =
                dockerCompatible.contains(name)
                ? WrapperGrammar(effect: .container, peel: WrapperPrograms.container)
                : ["kubectl", "oc"].contains(name) ? WrapperGrammar(effect: .container, peel: WrapperPrograms.kubeExec) : nil
            let spec = named[name] ?? byName[name]
            builder.add(
                ProgramSpec(
                    name, role: .custom, section: section,
                    summary: "a cloud, infra or forge CLI: its subcommand table decides", wrapper: wrapper, access: .ignored,
                    exampleSource: { spec.map { ServiceVerbs.examples(name, $0()) } ?? [] },
                    handler: { inv, _, _ in classify(inv) }))
        }
    }

    /// What running a command through `docker run`/`exec` or `kubectl exec` adds: the flags that
    /// hand the container the host, and a remote cluster for kubectl.
    static func containerLayer(_ program: String, _ rest: [ShellWord]) -> (findings: [Finding], reachesHost: Bool) {
        let inv = Invocation([program] + rest.map(\.text))
        if program == "kubectl" || program == "oc" {
            let pod = rest.first { !$0.text.hasPrefix("-") && $0.text != "exec" }?.text ?? "a pod"
            // The scope the command gains; what it does is the inner command's findings.
            return ([.unknown("\(program) exec runs a command in \(pod), in a cluster", isUnsure: false, rule: "kubectl.exec")], false)
        }
        let words = inv.positionals(valued: dockerValued)
        let verb = words.first == "container" ? (words.count > 1 ? words[1] : "") : (words.first ?? "")
        var findings = verb == "run"
            ? run(inv, "\(program) run", image: words.dropFirst(words.first == "container" ? 2 : 1).first)
            : [Finding.unknown("\(program) exec runs a command inside a container", risk: .medium, isUnsure: false, rule: "container.exec")]
        findings += verb == "run" ? [] : privileged(inv, "\(program) exec")
        let reachesHost = findings.contains { $0.categories.contains(.privilege) }
        return (findings, reachesHost)
    }

    private typealias Spec = ServiceVerbs.Spec
    private typealias Effect = ServiceVerbs.Effect

    /// Each table is a lazily built `static let`: a hook that never sees the tool never builds it.
    private static let specs: [(String, @Sendable () -> Spec)] = [
        ("gcloud", { gcloud }), ("az", { az }), ("helm", { helm }), ("pulumi", { pulumi }), ("fly|flyctl", { fly }),
        ("netlify", { netlify }), ("railway", { railway }), ("heroku", { heroku }), ("firebase", { firebase }),
        ("wrangler", { wrangler }), ("serverless|sls", { serverless }), ("cdk", { cdk }), ("argocd", { argocd }),
        ("skaffold", { skaffold }), ("eb", { eb }), ("doctl", { doctl }),
    ]

    // MARK: Subcommand tables

    private static let gcloud = Spec(
        [
            (.secretRead(), "secrets versions access"),
            (
                .secretRead(),
                "auth print-access-token|auth print-identity-token"
                    + "|auth application-default print-access-token|config config-helper|sql generate-login-token"
            ),
            (.secretWrite, "secrets create|secrets update|secrets versions add|iam service-accounts keys create"),
            (.secretDelete(), "secrets delete|secrets versions destroy|secrets versions disable"),
            (.delete(.critical), "sql instances delete"),
            (.exec(), "compute ssh|cloud-shell ssh|sql connect"),
            (.dbWrite, "sql import"),
            (.local, "config set|config unset|config configurations activate|config configurations create"),
        ],
        verbs: [(.privilege(), "add-iam-policy-binding|remove-iam-policy-binding|set-iam-policy")],
        valued: "--project --region --zone --format --account --configuration --filter --limit --verbosity"
            + " --impersonate-service-account --billing-project --sort-by --page-size",
        domains: ["iam": .privilege, "billing": .billing], skip: "alpha beta preview")

    /// DigitalOcean: `auth token`, a kubeconfig or registry config shown, a database's
    /// connection string print credentials; the shared verbs decide the rest.
    private static let doctl = Spec(
        [
            (
                .secretRead(),
                "auth token|registry docker-config|kubernetes cluster kubeconfig show|databases connection"
                    + "|databases user get|databases pool get"
            ),
            (.read, "auth list|account get|kubernetes cluster kubeconfig|databases user list"),
            (.local, "auth init|auth switch|auth remove|kubernetes cluster kubeconfig save|registry login|registry logout"),
            (.exec(), "compute ssh"),
        ],
        valued: "-t --access-token -u --api-url -c --config --context -o --output --format")

    private static let az = Spec(
        [
            (
                .delete(.critical),
                "group delete|aks delete|sql server delete|sql db delete|cosmosdb delete"
                    + "|storage account delete|storage container delete|storage blob delete-batch"
                    + "|postgres flexible-server delete|mysql flexible-server delete"
            ),
            (.secretDelete(.critical), "keyvault delete|keyvault purge"),
            (
                .secretRead(),
                "keyvault secret show|keyvault secret download|storage account keys list"
                    + "|storage account show-connection-string|cosmosdb keys list|webapp config appsettings list"
                    + "|functionapp config appsettings list|acr credential show"
            ),
            (.secretRead(), "account get-access-token"),
            (.secretWrite, "keyvault secret set|webapp config appsettings set|functionapp config appsettings set"),
            (
                .secretDelete(),
                "keyvault secret delete|keyvault secret purge|keyvault key delete|keyvault key purge"
                    + "|keyvault certificate delete|webapp config appsettings delete"
                    + "|functionapp config appsettings delete"
            ),
            (.privilege(), "role assignment create|role definition create|role definition update"),
            (.privilegeDelete(), "role assignment delete|role definition delete"),
            (
                .deploy(),
                "webapp up|webapp deployment source config-zip|functionapp deployment source config-zip"
                    + "|deployment group create|deployment sub create|containerapp update|containerapp up|aks upgrade"
            ),
            (.exec(), "vm run-command invoke|vm run-command create|ssh vm"),
        ],
        valued: "--subscription -g --resource-group -n --name -o --output --query --vault-name",
        flags: [(.secretRead(), "--expose-token")], domains: ["ad": .privilege, "billing": .billing])

    private static let helm = Spec(
        [
            (.deploy(), "install|upgrade|rollback|push"),
            (.delete(.critical), "uninstall|delete|del|un"),
            (.write(), "test|repo remove|repo rm|registry login|plugin uninstall"),
            (
                .install,
                "pull|fetch|dependency build|dependency update|dep build|dep up|dep update"
                    + "|plugin install|repo update"
            ),
            (.build, "package"),
            (.local, "create|repo add"),
            (.read, "env"),
        ],
        valued: "-n --namespace --kube-context --kubeconfig -f --values --set --set-string --set-file"
            + " --version --repo -o --output --timeout",
        reasons: ["uninstall": "removes a release and its resources", "delete": "removes a release and its resources"]
    )

    private static let pulumi = Spec(
        [
            (.deploy(), "up|update|refresh|import|watch"),
            (.delete(.critical), "destroy|stack rm"),
            (.delete(), "state delete"),
            (.read, "stack|config|about|stack output|stack export|stack history|stack ls"),
            (.secretRead(.medium), "config get"),
            (.local, "stack select|login|logout|new"),
        ],
        valued: "-s --stack -C --cwd --target -t --config-file -m --message",
        flags: [(.secretRead(), "--show-secrets"), (.secretWrite, "--secret")],
        reasons: ["destroy": "destroys every resource in the stack"])

    private static let fly = Spec(
        [
            (
                .deploy(),
                "launch|scale|restart|apps restart|machine restart|machines restart|machine update"
                    + "|machine run"
            ),
            (.read, "scale show|releases|proxy"),
            (.delete(.critical), "destroy"),
            (.delete(), "ips release"),
            (.secretRead(), "auth token"),
            (.read, "secrets list"),
            (.secretWrite, "secrets set|secrets import|tokens create"),
            (.secretDelete(), "secrets unset"),
            (.exec(), "ssh|console|postgres connect|pg connect|mysql connect|redis connect"),
        ],
        valued: "-a --app -c --config -r --region --image -i -t --access-token --org -o",
        reasons: ["destroy": "destroys the app"])

    private static let netlify = Spec(
        [
            (.secretRead(), "env list|env get"),
            (.secretWrite, "env set|env import|env clone"),
            (.secretDelete(), "env unset"),
            (.build, "build|dev|serve"),
            (.write(), "functions invoke|api"),
            (.local, "link|unlink|init|switch|login|logout"),
        ],
        valued: "-s --site --auth --context --filter -d --dir -f --functions -a --alias -m --message",
        colonCommands: true)

    private static let railway = Spec(
        [
            (.deploy(), "up|redeploy"),
            (.delete(), "down"),
            (.delete(.critical), "delete"),
            (.secretRead(), "variables|vars"),
            (.secretWrite, "variables set"),
            (.secretDelete(), "variables delete"),
            (.secretRead(.medium), "run|shell"),
            (.exec(), "connect|ssh"),
            (.local, "link|unlink|login|logout"),
        ],
        valued: "-s --service -e --environment -p --project --set", flags: [(.secretWrite, "--set")])

    private static let heroku = Spec(
        [
            (.delete(.critical), "destroy|pg reset|pg backups restore|pg copy|addons destroy|addons remove"),
            (.exec(), "run|run detached|run inside|ps exec|pg psql|redis cli"),
            (.secretRead(), "config|config get|pg credentials|pg credentials url|auth token"),
            (.secretWrite, "config set|config add|pg credentials rotate|authorizations create"),
            (.secretDelete(), "config unset|config remove"),
            (
                .deploy(),
                "releases rollback|rollback|container release|container push|ps scale|scale|ps restart"
                    + "|restart|ps stop|ps kill|ps resize|ps type"
            ),
            (.deploy(.medium), "maintenance on|maintenance off"),
            (.privilege(), "access add|access update|members add|members set"),
            (.privilegeDelete(), "access remove|members remove"),
            (.read, "ps|apps|releases|addons|domains|pg|pg backups|maintenance|access|members|regions|drains"),
        ],
        valued: "-a --app -r --remote -t --team -s --size", colonCommands: true,
        reasons: ["pg reset": "wipes the database", "pg backups restore": "overwrites the database from a backup"])

    private static let firebase = Spec(
        [
            (.dbWrite, "database set|database update|database push|auth import"),
            (.secretRead(), "functions config get|functions secrets access|auth export"),
            (.secretWrite, "functions config set|functions secrets set"),
            (.secretDelete(), "functions config unset|functions secrets destroy|functions secrets prune"),
            (.build, "emulators start|emulators exec|serve"),
            (.deploy(), "hosting clone|apphosting rollouts create"),
            (.local, "init|use|login|logout"),
        ],
        valued: "-P --project --only --except -m --message --token --config", colonCommands: true)

    private static let wrangler = Spec(
        [
            (.delete(.critical), "delete|d1 delete|d1 time-travel restore"),
            (.secretWrite, "secret put|secret bulk|pages secret put|pages secret bulk"),
            (.secretDelete(), "secret delete|pages secret delete"),
            (.dbWrite, "d1 execute"),
            (.migration, "d1 migrations apply"),
            (.read, "d1 export"),
            (.build, "dev|build|types|pages dev"),
            (.local, "login|logout|init|generate"),
        ],
        valued: "-c --config -e --env --name --namespace-id --binding --command --file",
        reasons: ["delete": "deletes the worker"])

    private static let serverless = Spec(
        [
            (.delete(.critical), "remove"),
            (.read, "deploy list|info|metrics|print"),
            (.write(), "invoke"),
            (.build, "invoke local|package|offline"),
            (.secretWrite, "config credentials"),
            (.install, "plugin install"),
        ],
        valued: "-s --stage -r --region -f --function -c --config -p --path -d --data --aws-profile",
        reasons: ["remove": "removes the whole service stack"])

    private static let cdk = Spec(
        [
            (.delete(.critical), "destroy"),
            (.delete(), "gc"),
            (.deploy(), "deploy|bootstrap|watch|import|rollback"),
            (.build, "synth|synthesize"),
            (.read, "doctor|context|docs|notices|metadata|acknowledge|ack|drift"),
            (.local, "init|migrate"),
        ],
        valued: "-a --app -c --context --profile -o --output --require-approval --parameters",
        reasons: ["destroy": "destroys the stack's resources"])

    private static let argocd = Spec(
        [
            (
                .deploy(),
                "app sync|app rollback|app create|app set|app unset|app patch|app edit|app actions run"
                    + "|appset create"
            ),
            (.delete(.critical), "app delete|appset delete|proj delete"),
            (.write(), "app terminate-op"),
            (.read, "app manifests|app resources|app wait"),
            (.privilege(), "cluster add|proj role add-policy"),
            (.secretWrite, "account generate-token|account update-password|proj role create-token"),
            (.local, "login|logout|relogin|context"),
        ],
        valued: "--server --auth-token -p --project -l --selector -o --output --revision --dest-server"
            + " --dest-namespace --repo --path")

    private static let skaffold = Spec(
        [
            (.deploy(), "run|deploy|apply"),
            (.deploy(.medium), "dev|debug"),
            (.build, "build|test"),
            (.read, "render|diagnose|fix|schema|survey|inspect"),
            (.local, "init|config set|config unset"),
        ],
        valued: "-p --profile -f --filename -n --namespace --kube-context -d --default-repo -t --tag -m --module")

    private static let eb = Spec(
        [
            (.deploy(), "create|scale|restore|swap|upgrade|clone"),
            (.delete(.critical), "terminate"),
            (.secretRead(), "printenv"),
            (.secretWrite, "setenv"),
            (.exec(), "ssh"),
            (.read, "open|console"),
            (.local, "init|use"),
        ],
        valued: "-r --region --profile -p --platform -l --label -m --message --timeout",
        reasons: ["terminate": "terminates the environment and its resources"])

    private static let terraformSpec = Spec(
        [
            (.deploy(), "apply|import|taint|untaint|state rm|state mv|state push|state replace-provider"),
            (.deploy(.medium), "refresh|test"),
            (.delete(.critical), "destroy"),
            (.delete(), "workspace delete"),
            (.read, "show|output|providers|graph|console|modules|metadata|state|workspace"),
            (.install, "init|get"),
            (.lint, "fmt"),
            (.local, "workspace select|logout"),
            (.write(), "workspace new"),
            (.write(.high), "force-unlock"),
            (.secretWrite, "login"),
        ],
        valued: "-var -var-file -target -state -state-out -out -replace -backup -lock-timeout -parallelism")

    private static let vercelSpec = Spec(
        [
            (.deploy(), "deploy|promote|rollback|redeploy|alias|alias set"),
            (.secretRead(), "env pull|pull"),
            (.read, "env ls|env list"),
            (.secretWrite, "env add"),
            (.secretDelete(), "env rm|env remove"),
            (.build, "dev|build"),
            (.local, "link|unlink|login|logout|switch|init|telemetry"),
            (.read, "bisect|ls|list|inspect|logs|whoami|domains|dns|certs|project|projects|teams|target"),
        ],
        valued: "-t --token --scope -S --team -A --local-config -Q --global-config --cwd -e --env -b --build-env"
            + " -m --meta --regions --target")

    private static let forgeValued =
        "-R --repo -X --method -H --header -f -F --field --raw-field --input -q --jq -t --template --hostname"
        + " --cache -p --preview -b --body --body-file -T --title -B --base --head -l --label -a --assignee"
        + " -m --milestone -L --limit -s --state --json -e --env"

    private static let gh = Spec(
        [
            (.write(.high), "pr merge"),
            (.delete(), "repo archive"),
            (
                .read,
                "repo clone|pr checks|release download|run list|run view|run watch|run download|browse"
                    + "|gist clone"
            ),
            (.delete(), "run delete"),
            (
                .local,
                "pr checkout|auth login|auth logout|auth refresh|auth setup-git|auth switch|repo set-default"
                    + "|extension remove"
            ),
            (.deploy(), "release create|release upload|release edit"),
            (.deploy(.medium), "workflow run"),
            (.write(), "workflow disable|workflow enable|repo unarchive"),
            (.secretRead(), "auth token"),
            (.read, "secret list|variable list"),
            (.secretWrite, "secret set"),
            (.secretDelete(), "secret delete|secret remove"),
            (.privilege(), "ssh-key add|gpg-key add|repo deploy-key add"),
            (.privilegeDelete(), "ssh-key delete|gpg-key delete|repo deploy-key delete"),
            (.install, "extension install|extension upgrade"),
            (.exec(.medium), "codespace ssh"),
        ],
        valued: forgeValued, flags: [(.secretRead(), "--show-token")])

    private static let glab = Spec(
        [
            (.write(.high), "mr merge"),
            (.delete(), "repo archive"),
            (.read, "repo clone|ci trace|release download"),
            (.local, "mr checkout|auth login|auth logout"),
            (.deploy(), "release create|release upload"),
            (.deploy(.medium), "ci run|pipeline run|schedule run"),
            (.secretRead(), "variable get"),
            (.read, "variable list"),
            (.secretWrite, "variable set|variable update"),
            (.secretDelete(), "variable delete"),
            (.privilege(), "ssh-key add|deploy-key add"),
            (.privilegeDelete(), "ssh-key delete|deploy-key delete"),
        ],
        valued: forgeValued, flags: [(.secretRead(), "--show-token")])

    // MARK: aws and gsutil

    private static let awsSpec = Spec(
        [
            (
                .secretRead(),
                "secretsmanager get-secret-value|secretsmanager batch-get-secret-value|kms decrypt"
                    + "|kms generate-data-key|kms generate-data-key-pair|ec2 get-password-data"
            ),
            (
                .secretRead(),
                "ecr get-login-password|ecr-public get-login-password|ecr get-authorization-token"
                    + "|codeartifact get-authorization-token|rds generate-db-auth-token|eks get-token"
                    + "|sts get-session-token|sts get-federation-token|configure export-credentials"
            ),
            (
                .secretWrite,
                "secretsmanager put-secret-value|secretsmanager update-secret|secretsmanager create-secret"
                    + "|secretsmanager restore-secret|secretsmanager rotate-secret|secretsmanager cancel-rotate-secret"
                    + "|secretsmanager update-secret-version-stage|secretsmanager replicate-secret-to-regions"
                    + "|ec2 create-key-pair|configure|configure set|configure import|configure sso"
            ),
            (.read, "configure list|configure list-profiles|configure get"),
            (
                .privilege(),
                "secretsmanager put-resource-policy|s3api put-bucket-policy|s3api put-bucket-acl"
                    + "|s3api put-object-acl|s3api put-public-access-block|s3api delete-public-access-block"
                    + "|ec2 authorize-security-group-ingress|ec2 authorize-security-group-egress"
                    + "|ec2 revoke-security-group-ingress|ec2 revoke-security-group-egress|lambda add-permission"
                    + "|kms create-grant|kms put-key-policy|ecr set-repository-policy"
            ),
            (.privilegeDelete(), "secretsmanager delete-resource-policy"),
            (.privilege(.medium), "sts assume-role|sts assume-role-with-web-identity|sts assume-role-with-saml"),
            (.delete(.critical), "kms schedule-key-deletion"),
            (
                .deploy(),
                "cloudformation deploy|cloudformation create-stack|cloudformation update-stack"
                    + "|cloudformation execute-change-set|cloudformation create-stack-set|cloudformation update-stack-set"
                    + "|lambda update-function-code|lambda update-function-configuration|lambda publish-version"
                    + "|lambda update-alias|lambda create-function|ecs update-service|ecs create-service"
                    + "|ecs register-task-definition|eks update-cluster-version|eks update-nodegroup-version"
                    + "|eks update-cluster-config|elasticbeanstalk update-environment"
                    + "|elasticbeanstalk swap-environment-cnames|route53 change-resource-record-sets"
                    + "|deploy create-deployment|autoscaling update-auto-scaling-group|autoscaling set-desired-capacity"
                    + "|apprunner start-deployment"
            ),
            (.deploy(.medium), "codepipeline start-pipeline-execution|codebuild start-build|ecs run-task"),
            (.exec(), "ssm send-command|ssm start-session|ecs execute-command"),
            (.exec(.medium), "lambda invoke"),
            (.billing, "ec2 run-instances|ec2 request-spot-instances|savingsplans create-savings-plan"),
            (
                .dbWrite,
                "dynamodb put-item|dynamodb update-item|dynamodb batch-write-item|dynamodb execute-statement"
                    + "|dynamodb batch-execute-statement|dynamodb transact-write-items|rds-data execute-statement"
                    + "|rds-data batch-execute-statement"
            ),
            (.write(), "sns publish|sns publish-batch"),
        ],
        valued: "--region --profile --output --endpoint-url --query --cli-read-timeout --cli-connect-timeout --color"
            + " --ca-bundle --cli-binary-format --exclude --include --acl --storage-class --sse --sse-kms-key-id"
            + " --content-type --cache-control --metadata --grants --page-size --source-region --metadata-directive"
            + " --expires --checksum-algorithm")

    private static let awsReadPrefixes = [
        "list-", "get-", "describe-", "head-", "lookup-", "search-", "scan", "query", "batch-get-", "filter-",
        "test-", "simulate-", "validate-", "estimate-", "receive-", "wait", "tail", "preview-", "download-",
    ]
    private static let awsTargetOptions = [
        "--bucket", "--secret-id", "--queue-url", "--topic-arn", "--subscription-arn", "--stack-name",
        "--function-name", "--db-instance-identifier", "--db-cluster-identifier", "--table-name", "--key-id",
        "--cluster", "--service", "--role-name", "--user-name", "--repository-name", "--instance-ids", "--name",
    ]

    /// aws: `aws <service> <operation>`, where the operation name carries the verb.
    private static func aws(_ inv: Invocation) -> [Finding] {
        let words = inv.positionals(valued: awsSpec.valued)
        if ServiceVerbs.isHelp(inv, words) || words.last == "help" { return [.read("aws shows help or version")] }
        guard let service = words.first else { return [.read("aws without a command prints usage")] }
        let operation = words.count > 1 ? words[1] : ""
        if service == "s3" { return awsS3(inv, words) }
        let what = "aws \(service) \(operation)"
        if ServiceVerbs.isDryRun(inv) { return [.remoteRead("\(what) --dry-run only checks permissions")] }
        let force = "--force-delete-without-recovery"
        return ServiceVerbs.findings(
            awsEffect(inv, service, operation), what, targets: awsTargetOptions.compactMap { inv.value(of: $0) },
            note: ServiceVerbs.hasFlag(inv, force) ? force : "")
    }

    /// `aws configure get NAME` prints a setting; these are the ones that are credentials.
    private static let awsSecretSettings: Set<String> = [
        "aws_access_key_id", "aws_secret_access_key", "aws_session_token", "aws_security_token",
    ]

    private static func awsEffect(_ inv: Invocation, _ service: String, _ operation: String) -> Effect {
        if service == "configure", operation == "get" {
            // `profile.dev.aws_secret_access_key` names a setting of one profile.
            let setting = inv.positionals(valued: awsSpec.valued).dropFirst(2).first?.lowercased() ?? ""
            let name = setting.split(separator: ".").last.map(String.init) ?? setting
            return awsSecretSettings.contains(name) ? .secretRead() : .read
        }
        if let effect = awsSpec.rules[operation.isEmpty ? service : "\(service) \(operation)"] { return effect }
        if service == "ssm", operation.hasPrefix("get-parameter") {
            return ServiceVerbs.hasFlag(inv, "--with-decryption") ? .secretRead() : .read
        }
        if service == "ssm", operation == "put-parameter" {
            return inv.value(of: "--type") == "SecureString" ? .secretWrite : .write()
        }
        let isRead = awsReadPrefixes.contains { operation.hasPrefix($0) }
        if operation.hasPrefix("purchase-") || (["budgets", "ce", "billing"].contains(service) && !isRead) {
            return .billing
        }
        let effect: Effect = isRead ? .read : ServiceVerbs.verbEffect(operation) ?? .write()
        let isAccess = ["iam", "sso-admin", "identitystore"].contains(service)
        guard case .delete = effect else { return isAccess && effect != .read ? .privilege() : effect }
        let isBroad =
            ServiceVerbs.isBroad([operation], at: 0)
            || (service == "rds" && operation.hasPrefix("delete-db-"))
            || ServiceVerbs.hasFlag(inv, "--force-delete-without-recovery")
        let risk: Risk = isBroad ? .critical : .high
        return isAccess ? .privilegeDelete(risk) : service == "secretsmanager" ? .secretDelete(risk) : .delete(risk)
    }

    /// aws s3: the high-level file commands, where sync and mv delete and rm can be recursive.
    private static func awsS3(_ inv: Invocation, _ words: [String]) -> [Finding] {
        let command = words.count > 1 ? words[1] : "ls"
        let paths = Array(words.dropFirst(2))
        let buckets = paths.filter { $0.hasPrefix("s3://") }
        let destination = paths.count > 1 ? paths[paths.count - 1] : ""
        let what = "aws s3 \(command)"
        let recursive = inv.has(long: ["--recursive"])
        let shown = buckets.joined(separator: " ")
        if ServiceVerbs.isDryRun(inv) || ["ls", "presign"].contains(command) {
            return [.remoteRead("\(what) lists or inspects objects", targets: buckets)]
        }
        switch command {
        case "rm" where recursive:
            let reason = "aws s3 rm --recursive deletes every object under \(shown)"
            return [.dataDelete(reason, risk: .critical, targets: buckets)]
        case "rm": return [.dataDelete("aws s3 rm deletes \(shown)", targets: buckets)]
        case "rb": return [.dataDelete("aws s3 rb deletes the bucket \(shown)", risk: .critical, targets: buckets)]
        case "mv": return [.dataDelete("aws s3 mv removes the source after copying", targets: buckets)]
        case "sync" where inv.has(long: ["--delete"]):
            return [
                .dataDelete(
                    "aws s3 sync --delete removes files in \(destination) missing from the source",
                    targets: [destination])
            ]
        case "cp", "sync":
            return destination.hasPrefix("s3://")
                ? [.remoteWrite("\(what) uploads to \(destination)", targets: [destination])]
                : [.remoteRead("\(what) downloads from \(shown)", targets: buckets)]
        default: return ServiceVerbs.findings(ServiceVerbs.verbEffect(command) ?? .write(), what, targets: buckets)
        }
    }

    /// gsutil: unix-like verbs over `gs://` URLs; `rm -r`, `rb`, `mv` and `rsync -d` delete.
    private static func gsutil(_ inv: Invocation) -> [Finding] {
        let spec = Spec(valued: "-o -h -p -u -i")
        let words = inv.positionals(valued: spec.valued)
        let command = words.first ?? ""
        let urls = words.dropFirst().filter { $0.hasPrefix("gs://") }
        let what = "gsutil \(command)"
        let recursive = inv.has(short: "rR", long: ["--recursive"])
        switch command {
        case "rm":
            let reason = "\(what)\(recursive ? " -r" : "") deletes objects under \(urls.joined(separator: " "))"
            return [.dataDelete(reason, risk: recursive ? .critical : .high, targets: urls)]
        case "rb": return [.dataDelete("gsutil rb deletes the bucket", risk: .critical, targets: urls)]
        case "mv": return [.dataDelete("gsutil mv removes the source after copying", targets: urls)]
        case "rsync" where inv.has(short: "n"): return [.remoteRead("gsutil rsync -n dry run changes nothing")]
        case "rsync" where inv.has(short: "d"):
            return [.dataDelete("gsutil rsync -d deletes destination objects missing from the source", targets: urls)]
        case "cp", "rsync":
            let uploads = words.count > 2 && (words.last ?? "").hasPrefix("gs://")
            return uploads
                ? [.remoteWrite("\(what) uploads to Cloud Storage", targets: urls)]
                : [.remoteRead("\(what) downloads from Cloud Storage", targets: urls)]
        case "iam", "acl", "defacl":
            return words.dropFirst().first == "get"
                ? [.remoteRead("\(what) get reads access policy")]
                : [.privilege("\(what) changes who can access the bucket", targets: urls)]
        default: return ServiceVerbs.classify(inv, spec)
        }
    }

    // MARK: kubectl and terraform

    private static let kubeValued: Set<String> = [
        "-n", "--namespace", "--context", "--cluster", "--kubeconfig", "--user", "-s", "--server", "--token",
        "-l", "--selector", "-o", "--output", "-f", "--filename", "-c", "--container", "--field-selector",
        "--as", "--as-group", "--request-timeout", "-k", "--kustomize", "-p", "--patch", "--type", "--sort-by",
        "--template", "--timeout", "--grace-period", "-L", "--label-columns", "--image", "--replicas", "--port",
    ]
    private static let kubeRoleKinds: Set<String> = [
        "role", "roles", "clusterrole", "clusterroles", "rolebinding", "rolebindings", "clusterrolebinding",
        "clusterrolebindings",
    ]
    /// Kinds whose deletion takes everything inside with them.
    private static let kubeWholeKinds: Set<String> = [
        "namespace", "namespaces", "ns", "project", "projects", "crd", "crds", "customresourcedefinition",
        "customresourcedefinitions",
    ]
    private static let kubeDeploy: Set<String> = [
        "apply", "patch", "replace", "set", "scale", "edit", "label", "annotate", "drain", "cordon", "uncordon",
        "taint", "expose", "autoscale", "run", "new-app", "new-build", "start-build", "rollback", "deploy", "tag",
        "import-image",
    ]
    private static let kubeRead: Set<String> = [
        "get", "describe", "logs", "top", "explain", "api-resources", "api-versions", "cluster-info", "diff",
        "events", "wait", "port-forward", "proxy", "completion", "whoami", "status", "project", "projects",
        "process", "options", "plugin",
    ]

    /// kubectl and oc: the verb comes first, then the kind (`delete namespace prod`).
    private static func kubectl(_ inv: Invocation) -> [Finding] {
        let program = inv.program
        let words = inv.positionals(valued: kubeValued)
        if ServiceVerbs.isHelp(inv, words) { return [.read("\(program) shows help or version")] }
        let verb = words.first ?? ""
        let kind = words.count > 1 ? words[1].lowercased() : ""
        let kinds = Set(kind.split(separator: ",").map { String($0.split(separator: "/").first ?? "") })
        let what = [program, verb, kind].filter { !$0.isEmpty }.joined(separator: " ")
        let namespace = inv.value(of: "-n", "--namespace").map { ["namespace \($0)"] } ?? []
        let targets = Array(words.dropFirst(2)) + namespace
        if ServiceVerbs.isDryRun(inv) { return [.remoteRead("\(what) --dry-run changes nothing", targets: targets)] }
        let isSecret = !kinds.isDisjoint(with: ["secret", "secrets"])
        let isRole = !kinds.isDisjoint(with: kubeRoleKinds)
        let effect: Effect
        switch verb {
        case "delete":
            let broad = ServiceVerbs.hasFlag(inv, "--all|--all-namespaces|-A")
            let risk: Risk = broad || !kinds.isDisjoint(with: kubeWholeKinds) ? .critical : .high
            effect = isSecret ? .secretDelete(risk) : isRole ? .privilegeDelete(risk) : .delete(risk)
        case "get":
            // The table, `wide` and `name` outputs show names, types and sizes, never values.
            let showsData = !["", "wide", "name"].contains(kubeOutput(inv))
            effect = isSecret && showsData ? .secretRead() : .read
        case "describe": effect = .read
        case "view-secret": effect = .secretRead()
        case "extract" where isSecret: effect = .secretRead()
        case "create":
            effect =
                isSecret
                ? .secretWrite
                : isRole
                    ? .privilege()
                    : kind == "token" ? .secretRead() : .deploy()
        case "rollout": effect = ["status", "history"].contains(kind) ? .read : .deploy()
        // `--raw` prints the kubeconfig's client keys and tokens unredacted: a credential file read.
        case "config" where kind == "view": effect = ServiceVerbs.hasFlag(inv, "--raw") ? .secretRead(.high) : .read
        case "config": effect = kind.hasPrefix("get-") || kind == "current-context" ? .read : .local
        case "exec", "debug", "rsh", "attach": effect = .exec()
        case "cp", "new-project": effect = .write()
        case "auth": effect = kind == "reconcile" ? .privilege() : .read
        case "certificate": effect = .privilege()
        case "login", "logout": effect = .local
        case "adm":
            effect =
                ["policy", "groups"].contains(kind)
                ? .privilege()
                : kind == "prune"
                    ? .delete()
                    : ["drain", "cordon", "uncordon", "taint"].contains(kind)
                        ? .deploy()
                        : kind == "top" ? .read : .write()
        case "kustomize": return [.read("\(program) kustomize renders manifests locally")]
        case _ where kubeDeploy.contains(verb): effect = .deploy(verb == "run" ? .medium : .high)
        case _ where kubeRead.contains(verb): effect = .read
        default: return ServiceVerbs.classify(inv, Spec(), words: words)
        }
        var findings = ServiceVerbs.findings(effect, what, targets: targets)
        if verb == "apply", ServiceVerbs.hasFlag(inv, "--prune") {
            findings.append(.dataDelete("\(program) apply --prune deletes resources missing from the manifests"))
        }
        return findings
    }

    /// The `-o` format of a kubectl command, also written `-oyaml` or `-o=yaml`.
    private static func kubeOutput(_ inv: Invocation) -> String {
        if let value = inv.value(of: "-o", "--output") { return value }
        let compact = inv.optionArgs.first { $0.hasPrefix("-o") && !$0.hasPrefix("--") && $0.count > 2 }
        return compact.map { String($0.dropFirst(2).drop { $0 == "=" }) } ?? ""
    }

    /// terraform, tofu and terragrunt (`run-all`, `run --all` and `*-all` unwrap to the command).
    private static func terraform(_ inv: Invocation) -> [Finding] {
        let program = inv.program
        var words = inv.positionals(valued: terraformSpec.valued)
        if program == "terragrunt", let first = words.first {
            if first == "run-all" || first == "run" {
                words.removeFirst()
            } else if first.hasSuffix("-all") {
                words[0] = String(first.dropLast(4))
            }
        }
        let command = words.first ?? ""
        let destroys = inv.args.contains { $0 == "-destroy" || $0 == "--destroy" }
        if command == "destroy" || (command == "apply" && destroys) {
            let how = command == "destroy" ? "destroy" : "apply -destroy"
            return [.dataDelete("\(program) \(how) destroys every resource it manages", risk: .critical)]
        }
        if command == "output", ServiceVerbs.hasFlag(inv, "-raw|-json") {
            return [.secrets("\(program) output prints values, sensitive ones included", risk: .medium)]
        }
        return ServiceVerbs.classify(inv, terraformSpec, words: words)
    }

    // MARK: Deploy CLIs with flags

    /// vercel: a bare `vercel` (or a path) deploys; subcommands go through the table.
    private static func vercel(_ inv: Invocation) -> [Finding] {
        let words = inv.positionals(valued: vercelSpec.valued)
        let commands = Set(vercelSpec.rules.keys.compactMap { $0.split(separator: " ").first.map(String.init) })
            .union(["rm", "remove", "env", "git", "integration", "help", "version"])
        if let first = words.first, commands.contains(first) { return ServiceVerbs.classify(inv, vercelSpec) }
        if ServiceVerbs.isHelp(inv, words) { return [.read("vercel shows help or version")] }
        return [.deploy("vercel deploys the project", targets: words)]
    }

    /// gh and glab: subcommand tables, plus `api` read by method and endpoint.
    private static func forge(_ inv: Invocation, _ spec: Spec) -> [Finding] {
        let program = inv.program
        let words = inv.positionals(valued: spec.valued)
        if words.first == "api", !ServiceVerbs.isHelp(inv, words) {
            return api(inv, program, endpoint: words.count > 1 ? words[1] : "")
        }
        if Array(words.prefix(2)) == ["repo", "edit"], ServiceVerbs.hasFlag(inv, "--visibility") {
            return [.privilege("\(program) repo edit --visibility changes who can see the repository")]
        }
        return ServiceVerbs.classify(inv, spec)
    }

    /// `gh api` / `glab api`: the method (GET unless fields are sent) and what the path names.
    private static func api(_ inv: Invocation, _ program: String, endpoint: String) -> [Finding] {
        let sendsFields = ServiceVerbs.hasFlag(inv, "-f|-F|--field|--raw-field|--input")
        let method = (inv.value(of: "-X", "--method") ?? (sendsFields ? "POST" : "GET")).uppercased()
        let path = endpoint.split(separator: "/").map(String.init)
        let access: Set<String> = ["collaborators", "permissions", "members", "memberships", "keys", "invitations"]
        let isAccess = !access.isDisjoint(with: path)
        let effect: Effect
        let guards = path.contains { $0 == "protection" || $0 == "rulesets" || $0.hasPrefix("protected") }
        if endpoint == "graphql" {
            effect = inv.args.contains { $0.contains("mutation") } ? .infra : .read
        } else if method == "GET" || method == "HEAD" {
            effect = .read
        } else if method == "DELETE" {
            let wholeRepo = (path.count == 3 && path[0] == "repos") || (path.count == 2 && path[0] == "projects")
            effect = isAccess || guards ? .privilegeDelete() : .delete(wholeRepo ? .critical : .high)
        } else if isAccess || guards {
            effect = .privilege()
        } else if path.contains("secrets") {
            effect = .secretWrite
        } else {
            effect = .infra
        }
        return ServiceVerbs.findings(effect, "\(program) api \(method) \(endpoint)", targets: [endpoint])
    }

    /// Ad-hoc `ansible HOSTS -m MODULE -a ARGS`: facts and pings read; commands and files change hosts.
    private static func ansible(_ inv: Invocation) -> [Finding] {
        let module = inv.value(of: "-m", "--module-name") ?? "command"
        let arguments = inv.value(of: "-a", "--args") ?? ""
        if inv.has(short: "C", long: ["--check", "--list-hosts"]) || ServiceVerbs.isHelp(inv, []) {
            return [.remoteRead("ansible check or listing changes nothing")]
        }
        switch module {
        case "ping", "setup", "debug", "gather_facts", "stat", "slurp", "find", "service_facts", "package_facts":
            return [.remoteRead("ansible -m \(module) reads the hosts")]
        case "command", "shell", "raw", "script", "win_shell", "win_command":
            return [.unknown("ansible -m \(module) runs \(arguments.prefix(60)) on every host", risk: .high)]
        default:
            if arguments.contains("state=absent") {
                return [.dataDelete("ansible -m \(module) \(arguments.prefix(60)) removes things on every host")]
            }
            return [.deploy("ansible -m \(module) changes every host it targets")]
        }
    }

    /// ansible-playbook changes hosts unless it only checks or lists.
    private static func ansiblePlaybook(_ inv: Invocation) -> [Finding] {
        let playbooks = inv.positionals(valued: [
            "-i", "--inventory", "-e", "--extra-vars", "-l", "--limit", "-t", "--tags", "--skip-tags", "-u", "--user",
            "-f", "--forks", "--vault-password-file", "--private-key", "-c", "--connection", "-T", "--timeout",
            "--become-user", "--become-method", "--start-at-task", "-M", "--module-path",
        ])
        if ServiceVerbs.isHelp(inv, playbooks) || inv.args.contains("-h") {
            return [.read("ansible-playbook shows help or version")]
        }
        if inv.has(short: "C", long: ["--check", "--syntax-check", "--list-hosts", "--list-tasks", "--list-tags"]) {
            return [.remoteRead("ansible-playbook check or listing changes nothing", targets: playbooks)]
        }
        return [.deploy("ansible-playbook runs plays that change hosts", targets: playbooks)]
    }

    // MARK: docker and podman

    static let dockerValued: Set<String> = [
        "-H", "--host", "--context", "-c", "--config", "-l", "--log-level", "-v", "--volume", "-e", "--env", "-p",
        "--publish", "--name", "-w", "--workdir", "--network", "--net", "--mount", "--entrypoint", "-u", "--user",
        "--env-file", "--label", "--platform", "-m", "--memory", "--restart", "--hostname", "--add-host",
        "--cap-add", "--cap-drop", "--device", "--pid", "--ipc", "--userns", "--uts", "--security-opt",
        "--volumes-from", "--log-driver", "--log-opt", "--tmpfs", "--ulimit", "--gpus", "--expose", "--link",
        "--dns", "--runtime", "--cpus", "-f", "--file", "--project-name", "--profile", "--project-directory",
        "--format", "--filter", "--tag", "--build-arg", "--target", "--since", "--until", "-n", "--tail",
    ]
    /// Management groups whose second word is the verb.
    private static let dockerGroups: Set<String> = [
        "container", "image", "volume", "network", "system", "builder", "buildx", "context", "machine", "pod",
        "manifest", "service", "stack", "swarm", "node", "secret", "config", "plugin", "trust",
    ]
    /// Host paths whose mount gives a container control of the host.
    private static let hostPaths: Set<String> = [
        "/var/run/docker.sock", "/run/docker.sock", "/run/podman/podman.sock", "/etc", "/root", "/boot", "/proc",
        "/sys", "/dev", "/var", "/run", "/usr", "/lib", "/bin", "/sbin", "/home",
    ]
    private static let credentialDirs: Set<String> = [
        ".ssh", ".aws", ".kube", ".gnupg", ".docker", ".azure", "gcloud",
    ]

    /// docker, podman and their compose front ends.
    private static func docker(_ inv: Invocation) -> [Finding] {
        let program = inv.program
        let words = inv.positionals(valued: dockerValued)
        if ServiceVerbs.isHelp(inv, words) { return [.read("\(program) shows help or version")] }
        if program.hasSuffix("-compose") { return compose(inv, words, program) }
        if words.first == "compose" { return compose(inv, Array(words.dropFirst()), "\(program) compose") }
        let grouped = words.count > 1 && dockerGroups.contains(words[0])
        let group = grouped ? words[0] : ""
        let verb = grouped ? words[1] : words.first ?? ""
        let rest = Array(words.dropFirst(grouped ? 2 : 1))
        let what = [program, group, verb].filter { !$0.isEmpty }.joined(separator: " ")
        let removesVolumes =
            verb == "rm" && ["", "container"].contains(group)
            && inv.has(short: "v", long: ["--volumes"])
        switch (group, verb) {
        case ("volume", "rm"), ("volume", "remove"), ("volume", "prune"):
            return [localDelete("\(what) deletes volumes and the data in them", rest)]
        case ("system", "prune") where ServiceVerbs.hasFlag(inv, "--volumes"):
            return [localDelete("\(what) --volumes also deletes unused volumes and their data", rest)]
        case ("system", "reset"):
            // Without --force it asks first, and an agent's shell has no one to answer.
            return ServiceVerbs.hasFlag(inv, "--force|-f")
                ? [localDelete("\(what) --force deletes every container, image, volume and network", rest)]
                : [Finding([.destructiveFS], risk: .medium, blast: .machine, reversibility: .irreversible,
                    reason: "\(what) deletes every container, image and volume after asking", targets: rest)]
        case _ where removesVolumes:
            return [localDelete("\(what) -v also deletes the containers' anonymous volumes", rest)]
        case ("", "rm"), ("container", "rm"), ("container", "remove"):
            // A named container is removed without a prompt, and with it everything it wrote
            // outside a volume: like deleting files git cannot bring back. (Stopping, pruning
            // with its prompt, removing images or a compose project's containers stays medium:
            // those come back from the image or the compose file.)
            return [
                Finding(
                    [.destructiveFS], risk: .high, blast: .machine, reversibility: .irreversible,
                    reason: "\(what) deletes containers and every file they wrote outside a volume",
                    targets: rest, rule: "container.remove")
            ]
        case ("", "run"), ("", "create"), ("container", "run"), ("container", "create"):
            return run(inv, what, image: rest.first)
        case ("stack", "deploy"), ("stack", "up"), ("service", "create"), ("service", "update"),
            ("service", "scale"), ("service", "rollback"):
            return ServiceVerbs.findings(.deploy(), what, targets: rest)
        case ("secret", "create"): return ServiceVerbs.findings(.secretWrite, what, targets: rest)
        case ("secret", "rm"), ("secret", "remove"):
            return ServiceVerbs.findings(.secretDelete(), what, targets: rest)
        case ("swarm", "leave"): return ServiceVerbs.findings(.write(.high), what)
        case ("service", _), ("stack", _), ("swarm", _), ("node", _), ("secret", _), ("config", _),
            ("plugin", _), ("trust", _):
            return ServiceVerbs.findings(ServiceVerbs.verbEffect(verb) ?? .write(), what, targets: rest)
        case ("context", _) where !ServiceVerbs.reading.contains(verb):
            return ServiceVerbs.findings(.local, what)
        default:
            return containerVerb(inv, verb, what, rest)
        }
    }

    /// buildah: its working containers and images share docker's verbs (`rm`, `rmi`, `prune`);
    /// `from` starts a working container, `bud` builds.
    private static func buildah(_ inv: Invocation) -> [Finding] {
        let words = inv.positionals(valued: dockerValued)
        if ServiceVerbs.isHelp(inv, words) { return [.read("buildah shows help or version")] }
        let verb = words.first ?? ""
        let rest = Array(words.dropFirst())
        let what = "buildah \(verb)"
        switch verb {
        case "containers", "mount", "unmount", "umount", "login", "logout": break
        case "from": return [started("\(what) starts a working container from \(rest.first ?? "an image")", rest)]
        case "bud", "build-using-dockerfile": return [.build("\(what) builds an image")]
        case "copy", "add", "config": return [.fileWrite("\(what) changes a working container", targets: rest)]
        case "rm", "rmi", "prune":
            if inv.has(short: "a", long: ["--all"]) {
                return [localDelete("\(what) --all deletes every working container or image", rest)]
            }
            return containerVerb(inv, verb, what, rest)
        default: return containerVerb(inv, verb, what, rest)
        }
        return verb == "containers"
            ? [.read("\(what) lists working containers", targets: rest)]
            : [.fileWrite("\(what) changes local container state", targets: rest)]
    }

    /// `docker compose` and `docker-compose`: `down -v` deletes volumes; the rest as docker.
    private static func compose(_ inv: Invocation, _ words: [String], _ label: String) -> [Finding] {
        let verb = words.first ?? ""
        let what = [label, verb].filter { !$0.isEmpty }.joined(separator: " ")
        let rest = Array(words.dropFirst())
        if ["down", "rm"].contains(verb), inv.has(short: "v", long: ["--volumes"]) {
            return [localDelete("\(what) -v deletes the project's volumes and their data", rest)]
        }
        return containerVerb(inv, verb, what, rest)
    }

    /// The container verbs docker, podman and compose share.
    private static func containerVerb(_ inv: Invocation, _ verb: String, _ what: String, _ rest: [String])
        -> [Finding]
    {
        switch verb {
        case "ps", "images", "logs", "inspect", "version", "info", "top", "stats", "port", "diff", "history",
            "events", "ls", "list", "df", "show", "config", "convert", "":
            return [.read("\(what) inspects local containers and images", targets: rest)]
        case "search": return [.remoteRead("\(what) searches an image registry")]
        case "rm", "rmi", "remove", "prune", "stop", "kill", "down", "pause":
            // Forced removal (`rm -f`, `prune -af`) throws away containers' data without a prompt.
            let forced = ["rm", "rmi", "remove", "prune"].contains(verb) && inv.has(short: "f", long: ["--force"])
            return [
                Finding(
                    [.destructiveFS], risk: forced ? .high : .medium, blast: .machine, reversibility: .irreversible,
                    reason: "\(what) \(forced ? "force-" : "")stops or removes local containers, images or networks",
                    targets: rest)
            ]
        case "start", "restart", "unpause", "up", "scale", "watch", "run", "create", "connect", "disconnect":
            return [started("\(what) starts or changes local containers", rest)]
        case "exec", "attach":
            let exec = Finding.unknown("\(what) runs a command inside a container")
            return privileged(inv, what).isEmpty ? [exec] : [exec] + privileged(inv, what)
        case "pull", "load", "import": return [.packageInstall("\(what) downloads or loads images")]
        case "build", "commit", "tag":
            let build = Finding.build("\(what) builds or names an image")
            let push = ServiceVerbs.hasFlag(inv, "--push")
            return push ? [build, .deploy("\(what) --push publishes the image", targets: rest)] : [build]
        case "push": return [.deploy("\(what) publishes an image to a registry", targets: rest)]
        case "login", "logout": return [.remoteWrite("\(what) changes stored registry credentials")]
        case "cp":
            return containerCopy(inv, what, rest.filter { !$0.hasPrefix("-") })
        case "save", "export":
            return [.fileWrite("\(what) copies files out of or into containers", targets: rest)]
        default: return [.unknown("\(what) is not a recognised container command")]
        }
    }

    /// `docker cp SRC DEST`: into a container (`web:/usr/local/bin/`) changes what runs there;
    /// out of one writes a local path, judged like any write by where it lands.
    private static func containerCopy(_ inv: Invocation, _ what: String, _ operands: [String]) -> [Finding] {
        guard operands.count >= 2, let source = operands.first, let destination = operands.last else {
            return [.fileWrite("\(what) copies files out of or into containers", targets: operands)]
        }
        let inContainer = { (path: String) in
            path.firstIndex(of: ":").map { $0 != path.startIndex && !path[..<$0].contains("/") } ?? false
        }
        var findings: [Finding] = []
        if !inContainer(source) {
            let path = inv.context.classifySecrets(path: source)
            if path.isSecret {
                findings.append(.secrets("\(what) copies \(path.reason)", risk: path.secretRisk, targets: [source], rule: "path.secret-read"))
            }
        }
        if inContainer(destination) {
            findings.append(
                Finding(
                    [.fileWrite], risk: .high, blast: .machine, reversibility: .partial,
                    reason: "\(what) writes \(source) into the container at \(destination): what runs there changes",
                    targets: [destination], rule: "container.copy-in"))
        } else {
            findings += FileTargets.write(destination, verb: "\(what) copies out of a container into", context: inv.context)
        }
        return findings
    }

    /// `docker run`: a container, plus privilege for host access and secrets for mounted credentials.
    private static func run(_ inv: Invocation, _ what: String, image: String?) -> [Finding] {
        var findings = [started("\(what) starts a container from \(image ?? "an image")", image.map { [$0] } ?? [])]
        findings += privileged(inv, what)
        let volumes = ServiceVerbs.values(inv, "-v", "--volume").compactMap { spec in
            spec.contains(":") ? spec.split(separator: ":", maxSplits: 1).first.map(String.init) : nil
        }
        let mounts = ServiceVerbs.values(inv, "--mount").flatMap { $0.split(separator: ",") }
            .compactMap { part -> String? in
                let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
                return pair.count == 2 && ["source", "src"].contains(pair[0]) ? pair[1] : nil
            }
        for source in volumes + mounts {
            let path = source.count > 1 && source.hasSuffix("/") ? String(source.dropLast()) : source
            if path == "/" {
                findings.append(.privilege("\(what) mounts the host root filesystem", targets: ["/"]))
            } else if hostPaths.contains(path) {
                findings.append(.privilege("\(what) mounts the host's \(path)", targets: [path]))
            } else if path.split(separator: "/").contains(where: { credentialDirs.contains(String($0)) }) {
                findings.append(.secrets("\(what) mounts credentials from \(path)", targets: [path]))
            }
        }
        return findings
    }

    /// Flags that hand a container the host: `--privileged`, host namespaces, broad capabilities.
    private static func privileged(_ inv: Invocation, _ what: String) -> [Finding] {
        var reasons: [String] = []
        if ServiceVerbs.hasFlag(inv, "--privileged") { reasons.append("--privileged") }
        for option in ["--pid", "--ipc", "--userns", "--uts"] where inv.value(of: option) == "host" {
            reasons.append("\(option)=host")
        }
        let broadCapabilities: Set<String> = ["ALL", "SYS_ADMIN", "SYS_PTRACE", "SYS_MODULE"]
        let capabilities = ServiceVerbs.values(inv, "--cap-add").map { $0.uppercased() }
        let names = capabilities.map { $0.hasPrefix("CAP_") ? String($0.dropFirst(4)) : $0 }
        if !broadCapabilities.isDisjoint(with: names) {
            reasons.append("--cap-add")
        }
        if ServiceVerbs.values(inv, "--security-opt").contains(where: { $0.contains("unconfined") }) {
            reasons.append("--security-opt unconfined")
        }
        return reasons.map { .privilege("\(what) \($0) gives the container control of the host") }
    }

    private static func started(_ reason: String, _ targets: [String]) -> Finding {
        Finding([.network], risk: .medium, blast: .machine, reversibility: .partial, reason: reason, targets: targets)
    }

    private static func localDelete(_ reason: String, _ targets: [String]) -> Finding {
        var finding = Finding.dataDelete(reason, targets: targets)
        finding.blastRadius = .machine
        return finding
    }
}
