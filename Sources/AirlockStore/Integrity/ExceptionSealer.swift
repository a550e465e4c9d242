import AirlockCore
import Crypto
import Foundation

/// Seals exceptions with an HMAC-SHA256 over what their grant decided
/// (`PolicyException.sealedText`), keyed from a file only Airlock should touch: the state
/// directory, which the integrity floor protects in the same-user deployment and which belongs
/// to Airlock's system user in the separated one. A row inserted or changed around the broker
/// carries no seal, or a wrong one, and is refused on load. Store-independent: it reads and
/// writes no table, so any `BrokerPersistence` keeps the seal as a column like the others.
public struct ExceptionSealer: Sendable {
    /// The key's bytes (Crypto's `SymmetricKey` is not `Sendable`; one is made per use).
    private let keyBytes: [UInt8]

    public init(key: SymmetricKey) {
        keyBytes = key.withUnsafeBytes { Array($0) }
    }

    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }

    /// A key of its own for this process: for tests and brokers without a state directory.
    public static func ephemeral() -> ExceptionSealer {
        ExceptionSealer(key: SymmetricKey(size: .bits256))
    }

    /// The key file in `stateDirectory`, created (owner-only) with a random key the first time.
    public static func keyFile(stateDirectory: String) throws(StoreError) -> ExceptionSealer {
        let path = keyPath(stateDirectory: stateDirectory)
        if let bytes = FileManager.default.contents(atPath: path) {
            guard bytes.count == 32 else { throw .cannotOpen(path: path, reason: "the seal key is not 32 bytes") }
            return ExceptionSealer(key: SymmetricKey(data: bytes))
        }
        let key = SymmetricKey(size: .bits256)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            // Another process made it first: read what it wrote.
            if errno == EEXIST, let bytes = FileManager.default.contents(atPath: path), bytes.count == 32 {
                return ExceptionSealer(key: SymmetricKey(data: bytes))
            }
            throw .cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        let written = key.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == 32, fsync(descriptor) == 0 else {
            unlink(path)
            throw .cannotOpen(path: path, reason: "the seal key could not be written")
        }
        return ExceptionSealer(key: key)
    }

    public static func keyPath(stateDirectory: String) -> String {
        stateDirectory + "/exception-seal.key"
    }

    /// The seal for `exception` as it stands.
    public func seal(_ exception: PolicyException) -> String {
        seal(text: exception.sealedText)
    }

    /// The seal for any text the broker vouches for with the same key: a decision on an action
    /// in the team's queue (`QueueDecisionFacts.sealedText`) as well as an exception.
    public func seal(text: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Array(text.utf8), using: key)
        return Self.hex(code)
    }

    /// Whether `seal` is this key's seal for `text`.
    public func isValid(_ seal: String?, text: String) -> Bool {
        guard let seal, let bytes = Self.bytes(hex: seal) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(bytes, authenticating: Array(text.utf8), using: key)
    }

    /// SHA-256 of `text`, in hex: what a seal covers of something too long to seal whole.
    public static func digest(_ text: String) -> String {
        hex(SHA256.hash(data: Array(text.utf8)))
    }

    private static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    /// `exception` with its seal set.
    public func sealed(_ exception: PolicyException) -> PolicyException {
        var copy = exception
        copy.seal = seal(exception)
        return copy
    }

    /// Nil when `exception` carries the seal its fields call for.
    public func problem(_ exception: PolicyException) -> StoredExceptionProblem? {
        guard exception.seal != nil else { return .unsealed }
        return isValid(exception.seal, text: exception.sealedText) ? nil : .badSeal
    }

    /// The seal for trusting the content `sha256` (lowercase hex) of the policy file at `path`.
    public func seal(policyFile path: String, sha256: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Array(Self.policyText(path, sha256).utf8), using: key)
        return code.map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `seal` is the broker's for trusting that content of that file.
    public func isSealed(policyFile path: String, sha256: String, seal: String?) -> Bool {
        guard let seal, let bytes = Self.bytes(hex: seal) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(
            bytes, authenticating: Array(Self.policyText(path, sha256).utf8), using: key)
    }

    /// Told apart from every exception's sealed text by its first line.
    private static func policyText(_ path: String, _ sha256: String) -> String {
        "airlock policy-file trust\n\(path)\n\(sha256)"
    }

    private static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count == 64 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(32)
        var index = 0
        while index < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}
