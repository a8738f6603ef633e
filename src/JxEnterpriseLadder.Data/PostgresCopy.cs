using Npgsql;
using NpgsqlTypes;

namespace JxEnterpriseLadder.Data;

/// <summary>PostgreSQL binary COPY: the bulk path of the repositories (SQLite takes prepared INSERTs in one transaction).</summary>
internal static class PostgresCopy
{
    public static void Copy<T>(NpgsqlConnection c, string sql, IEnumerable<T> rows, Action<NpgsqlBinaryImporter, T> write)
    {
        using var importer = c.BeginBinaryImport(sql);
        importer.Timeout = TimeSpan.FromSeconds(Database.LongRunning); // completing waits for the server to take every row
        foreach (var row in rows)
        {
            importer.StartRow();
            write(importer, row);
        }
        importer.Complete();
    }

    public static void Nullable<T>(NpgsqlBinaryImporter w, T? value, NpgsqlDbType type) where T : struct
    {
        if (value is { } v) w.Write(v, type); else w.WriteNull();
    }

    public static void Text(NpgsqlBinaryImporter w, string? value)
    {
        if (value is null) w.WriteNull(); else w.Write(value, NpgsqlDbType.Text);
    }
}
