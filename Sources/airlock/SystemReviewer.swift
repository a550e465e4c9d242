import AirlockHookRuntime
import ArgumentParser
import Foundation

/// `--system` for reviewer commands (`policy grant`, `policy revoke`): talk to the separated
/// deployment's `review.sock`, authenticated with the reviewer's passphrase (asked at the
/// terminal, or the first line of stdin with `--passphrase-stdin`). Run as Airlock's own user
/// (`sudo -u airlock airlock …`) no passphrase is needed: sudo asked for a password.
struct SystemReviewer: ParsableArguments {
    @Flag(name: .customLong("system"), help: "Ask the separated deployment's review socket, as an authenticated reviewer.")
    var isOn = false

    @Flag(help: "With --system: read the passphrase from the first line of stdin.")
    var passphraseStdin = false

    func passphrase() throws -> String {
        if passphraseStdin { return readLine(strippingNewline: true) ?? "" }
        return try TerminalPassphrase.read(prompt: "passphrase: ")
    }

    /// Root, or Airlock's system user: the broker takes either as authenticated.
    static var isAirlocksOwnUser: Bool {
        getuid() == 0 || PeerCheck(environment: ProcessInfo.processInfo.environment).systemUID() == getuid()
    }
}
