/// Reading several statement files at once, reporting every problem in all of them.
public enum StatementFiles {
    /// Parses every file; if any has problems, throws them all, file by file.
    public static func load(paths: [String]) throws -> [StatementFile] {
        var files: [StatementFile] = []
        var problems: [JointlyError] = []
        for path in paths {
            do {
                files.append(try StatementFileParser.load(path: path))
            } catch let error as JointlyError {
                problems.append(error)
            }
        }
        if problems.count == 1, let only = problems.first { throw only }
        if !problems.isEmpty { throw JointlyError.problems(problems) }
        return files
    }

    /// Parses the files and stores them all in one transaction, or none.
    public static func add(paths: [String], to database: AppDatabase, actor: String, newVersion: Bool, note: String?) throws -> [StatementChange] {
        try database.addStatements(load(paths: paths), actor: actor, newVersion: newVersion, note: note)
    }
}
