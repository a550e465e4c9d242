import Foundation
import Testing

@testable import AirlockStore

@Suite struct PolicyTrustTests {
    static let version1 = String(repeating: "ab", count: 32)
    static let version2 = String(repeating: "cd", count: 32)

    @Test(arguments: StoreKind.allCases)
    func trustIsPerPathAndHash(kind: StoreKind) throws {
        try kind.withStore { store in
            let path = "/work/app/.airlock/policy.toml"
            #expect(try !store.isPolicyFileTrusted(path: path, sha256: Self.version1))

            try store.trustPolicyFile(path: path, sha256: Self.version1.uppercased(), at: t0)
            #expect(try store.isPolicyFileTrusted(path: path, sha256: Self.version1))
            #expect(try !store.isPolicyFileTrusted(path: path, sha256: Self.version2))
            #expect(try !store.isPolicyFileTrusted(path: "/work/other/.airlock/policy.toml", sha256: Self.version1))

            // Trusting the new content withdraws trust from the old.
            try store.trustPolicyFile(path: path, sha256: Self.version2, at: t0 + 60)
            #expect(try store.isPolicyFileTrusted(path: path, sha256: Self.version2))
            #expect(try !store.isPolicyFileTrusted(path: path, sha256: Self.version1))
        }
    }

    @Test(arguments: ["", "abc", String(repeating: "g", count: 64), String(repeating: "a", count: 65)])
    func malformedHashesAreRefused(hash: String) throws {
        let store = try PolicyStore.inMemory()
        #expect(throws: StoreError.invalidPolicyHash) {
            try store.trustPolicyFile(path: "/p", sha256: hash, at: t0)
        }
        #expect(try !store.isPolicyFileTrusted(path: "/p", sha256: hash))
    }

    /// Only the broker's seal counts once a sealer is asked: a row written around it (no seal,
    /// another key's, or one sealed for other content or another file) is not trust.
    @Test func onlyTheBrokersSealCounts() throws {
        let store = try PolicyStore.inMemory()
        let broker = ExceptionSealer.ephemeral()
        let path = "/work/app/.airlock/policy.toml"
        try store.trustPolicyFile(path: path, sha256: Self.version1, at: t0)
        #expect(try store.isPolicyFileTrusted(path: path, sha256: Self.version1))
        #expect(try !store.isPolicyFileTrusted(path: path, sha256: Self.version1, sealer: broker))
        try store.trustPolicyFile(path: path, sha256: Self.version1, at: t0, sealer: .ephemeral())
        #expect(try !store.isPolicyFileTrusted(path: path, sha256: Self.version1, sealer: broker))
        try store.trustPolicyFile(path: path, sha256: Self.version1, at: t0, sealer: broker)
        #expect(try store.isPolicyFileTrusted(path: path, sha256: Self.version1, sealer: broker))
        #expect(!broker.isSealed(policyFile: path, sha256: Self.version2, seal: broker.seal(policyFile: path, sha256: Self.version1)))
        #expect(!broker.isSealed(policyFile: "/other/.airlock/policy.toml", sha256: Self.version1, seal: broker.seal(policyFile: path, sha256: Self.version1)))
        #expect(try store.untrustPolicyFile(path: path))
        #expect(try !store.untrustPolicyFile(path: path))
        #expect(try !store.isPolicyFileTrusted(path: path, sha256: Self.version1, sealer: broker))
    }
}
