using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Domain;

namespace JxEnterpriseLadder.Cli;

internal static class DbVerb
{
    private const string Help = """
        jxladder db migrate [--db SPEC]
          Applies the versioned migrations that the database lacks and loads the reference data
          (cities, parks, industry chains). Safe to run again.
        """;

    public static int Run(string[] argv)
    {
        var a = new Args(argv, new HashSet<string> { "--db" }, new HashSet<string>());
        if (a.Help) return Common.ShowHelp(Help + "\n" + Common.DbHelp);
        if (a.Positional is not ["migrate"]) throw new UsageException("expected 'db migrate'");
        var db = Common.Db(a);
        var applied = Migrator.Migrate(db);
        new RegistryRepository(db).SaveReferenceData(JiangxiReference.Default);
        Console.WriteLine(applied.Count == 0
            ? $"{db.Description}: schema up to date"
            : $"{db.Description}: applied {string.Join(", ", applied.Select(m => $"{m.Version:D4}_{m.Name}"))}");
        return 0;
    }
}
