using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Rules.Engine;
using JxEnterpriseLadder.Domain;

namespace JxEnterpriseLadder.Services;

/// <summary>Counts by tier, year and city, with Jiangxi's published figures beside them (criteria.md §4).</summary>
public sealed class ProvinceStatistics(RegistryStatistics registry, ParameterStore parameters)
{
    /// <summary>Published counts for calibration: (year, measure) → number.</summary>
    public static readonly IReadOnlyList<(int Year, string Measure, int Published, string Note)> Published =
    [
        (2020, TierIds.TechSme, 6416, "入库科技型中小企业"),
        (2020, TierIds.Hnte, 5115, "有效高新技术企业"),
        (2020, TierIds.Gazelle, 80, "瞪羚企业"),
        (2020, TierIds.PotentialGazelle, 60, "潜在瞪羚企业"),
        (2020, TierIds.PotentialUnicorn, 6, "潜在独角兽企业"),
        (2020, TierIds.SeedUnicorn, 10, "种子独角兽企业"),
        (2020, TierIds.Unicorn, 0, "独角兽企业"),
        (2023, TierIds.TechSme, 14528, "入库科技型中小企业"),
        (2023, TierIds.Hnte, 6100, "有效高新技术企业（不少于）"),
        // The second ladder: titles held on the day of the province's briefing (criteria-quality-sme.md §3.5).
        (2024, TierIds.InnovativeSme, 8187, "有效创新型中小企业（2024-08-04）"),
        (2024, TierIds.SpecialisedSme, 3791, "有效省级专精特新中小企业（2024-08-04）"),
        (2024, TierIds.LittleGiant, 255, "专精特新“小巨人”企业（2024-08-04）"),
    ];

    /// <summary>The day the second ladder's published counts were given (江西省工业和信息化厅, 2024-08-04).</summary>
    public static readonly DateOnly QualityCountsDay = new(2024, 8, 4);

    public sealed record CalibrationRow(int Year, string Measure, string Note, int Published, int Recognized, int? Eligible)
    {
        public string Deviation => Relative(Recognized);
        public string EligibleDeviation => Eligible is { } e ? Relative(e) : "—";

        private string Relative(int count)
        {
            if (Published == 0) return count == 0 ? "0" : $"+{count}";
            var percent = (int)Math.Round((count - Published) * 100.0 / Published, MidpointRounding.AwayFromZero);
            return percent == 0 ? "0%" : percent.ToString("+0;-0", System.Globalization.CultureInfo.InvariantCulture) + "%";
        }
    }

    /// <summary>
    /// Recognised = what the registry holds (registrations in the year, certificates valid at year end, list
    /// entries of the year); eligible = the engine's qualified count at mid-year, where a screening was stored.
    /// </summary>
    public IReadOnlyList<CalibrationRow> Calibration()
    {
        var registered = registry.RegisteredTechSmesByYear().ToDictionary(x => x.Year, x => x.Count);
        var lists = registry.ListEntriesByYear();
        var screened = registry.AssessedDates().ToHashSet();
        var rows = new List<CalibrationRow>();
        // One count per screening date, not one per published figure.
        var eligibleAt = new Dictionary<DateOnly, IReadOnlyList<RegistryStatistics.TierCityCount>>();
        IReadOnlyList<RegistryStatistics.TierCityCount> EligibleAt(DateOnly d) =>
            eligibleAt.TryGetValue(d, out var hit) ? hit : eligibleAt[d] = registry.EligibleByTierAndCity(d);
        foreach (var (year, measure, published, note) in Published)
        {
            var validity = parameters.InForce(TierIds.Hnte, new DateOnly(year, 12, 31))!.Integer("certificateValidityYears");
            var recognized = measure switch
            {
                TierIds.InnovativeSme or TierIds.SpecialisedSme or TierIds.LittleGiant => registry.TitlesHeldOn(measure, QualityCountsDay),
                TierIds.TechSme => registered.GetValueOrDefault(year),
                TierIds.Hnte => registry.ValidHnteCount(new DateOnly(year, 12, 31), validity),
                _ => lists.Where(l => l.Year == year && l.Tier == measure).Sum(l => l.Count),
            };
            var midYear = new DateOnly(year, 6, 30);
            // HNTE eligibility turns on expert grades the registry does not hold: the engine leaves it undetermined.
            // The second ladder's tiers need inputs the registry does not hold yet (issue 21): no engine figure.
            int? eligible = measure != TierIds.Hnte && !TierIds.QualityLadder.Contains(measure) && screened.Contains(midYear)
                ? EligibleAt(midYear).Where(x => x.Tier == measure).Sum(x => x.Count)
                : null;
            rows.Add(new CalibrationRow(year, measure, note, published, recognized, eligible));
        }
        return rows;
    }
}
