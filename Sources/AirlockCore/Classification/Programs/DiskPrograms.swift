/// Partitioning, formatting and volume tools: anything but a listing destroys data.
enum DiskPrograms {
    static let names = [
        "fdisk", "sfdisk", "cfdisk", "parted", "gdisk", "sgdisk", "wipefs", "mkswap", "cryptsetup", "lvremove",
        "vgremove", "pvremove", "lvcreate", "zpool", "zfs", "blkdiscard", "hdparm", "badblocks", "e2fsck", "fsck",
        "tune2fs", "resize2fs", "diskutil", "mdadm", "dmsetup", "losetup",
    ]

    static func register(into builder: inout RegistryBuilder) {
        builder.add(names) { name in
            ProgramSpec(
                name, role: .custom, section: FilePrograms.section,
                summary: "partitions, formats or erases disks; listings read", matchesSuffixes: name == "fsck",
                access: .ignored,
                rules: name == "fdisk"
                    ? [Rule("disk.list", .read, .low, "lists disks, partitions or pools", example: "fdisk -l")] : [],
                handler: { inv, _, _ in classify(inv) })
        }
        builder.add(
            ProgramSpec(
                "mkfs", role: .custom, section: FilePrograms.section, summary: "formats a filesystem, erasing the device",
                matchesSuffixes: true, access: .ignored,
                handler: { inv, _, _ in
                    [.destructive("\(inv.program) formats a filesystem", risk: .critical, blast: .machine, rule: "disk.overwrite")]
                }))
    }

    static func classify(_ inv: Invocation) -> [Finding] {
        let args = inv.args
        let reads: Set<String> = ["list", "-l", "--list", "status", "-n", "--noaction", "info", "get", "lsblk", "print"]
        let program = inv.program
        if args.isEmpty || args.contains(where: reads.contains) || args == ["-p"] || program == "hdparm" && !args.contains(where: { $0.hasPrefix("--security") || $0.hasPrefix("--trim") || $0 == "-z" })
            || program == "badblocks" && !args.contains(where: { $0.hasPrefix("-w") }) || program == "losetup" && !args.contains("-d")
        {
            return [.read("\(program) lists disks or checks them", rule: "disk.list")]
        }
        if program == "diskutil", let verb = args.first, ["list", "info", "activity", "verifyVolume", "verifyDisk"].contains(verb) {
            return [.read("diskutil \(verb) lists disks", rule: "disk.list")]
        }
        return [
            .destructive(
                "\(program) changes disks or partitions", risk: .critical, blast: .machine,
                targets: args.filter { $0.hasPrefix("/dev/") }, rule: "disk.overwrite")
        ]
    }
}
