using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Domain.Registry;
using JxEnterpriseLadder.Rules;
using JxEnterpriseLadder.Rules.Tiers;

namespace JxEnterpriseLadder.Services;

/// <summary>
/// The titles' obligations across a scope at a date (issue 21 point 3), for the officers who follow them: per title,
/// the holders, this year's update by state, and how many will not be reviewed or may be withdrawn; and the firms to
/// act on first (a change not reported in time, then a missed update), a bounded list whatever the registry's size.
/// </summary>
public sealed class TitleObligations(RegistryRepository registry, AssessmentEngine engine)
{
    /// <summary>The firms listed by name at most; the rest are counted.</summary>
    public const int Listed = 20;

    /// <summary>One title: its holders on the day; their update for the day's year by state (not due: recognised this
    /// year); how many will not be reviewed, and how many of those may be withdrawn.</summary>
    public sealed record Row(string Title, int Held, int OnTime, int Late, int Missed, int Pending, int ReviewForfeited, int WithdrawalPossible);

    /// <summary>A firm to follow up: the titles it will not have reviewed, whether one may be withdrawn, the latest
    /// update not done (or done late) and the latest change not reported (or reported late).</summary>
    /// <param name="Since">The first deadline it let pass: the list runs from the oldest.</param>
    public sealed record Firm(string CreditCode, string Name, IReadOnlyList<string> Titles, bool WithdrawalPossible, int? MissedYear, int? LateYear,
        DateOnly? UnreportedChange, DateOnly? LateReportedChange, DateOnly Since);

    /// <param name="ToActOnTotal">Firms with a title not to be reviewed; <paramref name="ToActOn"/> lists the first
    /// <see cref="Listed"/>.</param>
    public sealed record Overview(DateOnly AsOf, IReadOnlyList<Row> Rows, IReadOnlyList<Firm> ToActOn, int ToActOnTotal);

    // The last overviews made, by scope and day, with the registry's fingerprint when they were read: the dashboard opens
    // many times a day on a registry that changes a few times, and reading every holder costs a few tenths of a second.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(AccessScope, DateOnly), ((long, long) Fingerprint, Overview Overview)> _made = new();

    public Overview For(AccessScope scope, DateOnly asOf)
    {
        var fingerprint = registry.Fingerprint(scope);
        if (_made.TryGetValue((scope, asOf), out var made) && made.Fingerprint == fingerprint) return made.Overview;
        var overview = Read(scope, asOf);
        if (_made.Count >= 256) _made.Clear(); // bounded: a few scopes a day are ever asked for
        _made[(scope, asOf)] = (fingerprint, overview);
        return overview;
    }

    private Overview Read(AccessScope scope, DateOnly asOf)
    {
        var counts = QualityTitles.UpdatedYearly.ToDictionary(t => t, _ => new int[7]);
        var firms = new List<Firm>();
        var total = 0;
        foreach (var record in registry.StreamTitleHolders(scope))
        {
            var standings = TitleLifecycle.Standing(engine.Laws, record, asOf);
            foreach (var s in standings)
            {
                var c = counts[s.Title.Title];
                c[0]++;
                if (s.Updates.FirstOrDefault(u => u.Year == asOf.Year) is { } update) c[1 + (int)update.State]++;
                if (s.ReviewForfeited) c[5]++;
                if (s.WithdrawalPossible) c[6]++;
            }
            var lost = standings.Where(s => s.ReviewForfeited).ToList();
            if (lost.Count == 0) continue;
            total++;
            var updates = lost.SelectMany(s => s.Updates).ToList();
            var changes = lost.SelectMany(s => s.Changes).ToList();
            var since = updates.Where(u => u.State is ObligationState.Missed or ObligationState.Late).Select(u => u.Deadline)
                .Concat(changes.Where(x => x.State is ObligationState.Missed or ObligationState.Late).Select(x => x.Deadline)).Min();
            firms.Add(new(record.Enterprise.CreditCode, record.Enterprise.Name, lost.Select(s => s.Title.Title).ToList(), lost.Any(s => s.WithdrawalPossible),
                updates.Where(u => u.State == ObligationState.Missed).Select(u => (int?)u.Year).Max(),
                updates.Where(u => u.State == ObligationState.Late).Select(u => (int?)u.Year).Max(),
                changes.Where(x => x.State == ObligationState.Missed).Select(x => (DateOnly?)x.ChangedOn).Max(),
                changes.Where(x => x.State == ObligationState.Late).Select(x => (DateOnly?)x.ChangedOn).Max(), since));
            if (firms.Count > 2 * Listed) Keep(firms); // bounded, whatever the registry's size
        }
        var rows = counts.Select(x => new Row(x.Key, x.Value[0], x.Value[1 + (int)ObligationState.OnTime], x.Value[1 + (int)ObligationState.Late],
            x.Value[1 + (int)ObligationState.Missed], x.Value[1 + (int)ObligationState.Pending], x.Value[5], x.Value[6])).ToList();
        Keep(firms);
        return new Overview(asOf, rows, firms, total);
    }

    // The Listed most urgent: a possible withdrawal first, then the oldest lapse, then by credit code.
    private static void Keep(List<Firm> firms)
    {
        firms.Sort((a, b) => a.WithdrawalPossible != b.WithdrawalPossible ? (a.WithdrawalPossible ? -1 : 1)
            : a.Since != b.Since ? a.Since.CompareTo(b.Since) : string.CompareOrdinal(a.CreditCode, b.CreditCode));
        if (firms.Count > Listed) firms.RemoveRange(Listed, firms.Count - Listed);
    }
}
