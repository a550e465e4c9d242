/// The console's link to the broker, as the header shows it.
enum BrokerStatus: Equatable, Sendable {
    case connecting
    case connected
    case lost(String)
}
