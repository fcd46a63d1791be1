import Foundation
import Testing

/// Import, export, batches and organisations through the real binary.
@Suite struct BulkCommandTests {
    let slug = "russia-telegram-2018"

    /// The example statement with `deadline:` added, loaded into a new project.
    func project(deadline: String) throws -> Sandbox {
        let sandbox = try Sandbox()
        try sandbox.ok(["init"])
        let text = try sandbox.read("statements/\(slug).md").replacingOccurrences(of: "issuer: ARTICLE 19", with: "issuer: ARTICLE 19\ndeadline: \(deadline)")
        try sandbox.write(text, to: "statements/\(slug).md")
        try sandbox.ok(["statement", "add", "statements/\(slug).md"])
        return sandbox
    }

    func project() throws -> Sandbox {
        let sandbox = try Sandbox()
        try sandbox.ok(["init"])
        try sandbox.ok(["statement", "add", "statements/\(slug).md"])
        return sandbox
    }

    /// `--output /dev/null` renamed a new file onto the device, replacing /dev/null itself
    /// for every program on the machine. A device is written in place. The test makes a null
    /// device of its own in the sandbox (root may: these machines run tests as root).
    @Test(.enabled(if: getuid() == 0, "making a device needs root"),
          arguments: [["export", "russia-telegram-2018"], ["export", "russia-telegram-2018", "--include-private"],
                      ["render", "russia-telegram-2018", "--format", "html"]])
    func anOutputThatIsADeviceIsWrittenIntoNotReplaced(command: [String]) throws {
        let sandbox = try project()
        try sandbox.ok(["sign", slug, "--org", "Access Now"])
        let device = sandbox.folder.appendingPathComponent("null").path
        // Major 1, minor 3, as glibc encodes small numbers (makedev is a C macro).
        #expect(mknod(device, S_IFCHR | 0o666, 0x0103) == 0)
        let result = try sandbox.run(command + ["--output", device])
        #expect(result.status == 0, "\(result.stderr)")
        var info = stat()
        #expect(stat(device, &info) == 0 && info.st_mode & S_IFMT == S_IFCHR, "the device was replaced by a file")
    }

    /// An export killed half-way left its temporary file, e-mails and all, for ever: the next
    /// export (or render) to that name removes what a run no longer alive left (an interrupted one, Ctrl-C
    /// or SIGTERM, removes its own as it stops). A running export's file is left alone.
    /// Past the first 20 suggestions, the line says how to see the rest (it pointed at
    /// `org list`, which lists no suggestions).
    @Test func theSuggestionsPastTwentySayHowToSeeTheRest() throws {
        let sandbox = try project()
        try sandbox.write("org\n" + (1...22).map { "Group \($0) International\n" }.joined(), to: "first.csv")
        try sandbox.write("org\n" + (1...22).map { "Group \($0) Intl\n" }.joined(), to: "second.csv")
        try sandbox.ok(["import", slug, "first.csv"])
        let dry = try sandbox.run(["import", slug, "second.csv", "--dry-run"])
        #expect(dry.stderr.hasSuffix("suggestion: … and 2 more (resolve these with 'jointly org alias' or 'org merge' and run the dry run again to see the rest)\n"), "\(dry.stderr)")
        let real = try sandbox.run(["import", slug, "second.csv"])
        #expect(real.stderr.hasSuffix("suggestion: … and 2 more (only the first 20 are shown; a dry run before an import lists them to resolve first)\n"), "\(real.stderr)")
    }

    @Test func anExportSweepsTheTemporaryFilesOfAKilledRun() throws {
        let sandbox = try project()
        try sandbox.ok(["sign", slug, "--org", "Access Now", "--email", "press@access.example"])
        // PID 2^22 + 1 is past Linux's largest; this process's parent is alive.
        try sandbox.write("press@access.example", to: ".out.csv.jointly-4194305.tmp")
        try sandbox.write("kept", to: ".out.csv.jointly-\(getppid()).tmp")
        try sandbox.ok(["export", slug, "--include-private", "--output", "out.csv"])
        let left = try FileManager.default.contentsOfDirectory(atPath: sandbox.folder.path).filter { $0.contains("out.csv") }.sorted()
        #expect(left == [".out.csv.jointly-\(getppid()).tmp", "out.csv"])
    }

    /// `export --output new/out.csv` refused where `render`, `build` and `db backup` make the
    /// folder: one rule for all of them now.
    @Test func anExportMakesItsOutputFolderAsTheOtherCommandsDo() throws {
        let sandbox = try project()
        try sandbox.ok(["sign", slug, "--org", "Access Now"])
        let result = try sandbox.run(["export", slug, "--output", "exports/2018/out.csv"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try sandbox.read("exports/2018/out.csv").contains("Access Now"))
    }

    @Test func importFromStandardInputReportsSummaryAndSuggestions() throws {
        let sandbox = try project()
        let csv = "Organisation name,Country,Timestamp\nAmnesty International,United Kingdom,2018-04-30T10:00:00Z\nAmnesty Intl,GB,2018-05-01\n"
        let result = try sandbox.run(["import", slug, "-"], input: csv)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == """
            imported 2 rows: 2 new signatures, 2 new organisations, 0 duplicates skipped, 1 possible near-duplicate (below) (batch 1)
            suggestion: line 3: 'Amnesty Intl' (GB) may be 'Amnesty International' (GB); if it is, run: jointly org merge 'Amnesty Intl' 'Amnesty International'

            """)
        let merge = try sandbox.run(["org", "merge", "Amnesty Intl", "Amnesty International"])
        #expect(merge.status == 0)
        #expect(merge.stderr.contains("both had signed 'russia-telegram-2018'"))
        #expect(try sandbox.ok(["org", "show", "Amnesty Intl"]).contains("aliases:    Amnesty Intl"))
    }

    /// A merge keeps INTO's details; where FROM had others (typed by hand, while INTO's came
    /// from a sheet), it names each, with the command that takes it, which works as given.
    @Test func aMergeNamesEachDetailItDidNotTakeWithTheCommandThatTakesIt() throws {
        let sandbox = try project()
        let csv = "org,country,website,kind\nAmnesty International,GB,https://sheet.example,media\n"
        _ = try sandbox.run(["import", slug, "-"], input: csv)
        try sandbox.ok(["sign", slug, "--org", "Amnesty Intl", "--country", "GB", "--website", "https://www.amnesty.org/it's-ours",
                        "--kind", "ngo", "--short-name", "AI"])
        let merge = try sandbox.run(["org", "merge", "Amnesty Intl", "Amnesty International"])
        #expect(merge.status == 0, "\(merge.stderr)")
        let lines = merge.stderr.split(separator: "\n").map(String.init)
        #expect(lines.dropFirst(2) == [
            "kept the website of 'Amnesty International', https://sheet.example; 'Amnesty Intl' had https://www.amnesty.org/it's-ours; "
                + "to take that instead, run: jointly org edit 'Amnesty International' --match-country GB --website 'https://www.amnesty.org/it'\\''s-ours'",
            "kept the kind of 'Amnesty International', media; 'Amnesty Intl' had ngo; "
                + "to take that instead, run: jointly org edit 'Amnesty International' --match-country GB --kind ngo",
        ], "\(merge.stderr)")
        // The short name INTO lacked is taken, and not mentioned.
        #expect(try sandbox.ok(["org", "show", "Amnesty International"]).contains("AI"))
        // The command, pasted into a shell as it is printed, sets the website typed by hand.
        let suggested = try #require(lines.dropFirst(2).first?.components(separatedBy: "run: ").last)
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "jointly() { \"$J\" \"$@\"; }; " + suggested]
        shell.currentDirectoryURL = sandbox.folder
        shell.environment = ProcessInfo.processInfo.environment.merging(["J": Sandbox.binary.path, "USER": "tester"]) { $1 }
        try shell.run()
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 0)
        #expect(try sandbox.ok(["org", "show", "Amnesty International"]).contains("https://www.amnesty.org/it's-ours"))
    }

    /// Every skipped row is named, so a coordinator can see none was a different group.
    @Test func skippedRowsAreNamedAndAPlusMakesAnotherName() throws {
        let sandbox = try project()
        _ = try sandbox.ok(["sign", slug, "--org", "C Users Group", "--country", "GB"])
        let csv = "org,country\nC++ Users Group,GB\nc users group.,GB\nLGBT+ Network,GB\nLGBT+ network,GB\n"
        let result = try sandbox.run(["import", slug, "-"], input: csv)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == """
            imported 4 rows: 2 new signatures, 2 new organisations, 2 duplicates skipped, 1 possible near-duplicate (below) (batch 1)
            skipped: line 3: 'c users group.' already signed as 'C Users Group' (verified)
            skipped: line 5: 'LGBT+ network' appears earlier in this file as 'LGBT+ Network'
            suggestion: line 2: 'C++ Users Group' (GB) may be 'C Users Group' (GB); if it is, run: jointly org merge 'C++ Users Group' 'C Users Group'

            """)
    }

    @Test func aFailedImportLeavesTheDatabaseFileUnchanged() throws {
        let sandbox = try project()
        try sandbox.write("org,country,demands\nA,GB,\nB,Narnia,\nC,GB,no-such-demand\n", to: "bad.csv")
        let before = try sandbox.databaseBytes()
        let result = try sandbox.run(["import", slug, "bad.csv"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: bad.csv:3: country 'Narnia'"))
        #expect(result.stderr.contains("error: bad.csv:4: 'russia-telegram-2018' has no demand 'no-such-demand'"))
        #expect(try sandbox.databaseBytes() == before)
    }

    @Test func anImportSaysWhichDetailsOfAKnownOrganisationItFilledInOrLeft() throws {
        let sandbox = try project()
        try sandbox.ok(["sign", slug, "--org", "Access Now", "--country", "US", "--website", "https://www.accessnow.org"])
        let csv = "org,country,website,kind\nAccess Now,US,https://other.example,ngo\n"
        let result = try sandbox.run(["import", slug, "-", "--on-duplicate", "update"], input: csv)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("\nfilled in: line 2: 'Access Now': kind ngo\n"))
        #expect(result.stderr.contains(
            "\nnot changed: line 2: 'Access Now' has website https://www.accessnow.org; the file says https://other.example "
                + "(to change it: jointly org edit 'Access Now' --website 'https://other.example')\n"))
    }

    @Test func exportRoundTripsThroughAFreshDatabaseAndSaysWhenItIsPrivate() throws {
        let sandbox = try project()
        try sandbox.ok(["sign", slug, "--org", "+972 Magazine", "--country", "IL", "--email", "ed@972.example", "--person", "Noam"])
        try sandbox.ok(["sign", slug, "--org", "Minsk Rights Group", "--country", "BY", "--unnamed"])
        try sandbox.ok(["import", slug, "statements/\(slug).signatories.csv", "--verified"])
        let publicRun = try sandbox.run(["export", slug])
        let csv = publicRun.stdout
        #expect(csv.contains("'+972 Magazine,"))
        #expect(!csv.contains("ed@972.example"))
        #expect(!csv.contains("Noam"), "the default export names who signed")
        #expect(!csv.contains("Minsk Rights Group"), "the default export names a group that asked to be unnamed")
        #expect(publicRun.stderr == "note: 1 signatory that asked to be unnamed is left out; --include-private includes it\n")
        try sandbox.ok(["sign", slug, "--org", "Gone Group", "--country", "GB"])
        try sandbox.ok(["withdraw", slug, "--org", "Gone Group", "--reason", "asked"])
        let withWithdrawal = try sandbox.run(["export", slug, "--output", "public.csv"])
        #expect(withWithdrawal.stderr.contains(
            "note: 1 withdrawn signature is not exported, so a database made from this file would not know of it; to copy the whole database, use 'jointly db backup FILE'\n"))
        let privateRun = try sandbox.run(["export", slug, "--include-private", "--output", "all.csv"])
        #expect(privateRun.stderr.contains("includes personal data (who signed, their titles, e-mail addresses, the groups that asked to be unnamed)"))
        #expect(try sandbox.read("all.csv").contains("ed@972.example"))
        #expect(try sandbox.read("all.csv").contains("Minsk Rights Group,,BY,"))
        try sandbox.ok(["init", "--db", "fresh.sqlite"])
        try sandbox.ok(["statement", "add", "statements/\(slug).md", "--db", "fresh.sqlite"])
        try sandbox.ok(["import", slug, "all.csv", "--db", "fresh.sqlite"])
        #expect(try sandbox.ok(["signatories", slug, "--format", "csv", "--db", "fresh.sqlite"]) == sandbox.ok(["signatories", slug, "--format", "csv"]))
        #expect(try sandbox.ok(["export", slug, "--include-private", "--db", "fresh.sqlite"]) == sandbox.read("all.csv"))
    }

    /// A withdrawn group in an old sheet stays withdrawn, and the summary says which line it was.
    @Test func aWithdrawnGroupLeftWithdrawnIsNamed() throws {
        let sandbox = try project()
        try sandbox.ok(["sign", slug, "--org", "Team 29", "--country", "RU"])
        try sandbox.ok(["withdraw", slug, "--org", "Team 29", "--reason", "at risk"])
        let result = try sandbox.run(["import", slug, "-"], input: "org,country\nteam 29,RU\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("\nleft withdrawn: line 2: 'team 29' already signed as 'Team 29' (withdrawn)\n"), "\(result.stderr)")
    }

    /// `sign --update` with nothing new said "use --update", which had been given.
    @Test func signUpdateWithNothingNewSaysSo() throws {
        let sandbox = try project()
        try sandbox.ok(["sign", slug, "--org", "Team 29", "--email", "info@team29.example"])
        let result = try sandbox.run(["sign", slug, "--org", "Team 29", "--email", "info@team29.example", "--update"])
        #expect(result.status == 1)
        #expect(result.stderr == "error: org 'Team 29': its signature of '\(slug)' (verified) already says all that; nothing was changed\n")
    }

    /// `render -o statements/SLUG.md` replaced the statement's source with its rendering.
    @Test func renderRefusesToWriteOverAStatementFileOrATemplate() throws {
        let sandbox = try project()
        let source = try sandbox.read("statements/\(slug).md")
        let result = try sandbox.run(["render", slug, "-o", "statements/\(slug).md"])
        #expect(result.status == 1)
        #expect(result.stderr == "error: --output 'statements/\(slug).md': is a statement file, a source Jointly reads; writing there would replace it, so give another file name\n")
        #expect(try sandbox.read("statements/\(slug).md") == source)
        try sandbox.write("{{title}}\n", to: "page.md.mustache")
        #expect(try sandbox.run(["render", slug, "-o", "page.md.mustache"]).status == 1)
        // A rendering is written, and written over, as before.
        try sandbox.ok(["render", slug, "-o", "out.md"])
        try sandbox.ok(["render", slug, "-o", "out.md"])
        #expect(try sandbox.read("out.md").hasPrefix("# Russia"))
    }

    /// A backup holds every e-mail address: only its owner reads it, as a private export.
    @Test func aBackupIsReadableByItsOwnerOnlyAndNeedsAFileName() throws {
        let sandbox = try project()
        try sandbox.ok(["sign", slug, "--org", "Team 29", "--email", "info@team29.example"])
        try sandbox.ok(["db", "backup", "copy.sqlite"])
        let attributes = try FileManager.default.attributesOfItem(atPath: sandbox.folder.appendingPathComponent("copy.sqlite").path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        try FileManager.default.createDirectory(at: sandbox.folder.appendingPathComponent("backups"), withIntermediateDirectories: true)
        let folder = try sandbox.run(["db", "backup", "backups"])
        #expect(folder.stderr == "error: backups: is a folder; give the backup a file name, such as backups/jointly-backup.sqlite\n")
    }

    /// `--output jointly.sqlite` is a slip of tab-completion away from `jointly.csv`.
    @Test(arguments: [
        ["export", "russia-telegram-2018", "--output", "jointly.sqlite"],
        ["export", "russia-telegram-2018", "--output", "./jointly.sqlite-wal"],
        ["render", "russia-telegram-2018", "--output", "jointly.sqlite"],
        ["db", "backup", "jointly.sqlite"],
    ])
    func aCommandRefusesToWriteOverTheDatabase(arguments: [String]) throws {
        let sandbox = try project()
        let before = try sandbox.databaseBytes()
        let result = try sandbox.run(arguments)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: "))
        #expect(result.stderr.contains("is the database (jointly.sqlite) or one of its files"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(try sandbox.databaseBytes() == before)
        // Another name is written as before.
        try sandbox.ok(["export", slug, "--output", "jointly.csv"])
    }

    /// Forms collected before the deadline are often typed in after it.
    @Test func anImportPastTheDeadlineNeedsForceAndTheLogSaysSo() throws {
        let sandbox = try project(deadline: "2018-05-10")
        try sandbox.write("org,country,signed-at\nLate Group,GB,2018-05-05\n", to: "late.csv")
        let before = try sandbox.databaseBytes()
        let refused = try sandbox.run(["import", slug, "late.csv"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("closed after 2018-05-10; add --force"))
        #expect(try sandbox.databaseBytes() == before)
        let forced = try sandbox.run(["import", slug, "late.csv", "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try sandbox.ok(["signatories", slug, "--format", "csv"]).contains("Late Group"))
        #expect(try sandbox.ok(["log", slug]).contains("\"pastDeadline\":\"2018-05-10\""))
    }

    /// After the deadline a sheet may still change signatures (verify them, ask for one to
    /// be unnamed) without --force, which would also let new late signatures in.
    @Test func anImportPastTheDeadlineMayStillChangeSignaturesButNotAddOne() throws {
        let sandbox = try project(deadline: "2018-05-10")
        try sandbox.write("org,country,signed-at\nEarly Group,GB,2018-05-05\n", to: "early.csv")
        try sandbox.ok(["import", slug, "early.csv", "--force"])
        try sandbox.write("org,country,unnamed\nEarly Group,GB,yes\n", to: "unname.csv")
        let changed = try sandbox.run(["import", slug, "unname.csv", "--verified", "--on-duplicate", "update"])
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(changed.stderr.contains("updated: line 2: 'Early Group': unnamed, verified"))
        try sandbox.write("org,country,unnamed\nEarly Group,GB,yes\nLate Group,GB,no\n", to: "mixed.csv")
        let before = try sandbox.databaseBytes()
        let refused = try sandbox.run(["import", slug, "mixed.csv", "--on-duplicate", "update"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("mixed.csv:3: deadline '2018-05-10': signing '\(slug)' closed after 2018-05-10; add --force"))
        #expect(try sandbox.databaseBytes() == before)
    }

    @Test func batchListAndUndo() throws {
        let sandbox = try project()
        try sandbox.ok(["import", slug, "statements/\(slug).signatories.csv"])
        #expect(try sandbox.ok(["batch", "list"]).contains("statements/\(slug).signatories.csv"))
        let undo = try sandbox.run(["batch", "undo", "1"])
        #expect(undo.stderr == "undid batch 1: removed 15 signatures, 15 organisations and 0 contacts\n")
        #expect(try sandbox.ok(["signatories", slug, "--format", "csv"]).split(separator: "\n").count == 1)
        let again = try sandbox.run(["batch", "undo", "1"])
        #expect(again.status == 1)
    }

    /// A withdrawal erased with its batch let the old sheet sign the group again.
    @Test func undoIsRefusedWhenItWouldEraseAWithdrawalOrAVerificationUnlessForced() throws {
        let sandbox = try project()
        try sandbox.ok(["import", slug, "statements/\(slug).signatories.csv"])
        try sandbox.ok(["withdraw", slug, "--org", "Team 29", "--reason", "at risk"])
        try sandbox.ok(["verify", slug, "--org", "Access Now", "--method", "phone", "--by", "Coordinator"])
        let before = try sandbox.databaseBytes()
        let refused = try sandbox.run(["batch", "undo", "1"])
        #expect(refused.status == 1)
        #expect(refused.stderr == "error: batch '1': since the import, 1 of its signatures was withdrawn and 1 verified by hand; undoing would erase that record too (a group that withdrew could be signed again by an old sheet), so nothing was changed: withdraw the others instead, or add --force\n")
        #expect(try sandbox.databaseBytes() == before)
        #expect(try sandbox.run(["batch", "undo", "1", "--force"]).status == 0)
    }

    /// `--on-duplicate update` gave Alpha a signer; undo takes it away again (before v10 it
    /// stayed, and undo only said so). `--dry-run` says the same and writes nothing.
    @Test func undoPutsBackWhatAnUpdateChangedAndADryRunWritesNothing() throws {
        let sandbox = try project()
        try sandbox.write("org,country\nAlpha,GB\nBeta,\n", to: "first.csv")
        try sandbox.write("org,country,person\nAlpha,GB,Jane Doe\nBeta,DE,\nGamma,FR,\n", to: "second.csv")
        try sandbox.ok(["import", slug, "first.csv"])
        try sandbox.ok(["import", slug, "second.csv", "--on-duplicate", "update"])
        let before = try sandbox.databaseBytes()
        let dry = try sandbox.run(["batch", "undo", "2", "--dry-run"])
        #expect(dry.status == 0)
        #expect(dry.stderr == """
            would undo batch 2: remove 1 signature, 1 organisation and 0 contacts; put back 1 signature it had updated \
            as it was before; clear the details it had filled in for 1 organisation; nothing was changed (dry run)

            """)
        #expect(try sandbox.databaseBytes() == before)
        let undo = try sandbox.run(["batch", "undo", "2"])
        #expect(undo.stderr == """
            undid batch 2: removed 1 signature, 1 organisation and 0 contacts; put back 1 signature it had updated as it was before; \
            cleared the details it had filled in for 1 organisation

            """)
        let names = try sandbox.ok(["signatories", slug, "--status", "pending", "--format", "csv"])
        #expect(names.contains("Alpha") && names.contains("Beta") && !names.contains("Gamma") && !names.contains("Jane Doe"))
        #expect(try sandbox.ok(["org", "list", "--format", "csv"]).contains("\nBeta,,,"))
    }

    @Test func orgEditAndAlias() throws {
        let sandbox = try project()
        try sandbox.ok(["sign", slug, "--org", "Humn Rights Watch", "--country", "US"])
        try sandbox.ok(["org", "edit", "Humn Rights Watch", "--name", "Human Rights Watch", "--website", "https://www.hrw.org"])
        try sandbox.ok(["org", "alias", "Human Rights Watch", "HRW"])
        let list = try sandbox.ok(["org", "list", "--format", "csv"])
        #expect(list.contains("Human Rights Watch,,US,,https://www.hrw.org,1,HRW"))
    }

    /// One group answered a form twice: with --on-duplicate update the later row replaces the
    /// earlier one, and the summary says so, so the coordinator can check which is right.
    @Test func anUpdateSaysWhichRowsChangedASignatureAndWhenOneReplacedAnEarlierRow() throws {
        let sandbox = try project()
        try sandbox.write("""
            org,country,demands,signed-at
            OVD-Info,RU,"unblock-telegram,repeal-vpn-ban",2018-05-02
            OVD Info,RU,unblock-telegram,2018-05-04

            """, to: "twice.csv")
        let result = try sandbox.run(["import", slug, "twice.csv", "--verified", "--on-duplicate", "update"])
        #expect(result.status == 0)
        #expect(result.stderr.contains(
            "updated: line 3: 'OVD Info' ('OVD-Info') replaced what an earlier line of this file said: signed-at, demands; check which answer is right\n"))
        try sandbox.write("org,country\nTeam 29,RU\n", to: "pending.csv")
        try sandbox.ok(["import", slug, "pending.csv"])
        let verify = try sandbox.run(["import", slug, "pending.csv", "--verified", "--on-duplicate", "update"])
        #expect(verify.stderr.contains("updated: line 2: 'Team 29': verified\n"))
    }

    /// The weekly form export says "Anonymous? no" for a group that has since asked to be
    /// unnamed: an update must not name it again.
    @Test func anImportUpdateNeverNamesAGroupThatAskedToBeUnnamed() throws {
        let sandbox = try project()
        try sandbox.ok(["sign", slug, "--org", "Team 29", "--country", "RU"])
        try sandbox.ok(["sign", slug, "--org", "Team 29", "--update", "--unnamed"])
        try sandbox.write("org,country,unnamed,signed-at\nTeam 29,RU,no,2018-05-01\n", to: "weekly.csv")
        let result = try sandbox.run(["import", slug, "weekly.csv", "--verified", "--on-duplicate", "update"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains(
            "kept unnamed: line 2: 'Team 29' asked to be unnamed, and the file's 'no' does not name it again (if it agreed: jointly sign \(slug) --org 'Team 29' --update --no-unnamed)\n"))
        #expect(try sandbox.ok(["signatories", slug, "--format", "csv"]).contains(",verified,unnamed,,2018-05-01,"), "still unnamed; the date was updated")
    }

    /// Two rows of one sheet both update a signature an earlier import made.
    @Test func aRowReplacingAnEarlierRowIsFoundWhenBothUpdate() throws {
        let sandbox = try project()
        try sandbox.write("org,country\nOVD-Info,RU\n", to: "first.csv")
        try sandbox.ok(["import", slug, "first.csv"])
        try sandbox.write("org,country,demands\nOVD-Info,RU,unblock-telegram\nOVD Info,RU,repeal-vpn-ban\n", to: "second.csv")
        let result = try sandbox.run(["import", slug, "second.csv", "--on-duplicate", "update"])
        #expect(result.stderr.contains("updated: line 2: 'OVD-Info': demands\n"), "\(result.stderr)")
        #expect(result.stderr.contains("updated: line 3: 'OVD Info' ('OVD-Info') replaced what an earlier line of this file said: demands"))
    }

    @Test func anUpdateCannotMakeAVerifiedSignaturePendingAndSaysSo() throws {
        let sandbox = try project()
        try sandbox.ok(["sign", slug, "--org", "Team 29", "--country", "RU"])
        let result = try sandbox.run(["sign", slug, "--org", "Team 29", "--update", "--pending"])
        #expect(result.status == 1)
        #expect(result.stderr == "error: org 'Team 29': its signature of '\(slug)' is verified, and an update does not make it pending again; nothing was changed (to take it off the list: jointly withdraw or jointly reject)\n")
    }

    @Test func ndjsonOnStandardInputNeedsNoFormatFlag() throws {
        let sandbox = try project()
        let result = try sandbox.run(["import", slug, "-"], input: "{\"organisation\": \"Team 29\", \"country\": \"RU\"}\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try sandbox.ok(["signatories", slug, "--format", "csv"]).contains("Team 29"))
    }

    @Test func anAmbiguousNameNamesTheFlagOfTheCommandAtHand() throws {
        let sandbox = try project()
        try sandbox.ok(["sign", slug, "--org", "Memorial", "--country", "RU"])
        try sandbox.ok(["sign", slug, "--org", "Memorial", "--country", "DE"])
        let before = try sandbox.databaseBytes()
        let edit = try sandbox.run(["org", "edit", "Memorial", "--website", "https://memo.example"])
        #expect(edit.status == 1)
        #expect(edit.stderr == "error: 'Memorial' matches organisations in DE and RU: add --match-country DE to say which\n")
        let merge = try sandbox.run(["org", "merge", "Memorial", "Memorial"])
        #expect(merge.stderr.contains("add --from-country DE to say which"))
        let into = try sandbox.run(["org", "merge", "Memorial", "Memorial", "--from-country", "DE"])
        #expect(into.stderr.contains("add --into-country DE to say which"))
        let alias = try sandbox.run(["org", "alias", "Memorial", "Memo"])
        #expect(alias.stderr.contains("add --country DE to say which"))
        #expect(try sandbox.databaseBytes() == before)
        try sandbox.ok(["org", "edit", "Memorial", "--match-country", "DE", "--website", "https://memo.example"])
    }

    /// An alias that is another organisation's short name signed that organisation's rows for
    /// the wrong one; a rename beside a namesake with no country left one unreachable.
    @Test func anAliasOrANameThatWouldMeanAnotherOrganisationIsRefused() throws {
        let sandbox = try project()
        try sandbox.ok(["sign", slug, "--org", "Human Rights Watch", "--short-name", "HRW", "--country", "US"])
        try sandbox.ok(["sign", slug, "--org", "Date Org"])
        let before = try sandbox.databaseBytes()
        let alias = try sandbox.run(["org", "alias", "Date Org", "hrw"])
        #expect(alias.status == 1)
        #expect(alias.stderr == "error: alias 'hrw': is the short name of 'Human Rights Watch'; if the two are one organisation, run: jointly org merge 'Date Org' 'Human Rights Watch'\n")
        let rename = try sandbox.run(["org", "edit", "Date Org", "--name", "Human Rights Watch"])
        #expect(rename.status == 1)
        #expect(rename.stderr.contains("'Human Rights Watch' (US) already has that name, and with one of the two without a country the name could not say which is meant"))
        #expect(try sandbox.databaseBytes() == before)
        try sandbox.ok(["org", "edit", "Date Org", "--country", "GB", "--name", "Human Rights Watch"])
    }

    @Test func anEmailAddressIsNeitherANewNameNorAnAlias() throws {
        let sandbox = try project()
        try sandbox.ok(["sign", slug, "--org", "Team 29", "--country", "RU"])
        let before = try sandbox.databaseBytes()
        for arguments in [["org", "alias", "Team 29", "info@team29.example"], ["org", "edit", "Team 29", "--name", "info@team29.example"]] {
            let result = try sandbox.run(arguments)
            #expect(result.status == 1)
            #expect(result.stderr.contains("'info@team29.example': looks like an e-mail address, and names are published; give the name itself"))
            #expect(!result.stderr.contains("--map"), "org edit and alias have no columns to map")
        }
        #expect(try sandbox.databaseBytes() == before)
    }
}
