import AirlockCore
import AirlockWire
import Foundation
import Testing

@testable import AirlockBroker

/// Whatever happens, in whatever order, each submitted action is answered at most once, and
/// exactly once unless its agent went away first.
@Suite struct ExactlyOnceTests {
    /// A small deterministic generator, so a failing seed can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func randomHistoriesAnswerEveryActionExactlyOnce(seed: UInt64) {
        var random = SplitMix(state: seed)
        var driver = MachineDriver { $0.reviewWindow = .seconds(30) }
        let agents = (10..<20).map { ConnectionID(UInt64($0)) }
        for agent in agents { driver.open(agent, pid: Int32(agent.rawValue) + 1000) }
        driver.open(MachineDriver.console, pid: 900)
        _ = driver.subscribe(MachineDriver.console)
        let commands = ["ls", "curl https://a.example", "rm -rf build", "cat .env", "npm test", "git status"]
        var answers: [String: Int] = [:]
        var submitted: [String: ConnectionID] = [:]
        var closed: Set<ConnectionID> = []
        var time = 0.0

        func record(_ effects: [BrokerEffect]) {
            for (connection, _, result) in effects.submitResults {
                #expect(!closed.contains(connection), "no answer to a closed connection")
                answers[result.id, default: 0] += 1
            }
        }

        for _ in 0..<400 {
            time += Double(random.next() % 3)
            let open = agents.filter { !closed.contains($0) }
            switch random.next() % 10 {
            case 0...4 where !open.isEmpty:
                let agent = open[Int(random.next() % UInt64(open.count))]
                let effects = driver.submit(
                    commands[Int(random.next() % UInt64(commands.count))], on: agent,
                    agentPID: Int32(agent.rawValue), at: time)
                for item in effects.queued { submitted[item.id] = agent }
                for result in effects.answers { submitted[result.id] = agent }
                record(effects)
            case 5, 6:
                let ids = driver.machine.pendingIDs.shuffled(using: &random).prefix(2)
                record(driver.decide(Array(ids) + ["t-1"], random.next() % 2 == 0 ? .allow : .deny, at: time))
            case 7:
                record(driver.grant(random.next() % 2 == 0 ? .allowCurl(ttl: 20, uses: 2) : .denyCurl(), at: time))
            case 8 where open.count > 1:
                let agent = open[Int(random.next() % UInt64(open.count))]
                record(driver.machine.handle(.connectionClosed(agent, now: driver.at(time))))
                closed.insert(agent)
            default:
                record(driver.tick(at: time))
            }
        }
        record(driver.tick(at: time + 31))
        #expect(driver.machine.pendingCount == 0)
        #expect(answers.values.allSatisfy { $0 == 1 }, "never answered twice")
        for (id, agent) in submitted where !closed.contains(agent) {
            #expect(answers[id] == 1, "\(id) answered exactly once")
        }
    }
}
