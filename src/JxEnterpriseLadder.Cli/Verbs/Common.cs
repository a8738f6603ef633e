using JxEnterpriseLadder.Data;

namespace JxEnterpriseLadder.Cli;

internal static class Common
{
    public const string DefaultDatabase = "sqlite:data/jxladder.db";
    public static readonly string DbHelp = "  --db SPEC        sqlite:<path> or a PostgreSQL connection string (default $JXLADDER_DB or " + DefaultDatabase + ")";

    public static Database Db(Args a)
    {
        var spec = a.Get("--db") ?? Environment.GetEnvironmentVariable("JXLADDER_DB") ?? DefaultDatabase;
        try { return Database.Parse(spec); }
        catch (ArgumentException e) { throw new UsageException(e.Message); }
    }

    public static int ShowHelp(string text)
    {
        Console.WriteLine(text.Trim());
        return 0;
    }
}
