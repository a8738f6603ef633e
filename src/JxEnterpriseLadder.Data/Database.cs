using System.Data;
using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace JxEnterpriseLadder.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>
/// Where the registry lives: "sqlite:&lt;path&gt;" (the embedded default) or a PostgreSQL connection string
/// ("Host=…;Database=…", or a postgres:// URL). One repository layer serves both (docs/decisions/0001).
/// </summary>
public sealed class Database
{
    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    public string Description { get; }

    static Database()
    {
        SqlMapper.AddTypeHandler(new DateOnlyHandler());
        SqlMapper.AddTypeHandler(new NullableDateOnlyHandler());
        DefaultTypeMap.MatchNamesWithUnderscores = true;
    }

    private Database(DatabaseProvider provider, string connectionString, string description)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Description = description;
    }

    public static Database Parse(string spec)
    {
        if (string.IsNullOrWhiteSpace(spec)) throw new ArgumentException("database is empty: use sqlite:<path> or a PostgreSQL connection string");
        if (spec.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            var path = Path.GetFullPath(spec["sqlite:".Length..]);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var cs = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, ForeignKeys = true }.ToString();
            return new Database(DatabaseProvider.Sqlite, cs, "sqlite:" + path);
        }
        if (spec.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || spec.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            spec = FromUrl(new Uri(spec));
        try
        {
            var b = new NpgsqlConnectionStringBuilder(spec);
            if (string.IsNullOrEmpty(b.Host)) throw new ArgumentException("PostgreSQL connection string has no Host");
            return new Database(DatabaseProvider.Postgres, b.ConnectionString, $"postgres:{b.Host}:{b.Port}/{b.Database}");
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new ArgumentException($"not a database: '{spec}' (use sqlite:<path> or Host=…;Database=…): {e.Message}", e);
        }
    }

    private static string FromUrl(Uri url)
    {
        var user = url.UserInfo.Split(':', 2);
        var b = new NpgsqlConnectionStringBuilder
        {
            Host = url.Host, Port = url.Port > 0 ? url.Port : 5432, Database = url.AbsolutePath.Trim('/'),
            Username = Uri.UnescapeDataString(user[0]), Password = user.Length > 1 ? Uri.UnescapeDataString(user[1]) : null,
        };
        return b.ConnectionString;
    }

    /// <summary>Seconds allowed to a statement over a whole registry (a screening's delete and marks, a bulk COPY): the
    /// default 30 s is right for a page's query and wrong for a million rows.</summary>
    public const int LongRunning = 3600;

    /// <summary>
    /// The SQL for this database's dialect where the two differ on lists: Dapper expands <c>IN @Codes</c> into one
    /// parameter per item on SQLite, while Npgsql sends the list as one array, which PostgreSQL reads as <c>= ANY(@Codes)</c>.
    /// </summary>
    public string Dialect(string sql) => Provider == DatabaseProvider.Postgres ? sql.Replace(" IN @Codes", " = ANY(@Codes)", StringComparison.Ordinal) : sql;

    public DbConnection Open()
    {
        DbConnection c = Provider == DatabaseProvider.Sqlite ? new SqliteConnection(ConnectionString) : new NpgsqlConnection(ConnectionString);
        c.Open();
        if (c is SqliteConnection)
        {
            // WAL lets the web app read while the CLI or a screening run writes.
            c.Execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000;");
        }
        return c;
    }

    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        DbConnection c = Provider == DatabaseProvider.Sqlite ? new SqliteConnection(ConnectionString) : new NpgsqlConnection(ConnectionString);
        await c.OpenAsync(ct);
        if (c is SqliteConnection) await c.ExecuteAsync("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000;");
        return c;
    }

    private sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override void SetValue(IDbDataParameter parameter, DateOnly value)
        {
            parameter.DbType = DbType.Date;
            parameter.Value = parameter is SqliteParameter ? value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : value;
        }

        public override DateOnly Parse(object value) => value switch
        {
            DateOnly d => d,
            DateTime dt => DateOnly.FromDateTime(dt),
            string s => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => throw new DataException($"cannot read a date from {value.GetType().Name}"),
        };
    }

    private sealed class NullableDateOnlyHandler : SqlMapper.TypeHandler<DateOnly?>
    {
        private static readonly DateOnlyHandler Inner = new();
        public override void SetValue(IDbDataParameter parameter, DateOnly? value)
        {
            if (value is { } v) Inner.SetValue(parameter, v);
            else { parameter.DbType = DbType.Date; parameter.Value = DBNull.Value; }
        }

        public override DateOnly? Parse(object value) => value is null or DBNull ? null : Inner.Parse(value);
    }
}
