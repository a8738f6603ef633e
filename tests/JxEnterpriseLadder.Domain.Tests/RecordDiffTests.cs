using System.Reflection;
using JxEnterpriseLadder.Domain.Registry;

namespace JxEnterpriseLadder.Domain.Tests;

/// <summary>The audit trail's view of an enterprise's own row: a field it does not compare is a change nobody sees (and an
/// edit of only that field would not be written at all).</summary>
public sealed class RecordDiffTests
{
    [Fact]
    public void EveryFieldOfTheEnterpriseRowIsCompared()
    {
        var before = new Enterprise { CreditCode = "91360100MA35X0001X", Name = "甲", RegisteredOn = new DateOnly(2015, 1, 1), CityCode = "nanchang" };
        // The row's keys and its version counters are not fields an edit changes.
        string[] notFields = [nameof(Enterprise.CreditCode), nameof(Enterprise.Version), nameof(Enterprise.RecordVersion)];
        var missed = new List<string>();
        foreach (var property in typeof(Enterprise).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && !notFields.Contains(p.Name)))
        {
            var after = before with { };
            property.SetValue(after, Different(property.PropertyType, property.GetValue(before)));
            var fields = RecordDiff.EnterpriseFields(before, after);
            if (!fields.Any(f => string.Equals(f.Name, property.Name, StringComparison.OrdinalIgnoreCase))) missed.Add(property.Name);
        }
        Assert.Empty(missed);
    }

    private static object Different(Type type, object? now) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(string) => now as string == "x" ? "y" : "x",
        var t when t == typeof(bool) => !(now as bool? ?? false),
        var t when t == typeof(int) => (now as int? ?? 0) + 1,
        var t when t == typeof(long) => (now as long? ?? 0) + 1,
        var t when t == typeof(decimal) => (now as decimal? ?? 0) + 1,
        var t when t == typeof(DateOnly) => (now as DateOnly? ?? new DateOnly(2020, 1, 1)).AddDays(1),
        var t => throw new InvalidOperationException($"no different value for {t}"),
    };
}
