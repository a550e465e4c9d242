import AirlockCore
import AirlockWire

/// Who to answer for one action, and what to log about it.
struct Answer {
    var id: String
    var action: Action
    var assessment: Assessment
    var requester: ConnectionID
    var requestID: RequestID?
    /// The requester's uid and the harness's call id, when the submission carried one.
    var toolCall: ToolCallMemory.Key?
}

extension PendingAction {
    var answer: Answer {
        Answer(
            id: id, action: action, assessment: assessment, requester: requester, requestID: requestID,
            toolCall: toolCall)
    }
}
