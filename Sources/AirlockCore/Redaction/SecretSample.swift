/// One example of a secret shape in the text it usually travels in: what must disappear, and the
/// label that replaces it. Built from `SecretShapes` (fake values, assembled at run time so secret
/// scanners do not flag the source), so every shape in the table has a test case and a line in
/// docs/security.md without a second list to keep in step.
public struct SecretSample: Sendable, CustomStringConvertible {
    /// The shape's name, for test output: `ghp_ token`, `mysql -p`.
    public var shape: String
    public var text: String
    public var secret: String
    public var label: String

    public var description: String { "\(shape) → \(label)" }

    /// Every shape, once.
    public static let all: [SecretSample] = tokens + passwordOptions + others

    static var tokens: [SecretSample] {
        SecretShapes.tokens.enumerated().map { index, shape in
            var generator = Generator(seed: UInt64(index) + 1)
            let count = {
                switch shape.length {
                case .exactly(let count): count
                case .atLeast(let count): count + 8
                }
            }()
            let token = shape.prefix + generator.text(count, from: shape.body.alphabet)
            return SecretSample(
                shape: "\(shape.prefix) token", text: "deploy-cli auth \(token) --quiet", secret: token,
                label: shape.label)
        }
    }

    static var passwordOptions: [SecretSample] {
        var samples: [SecretSample] = []
        for (index, entry) in SecretShapes.passwordOptions.enumerated() {
            var generator = Generator(seed: 100 + UInt64(index))
            let password = "Pw" + generator.text(12, from: TextBytes.Class.alnum.alphabet)
            let value = entry.part == .afterColon ? "deploy:" + password : password
            for option in entry.options {
                let program = entry.programs[0]
                let forms: [(separator: String, SecretShapes.PasswordOption.Form)] = [
                    ("", .attached), (" ", .separate), ("=", .equals),
                ]
                for (separator, form) in forms where entry.forms.contains(form) {
                    if form == .attached, option.hasPrefix("--") { continue }
                    samples.append(
                        SecretSample(
                            shape: "\(program) \(option)\(separator)…",
                            text: "\(program) -h db.internal \(option)\(separator)\(value) --verbose", secret: password,
                            label: SecretShapes.passwordOptionLabel))
                }
            }
        }
        return samples
    }

    static var others: [SecretSample] {
        var generator = Generator(seed: 7_000)
        let alnum = TextBytes.Class.alnum.alphabet
        let base64 = alnum + Array("+/".utf8)
        let keyID = "AKIA" + generator.text(16, from: Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8))
        var awsSecret = generator.text(SecretShapes.awsSecretLength, from: base64)
        // A random draw that happens to switch classes too rarely would not be a fair example.
        while SecretScanner(bytes: Array(" \(awsSecret) ".utf8)).spans().isEmpty {
            awsSecret = generator.text(SecretShapes.awsSecretLength, from: base64)
        }
        let plainSecret = generator.text(SecretShapes.awsSecretLength, from: Array("abcdefghijklmnopqrstuvwxyz".utf8))
        let password = "Pw" + generator.text(14, from: alnum)
        let header = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
        let jwt =
            header + ".eyJzdWIiOiIxMjM0NTY3ODkwIn0." + generator.text(43, from: TextBytes.Class.base64URL.alphabet)
        let keyBody = generator.text(64, from: base64)
        func pem(_ kind: String) -> String {
            "-----BEGIN \(kind) PRIVATE KEY-----\n\(keyBody)\n-----END \(kind) PRIVATE KEY-----"
        }
        return [
            SecretSample(
                shape: "AWS secret key after its key id", text: "aws-import \(keyID) \(plainSecret) --profile ci",
                secret: plainSecret, label: "aws-secret-key"),
            SecretSample(
                shape: "AWS key pair in a CSV", text: "\(keyID),\(plainSecret)", secret: plainSecret,
                label: "aws-secret-key"),
            SecretSample(
                shape: "bare AWS secret key", text: "s3-sync \(awsSecret) bucket", secret: awsSecret,
                label: "aws-secret-key"),
            SecretSample(
                shape: "AWS_SECRET_ACCESS_KEY", text: "export AWS_SECRET_ACCESS_KEY=\(plainSecret)",
                secret: plainSecret,
                label: "aws-secret-key"),
            SecretSample(
                shape: "SecretAccessKey in JSON", text: "{\"SecretAccessKey\": \"\(plainSecret)\"}",
                secret: plainSecret,
                label: "aws-secret-key"),
            SecretSample(
                shape: "--password=", text: "psql --password=\(password) app", secret: password,
                label: "secret-assignment"),
            SecretSample(
                shape: "PGPASSWORD=", text: "PGPASSWORD=\(password) psql -h db app", secret: password,
                label: "secret-assignment"),
            SecretSample(
                shape: "MYSQL_PWD=", text: "MYSQL_PWD=\(password) mysql -u root app", secret: password,
                label: "secret-assignment"),
            SecretSample(
                shape: "password in a URL", text: "psql postgres://app:\(password)@db.internal:5432/app",
                secret: password, label: "password-in-url"),
            SecretSample(
                shape: ".netrc line", text: "machine api.example.com login bob password \(password)",
                secret: password, label: SecretShapes.netrcLabel),
            SecretSample(
                shape: ".netrc entry over lines",
                text: "machine api.example.com\n  login bob\n  password \(password)\n",
                secret: password, label: SecretShapes.netrcLabel),
            SecretSample(shape: "JWT", text: "jwt-decode \(jwt) host", secret: jwt, label: "jwt"),
            SecretSample(
                shape: "RSA private key", text: "cat > id_rsa <<EOF\n\(pem("RSA"))\nEOF", secret: keyBody,
                label: "private-key"),
            SecretSample(
                shape: "OpenSSH private key", text: "\(pem("OPENSSH"))\n", secret: keyBody, label: "private-key"),
            SecretSample(shape: "EC private key", text: pem("EC"), secret: keyBody, label: "private-key"),
            SecretSample(
                shape: "Authorization: Bearer", text: "curl -H \"Authorization: Bearer \(password)\" https://api",
                secret: password, label: "bearer-token"),
            SecretSample(
                shape: "Authorization: Basic", text: "Authorization: Basic \(password)==", secret: password,
                label: "bearer-token"),
            SecretSample(
                shape: "Proxy-Authorization", text: "curl -H 'Proxy-Authorization: Basic \(password)' https://x",
                secret: password, label: "bearer-token"),
        ]
    }

    /// A small deterministic generator: the same samples on every run.
    struct Generator {
        var state: UInt64

        init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        mutating func text(_ count: Int, from alphabet: [UInt8]) -> String {
            String(decoding: (0..<count).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] }, as: UTF8.self)
        }
    }
}
