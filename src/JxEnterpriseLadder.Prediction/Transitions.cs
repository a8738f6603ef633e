using JxEnterpriseLadder.Domain.Registry;
using JxEnterpriseLadder.Rules.Engine;
using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Rules;

namespace JxEnterpriseLadder.Prediction;

/// <summary>
/// One rung of the ladder to predict: who, among the enterprises in <see cref="InPool"/> at the end of year t,
/// is recognised at the next rung in year t+1 (<see cref="Entered"/>). One model per transition (ADR 0005).
/// </summary>
public sealed record Transition(string Id, string Name, string From, string To, IReadOnlyList<string> TargetTiers)
{
    /// <summary>In the registry, not in the tech-SME database in year t → entered in year t+1.</summary>
    public static readonly Transition TechSmeEntry = new("tech-sme-entry", "入库科技型中小企业", "登记库企业（当年未入库）", "科技型中小企业", [TierIds.TechSme]);
    /// <summary>A tech SME of year t without a valid HNTE certificate → certificate issued in year t+1.</summary>
    public static readonly Transition HnteEntry = new("hnte-entry", "认定高新技术企业", "科技型中小企业（无有效高企证书）", "高新技术企业", [TierIds.Hnte]);
    /// <summary>An HNTE (valid certificate at the end of year t) on no high-growth list in year t → on one in year t+1.</summary>
    public static readonly Transition HighGrowthEntry = new("high-growth-entry", "进入瞪羚/独角兽名单", "高新技术企业（当年未入名单）", "瞪羚（含潜在）/独角兽（含潜在、种子）",
        [TierIds.Gazelle, TierIds.PotentialGazelle, TierIds.Unicorn, TierIds.PotentialUnicorn, TierIds.SeedUnicorn]);

    /// <summary>The second ladder (ADR 0023): an active firm holding no valid 专精特新 or 小巨人 title at the end of year t →
    /// a 专精特新 title issued in year t+1.</summary>
    public static readonly Transition SpecialisedEntry = new("specialised-sme-entry", "认定专精特新中小企业", "登记库企业（无有效专精特新、小巨人称号）", "专精特新中小企业",
        [TierIds.SpecialisedSme]);
    /// <summary>A firm holding a valid 专精特新 title and no 小巨人 title at the end of year t → a 小巨人 title issued in year t+1.</summary>
    public static readonly Transition LittleGiantEntry = new("little-giant-entry", "认定专精特新“小巨人”企业", "专精特新中小企业（有效称号，尚非小巨人）", "专精特新“小巨人”企业",
        [TierIds.LittleGiant]);

    public static readonly IReadOnlyList<Transition> All = [TechSmeEntry, HnteEntry, HighGrowthEntry, SpecialisedEntry, LittleGiantEntry];

    public static Transition Parse(string id) => All.FirstOrDefault(t => t.Id == id)
        ?? throw new ArgumentException($"unknown transition '{id}' (one of {string.Join(", ", All.Select(t => t.Id))})");

    /// <summary>Whether the enterprise was a candidate for this rung at the end of year t (an active filer of year t).</summary>
    public bool InPool(YearEndSnapshot s, AssessmentEngine engine)
    {
        if (!s.Active) return false;
        if (this == TechSmeEntry) return !s.InTechSmeDatabase;
        if (this == HnteEntry) return s.InTechSmeDatabase && !s.HnteValid(engine);
        if (this == SpecialisedEntry) return !s.HoldsTitle(TierIds.SpecialisedSme) && !s.HoldsTitle(TierIds.LittleGiant);
        if (this == LittleGiantEntry) return s.HoldsTitle(TierIds.SpecialisedSme) && !s.HoldsTitle(TierIds.LittleGiant);
        return s.HnteValid(engine) && !s.OnHighGrowthList;
    }

    /// <summary>The outcome: recognised at the next rung in year <paramref name="outcomeYear"/> (reads the whole record).</summary>
    public bool Entered(EnterpriseRecord full, int outcomeYear)
    {
        if (this == TechSmeEntry) return full.TechSmeRegistrations.Any(r => r.Year == outcomeYear);
        if (this == HnteEntry) return full.HnteCertificates.Any(c => c.IssuedOn.Year == outcomeYear);
        if (this == SpecialisedEntry) return full.QualityTitles.Any(t => t.Title == TierIds.SpecialisedSme && t.IssuedOn.Year == outcomeYear);
        if (this == LittleGiantEntry) return full.QualityTitles.Any(t => t.Title == TierIds.LittleGiant && t.IssuedOn.Year == outcomeYear);
        return full.ListEntries.Any(l => l.Year == outcomeYear);
    }

    /// <summary>The rules baseline's ranking key for the next rung (<see cref="RulesRanking"/>): the higher, the nearer.</summary>
    public double RulesScore(YearEndSnapshot s) => RulesRanking.KeyOfNearest(s.Assessment, TargetTiers);

    /// <summary>Which target of the plan an entry counts toward (parameters ladder.targetGroups): the rung's tier, or for
    /// the high-growth rung the tier the rules find nearest.</summary>
    public string TargetGroupOf(YearEndSnapshot s, AssessmentEngine engine)
    {
        var nearest = RulesRanking.NearestTier(s.Assessment, TargetTiers);
        var groups = engine.Parameters.InForce("ladder", s.YearEnd)!.TextMap("targetGroups");
        return groups.TryGetValue(nearest, out var g) ? g : nearest;
    }
}
