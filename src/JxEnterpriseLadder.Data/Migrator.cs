using System.Data.Common;
using Dapper;

namespace JxEnterpriseLadder.Data;

/// <summary>Applies the versioned SQL files of Migrations/&lt;dialect&gt;/NNNN_name.sql that are not yet applied.</summary>
public static class Migrator
{
    public sealed record Migration(int Version, string Name, string Sql);

    public static IReadOnlyList<Migration> Available(DatabaseProvider provider)
    {
        var asm = typeof(Migrator).Assembly;
        var prefix = $"migrations/{(provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres")}/";
        return asm.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n =>
            {
                var file = n[prefix.Length..^4];
                using var reader = new StreamReader(asm.GetManifestResourceStream(n)!);
                return new Migration(int.Parse(file[..4], System.Globalization.CultureInfo.InvariantCulture), file[5..], reader.ReadToEnd());
            })
            .OrderBy(m => m.Version).ToArray();
    }

    /// <summary>Returns the migrations applied now (empty when the schema was up to date).</summary>
    public static IReadOnlyList<Migration> Migrate(Database db)
    {
        using var c = db.Open();
        c.Execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        var applied = c.Query<int>("SELECT version FROM schema_migrations").ToHashSet();
        var done = new List<Migration>();
        var pending = Available(db.Provider).Where(m => !applied.Contains(m.Version)).ToList();
        // 0007 adds the summaries: an existing registry's are filled from its tables, once the run's last migration has
        // made the schema whole (the counts read tables that later migrations add, 0016's titles), in its transaction.
        var fillSummariesAt = pending.Any(m => m.Version == 7) ? pending[^1].Version : -1;
        foreach (var m in pending)
        {
            using var tx = c.BeginTransaction();
            if (db.Provider == DatabaseProvider.Postgres)
                c.Execute("SELECT pg_advisory_xact_lock(4242)", transaction: tx); // two app instances starting together
            if (c.ExecuteScalar<int>("SELECT COUNT(*) FROM schema_migrations WHERE version = @Version", new { m.Version }, tx) > 0) continue;
            c.Execute(m.Sql, transaction: tx);
            if (m.Version == fillSummariesAt) Summaries.RebuildAll(db, c, tx);
            c.Execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @At)",
                new { m.Version, m.Name, At = DateTime.UtcNow.ToString("O") }, tx);
            tx.Commit();
            done.Add(m);
        }
        return done;
    }

    /// <summary>Empties the database completely (the SQLite file is deleted; PostgreSQL's public schema is dropped and
    /// recreated): for the benchmark's --fresh, never called by the app.</summary>
    public static void DropEverything(Database db)
    {
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.ConnectionString).DataSource;
            foreach (var f in new[] { path, path + "-wal", path + "-shm" }) File.Delete(f);
            return;
        }
        using var c = db.Open();
        c.Execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    }

    public static int CurrentVersion(DbConnection c) =>
        c.ExecuteScalar<int?>("SELECT MAX(version) FROM schema_migrations") ?? 0;
}
