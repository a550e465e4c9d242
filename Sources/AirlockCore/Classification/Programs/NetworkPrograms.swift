/// curl, wget, ssh, nc and friends: what they send, where, and what they delete remotely.
enum NetworkPrograms {
    /// Payment APIs: a write to one of these moves money.
    static let moneyHosts = [
        "api.stripe.com", "api.paypal.com", "api-m.paypal.com", "api.braintreegateway.com", "adyen.com",
        "connect.squareup.com", "api.coinbase.com", "api.wise.com", "api.transferwise.com", "api.plaid.com",
        "api.checkout.com", "api.razorpay.com", "api.mollie.com", "api.gocardless.com",
    ]
    private static let deletionWords = [
        "delete", "destroy", "drop", "purge", "truncate", "wipe", "_delete_by_query", "dodelete", "remove",
    ]

    static let table: [String: ProgramClassifier] = {
        var table: [String: ProgramClassifier] = [:]
        for name in ["curl", "http", "https", "xh", "httpie", "curlie"] { table[name] = http }
        table["wget"] = wget
        table["aria2c"] = { _ in [.remoteRead("aria2c downloads files")] }
        for name in ["scp", "sftp"] { table[name] = copyRemote }
        for name in [
            "ping", "ping6", "dig", "nslookup", "host", "traceroute", "tracepath", "mtr", "whois", "curl-config",
        ] {
            table[name] = { inv in [.remoteRead("\(inv.program) queries the network")] }
        }
        for name in ["nc", "ncat", "netcat", "socat", "telnet", "ftp", "openssl", "websocat"] { table[name] = raw }
        table["mail"] = { _ in [.remoteWrite("mail sends email")] }
        table["sendmail"] = { _ in [.remoteWrite("sendmail sends email")] }
        return table
    }()

    static func http(_ inv: Invocation) -> [Finding] {
        if inv.has(long: ["--help", "--version"]) || inv.args == ["-h"] { return [.read("\(inv.program) help")] }
        var method = (inv.value(of: "-X", "--request", "--method") ?? "").uppercased()
        let positionals = inv.positionals(valued: curlValued)
        // httpie style: `http DELETE example.com/x`
        if method.isEmpty, let first = positionals.first,
            ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"].contains(first.uppercased())
        {
            method = first.uppercased()
        }
        let uploads = uploadedFiles(inv)
        let sendsData =
            !uploads.isEmpty
            || inv.has(
                short: "dFT",
                long: [
                    "--data", "--data-raw", "--data-binary", "--data-urlencode", "--form", "--json", "--upload-file",
                ])
        if method.isEmpty { method = sendsData ? "POST" : "GET" }
        let urls = positionals.filter { $0.contains("://") || $0.contains(".") && !$0.hasPrefix("@") }
        let target = urls.first ?? "?"
        let lowerTarget = urls.joined(separator: " ").lowercased()
        var findings: [Finding] = []
        for file in uploads {
            let path = inv.context.classify(path: file)
            if path.isSecret {
                findings.append(
                    Finding(
                        [.secretsAccess, .network], risk: .critical, blast: .production,
                        reversibility: .irreversible, reason: "\(inv.program) sends \(path.reason) to \(target)",
                        targets: [file, target], rollback: "rotate the secret"))
            }
        }
        if moneyHosts.contains(where: lowerTarget.contains) {
            findings.append(
                method == "GET"
                    ? .remoteRead("\(inv.program) reads a payment API", targets: [target])
                    : .billing("\(inv.program) \(method) to a payment API (\(target))"))
        } else if method == "DELETE" {
            findings.append(.dataDelete("\(inv.program) sends an HTTP DELETE to \(target)", targets: [target]))
        } else if method != "GET" && method != "HEAD" && deletionWords.contains(where: lowerTarget.contains) {
            findings.append(.dataDelete("\(inv.program) \(method) to a deleting endpoint \(target)", targets: [target]))
        } else if method == "GET" || method == "HEAD" || method == "OPTIONS" {
            findings.append(.remoteRead("\(inv.program) fetches \(target)", targets: [target]))
        } else {
            findings.append(.remoteWrite("\(inv.program) \(method) sends data to \(target)", targets: [target]))
        }
        if let output = inv.value(of: "-o", "--output"), output != "-", output != "/dev/null" {
            findings += FileTargets.write(output, verb: "\(inv.program) saves to", context: inv.context)
        }
        return findings
    }

    private static let curlValued: Set<String> = [
        "-X", "--request", "-H", "--header", "-d", "--data", "--data-raw", "--data-binary", "--data-urlencode",
        "-F", "--form", "-o", "--output", "-u", "--user", "-A", "--user-agent", "-e", "--referer", "-T",
        "--upload-file", "-b", "--cookie", "-c", "--cookie-jar", "--json", "-m", "--max-time", "--connect-timeout",
        "-w", "--write-out", "-x", "--proxy", "--cacert", "--cert", "--key", "-r", "--range", "--retry",
        "--resolve", "--url", "-K", "--config", "--method", "-E",
    ]

    /// Local files a request uploads: `-d @file`, `-T file`, `-F x=@file`, `--data-binary @file`.
    static func uploadedFiles(_ inv: Invocation) -> [String] {
        var files: [String] = []
        let args = inv.args
        for (index, arg) in args.enumerated() where index + 1 < args.count {
            let value = args[index + 1]
            if ["-d", "--data", "--data-binary", "--data-urlencode", "--json"].contains(arg), value.hasPrefix("@") {
                files.append(String(value.dropFirst()))
            } else if ["-T", "--upload-file"].contains(arg) {
                files.append(value)
            } else if ["-F", "--form"].contains(arg), let at = value.firstIndex(of: "@") {
                files.append(String(value[value.index(after: at)...].prefix { $0 != ";" }))
            }
        }
        for arg in args where arg.hasPrefix("--post-file=") || arg.hasPrefix("--body-file=") {
            files.append(String(arg.split(separator: "=", maxSplits: 1)[1]))
        }
        return files
    }

    static func wget(_ inv: Invocation) -> [Finding] {
        let method = (inv.value(of: "--method") ?? "").uppercased()
        let url =
            inv.positionals(valued: [
                "-O", "-o", "--output-document", "-P", "--header", "--post-data", "--post-file", "-U", "--method",
                "--body-data", "--body-file",
            ]).first ?? "?"
        var findings: [Finding] = []
        for file in uploadedFiles(inv) + [inv.value(of: "--post-file", "--body-file")].compactMap({ $0 }) {
            let path = inv.context.classify(path: file)
            if path.isSecret {
                findings.append(
                    Finding(
                        [.secretsAccess, .network], risk: .critical, blast: .production, reversibility: .irreversible,
                        reason: "wget sends \(path.reason) to \(url)", targets: [file, url]))
            }
        }
        if method == "DELETE" {
            findings.append(.dataDelete("wget sends an HTTP DELETE to \(url)", targets: [url]))
        } else if inv.has(long: ["--post-data", "--post-file", "--body-data", "--body-file"])
            || ["POST", "PUT", "PATCH"].contains(method)
        {
            findings.append(.remoteWrite("wget sends data to \(url)", targets: [url]))
        } else {
            findings.append(.remoteRead("wget downloads \(url)", targets: [url]))
        }
        if let output = inv.value(of: "-O", "--output-document"), output != "-" {
            findings += FileTargets.write(output, verb: "wget saves to", context: inv.context)
        }
        return findings
    }

    static func copyRemote(_ inv: Invocation) -> [Finding] {
        var findings: [Finding] = []
        for operand in inv.positionals(valued: ["-P", "-i", "-o", "-F", "-l", "-c", "-J", "-S"])
        where !operand.contains(":") {
            let path = inv.context.classify(path: operand)
            if path.isSecret {
                findings.append(
                    Finding(
                        [.secretsAccess, .network], risk: .critical, blast: .production, reversibility: .irreversible,
                        reason: "\(inv.program) copies \(path.reason) to another host", targets: [operand]))
            }
        }
        findings.append(.remoteWrite("\(inv.program) copies files between hosts"))
        return findings
    }

    static func raw(_ inv: Invocation) -> [Finding] {
        let args = inv.args
        if inv.program == "openssl" {
            let verb = args.first ?? ""
            if verb == "s_client" { return [.remoteRead("openssl s_client opens a TLS connection")] }
            if ["enc", "rsautl", "pkeyutl", "smime", "cms"].contains(verb), args.contains("-d") {
                return [.secrets("openssl decrypts data", risk: .medium)]
            }
            return [.read("openssl \(verb)")]
        }
        if args.contains("-e") || args.contains("-c")
            || args.contains(where: { $0.lowercased().hasPrefix("exec:") || $0.lowercased().hasPrefix("system:") })
        {
            return [
                Finding(
                    [.remoteExec, .network], risk: .critical, blast: .machine, reversibility: .irreversible,
                    reason: "\(inv.program) connects a shell to the network")
            ]
        }
        if args.contains("-l") || args.contains(where: { $0.uppercased().hasPrefix("TCP-LISTEN") }) {
            return [
                Finding([.network], risk: .medium, blast: .external, reason: "\(inv.program) listens for connections")
            ]
        }
        return [
            Finding(
                [.network], risk: .medium, blast: .external, reversibility: .partial,
                reason: "\(inv.program) opens a raw network connection")
        ]
    }

    /// `ssh host [command…]`: the remote command is analysed as shell code.
    static func ssh(_ inv: Invocation, analyzer: inout ShellAnalyzer, depth: Int) -> [Finding] {
        let valued: Set<String> = [
            "-p", "-i", "-l", "-o", "-F", "-J", "-L", "-R", "-D", "-b", "-c", "-E", "-e", "-m", "-O", "-Q", "-S", "-W",
            "-w", "-B", "-I",
        ]
        let positionals = inv.positionals(valued: valued)
        guard let host = positionals.first else { return [.read("ssh with no host")] }
        let command = positionals.dropFirst().joined(separator: " ")
        if command.isEmpty {
            return [
                Finding(
                    [.network], risk: .medium, blast: .external, reason: "ssh opens a shell on \(host)", targets: [host]
                )
            ]
        }
        analyzer.analyze(script: command, depth: depth + 1)
        return [
            Finding(
                [.network], risk: .medium, blast: .external, reversibility: .partial,
                reason: "ssh runs a command on \(host)", targets: [host])
        ]
    }
}
