import Testing
@testable import AirlockStore

@Test func moduleBuilds() {}
