PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
INSERT INTO grdb_migrations VALUES('v1');
INSERT INTO grdb_migrations VALUES('v2');
INSERT INTO grdb_migrations VALUES('v3');
INSERT INTO grdb_migrations VALUES('v4');
INSERT INTO grdb_migrations VALUES('v5');
INSERT INTO grdb_migrations VALUES('v6');
INSERT INTO grdb_migrations VALUES('v7');
INSERT INTO grdb_migrations VALUES('v8');
INSERT INTO grdb_migrations VALUES('v9');
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
INSERT INTO statement VALUES(1,'russia-telegram-2018','Russia: Telegram block leads to widespread assault on freedom of expression online','en','ARTICLE 19','2018-04-30','none','published',NULL,'2026-11-29','2018-04-30',NULL,'statements/russia-telegram-2018.md','2026-11-29T03:34:23Z','2026-11-29T03:34:23Z');
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
INSERT INTO statementVersion VALUES(1,1,'en',1,NULL,'Russia: Telegram block leads to widespread assault on freedom of expression online',replace('We, the undersigned organisations, condemn the blocking of the messaging service\nTelegram in Russia and the damage it has done to the Internet freedom of millions of\npeople.\n\nOn 13 April 2018 the Tagansky district court in Moscow granted a request by the\ncommunications regulator, Roskomnadzor, to block Telegram. The company had refused to\ngive the Federal Security Service (FSB) the keys to decrypt its users'' messages, as an\norder of 2017 demanded. Telegram had close to 15 million users in Russia.\n\nFrom 16 April the regulator ordered the blocking of close to 20 million IP addresses,\nmost of them belonging to the cloud services of Google, Amazon and Microsoft, in an\nattempt to stop people reaching Telegram. About 14.6 million of those addresses were\nstill blocked on 30 April. Services that have nothing to do with Telegram stopped\nworking: bank transfers, online games, ticket and flight bookings, online shops, and at\nleast six online media outlets.\n\nThe block is the latest step in a campaign that has narrowed freedom of expression\nonline in Russia for years: a blacklist of websites kept by Roskomnadzor since 2012, the\n"Yarovaya" surveillance laws of 2016, the obligation to store Russian users'' data inside\nRussia, the ban on VPNs and anonymisers, and the ban on using messaging services\nanonymously. Together these measures threaten the rights to freedom of expression and\nto privacy of everyone in Russia, and the security of their communications.\n\nWe call on the Russian authorities, on the international community and on Internet\ncompanies to act as follows.','\n',char(10)),'c245917d5c2d6c74be3e7d4a5fc09ec014a64f47906266effaa8ac4f85ff36c1',NULL,'2026-11-29T03:34:23Z');
CREATE TABLE addressee (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE CHECK (key <> '' AND key NOT GLOB '*[^a-z0-9-]*'),
    name TEXT NOT NULL CHECK (name <> ''),
    kind TEXT NOT NULL CHECK (kind IN ('state', 'intergovernmental', 'company', 'other'))
);
INSERT INTO addressee VALUES(1,'russia','Russian authorities','state');
INSERT INTO addressee VALUES(2,'international-community','UN, Council of Europe, OSCE, EU, United States and other governments','intergovernmental');
INSERT INTO addressee VALUES(3,'internet-companies','Internet companies','company');
CREATE TABLE demand (
    id INTEGER PRIMARY KEY,
    statementId INTEGER NOT NULL REFERENCES statement(id) ON DELETE CASCADE,
    key TEXT NOT NULL CHECK (key <> '' AND key NOT GLOB '*[^a-z0-9-]*'),
    position INTEGER NOT NULL,
    addresseeId INTEGER NOT NULL REFERENCES addressee(id),
    UNIQUE (statementId, key)
);
INSERT INTO demand VALUES(1,1,'unblock-telegram',0,1);
INSERT INTO demand VALUES(2,1,'end-internet-attacks',1,1);
INSERT INTO demand VALUES(3,1,'repeal-data-localisation',2,1);
INSERT INTO demand VALUES(4,1,'repeal-vpn-ban',3,1);
INSERT INTO demand VALUES(5,1,'repeal-anonymity-ban',4,1);
INSERT INTO demand VALUES(6,1,'challenge-russia',5,2);
INSERT INTO demand VALUES(7,1,'resist-unlawful-orders',6,3);
CREATE TABLE demandText (
    id INTEGER PRIMARY KEY,
    demandId INTEGER NOT NULL REFERENCES demand(id) ON DELETE CASCADE,
    versionId INTEGER NOT NULL REFERENCES statementVersion(id) ON DELETE CASCADE,
    text TEXT NOT NULL CHECK (text <> ''),
    UNIQUE (demandId, versionId)
);
INSERT INTO demandText VALUES(1,1,1,'Stop blocking Telegram.');
INSERT INTO demandText VALUES(2,2,1,'End the wider campaign against freedom of expression and privacy on the Internet.');
INSERT INTO demandText VALUES(3,3,1,'Repeal the laws that oblige companies to keep the data of Russian users on servers inside Russia.');
INSERT INTO demandText VALUES(4,4,1,'Repeal the ban on VPNs and anonymisers.');
INSERT INTO demandText VALUES(5,5,1,'Repeal the ban on using messaging services anonymously.');
INSERT INTO demandText VALUES(6,6,1,'Challenge these actions by the Russian authorities and defend the rights to freedom of expression and privacy online as well as offline.');
INSERT INTO demandText VALUES(7,7,1,'Resist orders without a sound legal basis that would violate the rights of their users.');
CREATE TABLE organisationAlias (
    id INTEGER PRIMARY KEY,
    organisationId INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
    alias TEXT NOT NULL CHECK (alias <> ''),
    normalizedAlias TEXT NOT NULL UNIQUE CHECK (normalizedAlias <> '')
);
CREATE TABLE importBatch (
    id INTEGER PRIMARY KEY,
    statementId INTEGER NOT NULL REFERENCES statement(id) ON DELETE CASCADE,
    fileName TEXT NOT NULL,
    rowCount INTEGER NOT NULL,
    actor TEXT NOT NULL,
    createdAt TEXT NOT NULL
, undoneAt TEXT);
INSERT INTO importBatch VALUES(1,1,'statements/russia-telegram-2018.signatories.csv',15,'root','2026-11-29T03:34:23Z',NULL);
CREATE TABLE endorsement (
    signatureId INTEGER NOT NULL REFERENCES signature(id) ON DELETE CASCADE,
    demandId INTEGER NOT NULL REFERENCES demand(id) ON DELETE CASCADE,
    PRIMARY KEY (signatureId, demandId)
) WITHOUT ROWID;
INSERT INTO endorsement VALUES(1,1);
INSERT INTO endorsement VALUES(2,1);
INSERT INTO endorsement VALUES(3,1);
INSERT INTO endorsement VALUES(4,1);
INSERT INTO endorsement VALUES(5,1);
INSERT INTO endorsement VALUES(6,1);
INSERT INTO endorsement VALUES(7,1);
INSERT INTO endorsement VALUES(8,1);
INSERT INTO endorsement VALUES(9,1);
INSERT INTO endorsement VALUES(10,1);
INSERT INTO endorsement VALUES(11,1);
INSERT INTO endorsement VALUES(12,1);
INSERT INTO endorsement VALUES(13,1);
INSERT INTO endorsement VALUES(14,1);
INSERT INTO endorsement VALUES(15,1);
INSERT INTO endorsement VALUES(16,1);
INSERT INTO endorsement VALUES(1,2);
INSERT INTO endorsement VALUES(2,2);
INSERT INTO endorsement VALUES(3,2);
INSERT INTO endorsement VALUES(4,2);
INSERT INTO endorsement VALUES(5,2);
INSERT INTO endorsement VALUES(6,2);
INSERT INTO endorsement VALUES(7,2);
INSERT INTO endorsement VALUES(8,2);
INSERT INTO endorsement VALUES(9,2);
INSERT INTO endorsement VALUES(10,2);
INSERT INTO endorsement VALUES(11,2);
INSERT INTO endorsement VALUES(12,2);
INSERT INTO endorsement VALUES(13,2);
INSERT INTO endorsement VALUES(14,2);
INSERT INTO endorsement VALUES(15,2);
INSERT INTO endorsement VALUES(16,2);
INSERT INTO endorsement VALUES(1,3);
INSERT INTO endorsement VALUES(2,3);
INSERT INTO endorsement VALUES(3,3);
INSERT INTO endorsement VALUES(4,3);
INSERT INTO endorsement VALUES(5,3);
INSERT INTO endorsement VALUES(6,3);
INSERT INTO endorsement VALUES(7,3);
INSERT INTO endorsement VALUES(8,3);
INSERT INTO endorsement VALUES(9,3);
INSERT INTO endorsement VALUES(10,3);
INSERT INTO endorsement VALUES(11,3);
INSERT INTO endorsement VALUES(12,3);
INSERT INTO endorsement VALUES(13,3);
INSERT INTO endorsement VALUES(14,3);
INSERT INTO endorsement VALUES(15,3);
INSERT INTO endorsement VALUES(16,3);
INSERT INTO endorsement VALUES(1,4);
INSERT INTO endorsement VALUES(2,4);
INSERT INTO endorsement VALUES(3,4);
INSERT INTO endorsement VALUES(4,4);
INSERT INTO endorsement VALUES(5,4);
INSERT INTO endorsement VALUES(6,4);
INSERT INTO endorsement VALUES(7,4);
INSERT INTO endorsement VALUES(8,4);
INSERT INTO endorsement VALUES(9,4);
INSERT INTO endorsement VALUES(10,4);
INSERT INTO endorsement VALUES(11,4);
INSERT INTO endorsement VALUES(12,4);
INSERT INTO endorsement VALUES(13,4);
INSERT INTO endorsement VALUES(14,4);
INSERT INTO endorsement VALUES(15,4);
INSERT INTO endorsement VALUES(16,4);
INSERT INTO endorsement VALUES(1,5);
INSERT INTO endorsement VALUES(2,5);
INSERT INTO endorsement VALUES(3,5);
INSERT INTO endorsement VALUES(4,5);
INSERT INTO endorsement VALUES(5,5);
INSERT INTO endorsement VALUES(6,5);
INSERT INTO endorsement VALUES(7,5);
INSERT INTO endorsement VALUES(8,5);
INSERT INTO endorsement VALUES(9,5);
INSERT INTO endorsement VALUES(10,5);
INSERT INTO endorsement VALUES(11,5);
INSERT INTO endorsement VALUES(12,5);
INSERT INTO endorsement VALUES(13,5);
INSERT INTO endorsement VALUES(14,5);
INSERT INTO endorsement VALUES(15,5);
INSERT INTO endorsement VALUES(16,5);
INSERT INTO endorsement VALUES(1,6);
INSERT INTO endorsement VALUES(2,6);
INSERT INTO endorsement VALUES(3,6);
INSERT INTO endorsement VALUES(4,6);
INSERT INTO endorsement VALUES(5,6);
INSERT INTO endorsement VALUES(6,6);
INSERT INTO endorsement VALUES(7,6);
INSERT INTO endorsement VALUES(8,6);
INSERT INTO endorsement VALUES(9,6);
INSERT INTO endorsement VALUES(10,6);
INSERT INTO endorsement VALUES(11,6);
INSERT INTO endorsement VALUES(12,6);
INSERT INTO endorsement VALUES(13,6);
INSERT INTO endorsement VALUES(14,6);
INSERT INTO endorsement VALUES(15,6);
INSERT INTO endorsement VALUES(16,6);
INSERT INTO endorsement VALUES(1,7);
INSERT INTO endorsement VALUES(2,7);
INSERT INTO endorsement VALUES(3,7);
INSERT INTO endorsement VALUES(4,7);
INSERT INTO endorsement VALUES(5,7);
INSERT INTO endorsement VALUES(6,7);
INSERT INTO endorsement VALUES(7,7);
INSERT INTO endorsement VALUES(8,7);
INSERT INTO endorsement VALUES(9,7);
INSERT INTO endorsement VALUES(10,7);
INSERT INTO endorsement VALUES(11,7);
INSERT INTO endorsement VALUES(12,7);
INSERT INTO endorsement VALUES(13,7);
INSERT INTO endorsement VALUES(14,7);
INSERT INTO endorsement VALUES(15,7);
INSERT INTO endorsement VALUES(16,7);
CREATE TABLE contact (
    id INTEGER PRIMARY KEY,
    organisationId INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
    signatureId INTEGER REFERENCES signature(id) ON DELETE CASCADE,
    email TEXT CHECK (email LIKE '_%@_%'),
    phone TEXT,
    note TEXT,
    createdAt TEXT NOT NULL, batchId INTEGER REFERENCES importBatch(id) ON DELETE SET NULL,
    CHECK (email IS NOT NULL OR phone IS NOT NULL OR note IS NOT NULL)
);
INSERT INTO contact VALUES(1,16,16,'a@b.example',NULL,NULL,'2026-11-29T03:34:23Z',NULL);
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
INSERT INTO event VALUES(1,'2026-11-29T03:34:23Z','root','statement.add',1,'russia-telegram-2018',NULL,'{"demands":"unblock-telegram,end-internet-attacks,repeal-data-localisation,repeal-vpn-ban,repeal-anonymity-ban,challenge-russia,resist-unlawful-orders","textHash":"c245917d5c2d6c74be3e7d4a5fc09ec014a64f47906266effaa8ac4f85ff36c1","title":"Russia: Telegram block leads to widespread assault on freedom of expression online"}','0000000000000000000000000000000000000000000000000000000000000000','09cac8c857a39fbde743a116e7aaeae420cdc5290fbac6fbf5f97e86846656e0');
INSERT INTO event VALUES(2,'2026-11-29T03:34:23Z','root','import',1,'statements/russia-telegram-2018.signatories.csv',NULL,'{"batch":"1","organisations":"15","reactivated":"0","rows":"15","signatures":"15","skipped":"0","updated":"0"}','09cac8c857a39fbde743a116e7aaeae420cdc5290fbac6fbf5f97e86846656e0','7116ce89b1f3cdbdf49bd477eb87f105733e9ac677f23505f7cb6c8a26762b91');
INSERT INTO event VALUES(3,'2026-11-29T03:34:23Z','root','signature.add',1,'Private Org',NULL,'{"demands":["unblock-telegram","end-internet-attacks","repeal-data-localisation","repeal-vpn-ban","repeal-anonymity-ban","challenge-russia","resist-unlawful-orders"],"onBehalf":true,"person":true,"signedAt":"2026-11-29","status":"verified","title":false,"unnamed":true}','7116ce89b1f3cdbdf49bd477eb87f105733e9ac677f23505f7cb6c8a26762b91','7bf307c4d47b0281afca83936d509346e0b992706bfaab6514636793d7799d6e');
INSERT INTO event VALUES(4,'2026-11-29T03:34:23Z','root','statement.open',1,'russia-telegram-2018','{"status":"draft"}','{"status":"open"}','7bf307c4d47b0281afca83936d509346e0b992706bfaab6514636793d7799d6e','baef226498932214c2a53da775e93fc95f5448289fefbfb2e491cec5d32573e5');
INSERT INTO event VALUES(5,'2026-11-29T03:34:23Z','root','statement.publish',1,'russia-telegram-2018','{"status":"open"}','{"date":"2018-04-30","edition":"1","listHash":"d03d3a8ceaaea789650a0018db9250755f0924e5bdc6868f136f8f7a66eb3f2b","signatories":"13","status":"published","textHash":"c245917d5c2d6c74be3e7d4a5fc09ec014a64f47906266effaa8ac4f85ff36c1"}','baef226498932214c2a53da775e93fc95f5448289fefbfb2e491cec5d32573e5','6eb51c0ac921968d7ccd7b968ed7ff4a0e24d7b953bcf0a4f3ab5ce4c0be8452');
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
    createdAt TEXT NOT NULL, namesKept INTEGER NOT NULL DEFAULT 1 CHECK (namesKept = 0 OR namesKept = 1),
    UNIQUE (statementId, edition)
);
INSERT INTO publication VALUES(1,1,1,1,'2018-04-30',13,'["Access Now","Agora International Human Rights Group","Amnesty International","ARTICLE 19","Committee to Protect Journalists","Development of Democracy and Human Rights","Human Rights Watch","Mass Media Defence Centre","Memorial Human Rights Centre","Moscow Helsinki Group","Reporters Without Borders","Roskomsvoboda","Team 29"]','[]','d03d3a8ceaaea789650a0018db9250755f0924e5bdc6868f136f8f7a66eb3f2b','c245917d5c2d6c74be3e7d4a5fc09ec014a64f47906266effaa8ac4f85ff36c1','6eb51c0ac921968d7ccd7b968ed7ff4a0e24d7b953bcf0a4f3ab5ce4c0be8452','2026-11-29T03:34:23Z',1);
CREATE TABLE IF NOT EXISTS "organisation" (
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
INSERT INTO organisation VALUES(1,'ARTICLE 19','ARTICLE 19',NULL,'GB','https://www.article19.org','ngo','article 19','2026-11-29T03:34:23Z',1);
INSERT INTO organisation VALUES(2,'Human Rights Watch','Human Rights Watch','HRW','US','https://www.hrw.org','ngo','human rights watch','2026-11-29T03:34:23Z',1);
INSERT INTO organisation VALUES(3,'Amnesty International','Amnesty International',NULL,'GB','https://www.amnesty.org','ngo','amnesty international','2026-11-29T03:34:23Z',1);
INSERT INTO organisation VALUES(4,'Committee to Protect Journalists','Committee to Protect Journalists','CPJ','US','https://cpj.org','ngo','committee to protect journalists','2026-11-29T03:34:23Z',1);
INSERT INTO organisation VALUES(5,'Agora International Human Rights Group','Agora International Human Rights Group','Agora','RU',NULL,'ngo','agora international human rights group','2026-11-29T03:34:23Z',1);
INSERT INTO organisation VALUES(6,'Moscow Helsinki Group','Moscow Helsinki Group',NULL,'RU',NULL,'ngo','moscow helsinki group','2026-11-29T03:34:23Z',1);
INSERT INTO organisation VALUES(7,'Reporters Without Borders','Reporters Without Borders','RSF','FR','https://rsf.org','ngo','reporters without borders','2026-11-29T03:34:23Z',1);
INSERT INTO organisation VALUES(8,'Roskomsvoboda','Roskomsvoboda',NULL,'RU',NULL,'ngo','roskomsvoboda','2026-11-29T03:34:23Z',1);
INSERT INTO organisation VALUES(9,'Team 29','Team 29',NULL,'RU',NULL,'ngo','team 29','2026-11-29T03:34:23Z',1);
INSERT INTO organisation VALUES(10,'Access Now','Access Now',NULL,'US','https://www.accessnow.org','ngo','access now','2026-11-29T03:34:23Z',1);
INSERT INTO organisation VALUES(11,'Development of Democracy and Human Rights','Development of Democracy and Human Rights',NULL,'RU',NULL,'ngo','development of democracy and human rights','2026-11-29T03:34:23Z',1);
INSERT INTO organisation VALUES(12,'Memorial Human Rights Centre','Memorial Human Rights Centre',NULL,'RU',NULL,'ngo','memorial human rights centre','2026-11-29T03:34:23Z',1);
INSERT INTO organisation VALUES(13,'Mass Media Defence Centre','Mass Media Defence Centre',NULL,'RU',NULL,'ngo','mass media defence centre','2026-11-29T03:34:23Z',1);
INSERT INTO organisation VALUES(14,'Transparency International','Transparency International',NULL,'DE','https://www.transparency.org','ngo','transparency international','2026-11-29T03:34:23Z',1);
INSERT INTO organisation VALUES(15,'PEN America','PEN America',NULL,'US','https://pen.org','ngo','pen america','2026-11-29T03:34:23Z',1);
INSERT INTO organisation VALUES(16,'Private Org','Private Org',NULL,NULL,NULL,NULL,'private org','2026-11-29T03:34:23Z',NULL);
CREATE TABLE IF NOT EXISTS "signature" (
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
INSERT INTO signature VALUES(1,1,1,1,'verified',NULL,NULL,1,0,'2018-04-30','import',1,NULL,NULL,NULL,'2026-11-29T03:34:23Z',NULL,NULL,NULL,'2026-11-29T03:34:23Z','2026-11-29T03:34:23Z');
INSERT INTO signature VALUES(2,1,2,1,'verified',NULL,NULL,1,0,'2018-04-30','import',1,NULL,NULL,NULL,'2026-11-29T03:34:23Z',NULL,NULL,NULL,'2026-11-29T03:34:23Z','2026-11-29T03:34:23Z');
INSERT INTO signature VALUES(3,1,3,1,'verified',NULL,NULL,1,0,'2018-04-30','import',1,NULL,NULL,NULL,'2026-11-29T03:34:23Z',NULL,NULL,NULL,'2026-11-29T03:34:23Z','2026-11-29T03:34:23Z');
INSERT INTO signature VALUES(4,1,4,1,'verified',NULL,NULL,1,0,'2018-04-30','import',1,NULL,NULL,NULL,'2026-11-29T03:34:23Z',NULL,NULL,NULL,'2026-11-29T03:34:23Z','2026-11-29T03:34:23Z');
INSERT INTO signature VALUES(5,1,5,1,'verified',NULL,NULL,1,0,'2018-04-30','import',1,NULL,NULL,NULL,'2026-11-29T03:34:23Z',NULL,NULL,NULL,'2026-11-29T03:34:23Z','2026-11-29T03:34:23Z');
INSERT INTO signature VALUES(6,1,6,1,'verified',NULL,NULL,1,0,'2018-04-30','import',1,NULL,NULL,NULL,'2026-11-29T03:34:23Z',NULL,NULL,NULL,'2026-11-29T03:34:23Z','2026-11-29T03:34:23Z');
INSERT INTO signature VALUES(7,1,7,1,'verified',NULL,NULL,1,0,'2018-04-30','import',1,NULL,NULL,NULL,'2026-11-29T03:34:23Z',NULL,NULL,NULL,'2026-11-29T03:34:23Z','2026-11-29T03:34:23Z');
INSERT INTO signature VALUES(8,1,8,1,'verified',NULL,NULL,1,0,'2018-04-30','import',1,NULL,NULL,NULL,'2026-11-29T03:34:23Z',NULL,NULL,NULL,'2026-11-29T03:34:23Z','2026-11-29T03:34:23Z');
INSERT INTO signature VALUES(9,1,9,1,'verified',NULL,NULL,1,0,'2018-04-30','import',1,NULL,NULL,NULL,'2026-11-29T03:34:23Z',NULL,NULL,NULL,'2026-11-29T03:34:23Z','2026-11-29T03:34:23Z');
INSERT INTO signature VALUES(10,1,10,1,'verified',NULL,NULL,1,0,'2018-04-30','import',1,NULL,NULL,NULL,'2026-11-29T03:34:23Z',NULL,NULL,NULL,'2026-11-29T03:34:23Z','2026-11-29T03:34:23Z');
INSERT INTO signature VALUES(11,1,11,1,'verified',NULL,NULL,1,0,'2018-04-30','import',1,NULL,NULL,NULL,'2026-11-29T03:34:23Z',NULL,NULL,NULL,'2026-11-29T03:34:23Z','2026-11-29T03:34:23Z');
INSERT INTO signature VALUES(12,1,12,1,'verified',NULL,NULL,1,0,'2018-04-30','import',1,NULL,NULL,NULL,'2026-11-29T03:34:23Z',NULL,NULL,NULL,'2026-11-29T03:34:23Z','2026-11-29T03:34:23Z');
INSERT INTO signature VALUES(13,1,13,1,'verified',NULL,NULL,1,0,'2018-04-30','import',1,NULL,NULL,NULL,'2026-11-29T03:34:23Z',NULL,NULL,NULL,'2026-11-29T03:34:23Z','2026-11-29T03:34:23Z');
INSERT INTO signature VALUES(14,1,14,1,'verified',NULL,NULL,1,0,'2018-05-16','import',1,NULL,NULL,NULL,'2026-11-29T03:34:23Z',NULL,NULL,NULL,'2026-11-29T03:34:23Z','2026-11-29T03:34:23Z');
INSERT INTO signature VALUES(15,1,15,1,'verified',NULL,NULL,1,0,'2018-05-16','import',1,NULL,NULL,NULL,'2026-11-29T03:34:23Z',NULL,NULL,NULL,'2026-11-29T03:34:23Z','2026-11-29T03:34:23Z');
INSERT INTO signature VALUES(16,1,16,1,'verified','A Person',NULL,1,1,'2026-11-29','cli',NULL,NULL,NULL,NULL,'2026-11-29T03:34:23Z',NULL,NULL,NULL,'2026-11-29T03:34:23Z','2026-11-29T03:34:23Z');
CREATE TABLE addresseeName (
    id INTEGER PRIMARY KEY,
    addresseeId INTEGER NOT NULL REFERENCES addressee(id) ON DELETE CASCADE,
    statementId INTEGER NOT NULL REFERENCES statement(id) ON DELETE CASCADE,
    language TEXT NOT NULL CHECK (language <> ''),
    name TEXT NOT NULL CHECK (name <> ''),
    UNIQUE (statementId, language, addresseeId)
);
INSERT INTO addresseeName VALUES(1,1,1,'ru','Российские власти');
CREATE TABLE IF NOT EXISTS "publishedSignature" (
    publicationId INTEGER NOT NULL REFERENCES publication(id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 1),
    signatureId INTEGER NOT NULL REFERENCES signature(id) ON DELETE RESTRICT,
    name TEXT NOT NULL CHECK (name <> ''),
    country TEXT,
    unnamed INTEGER NOT NULL CHECK (unnamed = 0 OR unnamed = 1),
    PRIMARY KEY (publicationId, position)
) WITHOUT ROWID;
INSERT INTO publishedSignature VALUES(1,1,10,'Access Now','US',0);
INSERT INTO publishedSignature VALUES(1,2,5,'Agora International Human Rights Group','RU',0);
INSERT INTO publishedSignature VALUES(1,3,3,'Amnesty International','GB',0);
INSERT INTO publishedSignature VALUES(1,4,1,'ARTICLE 19','GB',0);
INSERT INTO publishedSignature VALUES(1,5,4,'Committee to Protect Journalists','US',0);
INSERT INTO publishedSignature VALUES(1,6,11,'Development of Democracy and Human Rights','RU',0);
INSERT INTO publishedSignature VALUES(1,7,2,'Human Rights Watch','US',0);
INSERT INTO publishedSignature VALUES(1,8,13,'Mass Media Defence Centre','RU',0);
INSERT INTO publishedSignature VALUES(1,9,12,'Memorial Human Rights Centre','RU',0);
INSERT INTO publishedSignature VALUES(1,10,6,'Moscow Helsinki Group','RU',0);
INSERT INTO publishedSignature VALUES(1,11,7,'Reporters Without Borders','FR',0);
INSERT INTO publishedSignature VALUES(1,12,8,'Roskomsvoboda','RU',0);
INSERT INTO publishedSignature VALUES(1,13,9,'Team 29','RU',0);
CREATE INDEX demand_key ON demand(key);
CREATE INDEX demandText_version ON demandText(versionId);
CREATE INDEX organisationAlias_organisation ON organisationAlias(organisationId);
CREATE INDEX endorsement_demand ON endorsement(demandId);
CREATE INDEX contact_organisation ON contact(organisationId);
CREATE INDEX contact_signature ON contact(signatureId);
CREATE INDEX event_statement ON event(statementId);
CREATE UNIQUE INDEX organisation_identity ON organisation(normalizedName, ifnull(country, ''));
CREATE INDEX signature_organisation ON signature(organisationId);
CREATE INDEX signature_batch ON signature(batchId);
CREATE INDEX addresseeName_addressee ON addresseeName(addresseeId);
CREATE INDEX organisation_shortName ON organisation(shortName COLLATE NOCASE) WHERE shortName IS NOT NULL;
CREATE INDEX publishedSignature_signature ON publishedSignature(signatureId);
COMMIT;
