import AirlockCore
import AirlockWire

/// Who to answer for one action, and what to log about it.
struct Answer {
    var id: String
    var action: Action
    var assessment: Assessment
    var requester: ConnectionID
    var requestID: RequestID?
}

extension PendingAction {
    var answer: Answer {
        Answer(id: id, action: action, assessment: assessment, requester: requester, requestID: requestID)
    }
}
