import Testing

@testable import AirlockCore

/// A text holding one secret: what must disappear, the label that replaces it, and text that must survive.
struct RedactionCase: Sendable, CustomTestStringConvertible {
    let text: String
    let secret: String
    let label: String
    let kept: [String]

    init(_ text: String, secret: String, _ label: String, kept: [String] = []) {
        self.text = text
        self.secret = secret
        self.label = label
        self.kept = kept
    }

    var testDescription: String { "\(label): \(text.prefix(60))" }
}

// Fake credentials, assembled from pieces so that secret scanners do not flag this file.
private let awsID = "AKIA" + "IOSFODNN7EXAMPLE"
private let awsSessionID = "ASIA" + "Y3FJ5ZQ2XK7RT4MB"
private let awsSecret = "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYEXAMPLEKEY"
private let ghp = "ghp_" + "16C7e42F292c6912E7710c838347Ae178B4a"
private let gho = "gho_" + "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z5A"
private let githubPAT =
    "github_pat_" + "11ABCDEFG0aBcDeFgHiJkL_mNoPqRsTuVwXyZ0123456789"
    + "aBcDeFgHiJkLmNoPqRsTuVwXyZ01234"
private let slack = "xoxb-" + "123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"
private let openAI = "sk-proj-" + "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z"
private let anthropic = "sk-ant-api03-" + "aB1cD2eF3gH4iJ5kL6mN7oP8qR9sT0uV-wXyZ_AA"
private let stripe = "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc"
private let google = "AIza" + "SyA1234567890abcdefghijklmnopqrstuv"
private let gitlab = "glpat-" + "xY9zA8bC7dE6fG5hI4jK"
private let npm = "npm_" + "aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789"
private let jwt =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9" + ".eyJzdWIiOiIxMjM0NTY3ODkwIn0"
    + ".dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"

@Suite struct RedactorTests {
    let redactor = Redactor()

    static let positives: [RedactionCase] = [
        RedactionCase(
            "aws configure set aws_access_key_id \(awsID) --profile dev", secret: awsID, "aws-access-key",
            kept: ["aws configure set aws_access_key_id ", " --profile dev"]),
        RedactionCase(
            "AWS_ACCESS_KEY_ID=\(awsSessionID)", secret: awsSessionID, "aws-access-key",
            kept: ["AWS_ACCESS_KEY_ID="]),
        RedactionCase(
            "aws_secret_access_key = \(awsSecret)", secret: awsSecret, "aws-secret-key",
            kept: ["aws_secret_access_key = "]),
        RedactionCase(
            "export AWS_SECRET_ACCESS_KEY=\"\(awsSecret)\"; aws s3 ls", secret: awsSecret, "aws-secret-key",
            kept: ["export AWS_SECRET_ACCESS_KEY=\"", "\"; aws s3 ls"]),
        RedactionCase(
            "echo \(ghp) | gh auth login --with-token", secret: ghp, "github-token",
            kept: ["echo ", " | gh auth login --with-token"]),
        RedactionCase("GH_TOKEN=\(gho) gh pr list", secret: gho, "github-token", kept: ["GH_TOKEN=", " gh pr list"]),
        RedactionCase(
            "curl -u me:\(githubPAT) https://api.github.com", secret: githubPAT, "github-token",
            kept: ["curl -u me:", " https://api.github.com"]),
        RedactionCase(
            "curl -d channel=C1 -d text=hi \(slack)", secret: slack, "slack-token", kept: ["-d text=hi "]),
        RedactionCase(
            "OPENAI_API_KEY=\(openAI) python app.py", secret: openAI, "api-key",
            kept: ["OPENAI_API_KEY=", " python app.py"]),
        RedactionCase(
            "curl -H \"x-api-key: \(anthropic)\" https://api.anthropic.com", secret: anthropic, "api-key",
            kept: ["-H \"x-api-key: ", "\" https://api.anthropic.com"]),
        RedactionCase(
            "stripe customers list --api-key \(stripe) --limit 3", secret: stripe, "stripe-key",
            kept: ["--api-key ", " --limit 3"]),
        RedactionCase(
            "https://maps.googleapis.com/maps/api/geocode/json?key=\(google)&address=Paris", secret: google,
            "google-api-key", kept: ["json?key=", "&address=Paris"]),
        RedactionCase(
            "curl --header \"PRIVATE-TOKEN: \(gitlab)\" https://gitlab.com/api/v4/projects", secret: gitlab,
            "gitlab-token", kept: ["\"PRIVATE-TOKEN: ", "\" https://gitlab.com"]),
        RedactionCase("//registry.npmjs.org/:_authToken=\(npm)", secret: npm, "npm-token", kept: ["/:_authToken="]),
        RedactionCase("echo \(jwt) | jq -R .", secret: jwt, "jwt", kept: ["echo ", " | jq -R ."]),
        RedactionCase(
            "key:\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n"
                + "-----END OPENSSH PRIVATE KEY-----\ndone",
            secret: "b3BlbnNzaC1rZXktdjEAAAAA", "private-key", kept: ["key:\n", "\ndone"]),
        RedactionCase(
            "cat id_rsa\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7", secret: "MIIEowIBAAKCAQEA7",
            "private-key", kept: ["cat id_rsa\n"]),
        RedactionCase(
            "git clone https://alice:s3cr3t-P4ss@github.com/org/repo.git", secret: "s3cr3t-P4ss", "password-in-url",
            kept: ["git clone https://alice:", "@github.com/org/repo.git"]),
        RedactionCase(
            "DATABASE_URL=postgres://app:hunter2@db.internal:5432/app", secret: "hunter2", "password-in-url",
            kept: ["DATABASE_URL=postgres://app:", "@db.internal:5432/app"]),
        RedactionCase(
            "curl -H \"Authorization: Bearer abc123def456\" https://api.example.com", secret: "abc123def456",
            "bearer-token", kept: ["-H \"Authorization: Bearer ", "\" https://api.example.com"]),
        RedactionCase(
            "Authorization: Basic dXNlcjpwYXNzd29yZA==", secret: "dXNlcjpwYXNzd29yZA==", "bearer-token",
            kept: ["Authorization: Basic "]),
        RedactionCase(
            "send Bearer 9f8e7d6c5b4a39281706 with the call", secret: "9f8e7d6c5b4a39281706", "bearer-token",
            kept: ["send Bearer ", " with the call"]),
        RedactionCase(
            "DB_PASSWORD=hunter2 ./migrate", secret: "hunter2", "secret-assignment",
            kept: ["DB_PASSWORD=", " ./migrate"]),
        RedactionCase("password: hunter2", secret: "hunter2", "secret-assignment", kept: ["password: "]),
        RedactionCase(
            "{\"password\": \"hunter2\", \"user\": \"bob\"}", secret: "hunter2", "secret-assignment",
            kept: ["{\"password\": \"", "\", \"user\": \"bob\"}"]),
        RedactionCase(
            "export API_TOKEN='tok-123abc'", secret: "tok-123abc", "secret-assignment",
            kept: ["export API_TOKEN='", "'"]),
        RedactionCase(
            "mysql --password hunter2 -u root", secret: "hunter2", "secret-assignment",
            kept: ["mysql --password ", " -u root"]),
        RedactionCase(
            "psql --password=hunter2 db", secret: "hunter2", "secret-assignment",
            kept: ["psql --password=", " db"]),
        RedactionCase(
            "cli --token tok_abc123 run", secret: "tok_abc123", "secret-assignment",
            kept: ["cli --token ", " run"]),
        RedactionCase(
            "cli --api-key=abc123xyz run", secret: "abc123xyz", "secret-assignment",
            kept: ["--api-key=", " run"]),
        RedactionCase(
            "spring.datasource.password=hunter2", secret: "hunter2", "secret-assignment",
            kept: ["spring.datasource.password="]),
        RedactionCase(
            "const config = { apiKey: \"abc123xyz\" }", secret: "abc123xyz", "secret-assignment",
            kept: ["{ apiKey: \"", "\" }"]),
        RedactionCase(
            #"{"input": "{\"client_secret\": \"s3cr3tvalue\"}"}"#, secret: "s3cr3tvalue", "secret-assignment",
            kept: [#"{\"client_secret\": \""#, #"\"}"}"#]),
        RedactionCase("DB_PWD=hunter2 && run", secret: "hunter2", "secret-assignment", kept: ["DB_PWD=", " && run"]),
        RedactionCase(
            "curl 'https://api.example.com/v1?access_token=abc123def&page=2'", secret: "abc123def",
            "secret-assignment", kept: ["?access_token=", "&page=2'"]),
        RedactionCase(
            "SECRET_KEY_BASE=9a8b7c6d5e4f", secret: "9a8b7c6d5e4f", "secret-assignment",
            kept: ["SECRET_KEY_BASE="]),
        RedactionCase(
            "PASSWORD=\"unterminated secret", secret: "unterminated secret", "secret-assignment",
            kept: ["PASSWORD=\""]),
    ]

    static let negatives = [
        "git commit -m \"fix token parsing\"",
        "KEY_COUNT=3",
        "sort -k 2 names.txt",
        "monkey=1",
        "git clone https://user@github.com/org/repo.git",
        "curl http://localhost:8080/health",
        "sk-1",
        "git checkout sk-fix-the-login-flow-for-users",
        "password",
        "please reset your password today",
        "PASSWORD_MIN_LENGTH=12",
        "git checkout 3f786850e387550fdab836ed7e6dc881de23001b",
        "export PASSWORD=$DB_PASSWORD",
        "API_KEY=\"${API_KEY}\"",
        "password=<redacted>",
        "PASSWORD=",
        "TOKEN=\"\" make",
        "PWD=/home/alice/project",
        "echo $GITHUB_TOKEN",
        "echo $PASSWORD | docker login --password-stdin -u bob registry.example.com",
        "gh auth login --with-token < token.txt",
        "MAX_TOKENS=4096",
        "Bearer token authentication is described in RFC 6750",
        "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----",
        "POSTGRES_PASSWORD_FILE=/run/secrets/db",
        "echo ${PASSWORD:-default}",
        "{\"password\": null}",
        "git config credential.helper store",
        "password: [REDACTED:secret-assignment]",
        "AWS_ACCESS_KEY_ID=AKIA123",
    ]

    static let multiSecretLine =
        "AWS_ACCESS_KEY_ID=\(awsID) AWS_SECRET_ACCESS_KEY=\(awsSecret) "
        + "psql postgres://app:hunter2@db/app -c 'select 1' --token \(ghp)"

    @Test(arguments: positives)
    func redactsSecret(_ c: RedactionCase) {
        let redacted = redactor.redact(c.text)
        #expect(!redacted.contains(c.secret), "\(redacted)")
        #expect(redacted.contains("[REDACTED:\(c.label)]"), "\(redacted)")
        for kept in c.kept { #expect(redacted.contains(kept), "lost \(kept) in \(redacted)") }
        #expect(redactor.findings(in: c.text) == [c.label])
    }

    @Test(arguments: negatives)
    func leavesOrdinaryTextAlone(_ text: String) {
        #expect(redactor.redact(text) == text)
        #expect(redactor.findings(in: text).isEmpty)
    }

    @Test func redactsEverySecretOnOneLine() {
        let redacted = redactor.redact(Self.multiSecretLine)
        #expect(
            redactor.findings(in: Self.multiSecretLine)
                == ["aws-access-key", "aws-secret-key", "password-in-url", "github-token"])
        for secret in [awsID, awsSecret, "hunter2", ghp] { #expect(!redacted.contains(secret)) }
        #expect(redacted.contains("psql postgres://app:[REDACTED:password-in-url]@db/app -c 'select 1' --token "))
    }

    @Test func redactsTokenUsedAsURLUser() {
        let text = "git clone https://\(ghp):x-oauth-basic@github.com/org/repo.git"
        #expect(redactor.findings(in: text) == ["github-token", "password-in-url"])
        #expect(
            redactor.redact(text)
                == "git clone https://[REDACTED:github-token]:[REDACTED:password-in-url]@github.com/org/repo.git")
    }

    @Test(arguments: positives.map(\.text) + negatives + [multiSecretLine])
    func isIdempotent(_ text: String) {
        let once = redactor.redact(text)
        #expect(redactor.redact(once) == once)
        #expect(redactor.findings(in: once).isEmpty)
    }

    /// Random splices of secrets, prefixes, quotes and odd Unicode: no crash, and a second pass finds nothing.
    @Test func isIdempotentOnRandomSplices() {
        var rng = SplitMix(seed: 7)
        for _ in 0..<2_000 {
            let text = Self.randomText(&rng, pieces: Int(rng.next() % 12) + 1)
            let once = redactor.redact(text)
            #expect(redactor.findings(in: once).isEmpty, "\(text) -> \(once)")
        }
    }

    @Test func handlesOneMebibyte() {
        var rng = SplitMix(seed: 42)
        var text = ""
        while text.utf8.count < 1 << 20 { text += Self.randomText(&rng, pieces: 64) }
        let redacted = redactor.redact(text)
        #expect(redactor.findings(in: text).count > 1_000)
        #expect(redactor.findings(in: redacted).isEmpty)
    }

    /// Repetitions that would make a backtracking or restarting scanner quadratic.
    @Test(arguments: [
        "sk-", "-----BEGIN ", "-----BEGIN RSA PRIVATE KEY-----", "a://b:c", "PASSWORD='$ ", "eyJhbGciOiJIUzI1NiJ9.",
        "A_KEY=", "A_KEY=\" ", "--token ", "Bearer a/", "Authorization: Bearer ", "\"", "\\\"", "é🔑\u{0}",
        "https://u:p@", "::::////@@@@",
    ])
    func handlesPathologicalRepetition(_ unit: String) {
        let text = String(repeating: unit, count: (256 << 10) / max(unit.utf8.count, 1))
        let once = redactor.redact(text)
        #expect(redactor.findings(in: once).isEmpty)
    }

    @Test func keepsOddUnicodeIntact() {
        let text = "é 🔑 \u{301}\u{200B} PASSWORD=pässwörd🔑 ok \u{FEFF}"
        #expect(redactor.redact(text) == "é 🔑 \u{301}\u{200B} PASSWORD=[REDACTED:secret-assignment] ok \u{FEFF}")
    }

    private static let fragments = [
        "sk-", "ghp_", "xoxb-", "AKIA", "eyJ", "-----BEGIN RSA PRIVATE KEY-----", "-----END RSA PRIVATE KEY-----",
        "://", "user:", "@", "PASSWORD", "_TOKEN", "=", ": ", "\"", "'", "\\\"", "--password ", "Bearer ",
        "Authorization: ", "$", "${", "<", ">", "]", "[REDACTED:", " ", "\n", ";", ".", "-", "_", "é", "🔑",
        "\u{0}", "abc", "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8", ghp, jwt, awsID, "hunter2",
        "mysql ", "-p", "curl ", "-u ", "bob:", "machine ", "password ", "\\n", "+", "/", awsSecret,
        "wJalrXUtnFEMI/K7MDENG/", "\n+",
    ]

    private static func randomText(_ rng: inout SplitMix, pieces: Int) -> String {
        var text = ""
        for _ in 0..<pieces { text += fragments[Int(rng.next() % UInt64(fragments.count))] }
        return text
    }
}
