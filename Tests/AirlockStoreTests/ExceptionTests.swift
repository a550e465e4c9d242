import AirlockCore
import Foundation
import Testing

@testable import AirlockStore

@Suite struct ExceptionTests {
    @Test(arguments: StoreKind.allCases)
    func grantListRevoke(kind: StoreKind) throws {
        try kind.withStore { store in
            let allow = makeException("e-allow")
            let deny = makeException("e-deny", .deny, scope: .category(.deploy), binding: .everywhere)
            try store.grant(allow, now: t0)
            try store.grant(deny, now: t0)
            #expect(try store.activeExceptions(at: t0) == [allow, deny])

            let revoked = try store.revoke(id: "e-allow", by: "bob", at: t0 + 60)
            #expect(revoked?.revokedAt == t0 + 60)
            #expect(try store.revoke(id: "e-allow", by: "bob", at: t0 + 61) == nil)
            #expect(try store.revoke(id: "unknown", by: "bob", at: t0 + 61) == nil)

            #expect(try store.activeExceptions(at: t0 + 61) == [deny])
            #expect(try store.exceptions(includingInactive: false, at: t0 + 61) == [deny])
            var expectedRevoked = allow
            expectedRevoked.revokedAt = t0 + 60
            expectedRevoked.revokedBy = "bob"
            #expect(try store.exceptions(includingInactive: true) == [expectedRevoked, deny])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func expiresAtItsDeadline(kind: StoreKind) throws {
        try kind.withStore { store in
            try store.grant(makeException("e1", lasting: 300), now: t0)
            #expect(try store.activeExceptions(at: t0 + 299.999).map(\.id) == ["e1"])
            #expect(try store.activeExceptions(at: t0 + 300).isEmpty)
            #expect(try store.exceptions(includingInactive: true).map(\.id) == ["e1"])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func usesCountDownToInactive(kind: StoreKind) throws {
        try kind.withStore { store in
            try store.grant(makeException("limited", usesLeft: 2), now: t0)
            try store.grant(makeException("unlimited"), now: t0)

            #expect(try store.recordUse(of: "limited")?.usesLeft == 1)
            #expect(try store.activeExceptions(at: t0).map(\.id) == ["limited", "unlimited"])
            #expect(try store.recordUse(of: "limited")?.usesLeft == 0)
            #expect(try store.recordUse(of: "limited") == nil)
            #expect(try store.activeExceptions(at: t0).map(\.id) == ["unlimited"])

            let unlimited = try store.recordUse(of: "unlimited")
            #expect(unlimited != nil && unlimited?.usesLeft == nil)
            #expect(try store.recordUse(of: "unknown") == nil)
            _ = try store.revoke(id: "unlimited", by: "bob", at: t0)
            #expect(try store.recordUse(of: "unlimited") == nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func revocationNamesWhoRevoked(kind: StoreKind) throws {
        try kind.withStore { store in
            try store.grant(makeException("e"), now: t0)
            let revoked = try #require(try store.revoke(id: "e", by: "bob", at: t0 + 10))
            #expect(revoked.revokedBy == "bob")
            #expect(revoked.revokedAt == t0 + 10)
            #expect(try store.exceptions(includingInactive: true) == [revoked])
        }
    }

    /// A proposed exception that must be refused, and why.
    struct Refusal: Sendable, CustomTestStringConvertible {
        let name: String
        let exception: PolicyException
        let sample: Assessment?
        let maximumSeconds: Int
        let problem: ExceptionProblem

        var testDescription: String { name }

        static let all: [Refusal] = [
            Refusal(name: "expires now", exception: makeException("x", lasting: 0), problem: .noExpiry),
            Refusal(name: "expired already", exception: makeException("x", lasting: -60), problem: .noExpiry),
            Refusal(
                name: "beyond the default cap", exception: makeException("x", lasting: 9 * 3600),
                problem: .expiryBeyondCap(maximumSeconds: 8 * 3600)),
            Refusal(
                name: "beyond a configured cap", exception: makeException("x", lasting: 3600), maximumSeconds: 900,
                problem: .expiryBeyondCap(maximumSeconds: 900)),
            Refusal(
                name: "allow a hard-floor category", exception: makeException("x", scope: .category(.deploy)),
                problem: .hardFloorAllow(.deploy)),
            Refusal(
                name: "allow self-modification", exception: makeException("x", scope: .category(.selfModification)),
                problem: .integrityFloor),
            Refusal(
                name: "allow with a hard-floor sample",
                exception: makeException("x", scope: .exactAction("shell:cat .env")),
                sample: Assessment(findings: [
                    Finding([.secretsAccess], risk: .high, blast: .production, reason: "secrets")
                ]),
                problem: .hardFloorAllow(.secretsAccess)),
            Refusal(
                name: "allow a whole MCP server",
                exception: makeException("x", scope: .mcpTool(server: "github", tool: nil)),
                problem: .wholeServerAllow),
        ]

        init(
            name: String, exception: PolicyException, sample: Assessment? = nil, maximumSeconds: Int = 8 * 3600,
            problem: ExceptionProblem
        ) {
            self.name = name
            self.exception = exception
            self.sample = sample
            self.maximumSeconds = maximumSeconds
            self.problem = problem
        }
    }

    @Test(arguments: StoreKind.allCases, Refusal.all)
    func refusedGrantsWriteNothing(kind: StoreKind, refusal: Refusal) throws {
        try kind.withStore { store throws in
            #expect(throws: StoreError.exceptionRefused(refusal.problem)) {
                try store.grant(
                    refusal.exception, now: t0, maximumSeconds: refusal.maximumSeconds, sample: refusal.sample)
            }
            #expect(try store.exceptions(includingInactive: true).isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func hardFloorDenyAndDuplicates(kind: StoreKind) throws {
        try kind.withStore { store in
            let deny = makeException("d", .deny, scope: .category(.dataDelete), lasting: 8 * 3600)
            try store.grant(deny, now: t0)
            #expect(throws: StoreError.duplicateException(id: "d")) {
                try store.grant(makeException("d", .deny, scope: .category(.deploy)), now: t0)
            }
            #expect(try store.exceptions(includingInactive: true) == [deny])
        }
    }

    @Test func timesAreKeptToTheMillisecond() throws {
        let store = try PolicyStore.inMemory()
        var precise = makeException("p")
        precise.createdAt = t0 + 0.123_456
        precise.expiresAt = t0 + 60.000_4
        try store.grant(precise, now: t0)
        let stored = try #require(try store.activeExceptions(at: t0).first)
        #expect(stored.createdAt == Date(timeIntervalSince1970: 1_700_000_000.123))
        #expect(stored.expiresAt == t0 + 60)
    }
}
