import AirlockCore
import AirlockWire
import Foundation
import Testing

/// The new requests and notifications of issue 13 travel as documented, both ways.
@Suite struct TrustAndFeedCodingTests {
    let codec = WireCodec()

    @Test func trustRequestsDecode() throws {
        let lines = [
            (
                #"{"jsonrpc":"2.0","id":1,"method":"trust","params":{"workspace":"/w","reviewer":"alice"}}"#,
                ClientRequest.trust(TrustParams(workspace: "/w", reviewer: "alice"))
            ),
            (
                #"{"jsonrpc":"2.0","id":1,"method":"untrust","params":{"workspace":"/w","reviewer":"a","reason":"r"}}"#,
                .untrust(TrustParams(workspace: "/w", reviewer: "a", reason: "r"))
            ),
            (#"{"jsonrpc":"2.0","id":1,"method":"trustList"}"#, .trustList),
            (
                #"{"jsonrpc":"2.0","id":1,"method":"trustPolicy","params":{"workspace":"/w","sha256":"ab","passphrase":"p"}}"#,
                .trustPolicy(PolicyTrustParams(workspace: "/w", sha256: "ab", passphrase: "p"))
            ),
            (
                #"{"jsonrpc":"2.0","id":1,"method":"untrustPolicy","params":{"workspace":"/w","reason":"r"}}"#,
                .untrustPolicy(PolicyTrustParams(workspace: "/w", reason: "r"))
            ),
            (#"{"jsonrpc":"2.0","id":1,"method":"recent"}"#, .recent(RecentParams())),
            (#"{"jsonrpc":"2.0","id":1,"method":"recent","params":{"limit":5}}"#, .recent(RecentParams(limit: 5))),
        ]
        for (line, request) in lines {
            #expect(try codec.decodeRequest(Array(line.utf8))?.get().request == request)
            // And the client writes what the broker reads.
            let written = try codec.encodeRequest(request, id: 1)
            #expect(try codec.decodeRequest(Array(written.dropLast()))?.get().request == request)
        }
        let missing = codec.decodeRequest(
            Array(#"{"jsonrpc":"2.0","id":2,"method":"trust","params":{"reviewer":"a"}}"#.utf8))
        guard case .failure(let failure)? = missing else {
            Issue.record("a trust without a workspace was taken")
            return
        }
        #expect(failure.error.message == "invalid params for trust: workspace is missing")
    }

    @Test func theFeedsNotificationsRoundTrip() throws {
        let record = DecisionRecord(
            time: Date(timeIntervalSince1970: 1_800_000_000), actionID: "t-1", harness: "claude", session: "s",
            workspace: "/w", summary: "ls", subject: .shell(command: "ls"), categories: [.read], risk: .low,
            verdict: .allow, source: .mode(.workspaceEdit), reason: "Allowed.")
        let report = BoundaryReport(
            workspace: "/w", boundaries: BoundaryKind.allCases.map { Boundary(kind: $0, state: .clear) },
            isTrusted: false, remote: "git@example.com:a/b.git", recommendationIfTrusted: .chosenMode)
        for notification in [
            ServerNotification.actionDecided(ActionDecided(decision: record)),
            .boundariesMeasured(BoundariesMeasured(workspace: "/w", report: report)),
        ] {
            let line = try #require(codec.encodeNotification(notification))
            #expect(try codec.decodeServerMessage(Array(line.dropLast())) == .notification(notification))
        }
        let text = String(
            decoding: try #require(codec.encodeNotification(.actionDecided(ActionDecided(decision: record)))),
            as: UTF8.self)
        #expect(text.contains(#""source":"mode:workspace-edit""#))
        #expect(text.contains(#""subject":{"shell":{"command":"ls"}}"#))
    }
}
