import Testing
@testable import AirlockBroker

@Test func moduleBuilds() {}
