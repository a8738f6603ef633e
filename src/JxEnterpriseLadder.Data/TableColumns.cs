using Npgsql;
using NpgsqlTypes;

namespace JxEnterpriseLadder.Data;

/// <summary>
/// One table's columns, listed once, each with the record property it binds (Dapper's <c>@Property</c>) and how binary
/// COPY writes it. The INSERT, the COPY, the SELECT list, an upsert's SET clause and the COPY row writer are all written
/// from this one list, so a new field is one line here (and its place in the record).
/// </summary>
internal sealed class TableColumns<T>(string table, params TableColumns<T>.Column[] columns)
{
    /// <param name="Value">What an INSERT writes, when not the property (a new row's version: 1).</param>
    public sealed record Column(string Name, string Property, Action<NpgsqlBinaryImporter, T> Write, string? Value = null);

    public string Table => table;
    public IReadOnlyList<string> ColumnNames => columns.Select(c => c.Name).ToList();
    public string Names { get; } = string.Join(", ", columns.Select(c => c.Name));
    public string Insert => $"INSERT INTO {table} ({Names}) VALUES ({string.Join(", ", columns.Select(c => c.Value ?? "@" + c.Property))})";
    public string Copy => $"COPY {table} ({Names}) FROM STDIN (FORMAT BINARY)";
    public string Select(string where, string? orderBy = null) => $"SELECT {Names} FROM {table} WHERE {where}" + (orderBy is null ? "" : " ORDER BY " + orderBy);

    /// <summary>An upsert's SET clause: every column but the key, from the row that conflicted.</summary>
    public string SetFromExcluded(params string[] key) =>
        string.Join(", ", columns.Where(c => !key.Contains(c.Name)).Select(c => $"{c.Name} = excluded.{c.Name}"));

    /// <summary>An UPDATE's SET clause: every column but those named, each from its property.</summary>
    public string SetFromProperties(params string[] except) =>
        string.Join(", ", columns.Where(c => !except.Contains(c.Name)).Select(c => $"{c.Name} = @{c.Property}"));

    public void Write(NpgsqlBinaryImporter w, T row)
    {
        foreach (var c in columns) c.Write(w, row);
    }

    /// <summary>Where each column is in a reader of <see cref="Select"/> (looked up once per reader, then by position).</summary>
    public int[] Ordinals(System.Data.Common.DbDataReader r) => columns.Select(c => r.GetOrdinal(c.Name)).ToArray();

    public int IndexOf(string name)
    {
        for (var i = 0; i < columns.Length; i++) if (columns[i].Name == name) return i;
        throw new ArgumentException($"{table} has no column {name}");
    }
}

/// <summary>The kinds of column the registry's tables hold, as <see cref="TableColumns{T}"/> writes them to COPY.</summary>
internal static class Col
{
    public static TableColumns<T>.Column Text<T>(string name, string property, Func<T, string?> value) =>
        new(name, property, (w, r) => PostgresCopy.Text(w, value(r)));

    public static TableColumns<T>.Column Int<T>(string name, string property, Func<T, int?> value) =>
        new(name, property, (w, r) => PostgresCopy.Nullable(w, value(r), NpgsqlDbType.Integer));

    public static TableColumns<T>.Column Long<T>(string name, string property, Func<T, long?> value) =>
        new(name, property, (w, r) => PostgresCopy.Nullable(w, value(r), NpgsqlDbType.Bigint));

    public static TableColumns<T>.Column Money<T>(string name, string property, Func<T, decimal?> value) =>
        new(name, property, (w, r) => PostgresCopy.Nullable(w, value(r), NpgsqlDbType.Numeric));

    public static TableColumns<T>.Column Date<T>(string name, string property, Func<T, DateOnly?> value) =>
        new(name, property, (w, r) => PostgresCopy.Nullable(w, value(r), NpgsqlDbType.Date));

    public static TableColumns<T>.Column Flag<T>(string name, string property, Func<T, bool?> value) =>
        new(name, property, (w, r) => PostgresCopy.Nullable(w, value(r), NpgsqlDbType.Boolean));

    /// <summary>A counter every new row starts at 1 (a version).</summary>
    public static TableColumns<T>.Column StartsAtOne<T>(string name, string property, NpgsqlDbType type) =>
        new(name, property, (w, _) =>
        {
            switch (type)
            {
                case NpgsqlDbType.Bigint: w.Write(1L, type); break;
                case NpgsqlDbType.Smallint: w.Write((short)1, type); break;
                default: w.Write(1, type); break;
            }
        }, Value: "1");
}
