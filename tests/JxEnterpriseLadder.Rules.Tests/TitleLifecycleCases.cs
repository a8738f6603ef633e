using System.Text.Json;
using System.Text.Json.Nodes;
using JxEnterpriseLadder.Domain.Registry;
using JxEnterpriseLadder.Rules.Tiers;

namespace JxEnterpriseLadder.Rules.Tests;

/// <summary>The titles' yearly updates and major-change reports (Parameters/title-lifecycle), as cases a lawyer can read:
/// Cases/lifecycle/*.json, each a date, the titles held, the updates done and the changes, and what each obligation's
/// state and its consequence must be.</summary>
public sealed class TitleLifecycleCases
{
    private const string Code = "91360100MA35XXXX0X";
    private static readonly LawBook Laws = new AssessmentEngine().Laws;
    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Cases", "lifecycle");

    public static IEnumerable<object[]> All()
    {
        foreach (var file in Directory.EnumerateFiles(Folder, "*.json").Order())
            foreach (var c in Load(file)["cases"]!.AsArray())
                yield return [Path.GetFileName(file), c!["name"]!.GetValue<string>()];
    }

    private static JsonObject Load(string file) =>
        JsonNode.Parse(File.ReadAllText(file), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!.AsObject();

    private static DateOnly Day(JsonNode? n) => DateOnly.Parse(n!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

    private static string State(ObligationState s) => s switch
    {
        ObligationState.OnTime => "on-time", ObligationState.Late => "late", ObligationState.Pending => "pending", _ => "missed",
    };

    [Theory]
    [MemberData(nameof(All))]
    public void Case(string file, string name)
    {
        var c = Load(Path.Combine(Folder, file))["cases"]!.AsArray().Single(x => x!["name"]!.GetValue<string>() == name)!.AsObject();
        var asOf = Day(c["asOf"]);
        var record = new EnterpriseRecord
        {
            Enterprise = new Enterprise { CreditCode = Code, Name = "南昌示例科技有限公司", RegisteredOn = new DateOnly(2015, 3, 10), CityCode = "360100" },
            QualityTitles = (c["titles"]?.AsArray() ?? []).Select(t => new QualityTitleRecord(Code, t!["title"]!.GetValue<string>(), Day(t["issuedOn"]), Day(t["expiresOn"]),
                null, t["reviewOutcome"]?.GetValue<string>())).ToList(),
            TitleUpdates = (c["updates"]?.AsArray() ?? []).Select(u => new TitleAnnualUpdateRecord(Code, u!["title"]!.GetValue<string>(), u["year"]!.GetValue<int>(),
                Day(u["updatedOn"]))).ToList(),
            ChangeReports = (c["changes"]?.AsArray() ?? []).Select(x => new MajorChangeReportRecord(Code, Day(x!["changedOn"]), x["change"]!.GetValue<string>(),
                x["reportedOn"] is { } r ? Day(r) : null)).ToList(),
        };
        var standings = TitleLifecycle.Standing(Laws, record, asOf);
        var failures = new List<string>();
        foreach (var (title, e) in c["expect"]!.AsObject())
        {
            var expect = e!.AsObject();
            var s = standings.SingleOrDefault(x => x.Title.Title == title);
            if (expect["held"]?.GetValue<bool>() == false)
            {
                if (s is not null) failures.Add($"{title}: expected not held on {asOf:yyyy-MM-dd}, but it is");
                continue;
            }
            if (s is null) { failures.Add($"{title}: expected held on {asOf:yyyy-MM-dd}, but it is not"); continue; }
            if (expect["updates"] is JsonObject updates)
            {
                var want = string.Join(", ", updates.Select(x => $"{x.Key} {x.Value!.GetValue<string>()}"));
                var got = string.Join(", ", s.Updates.Select(u => $"{u.Year} {State(u.State)}"));
                if (want != got) failures.Add($"{title} updates: expected [{want}], got [{got}]");
            }
            if (expect["changes"] is JsonArray changes)
            {
                var want = string.Join(", ", changes.Select(x => x!.GetValue<string>()));
                var got = string.Join(", ", s.Changes.Select(x => State(x.State)));
                if (want != got) failures.Add($"{title} change reports: expected [{want}], got [{got}]");
            }
            if (expect["reviewForfeited"] is { } rf && rf.GetValue<bool>() != s.ReviewForfeited)
                failures.Add($"{title} review forfeited: expected {rf.GetValue<bool>()}, got {s.ReviewForfeited}");
            if (expect["withdrawalPossible"] is { } wp && wp.GetValue<bool>() != s.WithdrawalPossible)
                failures.Add($"{title} withdrawal possible: expected {wp.GetValue<bool>()}, got {s.WithdrawalPossible}");
            // A consequence is stated exactly when the review is forfeited, in the law's words, with its source.
            if (s.ReviewForfeited != (s.Consequences.Count > 0)) failures.Add($"{title}: consequences [{string.Join("; ", s.Consequences)}] disagree with the review's state");
            if (s.Consequences.Any(x => x.Words.Length == 0 || x.Source.Document.Length == 0)) failures.Add($"{title}: a consequence without its words or source");
        }
        Assert.True(failures.Count == 0, $"{file} / {name}:\n  " + string.Join("\n  ", failures));
    }

    [Fact]
    public void TheDeadlineMovesToThe31stOfMayIn2026ForThePlatformTitlesOnly()
    {
        Assert.Equal(new DateOnly(2025, 4, 30), TitleLifecycle.UpdateDeadline(Laws, Domain.TierIds.SpecialisedSme, 2025));
        Assert.Equal(new DateOnly(2026, 5, 31), TitleLifecycle.UpdateDeadline(Laws, Domain.TierIds.SpecialisedSme, 2026));
        Assert.Equal(new DateOnly(2026, 4, 30), TitleLifecycle.UpdateDeadline(Laws, Domain.TierIds.InnovationDemo, 2026));
        // Before 63号 there is no such obligation in these rules.
        Assert.Null(TitleLifecycle.UpdateDeadline(Laws, Domain.TierIds.SpecialisedSme, 2021));
    }
}
