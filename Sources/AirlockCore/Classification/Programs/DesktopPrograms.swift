/// Media, document and desktop tools, other version-control and package systems: common in
/// one-liners, rarely dangerous, so knowing them keeps "unknown" from asking a human.
enum DesktopPrograms {
    static let section = "Media, documents, desktop and other tools"

    /// Converters that read their inputs and write the output they are given (last operand or `-o`).
    static let converters = [
        "ffmpeg", "avconv", "convert", "magick", "sox", "lame", "flac", "oggenc", "ps2pdf", "pdf2ps", "groff",
        "pandoc", "markdown", "dcraw", "tesseract", "pdftk", "qpdf", "gs", "ghostscript", "inkscape", "rsvg-convert",
        "cwebp", "dwebp", "heif-convert", "img2pdf", "pdfunite", "pdfseparate", "enscript", "a2ps", "xgettext",
        "msgfmt", "astyle", "indent", "cpp", "m4", "uncrustify", "asciidoctor", "wkhtmltopdf", "mid3iconv",
    ]
    /// Tools that change the files they are given in place.
    static let inPlaceEditors = [
        "mogrify", "optipng", "pngquant", "jpegoptim", "gifsicle", "exiv2", "fromdos", "todos", "mmv", "sponge",
    ]
    /// Readers of files or streams that print or show what they read.
    static let readers = [
        "pv", "agrep", "antiword", "catdoc", "pdfgrep", "ccze", "colrm", "ispell", "aspell", "hunspell", "json_xs",
        "json", "jo", "ffplay", "mplayer", "mpv", "vlc", "cvlc", "feh", "eog", "display", "evince", "okular",
        "zathura", "rpm2cpio",
    ]
    /// Programs whose arguments are only names, settings of the desktop, or messages.
    static let data = [
        "ipcs", "uuid", "zenity", "kdialog", "xmessage", "xdialog", "xbacklight", "xrandr", "xset", "xsetroot",
        "xwininfo", "xprop", "xev", "xeyes", "xclock", "xterm", "gnome-terminal", "konsole", "skype",
        "dropbox-cli", "dmidecode", "qstat", "qsub", "lp", "lpr", "lpq", "lpstat", "logger", "wall", "write",
        "espeak", "say", "pbpaste", "xsel", "xclip", "pbcopy", "wl-copy", "wl-paste", "xdotool", "timex",
        "screenfetch", "neofetch", "hostid", "system_profiler", "ioreg",
    ]

    static func register(into builder: inout RegistryBuilder) {
        builder.add(converters) { name in
            ProgramSpec(
                name, role: .custom, section: section, summary: "converts files: reads its inputs, writes its output",
                arguments: ArgumentFacts(
                    valued: ["-i", "-f", "-c", "-ar", "-ac", "-b", "-r", "-s", "-t", "-vf", "-af", "-ss", "-to", "-map", "-q", "-quality", "-resize", "-density", "-F", "-V", "-M"],
                    writes: ["-o", "--output", "-sOutputFile"]),
                handler: { inv, _, _ in converter(inv) })
        }
        builder.add(inPlaceEditors) { name in
            ProgramSpec(
                name, role: .writer, section: section, summary: "changes the files it is given in place",
                arguments: ArgumentFacts(valued: ["-resize", "-format", "-quality", "-o", "--quality", "-m", "-path"]))
        }
        builder.add(readers) {
            ProgramSpec($0, role: .reader, section: section, summary: "reads or plays files and shows them")
        }
        builder.add(data) {
            ProgramSpec($0, role: .data, section: section, summary: "prints, asks or shows; nothing in its arguments runs")
        }
        builder.add(
            ProgramSpec(
                "getent", role: .custom, section: section, summary: "looks up users, hosts and groups; the shadow database is secret",
                access: .ignored,
                handler: { inv, _, _ in
                    inv.args.contains(where: { $0 == "shadow" || $0 == "gshadow" })
                        ? [.secrets("getent shadow prints password hashes", rule: "path.secret-read")]
                        : [.read("getent looks up a name", rule: "data.print")]
                }))
        builder.add(
            ProgramSpec(
                "ipcrm", role: .custom, section: section, summary: "removes shared memory and semaphores", access: .ignored,
                handler: { inv, _, _ in
                    [Finding([.processControl], risk: .medium, blast: .machine, reason: "ipcrm removes shared memory or semaphores", rule: "process.kill")]
                }))
        builder.add(["svn", "hg", "bzr", "cvs", "fossil", "darcs"]) { name in
            ProgramSpec(
                name, role: .custom, section: section, summary: "another version control system: reads, commits, and what discards",
                access: .ignored, handler: { inv, _, _ in otherVCS(inv) })
        }
        builder.add(["rpm", "dpkg", "dpkg-query", "pkg", "pkgin", "emerge", "xbps-install", "opkg"]) { name in
            ProgramSpec(
                name, role: .custom, section: section, summary: "a system package tool: queries read, installs and removals change the machine",
                access: .ignored, handler: { inv, _, _ in systemPackages(inv) })
        }
        builder.add(
            ProgramSpec(
                "vagrant", role: .custom, section: section, summary: "manages development VMs: destroy deletes one",
                access: .ignored,
                handler: { inv, _, _ in
                    let verb = inv.args.first { !$0.hasPrefix("-") } ?? ""
                    switch verb {
                    case "destroy": return [.dataDelete("vagrant destroy deletes the VM and its disk", rule: "vagrant.destroy")]
                    case "status", "global-status", "ssh-config", "box", "version", "port", "validate", "help", "": return [.read("vagrant \(verb)", rule: "data.print")]
                    case "ssh": return [.unknown("vagrant ssh opens a shell in the VM", rule: "shell.interactive")]
                    default: return [Finding([.processControl], risk: .medium, blast: .machine, reason: "vagrant \(verb) changes a VM", rule: "vagrant.change")]
                    }
                }))
        builder.add(["yt-dlp", "youtube-dl", "gallery-dl", "you-get"]) { name in
            ProgramSpec(
                name, role: .fetcher, section: section, summary: "downloads media", arguments: ArgumentFacts(valued: ["-f", "--format"], writes: ["-o", "--output"]),
                handler: { inv, _, _ in [.remoteRead("\(inv.program) downloads media", rule: "network.fetch")] })
        }
        builder.add(["octave", "matlab", "R", "Rscript", "julia", "sage", "maxima", "gnuplot", "sqlcipher"]) { name in
            ProgramSpec(
                name, role: .custom, section: section, summary: "runs code in another language; only a script it is given can tell",
                handler: { inv, _, _ in
                    [.unknown("\(inv.program) runs code Airlock does not read", rule: "program.unknown")]
                })
        }
    }

    /// `ffmpeg -i in out`, `convert in out`: the last operand (or `-o`) is written.
    static func converter(_ inv: Invocation) -> [Finding] {
        let parsed = ArgumentFacts(valued: [
            "-i", "-f", "-c", "-ar", "-ac", "-b", "-r", "-s", "-t", "-vf", "-af", "-ss", "-to", "-map", "-q", "-quality",
            "-resize", "-density", "-F", "-V", "-M", "-o", "--output",
        ], clusters: false).parse(inv.args)
        if inv.program == "gs" || inv.program == "ghostscript", !inv.args.contains("-dSAFER") && inv.args.contains("-dNOSAFER") {
            return [.unknown("ghostscript without -dSAFER lets the document run commands", risk: .high, rule: "option.runs-code")]
        }
        if parsed.has("-o", "--output") { return [] }
        guard parsed.operands.count >= 2 || inv.program == "ffmpeg" && parsed.operands.count >= 1, let output = parsed.operands.last else {
            return [.read("\(inv.program) converts to standard output", rule: "reader.read")]
        }
        return FileTargets.write(output, verb: "\(inv.program) writes", context: inv.context)
    }

    static func otherVCS(_ inv: Invocation) -> [Finding] {
        let verb = inv.args.first { !$0.hasPrefix("-") } ?? ""
        let program = inv.program
        switch verb {
        case "status", "st", "log", "diff", "info", "ls", "list", "cat", "blame", "annotate", "help", "heads", "id", "summary", "", "tip", "paths", "incoming", "outgoing":
            return [.read("\(program) \(verb) reads the repository", rule: "git.read")]
        case "revert", "purge", "strip", "clean", "rollback":
            return [.vcsRewrite("\(program) \(verb) discards changes or history", rule: "git.discard")]
        case "update", "up", "checkout", "co", "pull", "clone", "export":
            return [Finding([.network, .fileWrite], risk: .medium, blast: .workspace, reason: "\(program) \(verb) fetches and writes files", rule: "git.push")]
        case "commit", "ci", "push":
            return [.remoteWrite("\(program) \(verb) publishes changes", rule: "git.push")]
        case "delete", "del", "remove", "rm":
            return [Finding([.destructiveFS, .fileWrite], risk: .medium, blast: .workspace, reason: "\(program) \(verb) deletes tracked files", rule: "git.local-write")]
        default:
            return [.fileWrite("\(program) \(verb) changes the working copy", rule: "git.local-write")]
        }
    }

    static func systemPackages(_ inv: Invocation) -> [Finding] {
        let args = inv.args
        let program = inv.program
        let reads: Set<String> = ["-q", "-qa", "-qi", "-ql", "-qf", "-qpl", "-V", "-l", "-L", "-s", "-S", "--list", "--status", "--search", "--listfiles", "info", "search", "query", "-K", "--checksig", "-W", "--show", "--get-selections", "--print-architecture"]
        if program == "dpkg-query" || args.contains(where: { reads.contains($0) || $0.hasPrefix("-q") && program == "rpm" }) {
            return [.read("\(program) queries installed packages", rule: "data.print")]
        }
        if args.contains(where: { ["-e", "--erase", "-r", "--remove", "-P", "--purge", "remove", "delete", "uninstall", "--unmerge", "-C"].contains($0) }) {
            return [.packageInstall("\(program) removes system packages", risk: .high, rule: "packages.remove")]
        }
        return [.packageInstall("\(program) installs or changes system packages", rule: "packages.install")]
    }
}
