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
}
