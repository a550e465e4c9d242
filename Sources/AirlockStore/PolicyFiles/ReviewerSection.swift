import AirlockCore
import TOMLKit

/// Reads the trusted policy's `reviewers` tables and `[[require]]` tables (`PolicyFile`) into
/// a `ReviewerPolicy`, with an error naming file and line for anything it cannot take.
enum ReviewerSection {
    static func reviewers(_ value: TOMLValueConvertible?, file: String, lines: RuleLines) throws(PolicyFileError)
        -> [Reviewer]
    {
        guard let table = value?.table else {
            throw PolicyFileError(
                file: file, line: lines.line(ofKey: "reviewers"),
                message: "write each reviewer as a table: [reviewers.alice] with accounts = [\"alice@dev-3\"]")
        }
        var reviewers: [Reviewer] = []
        for id in table.keys.sorted() {
            let line = lines.line(ofKey: "reviewers.\(id)")
            func fail(_ message: String) -> PolicyFileError {
                PolicyFileError(file: file, line: line, message: "reviewer \(id): \(message)")
            }
            guard let person = table[id]?.table else { throw fail("must be a table ([reviewers.\(id)])") }
            var accounts: [String] = []
            var name: String?
            var groups: [String] = []
            for key in person.keys {
                switch key {
                case "accounts":
                    accounts = try strings(person[key], fail: { fail("accounts must be an array of account names") })
                    guard !accounts.isEmpty else { throw fail("accounts must name at least one account (alice@dev-3)") }
                case "name":
                    guard let text = person[key]?.string, !text.isEmpty else { throw fail("name must be a string") }
                    name = text
                case "groups":
                    groups = try strings(person[key], fail: { fail("groups must be an array of group names") })
                default:
                    throw fail("unknown key \"\(key)\" (expected accounts, name, groups)")
                }
            }
            guard !accounts.isEmpty else { throw fail("needs accounts = [\"…\"], the accounts that are this person") }
            reviewers.append(Reviewer(id: id, accounts: accounts, name: name, groups: groups))
        }
        return reviewers
    }

    static func requirements(_ value: TOMLValueConvertible?, file: String, lines: RuleLines) throws(PolicyFileError)
        -> [ApprovalRequirement]
    {
        let scope = PolicyFile.scope
        guard let array = value?.array else {
            throw PolicyFileError(
                file: file, line: lines.line(ofKey: "require"), message: "write requirements as [[require]] tables")
        }
        var requirements: [ApprovalRequirement] = []
        for index in 0..<array.count {
            let line = lines.line(ofRule: "require", index: index)
            func fail(_ message: String) -> PolicyFileError { PolicyFileError(file: file, line: line, message: message) }
            guard let table = array[index].table else { throw fail("each [[require]] entry must be a table") }
            var requirement = ApprovalRequirement(id: "\(file.split(separator: "/").last ?? ""):\(line)")
            for key in table.keys {
                let value = table[key]
                switch key {
                case "floor":
                    guard value?.string == "hard" else { throw fail("floor must be \"hard\" (every hard-floor action)") }
                    requirement.hardFloor = true
                case "approvals":
                    guard let count = value?.int, (1...10).contains(count) else {
                        throw fail("approvals must be a whole number from 1 to 10 (distinct people)")
                    }
                    requirement.approvals = count
                case "group":
                    guard let group = value?.string, !group.isEmpty else { throw fail("group must be a group's name") }
                    requirement.group = group
                case "not_own_agent":
                    guard let flag = value?.bool else { throw fail("not_own_agent must be true or false") }
                    requirement.notOwnAgent = flag
                case "reason", "id":
                    guard value?.string != nil else { throw fail("\(key) must be a string") }
                case "category":
                    // Several categories: any of them.
                    if let names = value?.array {
                        for element in names {
                            guard let category = try scope(key, element, fail) else { continue }
                            requirement.scopes.append(category)
                        }
                    } else if let category = try scope(key, value, fail) {
                        requirement.scopes.append(category)
                    }
                default:
                    guard let found = try scope(key, value, fail) else {
                        throw fail(
                            "unknown key \"\(key)\" in [[require]] (expected floor, category, command, path, mcp, "
                                + "approvals, group, not_own_agent, reason)")
                    }
                    requirement.scopes.append(found)
                }
            }
            guard requirement.hardFloor || !requirement.scopes.isEmpty else {
                throw fail("a [[require]] needs what it applies to: floor = \"hard\", category, command, path or mcp")
            }
            requirements.append(requirement)
        }
        return requirements
    }

    /// What parses but cannot work: one account for two people, a group nobody is in (its
    /// actions could never be approved).
    static func check(_ policy: ReviewerPolicy, file: String, lines: RuleLines) throws(PolicyFileError) {
        var owner: [String: String] = [:]
        for reviewer in policy.reviewers {
            for account in reviewer.accounts {
                if let other = owner[account] {
                    throw PolicyFileError(
                        file: file, line: lines.line(ofKey: "reviewers.\(reviewer.id)"),
                        message: "account \(account) is listed for both \(other) and \(reviewer.id); an account is one person")
                }
                owner[account] = reviewer.id
            }
        }
        for (index, requirement) in policy.requirements.enumerated() {
            guard let group = requirement.group else { continue }
            let members = policy.reviewers.filter { $0.groups.contains(group) }.count
            guard members > 0 else {
                throw PolicyFileError(
                    file: file, line: lines.line(ofRule: "require", index: index),
                    message: "no reviewer is in group \(group); list its members' groups = [\"\(group)\"] under reviewers")
            }
            guard members >= requirement.approvals else {
                throw PolicyFileError(
                    file: file, line: lines.line(ofRule: "require", index: index),
                    message: "\(requirement.approvals) approvals from group \(group) are needed, but it has only \(members) "
                        + "member\(members == 1 ? "" : "s")")
            }
        }
    }

    private static func strings(_ value: TOMLValueConvertible?, fail: () -> PolicyFileError) throws(PolicyFileError)
        -> [String]
    {
        guard let array = value?.array else { throw fail() }
        let words = array.compactMap { $0.string }
        guard words.count == array.count, !words.contains(where: \.isEmpty) else { throw fail() }
        return words
    }
}
