using Dapper;
using JxEnterpriseLadder.Data;
using Npgsql;

namespace JxEnterpriseLadder.Data.Tests;

/// <summary>
/// The databases every repository test runs against (Dapper's own pattern: one test body per provider).
/// SQLite always; PostgreSQL when JXLADDER_TEST_PG holds a server connection string (the README test command
/// starts a throwaway server and sets it, with JXLADDER_REQUIRE_PG=1 so a missing server fails the run).
/// </summary>
public static class Providers
{
    public static IEnumerable<object[]> All()
    {
        yield return ["sqlite"];
        if (Environment.GetEnvironmentVariable("JXLADDER_TEST_PG") is { Length: > 0 }) yield return ["postgres"];
    }

    /// <summary>A fresh, empty, migrated database of the provider.</summary>
    public static Database Fresh(string provider)
    {
        if (provider == "sqlite")
        {
            var path = Path.Combine(Path.GetTempPath(), "jxladder-tests", Guid.NewGuid().ToString("N") + ".db");
            var db = Database.Parse("sqlite:" + path);
            Migrator.Migrate(db);
            return db;
        }
        var server = Environment.GetEnvironmentVariable("JXLADDER_TEST_PG")!;
        var name = "jx_" + Guid.NewGuid().ToString("N")[..12];
        using (var c = new NpgsqlConnection(server))
        {
            c.Open();
            c.Execute($"CREATE DATABASE {name}"); // name is generated above, never input
        }
        var pg = Database.Parse(new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
        Migrator.Migrate(pg);
        return pg;
    }
}

public sealed class PostgresAvailability
{
    [Fact]
    public void PostgreSqlIsThereWhenRequired()
    {
        var required = Environment.GetEnvironmentVariable("JXLADDER_REQUIRE_PG") == "1";
        var server = Environment.GetEnvironmentVariable("JXLADDER_TEST_PG");
        if (!required) return; // a developer's laptop without PostgreSQL runs the SQLite half only
        Assert.False(string.IsNullOrEmpty(server), "JXLADDER_REQUIRE_PG=1 but JXLADDER_TEST_PG is not set: the PostgreSQL tests would not run");
        using var c = new NpgsqlConnection(server);
        c.Open();
        Assert.StartsWith("15", c.ServerVersion);
    }
}
