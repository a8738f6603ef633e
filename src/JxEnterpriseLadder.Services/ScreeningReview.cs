using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Domain.Access;

namespace JxEnterpriseLadder.Services;

/// <summary>
/// The officers' review of a screening: the enterprises that newly qualify for a tier, or no longer do, since the
/// screening before; each confirmed or rejected with a note, recorded with who, when, why and the parameter versions.
/// </summary>
public sealed class ScreeningReview(ReviewRepository reviews, TimeProvider clock)
{
    public sealed record Queue(DateOnly AsOf, DateOnly? Previous, IReadOnlyList<ReviewRepository.QueueItem> Items);

    public IReadOnlyList<DateOnly> ScreeningDates() => reviews.ScreeningDates();

    /// <summary>The changes at <paramref name="asOf"/> against each enterprise's screening before it, within the caller's
    /// scope; <see cref="Queue.Previous"/> is the latest screening date before it, for the heading.</summary>
    public Queue For(AccessScope scope, DateOnly asOf, string? tier = null)
    {
        RequireOfficer(scope);
        var previous = reviews.ScreeningDates().Where(d => d < asOf).Select(d => (DateOnly?)d).LastOrDefault();
        return new Queue(asOf, previous, reviews.Queue(scope, asOf, tier));
    }

    /// <summary>
    /// Confirms or rejects changes, all in one transaction. Each must be in the caller's queue for that screening (so
    /// nothing outside the scope can be decided); a rejection needs a note.
    /// </summary>
    public int Decide(AccessScope scope, string userName, DateOnly asOf, IReadOnlyCollection<(string CreditCode, string Tier)> subjects, bool confirm, string? note)
    {
        RequireOfficer(scope);
        note = note?.Trim() ?? "";
        if (!confirm && note.Length == 0) throw new ArgumentException("驳回须填写说明");
        if (note.Length > 2000) throw new ArgumentException("说明不超过 2000 字");
        if (subjects.Count == 0) throw new ArgumentException("未选择任何企业");
        // Only the queues of the tiers decided on: the whole queue of every tier is far larger.
        var items = subjects.Select(s => s.Tier).Distinct().SelectMany(tier => For(scope, asOf, tier).Items).ToDictionary(i => (i.CreditCode, i.Tier));
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var decisions = subjects.Distinct().Select(s => items.TryGetValue(s, out var item)
            ? new ReviewRepository.Decision(item.CreditCode, item.Tier, asOf, item.PreviousAsOf, item.Change, confirm ? "confirmed" : "rejected",
                note, userName, now, item.Parameters)
            : throw new OutOfScopeException($"{s.CreditCode}（{TierNames.Of(s.Tier)}）不在{scope.Description}本次筛查的复核清单中")).ToList();
        reviews.Record(decisions);
        return decisions.Count;
    }

    private static void RequireOfficer(AccessScope scope)
    {
        if (!scope.IsOfficer) throw new OutOfScopeException("只有科技部门可以复核筛查结果");
    }
}
