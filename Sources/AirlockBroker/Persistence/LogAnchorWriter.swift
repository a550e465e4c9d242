import AirlockCore
import AirlockStore
import Logging

/// Keeps the broker's copy of the decision log's head in its state directory (`LogAnchor`):
/// written by the persistence lane after each batch, off the event loop.
enum LogAnchorWriter {
    static func write(_ anchor: LogAnchor, to path: String, logger: Logger) {
        do {
            try anchor.write(to: path)
        } catch {
            logger.error("could not write the decision log's anchor to \(path): \(error)")
        }
    }
}
