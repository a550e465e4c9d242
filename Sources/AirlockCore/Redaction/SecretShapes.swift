/// Every secret shape the redactor recognises, as data. The scanner reads these tables and the
/// tests generate their cases from them, so a shape added here is redacted and tested at once
/// (docs/security.md, "Redaction").
public enum SecretShapes {
    /// A token that announces itself with a fixed prefix: `ghp_…`, `xoxb-…`, `AKIA…`.
    public struct Token: Sendable {
        public var prefix: String
        public var body: TextBytes.Class
        public var length: Length
        public var label: String
        /// Real keys are random; words after the prefix (a branch `sk-fix-the-login-flow`) are not keys.
        public var mustLookRandom: Bool

        init(_ prefix: String, _ body: TextBytes.Class, _ length: Length, _ label: String, mustLookRandom: Bool = false)
        {
            (self.prefix, self.body, self.length, self.label) = (prefix, body, length, label)
            self.mustLookRandom = mustLookRandom
        }
    }

    /// How long a token's body (after its prefix) is.
    public enum Length: Sendable {
        /// A fixed length, followed by anything but a letter or digit.
        case exactly(Int)
        /// At least this many body bytes; the token runs while its alphabet does.
        case atLeast(Int)

        public var minimum: Int {
            switch self {
            case .exactly(let count), .atLeast(let count): count
            }
        }
    }

    public static let tokens: [Token] =
        [
            Token("AKIA", .upperAlnum, .exactly(16), "aws-access-key"),
            Token("ASIA", .upperAlnum, .exactly(16), "aws-access-key"),
            Token("AIza", .base64URL, .exactly(35), "google-api-key"),
            Token("GOCSPX-", .base64URL, .atLeast(20), "google-oauth-secret"),
            Token("ya29.", .nameByte, .atLeast(20), "google-oauth-token"),
            Token("github_pat_", .word, .atLeast(20), "github-token"),
        ]
        + ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"].map { Token($0, .alnum, .atLeast(20), "github-token") }
        // GitLab's documented prefixes: personal, deploy, runner, trigger, CI job, feed, mail, OAuth, SCIM, agent.
        + ["glpat-", "gldt-", "glrt-", "glptt-", "glcbt-", "glft-", "glimt-", "gloas-", "glsoat-", "glagent-"].map {
            Token($0, .base64URL, .atLeast(20), "gitlab-token")
        }
        + ["xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xapp-"].map { Token($0, .slack, .atLeast(10), "slack-token") }
        + ["sk_live_", "sk_test_", "rk_live_", "rk_test_"].map { Token($0, .alnum, .atLeast(10), "stripe-key") }
        + [
            Token("whsec_", .alnum, .atLeast(20), "stripe-key"),
            // OpenAI (`sk-proj-…`, `sk-svcacct-…`) and Anthropic (`sk-ant-api03-…`) keys.
            Token("sk-", .base64URL, .atLeast(20), "api-key", mustLookRandom: true),
            Token("npm_", .alnum, .exactly(36), "npm-token"),
            // A PyPI API token is a macaroon: `pypi-` and base64 starting with its version byte.
            Token("pypi-AgE", .base64URL, .atLeast(40), "pypi-token"),
            Token("hf_", .alnum, .exactly(34), "huggingface-token"),
        ]

    /// `tokens` indexed by the first byte of their prefix, so each position costs one lookup.
    static let tokensByFirstByte: [[Token]] = {
        var table = [[Token]](repeating: [], count: 256)
        for token in tokens {
            guard let first = token.prefix.utf8.first else { continue }
            table[Int(first)].append(token)
        }
        return table
    }()

    /// An AWS secret access key: 40 bytes of standard base64 (`A–Z a–z 0–9 + /`).
    public static let awsSecretLength = 40
    /// A bare 40-byte run counts as an AWS secret key only when it switches between upper case,
    /// lower case, digits and symbols at least this often: a random key does ~25 times, a path
    /// or CamelCase name a dozen, a hex digest (no upper case) is refused outright.
    public static let awsSecretMinimumSwitches = 15
    /// Bytes that may separate an AWS access key id from its secret key (`id,secret`, `id:secret`).
    static let awsPairSeparators = Set(" \t\r\n,:;=|\"'".utf8)
    /// How far after an access key id its secret key may start.
    static let awsPairDistance = 24
    /// The shortest run after an access key id taken for (what is left of) its secret key.
    static let awsPairMinimumLength = 20

    /// A program whose option carries a password: `mysql -pSECRET`, `curl -u user:SECRET`.
    public struct PasswordOption: Sendable {
        /// Command names, matched as prefixes of the command word: `mysql` covers `mysqldump`.
        public var programs: [String]
        public var options: [String]
        public var forms: Set<Form>
        public var part: Part

        /// How the value follows the option.
        public enum Form: Sendable {
            /// `-pSECRET`
            case attached
            /// `-p SECRET`
            case separate
            /// `--user=SECRET`
            case equals
        }

        /// Which part of the value is secret.
        public enum Part: Sendable {
            case whole
            /// `user:SECRET`: a value without a colon holds no password (the program prompts).
            case afterColon
        }
    }

    public static let passwordOptions: [PasswordOption] = [
        // `-p` with a space after it makes mysql prompt; the next word is a database name.
        PasswordOption(programs: ["mysql", "mariadb"], options: ["-p"], forms: [.attached], part: .whole),
        PasswordOption(programs: ["sshpass"], options: ["-p"], forms: [.attached, .separate], part: .whole),
        PasswordOption(
            programs: ["redis-cli"], options: ["-a", "--pass"], forms: [.attached, .separate, .equals], part: .whole),
        PasswordOption(programs: ["mongo"], options: ["-p"], forms: [.attached, .separate], part: .whole),
        PasswordOption(programs: ["sqlcmd", "bcp"], options: ["-P"], forms: [.attached, .separate], part: .whole),
        PasswordOption(
            programs: ["curl"], options: ["--proxy-user", "--user", "-u", "-U"],
            forms: [.attached, .separate, .equals],
            part: .afterColon),
    ]

    /// The label of a password found through `passwordOptions`.
    public static let passwordOptionLabel = "password-option"

    /// `passwordOptions` indexed by the first byte of their program names.
    static let programsByFirstByte: [[(program: String, option: Int)]] = {
        var table = [[(program: String, option: Int)]](repeating: [], count: 256)
        for (index, entry) in passwordOptions.enumerated() {
            for program in entry.programs {
                guard let first = program.utf8.first else { continue }
                table[Int(first)].append((program, index))
            }
        }
        return table
    }()

    /// Headers whose value is `<scheme> <credential>`.
    public static let authorizationHeaders = ["authorization", "proxy-authorization"]

    /// `.netrc`: once a `machine` (or `default`) entry has begun, `password <secret>`.
    public static let netrcEntryWords = ["machine", "default"]
    public static let netrcPasswordWord = "password"
    public static let netrcLabel = "netrc-password"

    // MARK: Names that hold secrets (`DB_PASSWORD=…`, `"apiKey": …`, `--token …`)

    /// Name words that describe a secret rather than hold one: `PASSWORD_MIN_LENGTH`, `API_KEY_ID`.
    public static let descriptorWords: Set<String> = [
        "LENGTH", "LEN", "COUNT", "MIN", "MAX", "SIZE", "FILE", "PATH", "DIR", "NAME", "TYPE", "ID", "ARN",
        "ENABLED", "REQUIRED", "POLICY", "FORMAT", "PROMPT", "HINT", "STDIN", "ENV", "FIELD", "HEADER",
        "PARAM", "LABEL", "URL", "URI", "HOST", "PORT", "USER", "USERNAME", "REGION", "VERSION", "EXPIRY",
        "EXPIRES", "TTL", "COMMAND", "CMD", "HELPER",
    ]
    /// Last words of a name that holds a secret.
    public static let secretLastWords: Set<String> = [
        "TOKEN", "SECRET", "PASSWORD", "PASSWD", "PASSPHRASE", "CREDENTIAL", "CREDENTIALS", "APIKEY",
    ]
    /// Last words that name a secret only after another word: bare `KEY` and `PWD` (the working
    /// directory) do not; `MYSQL_PWD` and `API_KEY` do.
    public static let qualifiedLastWords: Set<String> = ["KEY", "PWD", "PASS"]
    /// Fragments that make a name secret wherever they sit in it: `PGPASSWORD`, `SECRET_KEY_BASE`.
    public static let secretFragments = [
        "SECRET", "PASSWORD", "PASSWD", "CREDENTIAL", "APIKEY", "API_KEY", "ACCESS_KEY", "PRIVATE_KEY",
    ]
    /// A name holding one of these (joined by `_`) labels its value an AWS secret key.
    public static let awsSecretName = "SECRET_ACCESS_KEY"
    /// Unquoted values that say "nothing here" rather than hold a secret.
    public static let emptyLiterals: Set<String> = ["null", "nil", "none", "true", "false", "undefined"]
}
