using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using JxEnterpriseLadder.Domain.Profiles;

namespace JxEnterpriseLadder.Data.Tests;

/// <summary>data-dictionary/fields.json guards the schema and the profile: no column or field without an entry, no entry without one.</summary>
public sealed class DataDictionaryTests
{
    private static readonly JsonObject Dictionary = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fields.json")))!.AsObject();

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void EveryColumnHasAnEntryAndEveryEntryAColumn(string provider)
    {
        var db = Providers.Fresh(provider);
        using var c = db.Open();
        var actual = (db.Provider == DatabaseProvider.Sqlite
                ? c.Query<(string, string)>("SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'")
                : c.Query<(string, string)>("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'"))
            .Select(x => $"{x.Item1}.{x.Item2}").ToHashSet();
        var documented = Dictionary["tables"]!.AsObject()
            .SelectMany(t => t.Value!["columns"]!.AsObject().Select(col => $"{t.Key}.{col.Key}")).ToHashSet();
        Assert.Empty(actual.Except(documented).Order());
        Assert.Empty(documented.Except(actual).Order());
    }

    [Fact]
    public void EveryProfileFieldHasAnEntryAndEveryEntryAField()
    {
        var actual = Paths(typeof(EnterpriseProfile), "").ToHashSet();
        var documented = Dictionary["profile"]!.AsObject().Select(p => p.Key).ToHashSet();
        Assert.Empty(actual.Except(documented).Order());
        Assert.Empty(documented.Except(actual).Order());
    }

    [Fact]
    public void EveryEntryNamesChineseAndEnglishTypeAndSource()
    {
        var entries = Dictionary["tables"]!.AsObject().SelectMany(t => t.Value!["columns"]!.AsObject())
            .Concat(Dictionary["profile"]!.AsObject());
        foreach (var (name, entry) in entries)
            foreach (var key in new[] { "zh", "en", "type", "source" })
                Assert.False(string.IsNullOrWhiteSpace(entry![key]?.ToString()), $"{name} lacks '{key}'");
    }

    private static IEnumerable<string> Paths(Type type, string prefix)
    {
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = prefix + JsonNamingPolicy.CamelCase.ConvertName(p.Name);
            yield return name;
            var t = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
            if (t != typeof(string) && typeof(IEnumerable).IsAssignableFrom(t) && t.IsGenericType)
                foreach (var sub in Paths(t.GetGenericArguments()[0], name + "[]."))
                    yield return sub;
            else if (t.Namespace == typeof(EnterpriseProfile).Namespace && t.IsClass)
                foreach (var sub in Paths(t, name + "."))
                    yield return sub;
        }
    }
}
