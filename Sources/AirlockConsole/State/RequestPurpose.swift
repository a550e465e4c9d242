import AirlockCore
import AirlockWire

/// What a request in flight was for, so its reply can be told back in words.
enum RequestPurpose: Equatable, Sendable {
    case decide(FinalVerdict, count: Int)
    case grant(PolicyRule.Effect)
    case revoke
    case trust(String)
}
