import GRDB

/// The schema, as an append-only list of migrations.
///
/// A migration is never edited once it has shipped: a change to the schema is a new
/// migration (`v2`, `v3`, …) appended here, so every database ever written can be
/// brought forward. Constraints live in the schema, not in Swift: foreign keys,
/// `CHECK`s on every enumerated column and unique indexes are what keep the data
/// right when two processes write at once.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: v1)
        migrator.registerMigration("v2", migrate: v2)
        migrator.registerMigration("v3", migrate: v3)
        migrator.registerMigration("v4", migrate: v4)
        migrator.registerMigration("v5", migrate: v5)
        migrator.registerMigration("v6", migrate: v6)
        migrator.registerMigration("v7", migrate: v7)
        migrator.registerMigration("v8", migrate: v8)
        migrator.registerMigration("v9", migrate: v9)
        migrator.registerMigration("v10", migrate: v10)
        return migrator
    }

    /// The identifiers this build knows; a database that applied any other one was
    /// written by a newer Jointly.
    static var known: Set<String> { Set(migrator.migrations) }

    private static func v1(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE statement (
                id INTEGER PRIMARY KEY,
                slug TEXT NOT NULL UNIQUE
                    CHECK (slug <> '' AND slug NOT GLOB '*[^a-z0-9-]*'
                           AND slug NOT GLOB '-*' AND slug NOT GLOB '*-' AND slug NOT GLOB '*--*'),
                title TEXT NOT NULL CHECK (title <> ''),
                language TEXT NOT NULL CHECK (language <> ''),
                issuer TEXT NOT NULL CHECK (issuer <> ''),
                date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
                groupBy TEXT NOT NULL DEFAULT 'none' CHECK (groupBy IN ('none', 'kind', 'country')),
                status TEXT NOT NULL DEFAULT 'draft'
                    CHECK (status IN ('draft', 'open', 'published', 'closed')),
                deadline TEXT CHECK (deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
                openedAt TEXT,
                publishedAt TEXT,
                closedAt TEXT,
                sourcePath TEXT NOT NULL,
                createdAt TEXT NOT NULL,
                updatedAt TEXT NOT NULL
            );

            CREATE TABLE statementVersion (
                id INTEGER PRIMARY KEY,
                statementId INTEGER NOT NULL REFERENCES statement(id) ON DELETE CASCADE,
                language TEXT NOT NULL CHECK (language <> ''),
                number INTEGER NOT NULL CHECK (number >= 1),
                translatesVersion INTEGER CHECK (translatesVersion >= 1),
                title TEXT NOT NULL,
                body TEXT NOT NULL,
                textHash TEXT NOT NULL CHECK (length(textHash) = 64),
                changeNote TEXT,
                createdAt TEXT NOT NULL,
                UNIQUE (statementId, language, number)
            );

            CREATE TABLE addressee (
                id INTEGER PRIMARY KEY,
                key TEXT NOT NULL UNIQUE CHECK (key <> '' AND key NOT GLOB '*[^a-z0-9-]*'),
                name TEXT NOT NULL CHECK (name <> ''),
                kind TEXT NOT NULL CHECK (kind IN ('state', 'intergovernmental', 'company', 'other'))
            );

            CREATE TABLE demand (
                id INTEGER PRIMARY KEY,
                statementId INTEGER NOT NULL REFERENCES statement(id) ON DELETE CASCADE,
                key TEXT NOT NULL CHECK (key <> '' AND key NOT GLOB '*[^a-z0-9-]*'),
                position INTEGER NOT NULL,
                addresseeId INTEGER NOT NULL REFERENCES addressee(id),
                UNIQUE (statementId, key)
            );
            CREATE INDEX demand_key ON demand(key);

            CREATE TABLE demandText (
                id INTEGER PRIMARY KEY,
                demandId INTEGER NOT NULL REFERENCES demand(id) ON DELETE CASCADE,
                versionId INTEGER NOT NULL REFERENCES statementVersion(id) ON DELETE CASCADE,
                text TEXT NOT NULL CHECK (text <> ''),
                UNIQUE (demandId, versionId)
            );
            CREATE INDEX demandText_version ON demandText(versionId);

            CREATE TABLE organisation (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL CHECK (name <> ''),
                sortName TEXT NOT NULL CHECK (sortName <> ''),
                shortName TEXT CHECK (shortName <> ''),
                country TEXT CHECK (length(country) = 2 AND country NOT GLOB '*[^A-Z]*'),
                website TEXT CHECK (website LIKE 'http://_%' OR website LIKE 'https://_%'),
                kind TEXT CHECK (kind IN ('ngo', 'media', 'academic', 'union', 'company', 'network', 'other')),
                normalizedName TEXT NOT NULL CHECK (normalizedName <> ''),
                createdAt TEXT NOT NULL
            );
            CREATE UNIQUE INDEX organisation_identity ON organisation(normalizedName, ifnull(country, ''));

            CREATE TABLE organisationAlias (
                id INTEGER PRIMARY KEY,
                organisationId INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
                alias TEXT NOT NULL CHECK (alias <> ''),
                normalizedAlias TEXT NOT NULL UNIQUE CHECK (normalizedAlias <> '')
            );
            CREATE INDEX organisationAlias_organisation ON organisationAlias(organisationId);

            CREATE TABLE importBatch (
                id INTEGER PRIMARY KEY,
                statementId INTEGER NOT NULL REFERENCES statement(id) ON DELETE CASCADE,
                fileName TEXT NOT NULL,
                rowCount INTEGER NOT NULL,
                actor TEXT NOT NULL,
                createdAt TEXT NOT NULL
            );

            CREATE TABLE signature (
                id INTEGER PRIMARY KEY,
                statementId INTEGER NOT NULL REFERENCES statement(id) ON DELETE CASCADE,
                organisationId INTEGER NOT NULL REFERENCES organisation(id),
                versionId INTEGER NOT NULL REFERENCES statementVersion(id),
                status TEXT NOT NULL CHECK (status IN ('pending', 'verified', 'rejected', 'withdrawn')),
                person TEXT CHECK (person <> ''),
                personTitle TEXT CHECK (personTitle <> ''),
                onBehalf INTEGER NOT NULL DEFAULT 1 CHECK (onBehalf IN (0, 1)),
                unnamed INTEGER NOT NULL DEFAULT 0 CHECK (unnamed IN (0, 1)),
                signedAt TEXT NOT NULL CHECK (signedAt GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
                source TEXT NOT NULL CHECK (source IN ('cli', 'import', 'form')),
                batchId INTEGER REFERENCES importBatch(id) ON DELETE CASCADE,
                verificationMethod TEXT
                    CHECK (verificationMethod IN ('email', 'phone', 'letter', 'in-person', 'other')),
                verifiedBy TEXT,
                verificationEvidence TEXT,
                verifiedAt TEXT,
                rejectionReason TEXT,
                withdrawnAt TEXT,
                withdrawalReason TEXT,
                createdAt TEXT NOT NULL,
                updatedAt TEXT NOT NULL,
                UNIQUE (statementId, organisationId),
                CHECK (status <> 'withdrawn' OR withdrawnAt IS NOT NULL),
                CHECK (source <> 'import' OR batchId IS NOT NULL)
            );
            CREATE INDEX signature_organisation ON signature(organisationId);
            CREATE INDEX signature_batch ON signature(batchId);

            CREATE TABLE endorsement (
                signatureId INTEGER NOT NULL REFERENCES signature(id) ON DELETE CASCADE,
                demandId INTEGER NOT NULL REFERENCES demand(id) ON DELETE CASCADE,
                PRIMARY KEY (signatureId, demandId)
            ) WITHOUT ROWID;
            CREATE INDEX endorsement_demand ON endorsement(demandId);

            CREATE TABLE contact (
                id INTEGER PRIMARY KEY,
                organisationId INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
                signatureId INTEGER REFERENCES signature(id) ON DELETE CASCADE,
                email TEXT CHECK (email LIKE '_%@_%'),
                phone TEXT,
                note TEXT,
                createdAt TEXT NOT NULL,
                CHECK (email IS NOT NULL OR phone IS NOT NULL OR note IS NOT NULL)
            );
            CREATE INDEX contact_organisation ON contact(organisationId);
            CREATE INDEX contact_signature ON contact(signatureId);

            CREATE TABLE event (
                id INTEGER PRIMARY KEY,
                time TEXT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                statementId INTEGER REFERENCES statement(id) ON DELETE SET NULL,
                subject TEXT NOT NULL,
                oldValue TEXT,
                newValue TEXT,
                previousHash TEXT NOT NULL,
                hash TEXT NOT NULL UNIQUE CHECK (length(hash) = 64)
            );
            CREATE INDEX event_statement ON event(statementId);

            CREATE TABLE publication (
                id INTEGER PRIMARY KEY,
                statementId INTEGER NOT NULL REFERENCES statement(id) ON DELETE CASCADE,
                versionId INTEGER NOT NULL REFERENCES statementVersion(id),
                edition INTEGER NOT NULL CHECK (edition >= 1),
                publishedOn TEXT NOT NULL CHECK (publishedOn GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
                signatoryCount INTEGER NOT NULL CHECK (signatoryCount >= 0),
                joined TEXT NOT NULL,
                "left" TEXT NOT NULL,
                listHash TEXT NOT NULL CHECK (length(listHash) = 64),
                textHash TEXT NOT NULL CHECK (length(textHash) = 64),
                chainHead TEXT NOT NULL,
                createdAt TEXT NOT NULL,
                UNIQUE (statementId, edition)
            );
            """)
    }

    /// v2: which signatures each edition published, so an edition's list can be
    /// reproduced exactly, joiners and leavers computed by identity, and a published
    /// signature protected from `batch undo`.
    private static func v2(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE publishedSignature (
                publicationId INTEGER NOT NULL REFERENCES publication(id) ON DELETE CASCADE,
                signatureId INTEGER NOT NULL REFERENCES signature(id) ON DELETE CASCADE,
                PRIMARY KEY (publicationId, signatureId)
            ) WITHOUT ROWID;
            CREATE INDEX publishedSignature_signature ON publishedSignature(signatureId);
            """)
    }

    /// Import batches: which organisations and contacts a batch created, and when it
    /// was undone, so `jointly batch undo` removes exactly what the batch added.
    private static func v3(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE importBatch ADD COLUMN undoneAt TEXT;
            ALTER TABLE organisation ADD COLUMN batchId INTEGER REFERENCES importBatch(id) ON DELETE SET NULL;
            ALTER TABLE contact ADD COLUMN batchId INTEGER REFERENCES importBatch(id) ON DELETE SET NULL;
            """)
    }

    /// v4: `organisation` and `signature`, the tables an import fills, rebuilt with their
    /// enumerated `CHECK`s written as `OR` chains. The rules are the same; SQLite 3.40
    /// evaluates `x IN ('a', 'b')` in a `CHECK` by building a temporary table for every
    /// row written, which made a 100,000-row import spend twice as long in the inserts.
    /// The rebuild follows SQLite's procedure: new table, copy, drop, rename, indexes
    /// (foreign keys are checked after the migration by the migrator).
    private static func v4(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE organisation_v4 (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL CHECK (name <> ''),
                sortName TEXT NOT NULL CHECK (sortName <> ''),
                shortName TEXT CHECK (shortName <> ''),
                country TEXT CHECK (length(country) = 2 AND country NOT GLOB '*[^A-Z]*'),
                website TEXT CHECK (website LIKE 'http://_%' OR website LIKE 'https://_%'),
                kind TEXT CHECK (kind = 'ngo' OR kind = 'media' OR kind = 'academic' OR kind = 'union'
                                 OR kind = 'company' OR kind = 'network' OR kind = 'other'),
                normalizedName TEXT NOT NULL CHECK (normalizedName <> ''),
                createdAt TEXT NOT NULL,
                batchId INTEGER REFERENCES importBatch(id) ON DELETE SET NULL
            );
            INSERT INTO organisation_v4 SELECT id, name, sortName, shortName, country, website, kind, normalizedName,
                                               createdAt, batchId FROM organisation;
            DROP TABLE organisation;
            ALTER TABLE organisation_v4 RENAME TO organisation;
            CREATE UNIQUE INDEX organisation_identity ON organisation(normalizedName, ifnull(country, ''));

            CREATE TABLE signature_v4 (
                id INTEGER PRIMARY KEY,
                statementId INTEGER NOT NULL REFERENCES statement(id) ON DELETE CASCADE,
                organisationId INTEGER NOT NULL REFERENCES organisation(id),
                versionId INTEGER NOT NULL REFERENCES statementVersion(id),
                status TEXT NOT NULL
                    CHECK (status = 'pending' OR status = 'verified' OR status = 'rejected' OR status = 'withdrawn'),
                person TEXT CHECK (person <> ''),
                personTitle TEXT CHECK (personTitle <> ''),
                onBehalf INTEGER NOT NULL DEFAULT 1 CHECK (onBehalf = 0 OR onBehalf = 1),
                unnamed INTEGER NOT NULL DEFAULT 0 CHECK (unnamed = 0 OR unnamed = 1),
                signedAt TEXT NOT NULL CHECK (signedAt GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
                source TEXT NOT NULL CHECK (source = 'cli' OR source = 'import' OR source = 'form'),
                batchId INTEGER REFERENCES importBatch(id) ON DELETE CASCADE,
                verificationMethod TEXT
                    CHECK (verificationMethod = 'email' OR verificationMethod = 'phone' OR verificationMethod = 'letter'
                           OR verificationMethod = 'in-person' OR verificationMethod = 'other'),
                verifiedBy TEXT,
                verificationEvidence TEXT,
                verifiedAt TEXT,
                rejectionReason TEXT,
                withdrawnAt TEXT,
                withdrawalReason TEXT,
                createdAt TEXT NOT NULL,
                updatedAt TEXT NOT NULL,
                UNIQUE (statementId, organisationId),
                CHECK (status <> 'withdrawn' OR withdrawnAt IS NOT NULL),
                CHECK (source <> 'import' OR batchId IS NOT NULL)
            );
            INSERT INTO signature_v4 SELECT * FROM signature;
            DROP TABLE signature;
            ALTER TABLE signature_v4 RENAME TO signature;
            CREATE INDEX signature_organisation ON signature(organisationId);
            CREATE INDEX signature_batch ON signature(batchId);
            """)
    }

    /// v5: what each translation calls the statement's addressees, so a Russian page says
    /// "Российские власти" where the original says "Russian authorities".
    private static func v5(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE addresseeName (
                id INTEGER PRIMARY KEY,
                addresseeId INTEGER NOT NULL REFERENCES addressee(id) ON DELETE CASCADE,
                statementId INTEGER NOT NULL REFERENCES statement(id) ON DELETE CASCADE,
                language TEXT NOT NULL CHECK (language <> ''),
                name TEXT NOT NULL CHECK (name <> ''),
                UNIQUE (statementId, language, addresseeId)
            );
            CREATE INDEX addresseeName_addressee ON addresseeName(addresseeId);
            """)
    }

    /// v6: a signature an edition published can no longer be deleted (`ON DELETE RESTRICT`,
    /// was `CASCADE`). `batch undo` and `org merge` each had a path that deleted one, and the
    /// cascade silently took it out of the edition's record; both now refuse or move it, and
    /// this makes any path that forgets fail instead. (Deleting a whole statement would have
    /// to delete its publications first; no command deletes a statement.)
    private static func v6(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE publishedSignature_v6 (
                publicationId INTEGER NOT NULL REFERENCES publication(id) ON DELETE CASCADE,
                signatureId INTEGER NOT NULL REFERENCES signature(id) ON DELETE RESTRICT,
                PRIMARY KEY (publicationId, signatureId)
            ) WITHOUT ROWID;
            INSERT INTO publishedSignature_v6 SELECT publicationId, signatureId FROM publishedSignature;
            DROP TABLE publishedSignature;
            ALTER TABLE publishedSignature_v6 RENAME TO publishedSignature;
            CREATE INDEX publishedSignature_signature ON publishedSignature(signatureId);
            """)
    }

    /// v7: names matched again under the rule that keeps a `+` or `#` after a letter or
    /// digit (`C++`, `LGBT+`), which used to be dropped, so `C++ Users Group` and `C Users
    /// Group` were one organisation and the second one's signature was skipped. The new key
    /// only ever tells apart names the old one joined, so no two rows can collide. Only
    /// names with such a sign, or with characters past ASCII (a full-width `＋`), can change.
    /// It calls today's `Names.normalized`: a later change to that rule needs a re-key
    /// migration of its own, like this one.
    private static func v7(_ db: Database) throws {
        for (table, source, key) in [("organisation", "name", "normalizedName"), ("organisationAlias", "alias", "normalizedAlias")] {
            // The few keys that change are gathered first: a table is not updated while it is read.
            var changed: [(id: Int64, key: String)] = []
            let rows = try Row.fetchCursor(db, sql: """
                SELECT id, \(source), \(key) FROM \(table) WHERE \(source) GLOB '*[+#]*' OR \(source) GLOB '*[^ -~]*'
                """)
            while let row = try rows.next() {
                let new = Names.normalized(row[1])
                if new != row[2] as String { changed.append((row[0], new)) }
            }
            let update = try db.makeStatement(sql: "UPDATE \(table) SET \(key) = ? WHERE id = ?")
            for (id, key) in changed { try update.execute(arguments: [key, id]) }
        }
    }

    /// v8: `sign` asks whether a new organisation's name is a known one's short name
    /// ("CPJ"), case-insensitively; a partial index answers that without reading every
    /// organisation, and costs nothing for the many that have no short name.
    private static func v8(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX organisation_shortName ON organisation(shortName COLLATE NOCASE) WHERE shortName IS NOT NULL
            """)
    }

    /// v9: an edition keeps its list as it was published: each row's place, name and
    /// country and whether it was unnamed. Before, an edition stored only which signatures
    /// it listed and read names from `organisation`, so `org edit` or `org merge` rewrote
    /// what an old edition said in `statement history`, and the next edition's "left"
    /// named an organisation as it is called now. `db check` now verifies every kept list
    /// against the sha256 recorded when it was published.
    ///
    /// Editions published before v9 get the names the database holds today, sorted as
    /// `publish` sorted them (ties in the order of its query plan, by organisation). Where that list hashes to the recorded sha256 it is exactly
    /// what was published; where it does not (an organisation renamed or merged since),
    /// `namesKept` is 0: the history says so, and `db check` does not report it.
    private static func v9(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE publishedSignature_v9 (
                publicationId INTEGER NOT NULL REFERENCES publication(id) ON DELETE CASCADE,
                position INTEGER NOT NULL CHECK (position >= 1),
                signatureId INTEGER NOT NULL REFERENCES signature(id) ON DELETE RESTRICT,
                name TEXT NOT NULL CHECK (name <> ''),
                country TEXT,
                unnamed INTEGER NOT NULL CHECK (unnamed = 0 OR unnamed = 1),
                PRIMARY KEY (publicationId, position)
            ) WITHOUT ROWID;
            ALTER TABLE publication ADD COLUMN namesKept INTEGER NOT NULL DEFAULT 1 CHECK (namesKept = 0 OR namesKept = 1);
            """)
        let insert = try db.makeStatement(sql: """
            INSERT INTO publishedSignature_v9 (publicationId, position, signatureId, name, country, unnamed) VALUES (?, ?, ?, ?, ?, ?)
            """)
        let publications = try Row.fetchAll(db, sql: """
            SELECT p.id, p.listHash, s.language FROM publication p JOIN statement s ON s.id = p.statementId ORDER BY p.id
            """)
        for publication in publications {
            let publicationId: Int64 = publication["id"]
            let rows = try Row.fetchAll(db, sql: """
                SELECT g.id, o.name, o.sortName, o.country, g.unnamed FROM publishedSignature p
                JOIN signature g ON g.id = p.signatureId JOIN organisation o ON o.id = g.organisationId
                WHERE p.publicationId = ? ORDER BY g.organisationId
                """, arguments: [publicationId])
            let entries = Collation(language: publication["language"]).sorted(rows) { $0["sortName"] as String }.map {
                PublishedList.Entry(signatureId: $0["id"], name: $0["name"], country: $0["country"], unnamed: $0["unnamed"])
            }
            for (offset, entry) in entries.enumerated() {
                try insert.execute(arguments: [publicationId, offset + 1, entry.signatureId, entry.name, entry.country, entry.unnamed])
            }
            if PublishedList(entries: entries).hash != publication["listHash"] as String {
                try db.execute(sql: "UPDATE publication SET namesKept = 0 WHERE id = ?", arguments: [publicationId])
            }
        }
        try db.execute(sql: """
            DROP TABLE publishedSignature;
            ALTER TABLE publishedSignature_v9 RENAME TO publishedSignature;
            CREATE INDEX publishedSignature_signature ON publishedSignature(signatureId);
            """)
    }

    /// v10: what an import changed of rows it did not add, so `batch undo` puts it back.
    /// Before, undo removed what a batch added but left the signatures it had updated
    /// (`--on-duplicate update`: demands, signer, verified) and the blank details it had
    /// filled in (a country, a website) as the import left them, and only said so. Batches
    /// imported before v10 recorded nothing: `keepsEarlierValues` is 0 for them, and their
    /// undo still says what it cannot restore.
    private static func v10(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE batchSignatureChange (
                batchId INTEGER NOT NULL REFERENCES importBatch(id) ON DELETE CASCADE,
                signatureId INTEGER NOT NULL REFERENCES signature(id) ON DELETE CASCADE,
                before TEXT NOT NULL CHECK (json_valid(before)),
                after TEXT NOT NULL CHECK (json_valid(after)),
                PRIMARY KEY (batchId, signatureId)
            ) WITHOUT ROWID;
            CREATE INDEX batchSignatureChange_signature ON batchSignatureChange(signatureId);
            CREATE TABLE batchOrganisationFill (
                batchId INTEGER NOT NULL REFERENCES importBatch(id) ON DELETE CASCADE,
                organisationId INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
                filled TEXT NOT NULL CHECK (json_valid(filled) AND json_type(filled) = 'object'),
                PRIMARY KEY (batchId, organisationId)
            ) WITHOUT ROWID;
            CREATE INDEX batchOrganisationFill_organisation ON batchOrganisationFill(organisationId);
            ALTER TABLE importBatch ADD COLUMN keepsEarlierValues INTEGER NOT NULL DEFAULT 0
                CHECK (keepsEarlierValues = 0 OR keepsEarlierValues = 1);
            """)
    }
}
