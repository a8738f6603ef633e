using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Domain.Registry;
using JxEnterpriseLadder.Rules.Engine;
using JxEnterpriseLadder.Rules;

namespace JxEnterpriseLadder.Prediction;

/// <summary>
/// The model's inputs, computed from a <see cref="YearEndSnapshot"/> only: levels, ratios and trends of the last
/// three filings, IP stock and flow, financing, status, the engine's outcome and distance for every tier, and
/// city, park and industry chain. Names are ids of data-dictionary/fields.json "features" (Chinese labels there).
/// Changing the list or any definition means a new <see cref="Version"/>: older model files are then refused.
/// </summary>
public sealed class PromotionFeatures
{
    public const int Version = 2;

    private readonly List<(string Name, Func<YearEndSnapshot, float> Value)> _numeric = [];
    private readonly IReadOnlyDictionary<string, decimal> _usdCny;
    private readonly AssessmentEngine _engine;
    private readonly string[] _cities, _parks, _chains;

    public IReadOnlyList<string> Names { get; }

    public PromotionFeatures(AssessmentEngine engine)
    {
        _engine = engine;
        _usdCny = engine.Parameters.InForce("exchange-rates", new DateOnly(2099, 1, 1))!.Map("usdCnyAnnualAverage");
        var reference = JiangxiReference.Default;
        _cities = reference.Cities.Select(c => c.Code).ToArray();
        _parks = reference.Parks.Select(p => p.Code).ToArray();
        _chains = reference.IndustryChains.Select(c => c.Code).ToArray();

        // The firm
        Add("firm.ageYears", s => (float)((s.YearEnd.DayNumber - s.Known.Enterprise.RegisteredOn.DayNumber) / 365.25));
        Add("firm.listed", s => Flag(s.Known.Enterprise.Listed));
        Add("firm.inPark", s => Flag(s.Known.Enterprise.ParkCode is not null));
        Add("firm.nationalAward", s => Flag(s.Known.Enterprise.NationalAwardYear is not null));
        Add("firm.rdInstitution", s => Flag(s.Known.Enterprise.RdInstitutionYear is not null));
        Add("firm.ledStandard", s => Flag(s.Known.Enterprise.LedStandardYear is not null));
        // Filings: year t and the two before it
        Add("filing.yearsFiled", s => s.Known.Filings.Count);
        Add("filing.employeesLog", s => Log(F(s, 0)?.Employees));
        Add("filing.employeesGrowth1y", s => Growth(F(s, 0)?.Employees, F(s, 1)?.Employees));
        Add("filing.techStaffRatio", s => Ratio(F(s, 0)?.TechStaff, F(s, 0)?.Employees));
        Add("filing.revenueLog", s => Log(F(s, 0)?.SalesRevenue));
        Add("filing.revenueGrowth1y", s => Growth(F(s, 0)?.SalesRevenue, F(s, 1)?.SalesRevenue));
        Add("filing.revenueCagr2y", s => Cagr(F(s, 0)?.SalesRevenue, F(s, 2)?.SalesRevenue, 2));
        Add("filing.rdLog", s => Log(F(s, 0)?.RdExpense));
        Add("filing.rdGrowth1y", s => Growth(F(s, 0)?.RdExpense, F(s, 1)?.RdExpense));
        Add("filing.rdIntensity", s => Ratio(F(s, 0)?.RdExpense, F(s, 0)?.SalesRevenue));
        Add("filing.rdIntensity3y", s => Ratio(Sum(s, f => f.RdExpense), Sum(s, f => f.SalesRevenue)));
        Add("filing.hiTechIncomeShare", s => Ratio(F(s, 0)?.HiTechIncome, F(s, 0)?.TotalIncome));
        Add("filing.assetsLog", s => Log(F(s, 0)?.TotalAssets));
        Add("filing.liabilityRatio", s => Ratio(F(s, 0)?.TotalLiabilities, F(s, 0)?.TotalAssets));
        Add("filing.resultsCommercialized", s => F(s, 0)?.ResultsCommercialized ?? 0);
        // IP: stock valid at the year end, and this year's flow
        Add("ip.class1Held", s => Held(s).Count(i => i.IpClass == 1));
        Add("ip.class2Held", s => Held(s).Count(i => i.IpClass == 2));
        Add("ip.class1New", s => s.Known.Ip.Count(i => i.IpClass == 1 && i.ValidFrom.Year == s.BaseYear));
        Add("ip.class2New", s => s.Known.Ip.Count(i => i.IpClass == 2 && i.ValidFrom.Year == s.BaseYear));
        Add("ip.ownRdShare", s => Held(s) is { Count: > 0 } h ? (float)h.Count(i => i.OwnRd) / h.Count : 0);
        // Financing
        Add("financing.rounds", s => s.Known.Financing.Count);
        Add("financing.amount3yLog", s => Log(s.Known.Financing.Where(f => f.RoundDate.Year > s.BaseYear - 3).Sum(f => Cny(f.Amount, f.Currency, f.RoundDate.Year))));
        Add("financing.valuationLog", s => s.Known.Financing.LastOrDefault(f => f.PostMoneyValuation is not null) is { } f
            ? Log(Cny(f.PostMoneyValuation!.Value, f.Currency, f.RoundDate.Year)) : 0);
        Add("financing.yearsSinceRound", s => s.Known.Financing.Count == 0 ? 0 : s.BaseYear - s.Known.Financing.Max(f => f.RoundDate.Year) + 1);
        // Clean record and status
        Add("clean.events3y", s => s.Known.CleanRecord.Count(c => c.OccurredOn.Year > s.BaseYear - 3));
        Add("status.inTechSmeDatabase", s => Flag(s.InTechSmeDatabase));
        Add("status.techSmeYears", s => s.TechSmeYears);
        Add("status.hnteValid", s => Flag(s.HnteValid(_engine)));
        Add("status.hnteYearsSinceIssue", s => s.Known.HnteCertificates.Count == 0 ? 0 : s.BaseYear - s.Known.HnteCertificates.Max(c => c.IssuedOn.Year) + 1);
        Add("status.onHighGrowthList", s => Flag(s.OnHighGrowthList));
        Add("status.highGrowthYears", s => s.Known.ListEntries.Select(l => l.Year).Distinct().Count());
        // The engine for year t+1: the first ladder's tiers, whose rungs the model learns (the registry's records hold no
        // second-ladder data yet, so those tiers would be undetermined for every firm and tell the model nothing).
        foreach (var tier in TierIds.TechLadder)
        {
            Add($"engine.{tier}.outcome", s => s.Assessment.For(tier)?.Outcome switch { Outcome.Qualified => 1f, Outcome.Undetermined => 0.5f, _ => 0f });
            Add($"engine.{tier}.distance", s => s.Assessment.For(tier) is { } r ? (float)RulesDistance.To(r) : 0f);
        }
        Add("engine.tech-sme.score", s => s.Assessment.For(TierIds.TechSme)?.Score ?? 0);
        Add("engine.hnte.scoreMin", s => s.Assessment.For(TierIds.Hnte)?.ScoreRange?.Min ?? s.Assessment.For(TierIds.Hnte)?.Score ?? 0);
        Add("engine.hnte.scoreMax", s => s.Assessment.For(TierIds.Hnte)?.ScoreRange?.Max ?? s.Assessment.For(TierIds.Hnte)?.Score ?? 0);

        Names = _numeric.Select(n => n.Name)
            .Concat(_cities.Select(c => "city:" + c)).Concat(_parks.Select(p => "park:" + p)).Concat(_chains.Select(c => "chain:" + c))
            .ToArray();
    }

    public int Count => Names.Count;

    public float[] Compute(YearEndSnapshot s)
    {
        var v = new float[Names.Count];
        var i = 0;
        foreach (var (_, value) in _numeric) v[i++] = value(s);
        var e = s.Known.Enterprise;
        OneHot(v, ref i, _cities, e.CityCode);
        OneHot(v, ref i, _parks, e.ParkCode);
        OneHot(v, ref i, _chains, e.ChainCode);
        return v;
    }

    private void Add(string name, Func<YearEndSnapshot, float> value) => _numeric.Add((name, value));

    private static void OneHot(float[] v, ref int i, string[] codes, string? code)
    {
        foreach (var c in codes) v[i++] = c == code ? 1f : 0f;
    }

    private static Filing? F(YearEndSnapshot s, int yearsBack)
    {
        var year = s.BaseYear - yearsBack;
        foreach (var f in s.Known.Filings) if (f.Year == year) return f;
        return null;
    }

    private static decimal? Sum(YearEndSnapshot s, Func<Filing, decimal?> field)
    {
        decimal total = 0;
        var any = false;
        for (var back = 0; back < 3; back++)
            if (F(s, back) is { } f && field(f) is { } x) { total += x; any = true; }
        return any ? total : null;
    }

    private List<IpHolding> Held(YearEndSnapshot s) =>
        s.Known.Ip.Where(i => i.ValidFrom <= s.YearEnd && (i.ValidTo is null || s.YearEnd < i.ValidTo)).ToList();

    private decimal Cny(decimal amount, string currency, int year) =>
        currency == "USD" ? amount * (_usdCny.TryGetValue(year.ToString(System.Globalization.CultureInfo.InvariantCulture), out var r) ? r : _usdCny.Values.Last()) : amount;

    private static float Flag(bool b) => b ? 1f : 0f;
    private static float Log(decimal? x) => x is { } v && v > 0 ? (float)Math.Log(1 + (double)v) : 0f;
    private static float Log(int? x) => x is { } v && v > 0 ? (float)Math.Log(1 + v) : 0f;
    private static float Ratio(decimal? a, decimal? b) => a is { } x && b is { } y && y > 0 ? (float)Math.Clamp((double)(x / y), 0, 10) : 0f;
    private static float Ratio(int? a, int? b) => a is { } x && b is { } y && y > 0 ? Math.Clamp((float)x / y, 0, 10) : 0f;
    private static float Growth(decimal? now, decimal? before) => now is { } n && before is { } b && b > 0 ? (float)Math.Clamp((double)(n / b) - 1, -1, 5) : 0f;
    private static float Growth(int? now, int? before) => now is { } n && before is { } b && b > 0 ? Math.Clamp((float)n / b - 1, -1, 5) : 0f;
    private static float Cagr(decimal? now, decimal? before, int years) =>
        now is { } n && before is { } b && b > 0 && n > 0 ? (float)Math.Clamp(Math.Pow((double)(n / b), 1.0 / years) - 1, -1, 5) : 0f;
}
