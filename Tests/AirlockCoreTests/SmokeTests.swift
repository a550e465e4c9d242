import Testing

@testable import AirlockCore

@Test func riskRaisesSaturate() {
    #expect(Risk.critical.raised == .critical)
    #expect(Risk.low.raised == .medium)
}
