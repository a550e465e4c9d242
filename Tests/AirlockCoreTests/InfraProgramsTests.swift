import Testing

@testable import AirlockCore

/// One command line and what its findings must say: the category of the worst finding and
/// the range the overall risk must fall in.
struct InfraCase: Sendable, CustomTestStringConvertible {
    let argv: [String]
    let category: Category
    let minRisk: Risk
    let maxRisk: Risk

    init(_ command: String, _ category: Category, _ minRisk: Risk, _ maxRisk: Risk? = nil) {
        self.argv = Self.words(command)
        self.category = category
        self.minRisk = minRisk
        self.maxRisk = maxRisk ?? minRisk
    }

    var testDescription: String { argv.joined(separator: " ") }

    /// Splits like a shell would for these simple lines: spaces, single and double quotes, `\`.
    static func words(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var escaped = false
        var inWord = false
        for char in line {
            if escaped {
                current.append(char)
                escaped = false
            } else if char == "\\" && quote != "'" {
                escaped = true
            } else if let open = quote {
                if char == open { quote = nil } else { current.append(char) }
            } else if char == "'" || char == "\"" {
                quote = char
                inWord = true
            } else if char == " " {
                if inWord || !current.isEmpty { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(char)
                inWord = true
            }
        }
        if inWord || !current.isEmpty { words.append(current) }
        return words
    }
}

/// Runs the program's classifier from either table.
private func classify(_ argv: [String]) -> [Finding] {
    let invocation = Invocation(argv)
    guard let classifier = InfraPrograms.table[invocation.program] ?? ServicePrograms.table[invocation.program] else {
        Issue.record("no table knows \(invocation.program)")
        return []
    }
    return classifier(invocation)
}

private func check(_ testCase: InfraCase) {
    let findings = classify(testCase.argv)
    #expect(!findings.isEmpty)
    let risk = findings.map(\.risk).max() ?? .low
    let worst = Set(findings.filter { $0.risk == risk }.flatMap(\.categories))
    #expect(worst.contains(testCase.category), "categories \(worst.sorted()) for \(findings.map(\.reason))")
    #expect(risk >= testCase.minRisk && risk <= testCase.maxRisk, "risk \(risk) for \(findings.map(\.reason))")
    #expect(findings.allSatisfy { !$0.reason.isEmpty })
}

/// Cloud, infra, deploy, container and forge CLIs beyond the corpus.
@Test(arguments: InfraCase.infra)
func infraProgramsInfra(_ testCase: InfraCase) {
    check(testCase)
}

/// Secret stores, payments, backups, messaging and CI beyond the corpus.
@Test(arguments: InfraCase.services)
func infraProgramsServices(_ testCase: InfraCase) {
    check(testCase)
}

@Test func infraProgramsCoverEveryListedProgram() {
    let infra =
        "aws gcloud gsutil az kubectl oc helm terraform tofu terragrunt pulumi fly flyctl vercel netlify"
        + " railway heroku firebase wrangler serverless sls cdk docker podman docker-compose gh glab"
        + " ansible-playbook argocd skaffold eb"
    let services =
        "vault op doppler infisical sops stripe restic borg velero rclone rsync kafka-topics"
        + " kafka-topics.sh kafka-consumer-groups kafka-acls kafka-configs kafka-delete-records"
        + " kafka-delete-records.sh rabbitmqctl rabbitmqadmin nats gitlab-runner circleci jenkins-cli"
    for name in infra.split(separator: " ") { #expect(InfraPrograms.table[String(name)] != nil, "\(name)") }
    for name in services.split(separator: " ") { #expect(ServicePrograms.table[String(name)] != nil, "\(name)") }
    #expect(Set(InfraPrograms.table.keys).isDisjoint(with: ServicePrograms.table.keys))
}

/// Every program says something even without arguments, and says it as a read or help.
@Test func infraProgramsBareInvocationsAreNeverEmpty() {
    for name in Array(InfraPrograms.table.keys) + Array(ServicePrograms.table.keys) {
        let findings = classify([name])
        #expect(!findings.isEmpty, "\(name)")
    }
}

@Test func infraProgramsNameTargets() {
    let bucket = classify(["aws", "s3", "rm", "s3://b", "--recursive"])
    #expect(bucket.first?.targets == ["s3://b"])
    #expect(bucket.first?.reason == "aws s3 rm --recursive deletes every object under s3://b")
    let vault = classify(["vault", "kv", "get", "secret/app"])
    #expect(vault.first?.reason == "vault kv get reads a secret")
    #expect(vault.first?.targets == ["secret/app"])
    let namespace = classify(["kubectl", "delete", "namespace", "shop"])
    #expect(namespace.first?.targets == ["shop"])
    let sync = classify(["rclone", "sync", "/src", "remote:b"])
    #expect(sync.first?.reason == "rclone sync deletes destination files that are missing from the source")
    let runner = classify(["gitlab-runner", "verify", "--delete"])
    #expect(runner.first?.reason == "gitlab-runner verify deletes remote data (--delete)")
    let sops = classify(["sops", "exec-env", "secrets.yaml", "env"])
    #expect(sops.first?.targets == ["secrets.yaml"])
}

/// A privileged container that also mounts `/` carries a finding for each.
@Test func infraProgramsDockerRunReportsEachHostAccess() {
    let findings = classify(["docker", "run", "--privileged", "-v", "/:/host", "alpine", "sh"])
    #expect(findings.filter { $0.categories.contains(.privilege) }.count == 2)
    #expect(findings.contains { $0.targets == ["alpine"] })
}

extension InfraCase {
    static let infra: [InfraCase] = [
        // aws beyond the corpus
        InfraCase(#"aws s3 cp s3://b/key.txt ./key.txt"#, .network, .low),
        InfraCase(#"aws s3 mv ./a s3://b/a"#, .dataDelete, .high),
        InfraCase(#"aws s3 sync ./site s3://b"#, .network, .medium),
        InfraCase(#"aws s3 mb s3://new-bucket"#, .network, .medium),
        InfraCase(#"aws --region us-east-1 s3 ls"#, .network, .low),
        InfraCase(#"aws --version"#, .read, .low),
        InfraCase(#"aws ec2 describe-instances"#, .network, .low),
        InfraCase(#"aws ec2 run-instances --image-id ami-1 --count 10"#, .billingMoney, .critical),
        InfraCase(#"aws ec2 run-instances --image-id ami-1 --dry-run"#, .network, .low),
        InfraCase(#"aws ec2 purchase-reserved-instances-offering --instance-count 3"#, .billingMoney, .critical),
        InfraCase(#"aws ec2 terminate-instances --instance-ids i-123"#, .dataDelete, .high),
        InfraCase(#"aws ec2 authorize-security-group-ingress --group-id sg-1 --cidr 0.0.0.0/0"#, .privilege, .high),
        InfraCase(
            #"aws iam attach-user-policy --user-name bob --policy-arn arn:aws:iam::aws:policy/AdministratorAccess"#,
            .privilege, .high),
        InfraCase(#"aws iam delete-user --user-name bob"#, .privilege, .high),
        InfraCase(#"aws iam list-users"#, .network, .low),
        InfraCase(
            #"aws sts assume-role --role-arn arn:aws:iam::1:role/admin --role-session-name x"#, .privilege, .medium),
        InfraCase(#"aws sts get-caller-identity"#, .network, .low),
        InfraCase(#"aws ssm get-parameter --name /app/db --with-decryption"#, .secretsAccess, .high),
        InfraCase(#"aws ssm get-parameter --name /app/region"#, .network, .low),
        InfraCase(#"aws ssm put-parameter --name /app/db --type SecureString --value x"#, .secretsAccess, .high),
        InfraCase(
            #"aws ssm send-command --document-name AWS-RunShellScript --targets Key=tag:role,Values=web"#, .unknown,
            .high),
        InfraCase(#"aws kms decrypt --ciphertext-blob fileb://blob"#, .secretsAccess, .high),
        InfraCase(#"aws kms schedule-key-deletion --key-id k --pending-window-in-days 7"#, .dataDelete, .critical),
        InfraCase(
            #"aws rds delete-db-instance --db-instance-identifier main --skip-final-snapshot"#, .dataDelete, .critical),
        InfraCase(#"aws rds delete-db-snapshot --db-snapshot-identifier nightly"#, .dataDelete, .critical),
        InfraCase(#"aws rds describe-db-instances"#, .network, .low),
        InfraCase(#"aws dynamodb delete-table --table-name users"#, .dataDelete, .critical),
        InfraCase(#"aws dynamodb put-item --table-name users --item file://item.json"#, .dbWrite, .high),
        InfraCase(#"aws dynamodb scan --table-name users"#, .network, .low),
        InfraCase(#"aws cloudformation deploy --template-file t.yml --stack-name app"#, .deploy, .high),
        InfraCase(#"aws cloudformation delete-stack --stack-name app"#, .dataDelete, .critical),
        InfraCase(#"aws lambda update-function-code --function-name f --zip-file fileb://f.zip"#, .deploy, .high),
        InfraCase(#"aws ecs update-service --cluster c --service web --force-new-deployment"#, .deploy, .high),
        InfraCase(#"aws ecr get-login-password --region us-east-1"#, .secretsAccess, .high),
        InfraCase(#"aws logs tail /aws/lambda/f --follow"#, .network, .low),
        InfraCase(#"aws budgets create-budget --account-id 1 --budget file://b.json"#, .billingMoney, .critical),
        InfraCase(#"aws ce get-cost-and-usage --time-period Start=2025-01-01,End=2025-02-01"#, .network, .low),
        InfraCase(#"aws configure list"#, .network, .low),
        InfraCase(#"aws configure set aws_secret_access_key abc"#, .secretsAccess, .high),
        InfraCase(#"aws sns publish --topic-arn arn:aws:sns:us-east-1:1:alerts --message hi"#, .network, .medium),
        // gcloud, gsutil, az
        InfraCase(#"gcloud projects delete my-project"#, .dataDelete, .critical),
        InfraCase(#"gcloud compute instances list --project p"#, .network, .low),
        InfraCase(#"gcloud compute instances delete vm-1 --zone us-central1-a"#, .dataDelete, .high),
        InfraCase(#"gcloud sql instances delete main"#, .dataDelete, .critical),
        InfraCase(#"gcloud container clusters delete c1 --region us-central1"#, .dataDelete, .critical),
        InfraCase(#"gcloud run deploy web --image gcr.io/p/web"#, .deploy, .high),
        InfraCase(#"gcloud app deploy"#, .deploy, .high),
        InfraCase(#"gcloud beta functions deploy f --runtime nodejs20"#, .deploy, .high),
        InfraCase(#"gcloud secrets versions access latest --secret=db-password"#, .secretsAccess, .high),
        InfraCase(#"gcloud secrets list"#, .network, .low),
        InfraCase(#"gcloud secrets delete db-password"#, .dataDelete, .high),
        InfraCase(
            #"gcloud projects add-iam-policy-binding p --member=user:a@b.c --role=roles/owner"#, .privilege, .high),
        InfraCase(#"gcloud iam service-accounts create deployer"#, .privilege, .high),
        InfraCase(#"gcloud iam roles list"#, .network, .low),
        InfraCase(#"gcloud billing projects link p --billing-account=0X0X"#, .billingMoney, .critical),
        InfraCase(#"gcloud billing accounts list"#, .network, .low),
        InfraCase(#"gcloud auth print-access-token"#, .secretsAccess, .high),
        InfraCase(#"gcloud compute ssh vm-1"#, .unknown, .high),
        InfraCase(#"gcloud storage rm --recursive gs://b"#, .dataDelete, .critical),
        InfraCase(#"gcloud --help"#, .read, .low),
        InfraCase(#"gsutil ls gs://b"#, .network, .low),
        InfraCase(#"gsutil -m rm -r gs://b"#, .dataDelete, .critical),
        InfraCase(#"gsutil rm gs://b/file.txt"#, .dataDelete, .high),
        InfraCase(#"gsutil rb gs://b"#, .dataDelete, .critical),
        InfraCase(#"gsutil cp ./a.txt gs://b/"#, .network, .medium),
        InfraCase(#"gsutil cp gs://b/a.txt ."#, .network, .low),
        InfraCase(#"gsutil rsync -d -r ./site gs://b"#, .dataDelete, .high),
        InfraCase(#"gsutil rsync -n -d -r ./site gs://b"#, .network, .low),
        InfraCase(#"gsutil iam ch allUsers:objectViewer gs://b"#, .privilege, .high),
        InfraCase(#"az group delete --name rg-app --yes"#, .dataDelete, .critical),
        InfraCase(#"az vm list -o table"#, .network, .low),
        InfraCase(#"az vm delete -g rg -n vm1"#, .dataDelete, .high),
        InfraCase(#"az keyvault secret show --vault-name kv --name db"#, .secretsAccess, .high),
        InfraCase(#"az keyvault secret set --vault-name kv --name db --value x"#, .secretsAccess, .high),
        InfraCase(#"az keyvault secret list --vault-name kv"#, .network, .low),
        InfraCase(#"az keyvault delete --name kv"#, .dataDelete, .critical),
        InfraCase(#"az role assignment create --assignee a@b.c --role Owner"#, .privilege, .high),
        InfraCase(#"az ad user create --display-name x --password y --user-principal-name x@y"#, .privilege, .high),
        InfraCase(#"az webapp deploy --resource-group rg --name app --src-path app.zip"#, .deploy, .high),
        InfraCase(#"az deployment group create -g rg --template-file main.bicep"#, .deploy, .high),
        InfraCase(#"az storage account keys list -n acct"#, .secretsAccess, .high),
        InfraCase(#"az vm run-command invoke -g rg -n vm1 --command-id RunShellScript"#, .unknown, .high),
        // kubectl and oc
        InfraCase(#"kubectl get pods -n shop"#, .network, .low),
        InfraCase(#"kubectl get secrets"#, .network, .low),
        InfraCase(#"kubectl get secret db -o yaml"#, .secretsAccess, .high),
        InfraCase(#"kubectl get secret/db -ojsonpath={.data.password}"#, .secretsAccess, .high),
        InfraCase(#"kubectl describe secret db"#, .network, .low),
        InfraCase(#"kubectl logs -f deploy/web"#, .network, .low),
        InfraCase(#"kubectl version"#, .read, .low),
        InfraCase(#"kubectl apply -f k8s/"#, .deploy, .high),
        InfraCase(#"kubectl apply -f k8s/ --dry-run=client"#, .network, .low),
        InfraCase(#"kubectl apply -f k8s/ --prune -l app=web"#, .deploy, .high),
        InfraCase(#"kubectl diff -f k8s/"#, .network, .low),
        InfraCase(#"kubectl scale deployment/web --replicas=0"#, .deploy, .high),
        InfraCase(#"kubectl rollout restart deployment/web"#, .deploy, .high),
        InfraCase(#"kubectl rollout status deployment/web"#, .network, .low),
        InfraCase(#"kubectl drain node-1 --ignore-daemonsets"#, .deploy, .high),
        InfraCase(#"kubectl delete pod web-1"#, .dataDelete, .high),
        InfraCase(#"kubectl -n shop delete pods --all"#, .dataDelete, .critical),
        InfraCase(#"kubectl delete ns shop"#, .dataDelete, .critical),
        InfraCase(#"kubectl delete crd widgets.example.com"#, .dataDelete, .critical),
        InfraCase(#"kubectl delete secret db"#, .secretsAccess, .high),
        InfraCase(
            #"kubectl create clusterrolebinding admin --clusterrole=cluster-admin --user=bob"#, .privilege, .high),
        InfraCase(#"kubectl create secret generic db --from-literal=password=x"#, .secretsAccess, .high),
        InfraCase(#"kubectl exec -it web-1 -- sh"#, .unknown, .high),
        InfraCase(#"kubectl config view --raw"#, .secretsAccess, .high),
        InfraCase(#"kubectl config use-context staging"#, .fileWrite, .low),
        InfraCase(#"kubectl port-forward svc/web 8080:80"#, .network, .low),
        InfraCase(#"oc delete project shop"#, .dataDelete, .critical),
        InfraCase(#"oc adm policy add-cluster-role-to-user cluster-admin bob"#, .privilege, .high),
        InfraCase(#"oc get pods"#, .network, .low),
        InfraCase(#"oc rsh web-1"#, .unknown, .high),
        // The corpus labels these two `allow` only because its Kubernetes pack did not exist
        // yet ("future_packs"); Airlock's convention rates whole-namespace deletion critical.
        InfraCase(#"kubectl delete namespace prod"#, .dataDelete, .critical),
        InfraCase(#"kubectl delete all --all"#, .dataDelete, .critical),
        // helm, terraform, pulumi
        InfraCase(#"helm list -A"#, .network, .low),
        InfraCase(#"helm template web ./chart"#, .network, .low),
        InfraCase(#"helm install web ./chart -n shop --version 1.2.3"#, .deploy, .high),
        InfraCase(#"helm upgrade --install web ./chart --dry-run"#, .network, .low),
        InfraCase(#"helm rollback web 3"#, .deploy, .high),
        InfraCase(#"helm uninstall web -n shop"#, .dataDelete, .critical),
        InfraCase(#"helm repo add bitnami https://charts.bitnami.com/bitnami"#, .fileWrite, .low),
        InfraCase(#"helm dependency update ./chart"#, .packageInstall, .medium),
        InfraCase(#"terraform plan -out plan.tfplan"#, .network, .low),
        InfraCase(#"terraform validate"#, .network, .low),
        InfraCase(#"terraform fmt -recursive"#, .formatLint, .low),
        InfraCase(#"terraform init -upgrade"#, .packageInstall, .medium),
        InfraCase(#"terraform apply -auto-approve"#, .deploy, .high),
        InfraCase(#"terraform apply -destroy -auto-approve"#, .dataDelete, .critical),
        InfraCase(#"terraform destroy -target aws_instance.web"#, .dataDelete, .critical),
        InfraCase(#"terraform state rm aws_instance.web"#, .deploy, .high),
        InfraCase(#"terraform state list"#, .network, .low),
        InfraCase(#"terraform import aws_instance.web i-123"#, .deploy, .high),
        InfraCase(#"terraform workspace delete staging"#, .dataDelete, .high),
        InfraCase(#"terraform output -raw db_password"#, .secretsAccess, .medium),
        InfraCase(#"tofu apply"#, .deploy, .high),
        InfraCase(#"terragrunt run-all apply"#, .deploy, .high),
        InfraCase(#"terragrunt run-all destroy"#, .dataDelete, .critical),
        InfraCase(#"terragrunt plan"#, .network, .low),
        InfraCase(#"pulumi preview"#, .network, .low),
        InfraCase(#"pulumi up --yes"#, .deploy, .high),
        InfraCase(#"pulumi refresh"#, .deploy, .high),
        InfraCase(#"pulumi destroy --yes"#, .dataDelete, .critical),
        InfraCase(#"pulumi stack rm dev --yes"#, .dataDelete, .critical),
        InfraCase(#"pulumi stack output --show-secrets"#, .secretsAccess, .high),
        InfraCase(#"pulumi stack ls"#, .network, .low),
        InfraCase(#"pulumi config set --secret dbPassword hunter2"#, .secretsAccess, .high),
        // PaaS and serverless deploy CLIs
        InfraCase(#"fly deploy"#, .deploy, .high),
        InfraCase(#"flyctl apps destroy my-app --yes"#, .dataDelete, .critical),
        InfraCase(#"fly status"#, .network, .low),
        InfraCase(#"fly secrets set DATABASE_URL=x"#, .secretsAccess, .high),
        InfraCase(#"fly secrets list"#, .network, .low),
        InfraCase(#"fly scale count 3"#, .deploy, .high),
        InfraCase(#"fly ssh console"#, .unknown, .high),
        InfraCase(#"vercel"#, .deploy, .high),
        InfraCase(#"vercel --prod"#, .deploy, .high),
        InfraCase(#"vercel deploy --prod"#, .deploy, .high),
        InfraCase(#"vercel env pull .env.local"#, .secretsAccess, .high),
        InfraCase(#"vercel env ls"#, .network, .low),
        InfraCase(#"vercel ls"#, .network, .low),
        InfraCase(#"vercel project rm my-app"#, .dataDelete, .critical),
        InfraCase(#"vercel rollback"#, .deploy, .high),
        InfraCase(#"netlify deploy --prod"#, .deploy, .high),
        InfraCase(#"netlify status"#, .network, .low),
        InfraCase(#"netlify env:list"#, .secretsAccess, .high),
        InfraCase(#"netlify sites:delete abc123"#, .dataDelete, .critical),
        InfraCase(#"railway up"#, .deploy, .high),
        InfraCase(#"railway variables"#, .secretsAccess, .high),
        InfraCase(#"railway logs"#, .network, .low),
        InfraCase(#"heroku apps:destroy --app my-app --confirm my-app"#, .dataDelete, .critical),
        InfraCase(#"heroku pg:reset DATABASE_URL --confirm my-app"#, .dataDelete, .critical),
        InfraCase(#"heroku pg:psql -a my-app"#, .unknown, .high),
        InfraCase(#"heroku run bash -a my-app"#, .unknown, .high),
        InfraCase(#"heroku config -a my-app"#, .secretsAccess, .high),
        InfraCase(#"heroku config:set KEY=value -a my-app"#, .secretsAccess, .high),
        InfraCase(#"heroku releases:rollback v41 -a my-app"#, .deploy, .high),
        InfraCase(#"heroku ps:scale web=2 -a my-app"#, .deploy, .high),
        InfraCase(#"heroku logs --tail -a my-app"#, .network, .low),
        InfraCase(#"heroku apps:info -a my-app"#, .network, .low),
        InfraCase(#"heroku ps"#, .network, .low),
        InfraCase(#"firebase deploy --only hosting"#, .deploy, .high),
        InfraCase(#"firebase firestore:delete --all-collections"#, .dataDelete, .critical),
        InfraCase(#"firebase hosting:disable"#, .dataDelete, .high),
        InfraCase(#"firebase functions:secrets:access API_KEY"#, .secretsAccess, .high),
        InfraCase(#"firebase projects:list"#, .network, .low),
        InfraCase(#"firebase emulators:start"#, .build, .low),
        InfraCase(#"wrangler deploy"#, .deploy, .high),
        InfraCase(#"wrangler publish"#, .deploy, .high),
        InfraCase(#"wrangler secret put API_KEY"#, .secretsAccess, .high),
        InfraCase(#"wrangler kv namespace delete --namespace-id abc"#, .dataDelete, .critical),
        InfraCase(#"wrangler r2 bucket delete assets"#, .dataDelete, .critical),
        InfraCase(#"wrangler d1 migrations apply db --remote"#, .dbMigration, .high),
        InfraCase(#"wrangler tail"#, .network, .low),
        InfraCase(#"wrangler delete"#, .dataDelete, .critical),
        InfraCase(#"serverless deploy --stage dev"#, .deploy, .high),
        InfraCase(#"sls remove --stage dev"#, .dataDelete, .critical),
        InfraCase(#"sls info"#, .network, .low),
        InfraCase(#"cdk deploy --all"#, .deploy, .high),
        InfraCase(#"cdk destroy MyStack --force"#, .dataDelete, .critical),
        InfraCase(#"cdk diff"#, .network, .low),
        InfraCase(#"cdk synth"#, .build, .low),
        InfraCase(#"argocd app sync web"#, .deploy, .high),
        InfraCase(#"argocd app list"#, .network, .low),
        InfraCase(#"argocd app delete web"#, .dataDelete, .critical),
        InfraCase(#"skaffold run -p staging"#, .deploy, .high),
        InfraCase(#"skaffold render"#, .network, .low),
        InfraCase(#"skaffold delete"#, .dataDelete, .high),
        InfraCase(#"eb deploy"#, .deploy, .high),
        InfraCase(#"eb terminate my-env"#, .dataDelete, .critical),
        InfraCase(#"eb status"#, .network, .low),
        InfraCase(#"eb printenv"#, .secretsAccess, .high),
        InfraCase(#"ansible-playbook -i hosts site.yml"#, .deploy, .high),
        InfraCase(#"ansible-playbook -i hosts site.yml --check"#, .network, .low),
        InfraCase(#"ansible-playbook site.yml --syntax-check"#, .network, .low),
        // docker, podman, compose
        InfraCase(#"docker ps -a"#, .read, .low),
        InfraCase(#"docker images"#, .read, .low),
        InfraCase(#"docker logs -f web"#, .read, .low),
        InfraCase(#"docker --version"#, .read, .low),
        InfraCase(#"docker rm -f web"#, .destructiveFS, .high),
        InfraCase(#"docker rmi nginx:latest"#, .destructiveFS, .medium),
        InfraCase(#"docker stop web"#, .destructiveFS, .medium),
        InfraCase(#"docker image prune -a -f"#, .destructiveFS, .high),
        InfraCase(#"docker system prune -af --volumes"#, .dataDelete, .high),
        InfraCase(#"docker volume rm pgdata"#, .dataDelete, .high),
        InfraCase(#"docker volume prune -f"#, .dataDelete, .high),
        InfraCase(#"docker rm -v web"#, .dataDelete, .high),
        InfraCase(#"docker run --rm -it -p 8080:80 nginx"#, .network, .medium),
        InfraCase(#"docker run --privileged alpine sh"#, .privilege, .high),
        InfraCase(#"docker run -v /:/host alpine chroot /host"#, .privilege, .high),
        InfraCase(#"docker run -v /var/run/docker.sock:/var/run/docker.sock docker:cli"#, .privilege, .high),
        InfraCase(#"docker run --pid=host alpine"#, .privilege, .high),
        InfraCase(#"docker run --cap-add CAP_SYS_ADMIN alpine"#, .privilege, .high),
        InfraCase(#"docker run --mount type=bind,source=/,target=/host alpine"#, .privilege, .high),
        InfraCase(#"docker run -v ~/.aws:/root/.aws amazon/aws-cli s3 ls"#, .secretsAccess, .high),
        InfraCase(#"docker run -v $(pwd):/app -w /app node:20 npm test"#, .network, .medium),
        InfraCase(#"docker exec -it web sh"#, .unknown, .medium),
        InfraCase(#"docker pull postgres:16"#, .packageInstall, .medium),
        InfraCase(#"docker build -t app:dev ."#, .build, .low),
        InfraCase(#"docker buildx build --push -t registry/app:1 ."#, .deploy, .high),
        InfraCase(#"docker push registry.example.com/app:1.0"#, .deploy, .high),
        InfraCase(#"docker login registry.example.com"#, .network, .medium),
        InfraCase(#"docker compose up -d"#, .network, .medium),
        InfraCase(#"docker compose -f docker-compose.prod.yml down"#, .destructiveFS, .medium),
        InfraCase(#"docker compose down -v"#, .dataDelete, .high),
        InfraCase(#"docker-compose down --volumes"#, .dataDelete, .high),
        InfraCase(#"docker compose ps"#, .read, .low),
        InfraCase(#"docker compose logs -f web"#, .read, .low),
        InfraCase(#"docker compose build"#, .build, .low),
        InfraCase(#"docker stack rm shop"#, .dataDelete, .high),
        InfraCase(#"docker service update --image app:2 web"#, .deploy, .high),
        InfraCase(#"docker secret create db ./db.txt"#, .secretsAccess, .high),
        InfraCase(#"podman rm -f web"#, .destructiveFS, .high),
        InfraCase(#"podman volume rm data"#, .dataDelete, .high),
        InfraCase(#"podman run --privileged fedora"#, .privilege, .high),
        // gh and glab
        InfraCase(#"gh pr view 12"#, .network, .low),
        InfraCase(#"gh pr list --state open"#, .network, .low),
        InfraCase(#"gh pr diff 12"#, .network, .low),
        InfraCase(#"gh pr checks 12"#, .network, .low),
        InfraCase(#"gh issue view 3"#, .network, .low),
        InfraCase(#"gh repo view owner/repo"#, .network, .low),
        InfraCase(#"gh repo clone owner/repo"#, .network, .low),
        InfraCase(#"gh run list"#, .network, .low),
        InfraCase(#"gh pr create --title 'Fix bug' --body 'Details here'"#, .network, .medium),
        InfraCase(#"gh pr comment 12 --body 'LGTM'"#, .network, .medium),
        InfraCase(#"gh pr review 12 --approve"#, .network, .medium),
        InfraCase(#"gh issue create --title bug"#, .network, .medium),
        InfraCase(#"gh issue comment 3 --body 'seen'"#, .network, .medium),
        InfraCase(#"gh issue close 3"#, .network, .medium),
        InfraCase(#"gh pr merge 12 --squash"#, .network, .high),
        InfraCase(#"gh release create v1.2.0 --notes 'x'"#, .deploy, .high),
        InfraCase(#"gh workflow run deploy.yml"#, .deploy, .medium),
        InfraCase(#"gh secret set API_KEY --body x"#, .secretsAccess, .high),
        InfraCase(#"gh secret list"#, .network, .low),
        InfraCase(#"gh auth token"#, .secretsAccess, .high),
        InfraCase(#"gh auth status"#, .network, .low),
        InfraCase(#"gh api repos/owner/repo/pulls"#, .network, .low),
        InfraCase(#"gh api repos/owner/repo/issues -f title=bug"#, .infra, .high),
        InfraCase(#"gh api --method DELETE repos/owner/repo/git/refs/heads/old"#, .dataDelete, .high),
        InfraCase(#"gh api -X PUT repos/owner/repo/collaborators/bob -f permission=admin"#, .privilege, .high),
        InfraCase(
            #"gh api graphql -f query='mutation { addStar(input: {}) { clientMutationId } }'"#, .infra, .high),
        InfraCase(#"gh api graphql -f query='query { viewer { login } }'"#, .network, .low),
        InfraCase(#"gh repo edit owner/repo --visibility public"#, .privilege, .high),
        InfraCase(#"gh ssh-key add key.pub"#, .privilege, .high),
        InfraCase(#"gh cache delete --all"#, .dataDelete, .critical),
        InfraCase(#"gh run delete 123"#, .dataDelete, .high),
        InfraCase(#"glab mr list"#, .network, .low),
        InfraCase(#"glab mr create --title x"#, .network, .medium),
        InfraCase(#"glab mr merge 5"#, .network, .high),
        InfraCase(#"glab repo delete group/project --yes"#, .dataDelete, .critical),
        InfraCase(#"glab ci run"#, .deploy, .medium),
        InfraCase(#"glab variable get TOKEN"#, .secretsAccess, .high),
        InfraCase(#"glab api -X DELETE projects/42"#, .dataDelete, .critical),
    ]

    static let services: [InfraCase] = [
        InfraCase(#"vault kv put secret/app password=x"#, .secretsAccess, .high),
        InfraCase(#"vault write auth/approle/role/ci policies=ci"#, .secretsAccess, .high),
        InfraCase(#"vault policy write ci ci.hcl"#, .privilege, .high),
        InfraCase(#"vault auth enable approle"#, .privilege, .high),
        InfraCase(#"vault token revoke s.abc"#, .dataDelete, .high),
        InfraCase(#"vault kv metadata delete secret/app"#, .dataDelete, .critical),
        InfraCase(#"op read op://vault/item/password"#, .secretsAccess, .high),
        InfraCase(#"op inject -i tpl.env -o .env"#, .secretsAccess, .high),
        InfraCase(#"op run -- npm start"#, .secretsAccess, .medium),
        InfraCase(#"op item create --category login --title x"#, .secretsAccess, .high),
        InfraCase(#"doppler secrets"#, .secretsAccess, .high),
        InfraCase(#"doppler secrets set API_KEY=x"#, .secretsAccess, .high),
        InfraCase(#"infisical secrets"#, .secretsAccess, .high),
        InfraCase(#"infisical export --format=dotenv"#, .secretsAccess, .high),
        InfraCase(#"infisical secrets delete API_KEY"#, .dataDelete, .high),
        InfraCase(#"infisical secrets folders delete old"#, .dataDelete, .high),
        InfraCase(#"infisical run -- npm start"#, .secretsAccess, .medium),
        InfraCase(#"sops -d secrets.enc.yaml"#, .secretsAccess, .high),
        InfraCase(#"sops --decrypt --extract '["db"]' secrets.enc.yaml"#, .secretsAccess, .high),
        InfraCase(#"sops decrypt secrets.enc.yaml"#, .secretsAccess, .high),
        InfraCase(#"sops secrets.enc.yaml"#, .secretsAccess, .high),
        InfraCase(#"sops -e -i secrets.yaml"#, .secretsAccess, .medium),
        InfraCase(#"sops --version"#, .read, .low),
        InfraCase(#"stripe charges create --amount=2000 --currency=usd"#, .billingMoney, .critical),
        InfraCase(#"stripe payouts create --amount=5000"#, .billingMoney, .critical),
        InfraCase(#"stripe refunds create --charge=ch_1"#, .billingMoney, .critical),
        InfraCase(#"stripe subscriptions cancel sub_1"#, .billingMoney, .critical),
        InfraCase(#"stripe post /v1/charges -d amount=2000 -d currency=usd"#, .billingMoney, .critical),
        InfraCase(#"stripe charges list --limit 5"#, .network, .low),
        InfraCase(#"stripe payment_intents retrieve pi_1"#, .network, .low),
        InfraCase(#"stripe get /v1/charges"#, .network, .low),
        InfraCase(#"stripe customers create --email a@b.c"#, .network, .medium),
        InfraCase(#"stripe customers delete cus_1"#, .dataDelete, .high),
        InfraCase(#"stripe listen --forward-to localhost:3000/webhook"#, .network, .low),
        InfraCase(#"stripe logs tail"#, .network, .low),
        InfraCase(#"restic -r /srv/restic forget --keep-last 3 --prune"#, .dataDelete, .critical),
        InfraCase(#"restic rewrite --exclude '*.log' --forget"#, .dataDelete, .high),
        InfraCase(#"borg create --stats /repo::today ~/data"#, .network, .medium),
        InfraCase(#"velero backup create nightly --include-namespaces shop"#, .network, .medium),
        InfraCase(#"velero install --provider aws"#, .deploy, .high),
        InfraCase(#"rclone -n sync /src remote:bucket"#, .network, .low),
        InfraCase(#"rclone config show"#, .secretsAccess, .high),
        InfraCase(#"rclone bisync /src remote:bucket"#, .dataDelete, .high),
        InfraCase(#"rclone copy remote:bucket/file.txt /tmp"#, .network, .medium),
        InfraCase(#"rsync -avz ./site/ deploy@web1:/var/www/"#, .network, .medium),
        InfraCase(#"rsync -avz --delete ./site/ deploy@web1:/var/www/"#, .dataDelete, .high),
        InfraCase(#"rsync --dry-run --delete -a /src/ /dst/"#, .read, .low),
        InfraCase(#"rsync -a --delay-updates /src/ /dst/"#, .fileWrite, .medium),
        InfraCase(#"rsync --help"#, .read, .low),
        InfraCase(
            #"kafka-topics.sh --bootstrap-server localhost:9092 --delete --topic orders"#, .dataDelete, .critical),
        InfraCase(#"kafka-topics.sh --bootstrap-server localhost:9092 --list"#, .network, .low),
        InfraCase(
            #"kafka-consumer-groups --bootstrap-server k:9092 --reset-offsets --to-latest --group g --topic t --execute"#,
            .network, .high),
        InfraCase(
            #"kafka-consumer-groups --bootstrap-server k:9092 --reset-offsets --to-latest --group g --topic t --dry-run"#,
            .network, .low),
        InfraCase(
            #"kafka-acls --bootstrap-server k:9092 --add --allow-principal User:bob --operation All --topic t"#,
            .privilege, .high),
        InfraCase(
            #"kafka-configs --bootstrap-server k:9092 --alter --entity-type topics --entity-name logs --add-config retention.ms=1000"#,
            .dataDelete, .high),
        InfraCase(
            #"kafka-configs --bootstrap-server k:9092 --alter --entity-type topics --entity-name logs --add-config cleanup.policy=compact"#,
            .network, .medium),
        InfraCase(#"kafka-console-consumer --bootstrap-server k:9092 --topic t --from-beginning"#, .network, .low),
        InfraCase(#"rabbitmqctl set_permissions -p / bob '.*' '.*' '.*'"#, .privilege, .high),
        InfraCase(#"rabbitmqctl purge_queue jobs"#, .dataDelete, .high, .critical),
        InfraCase(#"rabbitmqctl reset"#, .dataDelete, .critical),
        InfraCase(#"rabbitmqctl list_queues name messages"#, .network, .low),
        InfraCase(#"rabbitmqadmin purge queue name=jobs"#, .dataDelete, .high, .critical),
        InfraCase(#"rabbitmqadmin publish routing_key=jobs payload=x"#, .network, .medium),
        InfraCase(#"nats pub orders.created '{}'"#, .network, .medium),
        InfraCase(#"nats stream rm ORDERS -f"#, .dataDelete, .critical),
        InfraCase(#"nats stream add ORDERS --subjects 'orders.*'"#, .network, .medium),
        InfraCase(#"gitlab-runner verify --delete"#, .dataDelete, .high),
        InfraCase(#"gitlab-runner register --url https://gitlab.com --token x"#, .network, .medium),
        InfraCase(#"circleci context store-secret org/my-org ctx KEY"#, .secretsAccess, .high),
        InfraCase(#"circleci orb publish orb.yml my-org/my-orb@1.0.0"#, .deploy, .high),
        InfraCase(#"circleci local execute build"#, .unknown, .medium),
        InfraCase(#"jenkins-cli -s http://jenkins.local/ build deploy-prod"#, .deploy, .medium),
        InfraCase(#"jenkins-cli -s http://jenkins.local/ groovy script.groovy"#, .unknown, .high),
        InfraCase(#"jenkins-cli -s http://jenkins.local/ safe-restart"#, .network, .high),
    ]
}
