import Testing

@testable import AirlockCore

/// Every shape of `SecretShapes` (through its `SecretSample`) in every kind of text Airlock
/// writes down: a command line, a JSON argument, diff content and a log line.
@Suite struct SecretShapesTests {
    let redactor = Redactor()

    /// Where a secret travels, as a function from the sample's text to the text Airlock sees.
    struct Carrier: Sendable, CustomTestStringConvertible {
        let name: String
        let wrap: @Sendable (String) -> String
        /// The secret as it reads inside the carrier (JSON escapes it).
        let encode: @Sendable (String) -> String

        var testDescription: String { name }

        static let all = [
            Carrier(name: "command line", wrap: { $0 }, encode: { $0 }),
            Carrier(
                name: "JSON argument",
                wrap: {
                    JSONValue.object(["command": .string($0), "description": .string("run it")]).canonicalText
                },
                encode: { secret in
                    let quoted = JSONValue.string(secret).canonicalText
                    return String(quoted.dropFirst().dropLast())
                }),
            Carrier(
                name: "diff content",
                wrap: { text in
                    let added = text.split(separator: "\n", omittingEmptySubsequences: false).map { "+" + $0 }
                    return "--- a/deploy.sh\n+++ b/deploy.sh\n@@ -1,1 +1,2 @@\n #!/bin/sh\n"
                        + added.joined(separator: "\n") + "\n"
                }, encode: { $0 }),
            Carrier(
                name: "log line",
                wrap: { "2026-11-25T10:00:00Z airlock.broker warning: refused claude shell \($0) (pid 4242)" },
                encode: { $0 }),
        ]
    }

    static let cases: [(SecretSample, Carrier)] = SecretSample.all.flatMap { sample in
        Carrier.all.map { (sample, $0) }
    }

    @Test(arguments: SecretSample.all)
    func eachShapeIsFoundWithItsLabel(_ sample: SecretSample) {
        let redacted = redactor.redact(sample.text)
        #expect(!redacted.contains(sample.secret), "\(redacted)")
        #expect(redactor.findings(in: sample.text).contains(sample.label), "\(redactor.findings(in: sample.text))")
        #expect(redactor.redact(redacted) == redacted, "not idempotent: \(redacted)")
    }

    @Test(arguments: cases)
    func noShapeSurvivesAnyCarrier(_ sample: SecretSample, _ carrier: Carrier) {
        let text = carrier.wrap(sample.text)
        let redacted = redactor.redact(text)
        #expect(!redacted.contains(carrier.encode(sample.secret)), "\(carrier.name): \(redacted)")
        #expect(!redacted.contains(sample.secret), "\(carrier.name): \(redacted)")
        #expect(redactor.findings(in: redacted).isEmpty, "second pass found more in \(redacted)")
    }

    /// Every entry of the table has at least one sample, so a new shape cannot go untested.
    @Test func everyTableEntryHasASample() {
        let labels = Set(SecretSample.all.map(\.label))
        for token in SecretShapes.tokens {
            #expect(SecretSample.all.contains { $0.secret.hasPrefix(token.prefix) }, "no sample for \(token.prefix)")
            #expect(labels.contains(token.label))
        }
        for entry in SecretShapes.passwordOptions {
            #expect(SecretSample.all.contains { $0.text.hasPrefix(entry.programs[0] + " ") }, "\(entry.programs)")
        }
    }

    // MARK: Bare AWS secret keys

    /// Random 40-byte keys are told apart from everything else 40 bytes long.
    @Test func bareAWSSecretKeysAreFoundWhenRandom() {
        var generator = SecretSample.Generator(seed: 99)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var found = 0
        let total = 2_000
        for _ in 0..<total {
            let key = generator.text(40, from: alphabet)
            if redactor.findings(in: "aws-sync \(key) now") == ["aws-secret-key"] { found += 1 }
        }
        // A random key lacks a digit about once in a thousand, or switches classes too rarely.
        #expect(found * 100 >= total * 98, "only \(found) of \(total)")
    }

    @Test(arguments: [
        "git checkout 3f786850e387550fdab836ed7e6dc881de23001b",
        "sha1 3F786850E387550FDAB836ED7E6DC881DE23001B",
        "open Sources/AirlockCore/Redaction/Redactor1",
        "AbstractSingletonProxyFactoryBean2Impl42",
        "base64 MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkw==",
        "MIIBszCCAVmgAwIBAgIUbPxRfiCYEXAMPLEKEY12345AAAAABBBBBCCCCC",
        "/home/alice/projects/website/Build/Output9",
    ])
    func fortyByteWordsThatAreNotKeysSurvive(_ text: String) {
        #expect(redactor.redact(text) == text)
    }

    @Test func aKeyAfterItsIDIsFoundEvenWhenItLooksPlain() {
        let id = "AKIA" + "IOSFODNN7EXAMPLE"
        let secret = String(repeating: "abcdefghij", count: 4)
        for separator in [" ", ",", ":", "\n", "\t", "\", \""] {
            let redacted = redactor.redact(id + separator + secret)
            #expect(!redacted.contains(secret), "\(separator.debugDescription): \(redacted)")
        }
    }

    /// What a reason or a clipped line left of a key after its id is still redacted.
    @Test func aKeyCutShortAfterItsIDIsStillFound() {
        let id = "AKIA" + "IOSFODNN7EXAMPLE"
        let cut = String(repeating: "abcdefghij", count: 4).dropLast(3)
        #expect(
            redactor.redact("unrecognised program \(id),\(cut)…")
                == "unrecognised program [REDACTED:aws-access-key],[REDACTED:aws-secret-key]…")
        #expect(redactor.redact("\(id) short") == "[REDACTED:aws-access-key] short")
    }

    // MARK: Program options

    @Test(arguments: [
        "mkdir -p build/out",
        "ssh -p 2222 host",
        "mysql -p app",
        "mysql -P 3306 -u root -p",
        "curl -u bob https://example.com",
        "curl -u \"$USER:$PASS\" https://example.com",
        "git commit -pm fix",
        "sort -u names.txt; mysql -u root -p db",
        "docker run -u 1000:1000 image",
        "please reset your password today",
        "echo machine learning password",
    ])
    func optionsThatHoldNoPasswordSurvive(_ text: String) {
        #expect(redactor.redact(text) == text, "\(redactor.redact(text))")
    }

    @Test func programContextEndsWithItsCommand() {
        // `-p` belongs to mysql only until the command ends.
        #expect(redactor.redact("mysql -pS3cret db; cp -pr a b") == "mysql -p[REDACTED:password-option] db; cp -pr a b")
        #expect(
            redactor.redact("/usr/bin/mysqldump -uroot -pS3cret db")
                == "/usr/bin/mysqldump -uroot -p[REDACTED:password-option] db")
        #expect(redactor.redact("curl --user=bob:S3cret x") == "curl --user=bob:[REDACTED:password-option] x")
    }
}
