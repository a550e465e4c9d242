import AirlockCore
import Foundation
import GRDB

/// How an exception sits in the `exception` table: scope and binding as JSON text, times as
/// milliseconds.
extension PolicyException {
    static let insertSQL = """
        INSERT INTO exception (
            id, effect, scope, binding, created_at, expires_at, uses_left, granted_by, reason, revoked_at
        ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    init(row: Row) throws(StoreError) {
        let id = (try? row.decode(String.self, forColumn: "id")) ?? "?"
        func json<Value: Decodable>(_ column: String) throws -> Value {
            try JSONDecoder().decode(Value.self, from: Data(try row.decode(String.self, forColumn: column).utf8))
        }
        do {
            guard let effect = PolicyRule.Effect(rawValue: try row.decode(forColumn: "effect")) else {
                throw StoreError.unreadableRecord(table: "exception", key: id)
            }
            self.init(
                id: id,
                effect: effect,
                scope: try json("scope"),
                binding: try json("binding"),
                createdAt: Date(storeMilliseconds: try row.decode(forColumn: "created_at")),
                expiresAt: Date(storeMilliseconds: try row.decode(forColumn: "expires_at")),
                usesLeft: try row.decode(forColumn: "uses_left"),
                grantedBy: try row.decode(forColumn: "granted_by"),
                reason: try row.decode(forColumn: "reason"),
                revokedAt: try row.decode(Int64?.self, forColumn: "revoked_at").map(Date.init(storeMilliseconds:)))
        } catch {
            throw .unreadableRecord(table: "exception", key: id)
        }
    }

    /// Values for `insertSQL`.
    func insertArguments() throws(StoreError) -> StatementArguments {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let scope: String
        let binding: String
        do {
            scope = String(decoding: try encoder.encode(self.scope), as: UTF8.self)
            binding = String(decoding: try encoder.encode(self.binding), as: UTF8.self)
        } catch {
            throw .unexpected("cannot encode the exception's scope")
        }
        return [
            id, effect.rawValue, scope, binding, createdAt.storeMilliseconds, expiresAt.storeMilliseconds,
            usesLeft, grantedBy, reason, revokedAt?.storeMilliseconds,
        ]
    }
}
