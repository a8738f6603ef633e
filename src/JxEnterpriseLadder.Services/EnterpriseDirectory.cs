using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Domain.Registry;
using JxEnterpriseLadder.Domain.Profiles;
using JxEnterpriseLadder.Rules;
using JxEnterpriseLadder.Rules.Engine;
using JxEnterpriseLadder.Rules.Tiers;
using MiniExcelLibs;

namespace JxEnterpriseLadder.Services;

/// <summary>
/// Enterprise data for a signed-in caller: every method takes the caller's scope and applies it, in the query where it
/// lists and by <see cref="OutOfScopeException"/> where it fetches one enterprise.
/// </summary>
public sealed class EnterpriseDirectory(DirectoryRepository directory, RegistryRepository registry, PredictionRepository predictions, ReviewRepository reviews,
    AuditRepository audit, AssessmentEngine engine, TimeProvider clock)
{
    private RecordChangeRepository Changes => new(registry.Database);

    /// <summary>An enterprise as its page shows it at a date: its profile then, every tier assessed and explained, the IP
    /// it holds, and the rung above what it holds (where its gaps matter).</summary>
    /// <param name="Titles">Each second-ladder title held, with its yearly updates and major-change reports so far and
    /// what a missed one costs (Parameters/title-lifecycle).</param>
    public sealed record Standing(EnterpriseProfile Profile, AssessmentResult Assessment, int IpClass1, int IpClass2, string NextTier,
        IReadOnlyList<TitleStanding> Titles);

    public Standing StandingOf(Profile enterprise, DateOnly asOf)
    {
        var built = ProfileBuilder.Build(enterprise.Record, asOf);
        var assessment = engine.Assess(built, asOf);
        var ladder = engine.Laws.LadderAt(asOf);
        var held = assessment.HighestRecognizedTier is { } h ? ladder.IndexOf(h) : -1;
        return new Standing(built, assessment, built.Ip?.Class1 ?? 0, built.Ip?.Class2 ?? 0, ladder.Order.Skip(held + 1).FirstOrDefault() ?? ladder.Order[^1],
            TitleLifecycle.Standing(engine.Laws, enterprise.Record, asOf));
    }

    public enum HistoryKind { Registered, TechSmeEntered, HnteCertified, Listed, Screened, Reviewed }

    /// <summary>One change of status: when (<see cref="At"/> sorts, <see cref="When"/> is shown), what, and its particulars
    /// (a tier, a certificate number, a screening's date; a review's decision, and who and why unless withheld).</summary>
    public sealed record HistoryEvent(string At, string When, HistoryKind Kind, string? Tier = null, string? Number = null,
        DateOnly? ScreeningDate = null, bool? Confirmed = null, string? By = null, string? Note = null);

    /// <summary>Recognitions, screenings whose result changed, and officers' decisions, newest first.</summary>
    public IReadOnlyList<HistoryEvent> History(Profile enterprise)
    {
        var r = enterprise.Record;
        var events = new List<HistoryEvent> { new(r.Enterprise.RegisteredOn.ToString("yyyy-MM-dd"), r.Enterprise.RegisteredOn.ToString("yyyy-MM-dd"), HistoryKind.Registered) };
        events.AddRange(r.TechSmeRegistrations.Select(x => new HistoryEvent($"{x.Year}-12-31", $"{x.Year}", HistoryKind.TechSmeEntered)));
        events.AddRange(r.HnteCertificates.Select(x => new HistoryEvent(x.IssuedOn.ToString("yyyy-MM-dd"), x.IssuedOn.ToString("yyyy-MM-dd"), HistoryKind.HnteCertified, Number: x.CertificateNumber)));
        events.AddRange(r.ListEntries.Select(x => new HistoryEvent($"{x.Year}-12-31", $"{x.Year}", HistoryKind.Listed, Tier: x.Tier)));
        string? previous = null;
        foreach (var p in enterprise.Positions)
        {
            if (p.QualifiedTier != previous)
                events.Add(new(p.AsOf.ToString("yyyy-MM-dd"), p.AsOf.ToString("yyyy-MM-dd"), HistoryKind.Screened, Tier: p.QualifiedTier));
            previous = p.QualifiedTier;
        }
        events.AddRange(enterprise.Decisions.Select(d =>
        {
            var at = DateTimeOffset.FromUnixTimeSeconds(d.DecidedAt).ToLocalTime();
            var withheld = d.DecidedBy == InternalNotes.Withheld;
            return new HistoryEvent(at.ToString("yyyy-MM-dd HH:mm:ss"), at.ToString("yyyy-MM-dd HH:mm"), HistoryKind.Reviewed, Tier: d.Tier,
                ScreeningDate: d.AsOf, Confirmed: d.Decision == "confirmed", By: withheld ? null : d.DecidedBy, Note: withheld ? null : d.Note);
        }));
        return events.OrderByDescending(x => x.At, StringComparer.Ordinal).ToList();
    }

    public sealed record Profile(EnterpriseRecord Record, IReadOnlyList<PredictionRepository.StoredPrediction> Predictions,
        IReadOnlyList<ReviewRepository.DecisionRow> Decisions, IReadOnlyList<ReviewRepository.SavedSelfCheck> SelfChecks,
        IReadOnlyList<LadderPosition> Positions, IReadOnlyList<AuditEntry> Trail);

    /// <summary>The whole record of one enterprise, or null when there is none; another scope's enterprise throws.</summary>
    public Profile? Get(AccessScope scope, string creditCode)
    {
        var record = registry.Get(creditCode);
        if (record is null) return null;
        if (!scope.Allows(record.Enterprise)) throw new OutOfScopeException($"{creditCode} 不在{scope.Description}的范围内");
        // Names and notes the caller may not read are withheld here (InternalNotes), so pages only show what they get.
        var decisions = reviews.DecisionsFor(creditCode);
        if (InternalNotes.WithheldFrom(scope)) decisions = decisions.Select(d => d with { DecidedBy = InternalNotes.Withheld, Note = InternalNotes.Withheld }).ToList();
        return new Profile(record, predictions.ForEnterprise(creditCode), decisions, reviews.SelfChecksFor(creditCode),
            directory.PositionsOf(creditCode), audit.For(creditCode).Select(e => e.ForViewer(scope)).ToList());
    }

    public bool InScope(AccessScope scope, string creditCode) => directory.InScope(scope, creditCode);

    public DirectoryRepository.Page Search(AccessScope scope, DirectoryRepository.Filter filter, DirectoryRepository.SortBy sort, bool descending, int offset, int limit) =>
        directory.Search(scope, filter, sort, descending, offset, limit);

    /// <summary>Writes every enterprise of the search to an .xlsx workbook with Chinese headers, streaming the rows.</summary>
    public void Export(AccessScope scope, DirectoryRepository.Filter filter, DirectoryRepository.SortBy sort, bool descending, Stream output)
    {
        var reference = JiangxiReference.Default;
        var rows = directory.StreamSearch(scope, filter, sort, descending).Select(r => new Dictionary<string, object?>
        {
            ["统一社会信用代码"] = r.CreditCode,
            ["企业名称"] = r.Name,
            ["设区市"] = reference.CityByCode(r.CityCode)?.Name ?? r.CityCode,
            ["园区"] = r.ParkCode is { } p ? reference.ParkByCode(p)?.Name ?? p : "",
            ["产业链"] = r.ChainCode is { } c ? reference.ChainByCode(c)?.Name ?? c : "",
            ["已认定最高层级"] = r.RecognizedTier is { } t ? TierNames.Of(t) : "",
            ["评价可达最高层级"] = r.QualifiedTier is { } q ? TierNames.Of(q) : "",
            ["下一年晋级概率"] = r.Probability,
        });
        output.SaveAs(SpreadsheetText.ForPeople(rows), sheetName: "企业");
    }

    /// <summary>
    /// Stores a self-check on the enterprise's own record: only a signed-in enterprise account, only for itself. The
    /// registry's filings are not touched; the saved check shows on its page for the officers.
    /// </summary>
    /// <summary>An enterprise's profile as it stood at a date, built from its registry record (the self-check starts from it).</summary>
    public EnterpriseProfile? ProfileAt(AccessScope scope, string creditCode, DateOnly asOf) =>
        Get(scope, creditCode) is { } found ? ProfileBuilder.Build(found.Record, asOf) : null;

    /// <summary>Whether a self-check holds any figure worth keeping: a year's filing with at least one amount.</summary>
    public static bool HasFigures(EnterpriseProfile profile) => profile.Years.Any(y =>
        y.Employees is not null || y.TechStaff is not null || y.SalesRevenue is not null || y.TotalIncome is not null || y.RdExpense is not null
        || y.TotalAssets is not null || y.TotalCostsAndExpenses is not null || y.HiTechIncome is not null);

    /// <summary>A self-check: the profile as typed, every tier assessed and explained at the date (nothing stored).</summary>
    public AssessmentResult SelfCheck(EnterpriseProfile profile, DateOnly asOf) => engine.Assess(profile, asOf);

    /// <summary>The HNTE innovation score that qualifies today (the search explains "may qualify" with it).</summary>
    public int HnteScoreToQualify => LawShown.HnteScoreToQualify(engine.Parameters, DateOnly.FromDateTime(clock.GetLocalNow().DateTime));

    /// <summary>The points the self-check's judged items can earn, and the strictest clean-record window it asks about, from
    /// the law in force at a date (the latest law before any): the page states them, the parameter files hold them.</summary>
    public SelfCheckScales SelfCheckScalesAt(DateOnly asOf)
    {
        ParameterSet At(string set) => LawShown.At(engine.Parameters, set, asOf);
        var hnte = At(TierIds.Hnte);
        var (least, most) = (hnte.Map("expertGradeMinPoints"), hnte.Map("expertGradeMaxPoints"));
        var facts = hnte.Map("rdManagementItemPoints");
        return new SelfCheckScales(
            least.Keys.ToDictionary(g => g, g => ((int)least[g], (int)most[g])),
            hnte.Integer("rdManagementMaxPoints"),
            ((int)facts["rdRulesAndAccounts"], (int)facts["rdUnitAndCooperation"], (int)facts["commercializationIncentives"], (int)facts["talentRules"]),
            At("high-growth").Integer("cleanRecordYears"));
    }

    /// <summary>The look-back years of the tech-SME direct routes by award and by standard at a date, as the self-check
    /// asks for them (the law's numbers, from its parameter file).</summary>
    public (int Award, int Standard) DirectRouteYears(DateOnly asOf)
    {
        var set = LawShown.At(engine.Parameters, TierIds.TechSme, asOf);
        return (set.Integer("directNationalAward"), set.Integer("directLedStandard"));
    }

    /// <summary>Saves an enterprise's own self-check, assessed here at the date, with the outcomes it gave.</summary>
    public void SaveSelfCheck(AccessScope scope, string userName, EnterpriseProfile profile, DateOnly asOf)
    {
        if (scope.Role != Roles.Enterprise || scope.CreditCode is null) throw new OutOfScopeException("只有登录的企业账户可以保存自查，且只能保存到本企业");
        if (!HasFigures(profile)) throw new ArgumentException("自查未填写任何年度数据，不保存 (a self-check without any year's figures is not saved)");
        var result = engine.Assess(profile, asOf);
        var outcomes = string.Join("；", result.Results.Select(r => $"{TierNames.Of(r.Tier)}：{OutcomeText(r.Outcome)}"));
        reviews.SaveSelfCheck(scope.CreditCode, userName, clock.GetUtcNow().ToUnixTimeSeconds(),
            System.Text.Json.JsonSerializer.Serialize(profile, ProfileJson.Options), outcomes);
        // The HNTE judged items the enterprise gave are held on its record, marked as self-assessed, so that a screening
        // can score them (an officer's or an import's later word replaces them).
        if (registry.Get(scope.CreditCode)?.Enterprise is not { } read) return;
        // An item the form leaves open keeps what the record holds (an officer's or an import's word is not erased).
        var x = profile.Expert;
        var edited = read with
        {
            HnteTechAdvancement = x?.TechAdvancement ?? read.HnteTechAdvancement, HnteCoreSupport = x?.CoreSupport ?? read.HnteCoreSupport,
            HnteRdRulesAndAccounts = x?.RdManagement?.RdRulesAndAccounts ?? read.HnteRdRulesAndAccounts,
            HnteRdUnitAndCooperation = x?.RdManagement?.RdUnitAndCooperation ?? read.HnteRdUnitAndCooperation,
            HnteCommercializationIncentives = x?.RdManagement?.CommercializationIncentives ?? read.HnteCommercializationIncentives,
            HnteTalentRules = x?.RdManagement?.TalentRules ?? read.HnteTalentRules,
        };
        if (HnteJudgement.SameItems(read, edited)) return;
        edited = HnteJudgement.Stamp(edited, read, HnteJudgement.SelfAssessed, userName, DateOnly.FromDateTime(clock.GetLocalNow().DateTime));
        Changes.UpdateEnterprise(read, edited, new AuditStamp(userName, "企业保存自查：高新技术企业评价项（自评）"), clock.GetUtcNow().ToUnixTimeSeconds());
    }

    // The words the self-check showed when it was saved.
    private static string OutcomeText(Outcome o) => o switch { Outcome.Qualified => "符合", Outcome.NotQualified => "不符合", _ => "待补充" };
}

/// <summary>What the self-check's judged items earn (each grade's least and most points, the R&amp;D management items and
/// their ceiling) and the clean-record years it asks about, as the law in force states them.</summary>
public sealed record SelfCheckScales(IReadOnlyDictionary<string, (int Min, int Max)> GradePoints, int RdManagementMax,
    (int RulesAndAccounts, int UnitAndCooperation, int CommercializationIncentives, int TalentRules) RdManagementItems, int CleanRecordYears)
{
    /// <summary>"7–8" or "0".</summary>
    public string Points(string grade) => GradePoints[grade] is var (min, max) && min != max ? $"{min}–{max}" : GradePoints[grade].Min.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An open grade counts from the lowest grade's points to the highest's: "0–8".</summary>
    public string OpenRange => $"{GradePoints.Values.Min(p => p.Min)}–{GradePoints.Values.Max(p => p.Max)}";
}
