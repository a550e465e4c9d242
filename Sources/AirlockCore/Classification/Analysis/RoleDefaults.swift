/// What a program does when its spec has no handler of its own: the role decides.
enum RoleDefaults {
    static func findings(_ invocation: Invocation, spec: ProgramSpec) -> [Finding] {
        let program = invocation.program
        switch spec.role {
        case .data:
            return [.read("\(program) only prints or looks up", rule: "data.print")]
        case .reader:
            if spec.access == .metadata {
                return [.read("\(program) looks at names, sizes or sums of files", rule: "reader.metadata")]
            }
            return [.read("\(program) reads", rule: "reader.read")]
        case .writer:
            let operands = spec.arguments.fileOperands(spec.arguments.parse(invocation.args))
            // Creating a folder or an empty file, or appending (`tee -a`), keeps what was there.
            let onlyCreates = ["mkdir", "touch", "mkfifo", "mktemp"].contains(program)
                || program == "tee" && invocation.args.contains { $0 == "-a" || $0 == "--append" }
            let written = operands.prefix(16).flatMap {
                FileTargets.write($0, verb: "\(program) writes", context: invocation.context, overwrites: !onlyCreates)
            }
            return written.isEmpty ? [.fileWrite("\(program) writes files", rule: "path.workspace-write")] : written
        case .fetcher:
            return [.remoteRead("\(program) downloads", rule: "network.fetch")]
        case .decoder:
            return [.read("\(program) decodes or unpacks data", rule: "reader.decode")]
        case .wrapper:
            return [.read("\(program) with no command runs nothing", rule: "shell.wrapper-alone")]
        case .custom, .shell, .interpreter:
            return [.unknown("\(program) is listed but not classified", rule: "program.unknown")]
        }
    }
}
