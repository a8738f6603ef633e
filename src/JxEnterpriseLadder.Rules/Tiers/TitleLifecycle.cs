using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Domain.Registry;
using JxEnterpriseLadder.Rules.Engine;

namespace JxEnterpriseLadder.Rules.Tiers;

/// <summary>Whether an obligation was met: by its deadline, after it, not yet (the deadline ahead), or not at all.</summary>
public enum ObligationState { OnTime, Late, Pending, Missed }

/// <summary>The yearly update of <paramref name="Title"/> for <paramref name="Year"/>, due by <paramref name="Deadline"/>.</summary>
public sealed record AnnualUpdateDue(string Title, int Year, DateOnly Deadline, DateOnly? DoneOn, ObligationState State, string Rule, SourceReference Source, string? Confidence);

/// <summary>A major change on <paramref name="ChangedOn"/>, to be reported by <paramref name="Deadline"/>.</summary>
public sealed record ChangeReportDue(DateOnly ChangedOn, string Change, DateOnly Deadline, DateOnly? ReportedOn, ObligationState State, string Rule, SourceReference Source,
    string? Confidence);

/// <summary>What a missed obligation costs: its id (<see cref="Consequence.ReviewForfeited"/> or
/// <see cref="Consequence.ReviewForfeitedOrWithdrawn"/>), the law's words and where they are.</summary>
public sealed record Consequence(string Id, string Words, SourceReference Source)
{
    public const string ReviewForfeited = "review-forfeited", ReviewForfeitedOrWithdrawn = "review-forfeited-or-withdrawn";
}

/// <summary>One title held on the day, its obligations so far, and what they cost: a missed or late update forfeits
/// the review at expiry; an unreported or late change report loses the review or may get the title withdrawn, which is
/// the issuing department's decision (<paramref name="Consequences"/> word both, as the law does).</summary>
public sealed record TitleStanding(QualityTitleRecord Title, IReadOnlyList<AnnualUpdateDue> Updates, IReadOnlyList<ChangeReportDue> Changes,
    bool ReviewForfeited, bool WithdrawalPossible, IReadOnlyList<Consequence> Consequences);

/// <summary>The titles' obligations at a date, one small function per legal term (criteria-quality-sme.md §1.5, §7 item 21).</summary>
public static class TitleLifecycle
{
    /// <summary>The day a title's update for <paramref name="year"/> is due: the deadline of the file in force on 30 April
    /// of that year, so a later measure that moves the deadline counts from the year it is in force by then (2号, 2026).</summary>
    public static DateOnly? UpdateDeadline(LawBook laws, string title, int year) => Due(laws, title, year)?.Deadline;

    private static (TitleLifecycleLaw Law, DateOnly Deadline)? Due(LawBook laws, string title, int year) =>
        laws.TitleLifecycle.At(new DateOnly(year, 4, 30)) is { } law && law.UpdateBy.TryGetValue(title, out var md)
            ? (law, new DateOnly(year, md.Month, md.Day))
            : null;

    /// <summary>The yearly updates a title kind asked of the firm up to <paramref name="asOf"/>: one for each year from the
    /// one after issue whose deadline falls while a row of that title was valid.</summary>
    public static IReadOnlyList<AnnualUpdateDue> AnnualUpdates(LawBook laws, EnterpriseRecord r, string title, DateOnly asOf)
    {
        var rows = r.QualityTitles.Where(t => t.Title == title && t.ReviewOutcome != QualityTitles.Withdrawn && t.IssuedOn <= asOf).ToList();
        var list = new List<AnnualUpdateDue>();
        if (rows.Count == 0) return list;
        for (var year = rows.Min(t => t.IssuedOn.Year) + 1; year <= asOf.Year; year++)
        {
            if (Due(laws, title, year) is not var (law, deadline)) continue;
            if (!rows.Any(t => t.IssuedOn.Year + law.FirstUpdateAfterIssue.Value <= year && t.IssuedOn <= deadline && deadline <= t.ExpiresOn)) continue;
            var done = r.TitleUpdates.Where(u => u.Title == title && u.Year == year && u.UpdatedOn <= asOf).Select(u => (DateOnly?)u.UpdatedOn).Min();
            var state = done is { } d ? d <= deadline ? ObligationState.OnTime : ObligationState.Late
                : asOf <= deadline ? ObligationState.Pending : ObligationState.Missed;
            list.Add(new(title, year, deadline, done, state, law.UpdateLabel, law.UpdateRef, law.Confidence("annualUpdateBy")));
        }
        return list;
    }

    /// <summary>The major changes known at <paramref name="asOf"/> that happened while the firm held a title that is
    /// updated yearly, each with its report's deadline.</summary>
    public static IReadOnlyList<ChangeReportDue> ChangeReports(LawBook laws, EnterpriseRecord r, DateOnly asOf)
    {
        var list = new List<ChangeReportDue>();
        foreach (var c in r.ChangeReports.Where(c => c.ChangedOn <= asOf).OrderBy(c => c.ChangedOn))
        {
            if (!r.QualityTitles.Any(t => QualityTitles.UpdatedYearly.Contains(t.Title) && t.HeldOn(c.ChangedOn))) continue;
            if (laws.TitleLifecycle.At(c.ChangedOn) is not { } law) continue;
            var deadline = c.ChangedOn.AddMonths(law.ChangeReportMonths.Value);
            var reported = c.ReportedOn is { } d && d <= asOf ? d : (DateOnly?)null;
            var state = reported is { } on ? on <= deadline ? ObligationState.OnTime : ObligationState.Late
                : asOf <= deadline ? ObligationState.Pending : ObligationState.Missed;
            list.Add(new(c.ChangedOn, c.Change, deadline, reported, state, law.ChangeLabel, law.ChangeReportMonths.Source, law.Confidence("changeReportMonths")));
        }
        return list;
    }

    /// <summary>Each title of the second ladder held on <paramref name="asOf"/> with its obligations during the validity
    /// of the row held, and their consequences.</summary>
    public static IReadOnlyList<TitleStanding> Standing(LawBook laws, EnterpriseRecord r, DateOnly asOf)
    {
        var changes = ChangeReports(laws, r, asOf);
        var list = new List<TitleStanding>();
        foreach (var title in QualityTitles.UpdatedYearly)
        {
            if (r.QualityTitles.Where(t => t.Title == title && t.HeldOn(asOf)).OrderByDescending(t => t.IssuedOn).FirstOrDefault() is not { } held) continue;
            var updates = AnnualUpdates(laws, r, title, asOf).Where(u => held.IssuedOn <= u.Deadline && u.Deadline <= held.ExpiresOn).ToList();
            var during = changes.Where(c => held.IssuedOn <= c.ChangedOn && c.ChangedOn <= held.ExpiresOn).ToList();
            // Each consequence as the law in force when the first obligation was missed words it.
            var missedUpdate = updates.FirstOrDefault(u => u.State is ObligationState.Missed or ObligationState.Late);
            var missedReport = during.FirstOrDefault(c => c.State is ObligationState.Missed or ObligationState.Late);
            var consequences = new List<Consequence>();
            if (missedUpdate is not null && laws.TitleLifecycle.At(missedUpdate.Deadline) is { } updateLaw) consequences.Add(updateLaw.MissedUpdate);
            if (missedReport is not null && laws.TitleLifecycle.At(missedReport.Deadline) is { } reportLaw) consequences.Add(reportLaw.UnreportedChange);
            var (forfeited, withdrawal) = (missedUpdate is not null, missedReport is not null);
            list.Add(new(held, updates, during, forfeited || withdrawal, withdrawal, consequences));
        }
        return list;
    }
}
