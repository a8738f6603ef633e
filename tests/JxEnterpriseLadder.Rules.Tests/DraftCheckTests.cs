using System.Text.Json;
using JxEnterpriseLadder.Rules.Engine;

namespace JxEnterpriseLadder.Rules.Tests;

/// <summary>A draft is checked as the rules read a shipped file (issue 22): every shipped version passes as its own draft;
/// a value of the wrong shape is refused naming the set and key.</summary>
public sealed class DraftCheckTests
{
    private static ParameterSet With(ParameterSet basis, string key, string json) =>
        ParameterDrafts.Apply(basis, new Dictionary<string, JsonElement> { [key] = JsonDocument.Parse(json).RootElement.Clone() }, "测试草案");

    [Fact]
    public void EveryShippedVersionPassesAsItsOwnDraft()
    {
        foreach (var set in ParameterStore.Default.All)
            Assert.True(ParameterDrafts.Check(set, set, ParameterStore.Default).Count == 0, $"{set.Version}: {string.Join("; ", ParameterDrafts.Check(set, set, ParameterStore.Default))}");
    }

    [Fact]
    public void AValueOfTheWrongShapeIsRefusedNamingItsKey()
    {
        var hnte = ParameterStore.Default.InForce("hnte", new DateOnly(2024, 6, 30))!;
        var bands = hnte.Values["ipClass1Points"].Value.GetRawText();
        // A band whose points are text, a band table that is not a list, a flag given as a number, a ratio as text.
        var cases = new (string Key, string Json, string Says)[]
        {
            ("ipClass1Points", bands.Replace("\"points\": [", "\"points\": [\"七\", ", StringComparison.Ordinal).Replace("\"points\":[", "\"points\":[\"七\",", StringComparison.Ordinal), "第"),
            ("ipClass1Points", "7", "应为列表"),
            ("minTechStaffRatio", "\"10%\"", "应为数值"),
            ("certificateValidityYears", "2.5", "应为整数"),
        };
        foreach (var (key, json, says) in cases)
        {
            var problems = ParameterDrafts.Check(hnte, With(hnte, key, json), ParameterStore.Default);
            var p = Assert.Single(problems);
            Assert.Equal(("hnte", key), (p.Set, p.Key));
            Assert.Contains(says, p.Message);
        }
        // A threshold the law may leave unset (potential-unicorn 2016 has no financing floor) may be unset in a draft.
        var unicorn = ParameterStore.Default.InForce("potential-unicorn", new DateOnly(2025, 6, 30))!;
        Assert.Empty(ParameterDrafts.Check(unicorn, With(unicorn, "youngMinCumulativeFinancingUsd", "null"), ParameterStore.Default));
        Assert.Equal("不能为空", Assert.Single(ParameterDrafts.Check(unicorn, With(unicorn, "youngMinValuationUsd", "null"), ParameterStore.Default)).Message);
    }

    [Fact]
    public void ADraftStandsInForTheVersionInForceAndChangesOnlyWhatItSays()
    {
        var at = new DateOnly(2024, 6, 30);
        var law = ParameterStore.Default;
        var draft = With(law.InForce("gazelle", at)!, "path1MinRevenueCagr", "0.25");
        var (store, problems) = ParameterDrafts.InPlaceOfLaw(law, [draft], at);
        Assert.Empty(problems);
        Assert.Equal(0.25m, store!.InForce("gazelle", at)!.Number("path1MinRevenueCagr"));
        Assert.Equal(0.20m, law.InForce("gazelle", at)!.Number("path1MinRevenueCagr"));
        Assert.Equal(["path1MinRevenueCagr"], ParameterDrafts.ChangedKeys(law.InForce("gazelle", at)!, draft));
        Assert.All(store.All.Where(s => s.Set != "gazelle"), s => Assert.Same(s, law.All.Single(l => l.Version == s.Version)));
    }
}
