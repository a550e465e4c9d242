import AirlockCore
import Logging

/// The log handler of `airlock serve`: every line the broker logs (on stderr, which is
/// `broker.log` when the console starts the broker) has its secrets replaced first, in the
/// message, the metadata and any error attached. The broker's own messages are not meant to
/// carry secrets; this makes sure none slips through one that quotes a client.
struct RedactingLogHandler: LogHandler {
    var wrapped: any LogHandler
    let redactor = Redactor()

    init(wrapping wrapped: any LogHandler) {
        self.wrapped = wrapped
    }

    /// Makes every logger of this process redact, writing to standard error.
    static func bootstrap() {
        LoggingSystem.bootstrap { label in
            RedactingLogHandler(wrapping: StreamLogHandler.standardError(label: label))
        }
    }

    func log(event: LogEvent) {
        var event = event
        var text = event.message.description
        if let error = event.error {
            text += " (\(error))"
            event.error = nil
        }
        event.message = Logger.Message(stringLiteral: redactor.redact(text))
        event.metadata = event.metadata.map(redact)
        wrapped.log(event: event)
    }

    private func redact(_ metadata: Logger.Metadata) -> Logger.Metadata {
        metadata.mapValues(redact)
    }

    private func redact(_ value: Logger.MetadataValue) -> Logger.MetadataValue {
        switch value {
        case .string(let text): .string(redactor.redact(text))
        case .stringConvertible(let convertible): .string(redactor.redact(convertible.description))
        case .dictionary(let dictionary): .dictionary(redact(dictionary))
        case .array(let values): .array(values.map(redact))
        }
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { wrapped.metadataProvider }
        set { wrapped.metadataProvider = newValue }
    }

    var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = newValue }
    }

    var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue }
    }
}
