using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Domain.Access;
using MiniExcelLibs;

namespace JxEnterpriseLadder.Services;

/// <summary>
/// The officers' review of a screening: the enterprises that newly qualify for a tier, or no longer do, since the
/// screening before; each confirmed or rejected with a note, recorded with who, when, why and the parameter versions.
/// </summary>
public sealed class ScreeningReview(ReviewRepository reviews, UserRepository users, TimeProvider clock)
{
    /// <summary>The changes at <see cref="AsOf"/>; <see cref="Baseline"/> is the screening chosen to compare with (null:
    /// each enterprise's own screening before, the latest of which is <see cref="Previous"/>).</summary>
    public sealed record Queue(DateOnly AsOf, DateOnly? Previous, IReadOnlyList<ReviewRepository.QueueItem> Items, DateOnly? Baseline = null);

    /// <summary>Which decisions a page of the queue shows: the tabs of the review page.</summary>
    public enum Status { Pending, Confirmed, Rejected }

    public enum Order { Name, CreditCode, City, Change }

    /// <summary>A page of the queue: the filters of the review page (change kind, city, park, name), its order, and the page.</summary>
    public sealed record PageQuery(Status Status = Status.Pending, string? Change = null, string? City = null, string? Park = null, string? Name = null,
        Order Order = Order.Name, bool Descending = false, int Page = 1, int PageSize = 25, DateOnly? Baseline = null);

    /// <summary>One page of the queue, with how many items each tab holds and how many match the filters.</summary>
    public sealed record QueuePage(DateOnly AsOf, DateOnly? Previous, IReadOnlyList<ReviewRepository.QueueItem> Items, int Matching,
        int Pending, int Confirmed, int Rejected, int Page, int Pages, DateOnly? Baseline = null);

    /// <summary>
    /// The queue paged on the server: the browser gets one page, whatever the queue's length; the tabs count what each
    /// status holds under the same filters. Decisions name who made them by their display name.
    /// </summary>
    private static readonly StringComparer Chinese = StringComparer.Create(new System.Globalization.CultureInfo("zh-CN"), ignoreCase: false);

    public QueuePage Page(AccessScope scope, DateOnly asOf, string tier, PageQuery q)
    {
        var queue = For(scope, asOf, tier, q.Baseline);
        var names = users.All().ToDictionary(u => u.UserName, u => u.DisplayName, StringComparer.Ordinal);
        IEnumerable<ReviewRepository.QueueItem> filtered = queue.Items;
        if (q.Change is { Length: > 0 } change) filtered = filtered.Where(i => i.Change == change);
        if (q.City is { Length: > 0 } city) filtered = filtered.Where(i => i.CityCode == city);
        if (q.Park is { Length: > 0 } park) filtered = filtered.Where(i => i.ParkCode == park);
        if (q.Name?.Trim() is { Length: > 0 } name)
            filtered = filtered.Where(i => i.Name.Contains(name, StringComparison.OrdinalIgnoreCase) || i.CreditCode.Contains(name, StringComparison.OrdinalIgnoreCase));
        var all = filtered.ToList();
        var inTab = all.Where(i => q.Status switch
        {
            Status.Confirmed => i.Decision == "confirmed",
            Status.Rejected => i.Decision == "rejected",
            _ => i.Decision is null,
        });
        // Names in the order Chinese readers expect (pinyin, the zh-CN collation), cities by their Chinese names.
        var reference = JiangxiReference.Default;
        Func<ReviewRepository.QueueItem, string> key = q.Order switch
        {
            Order.CreditCode => i => i.CreditCode, Order.City => i => (reference.CityByCode(i.CityCode)?.Name ?? i.CityCode) + "\u0000" + i.Name,
            Order.Change => i => i.Change + "\u0000" + i.Name,
            _ => i => i.Name,
        };
        var order = q.Order == Order.CreditCode ? StringComparer.Ordinal : Chinese;
        var sorted = (q.Descending ? inTab.OrderByDescending(key, order) : inTab.OrderBy(key, order)).ThenBy(i => i.CreditCode, StringComparer.Ordinal).ToList();
        var size = Math.Clamp(q.PageSize, 10, 200);
        var pages = Math.Max(1, (sorted.Count + size - 1) / size);
        var page = Math.Clamp(q.Page, 1, pages);
        var items = sorted.Skip((page - 1) * size).Take(size)
            .Select(i => i.DecidedBy is { } by && names.TryGetValue(by, out var display) ? i with { DecidedBy = display } : i).ToList();
        return new QueuePage(queue.AsOf, queue.Previous, items, sorted.Count, all.Count(i => i.Decision is null), all.Count(i => i.Decision == "confirmed"),
            all.Count(i => i.Decision == "rejected"), page, pages, queue.Baseline);
    }

    public IReadOnlyList<DateOnly> ScreeningDates() => reviews.ScreeningDates();

    /// <summary>The changes at <paramref name="asOf"/> within the caller's scope: against each enterprise's screening before
    /// it (by default), or against the one screening <paramref name="baseline"/>, which must be earlier.</summary>
    public Queue For(AccessScope scope, DateOnly asOf, string? tier = null, DateOnly? baseline = null)
    {
        RequireOfficer(scope);
        if (baseline is { } b && b >= asOf) throw new ArgumentException($"对比的筛查日 {b:yyyy-MM-dd} 须早于筛查日 {asOf:yyyy-MM-dd} (the screening compared with must be earlier)");
        var previous = baseline ?? reviews.ScreeningDates().Where(d => d < asOf).Select(d => (DateOnly?)d).LastOrDefault();
        return new Queue(asOf, previous, reviews.Queue(scope, asOf, tier, baseline), baseline);
    }

    /// <summary>
    /// Confirms or rejects changes, all in one transaction. Each must be in the caller's queue for that screening (so
    /// nothing outside the scope can be decided); a rejection needs a note.
    /// </summary>
    public int Decide(AccessScope scope, string userName, DateOnly asOf, IReadOnlyCollection<(string CreditCode, string Tier)> subjects, bool confirm, string? note,
        DateOnly? baseline = null)
    {
        RequireOfficer(scope);
        note = note?.Trim() ?? "";
        if (!confirm && note.Length == 0) throw new ArgumentException("驳回须填写说明");
        if (note.Length > 2000) throw new ArgumentException("说明不超过 2000 字");
        if (subjects.Count == 0) throw new ArgumentException("未选择任何企业");
        // Only the queues of the tiers decided on: the whole queue of every tier is far larger.
        var items = subjects.Select(s => s.Tier).Distinct().SelectMany(tier => For(scope, asOf, tier, baseline).Items).ToDictionary(i => (i.CreditCode, i.Tier));
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var decisions = subjects.Distinct().Select(s => items.TryGetValue(s, out var item)
            ? new ReviewRepository.Decision(item.CreditCode, item.Tier, asOf, item.PreviousAsOf, item.Change, confirm ? "confirmed" : "rejected",
                note, userName, now, item.Parameters)
            : throw new OutOfScopeException($"{s.CreditCode}（{TierNames.Of(s.Tier)}）不在{scope.Description}本次筛查的复核清单中")).ToList();
        reviews.Record(decisions);
        return decisions.Count;
    }

    /// <summary>The queue as the page shows it (one tier, pending only or all), as an .xlsx workbook with Chinese headers:
    /// what changed, the decision with who, when and why, and the parameter versions the screening used.</summary>
    public void Export(AccessScope scope, DateOnly asOf, string? tier, bool pendingOnly, Stream output, DateOnly? baseline = null)
    {
        var reference = JiangxiReference.Default;
        var queue = For(scope, asOf, tier, baseline);
        var rows = queue.Items.Where(i => !pendingOnly || i.Decision is null).Select(i => new Dictionary<string, object?>
        {
            ["统一社会信用代码"] = i.CreditCode,
            ["企业名称"] = i.Name,
            ["设区市"] = reference.CityByCode(i.CityCode)?.Name ?? i.CityCode,
            ["园区"] = i.ParkCode is { } p ? reference.ParkByCode(p)?.Name ?? p : "",
            ["层级"] = TierNames.Of(i.Tier),
            ["筛查日"] = asOf.ToString("yyyy-MM-dd"),
            ["上次筛查日"] = i.PreviousAsOf?.ToString("yyyy-MM-dd") ?? "",
            ["变化"] = i.Change == "newly-qualified" ? "新合格" : "不再合格",
            ["复核结果"] = i.Decision switch { null => "待复核", "confirmed" => "已确认", _ => "已驳回" },
            ["复核人"] = i.DecidedBy ?? "",
            ["复核时间（北京时间）"] = i.DecidedAt is { } at ? DateTimeOffset.FromUnixTimeSeconds(at).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm") : "",
            ["复核说明"] = i.Note ?? "",
            ["参数版本"] = i.Parameters,
        });
        output.SaveAs(SpreadsheetText.ForPeople(rows), sheetName: "复核清单");
    }

    private static void RequireOfficer(AccessScope scope)
    {
        if (!scope.IsOfficer) throw new OutOfScopeException("只有科技部门可以复核筛查结果");
    }
}
