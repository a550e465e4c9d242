import Testing

@testable import AirlockCore

/// An assessment's commands are redacted word by word (`Redactor.redact(argv:)`): every shape
/// must go, including those only recognised from the words before (an AWS secret after its
/// key id, a `.netrc` password) and those spread over several words (a private key block).
@Suite struct RedactorArgvTests {
    @Test(arguments: SecretSample.all)
    func everySecretLeavesItsWords(sample: SecretSample) {
        let argv = sample.text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        let redacted = Redactor().redact(argv: argv)
        #expect(redacted.count == argv.count)
        #expect(!redacted.joined(separator: " ").contains(sample.secret), "\(redacted)")
    }

    /// `.netrc` lines run as shell are three commands; the password is known from the first two.
    @Test func aSecretKnownFromEarlierCommandsGoes() {
        let password = "Pw" + "N1AO9pLEWH4AfU"
        let commands = [["machine", "api.example.com"], ["login", "bob"], ["password", password]]
        let redacted = Redactor().redact(commands: commands)
        #expect(redacted.map(\.count) == [2, 2, 2])
        #expect(redacted[0] == commands[0] && redacted[1] == commands[1])
        #expect(redacted[2][0] == "password" && !redacted[2][1].contains(password), "\(redacted)")
    }

    @Test func wordsWithoutSecretsStayAsTheyAre() {
        let argv = ["mysql", "-h", "db.internal", "-u", "deploy", "--verbose", "app"]
        #expect(Redactor().redact(argv: argv) == argv)
    }
}
