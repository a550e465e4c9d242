import Testing
@testable import AirlockWire

@Test func moduleBuilds() {}
