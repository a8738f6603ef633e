using JxEnterpriseLadder.Domain.Profiles;
using JxEnterpriseLadder.Rules.Engine;
using JxEnterpriseLadder.Domain;

namespace JxEnterpriseLadder.Rules.Tests;

/// <summary>A province's own thresholds are a parameter file with a date: no code changes, and results name the version.</summary>
public sealed class ParameterOverrideTests
{
    private static readonly ParameterStore WithJiangxiGazelle = ParameterStore.Default.With(
        [ParameterStore.Parse(File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Overrides", "gazelle-2026-01-01.json")), "gazelle-2026-01-01.json")]);

    // A gazelle on path 4 (founded within 10 years, revenue ≥ 10亿) with R&D at 4.5% of revenue.
    private static readonly EnterpriseProfile Firm = new()
    {
        RegisteredOn = new DateOnly(2018, 3, 1), Listed = false, Industry = "new-energy", HiTechField = "new-energy-energy-saving",
        BranchOrTradingOnly = false,
        CleanRecord = new CleanRecord { MajorAccident = false, SeriousEnvironmentalViolation = false, ResearchMisconduct = false, AbnormalOperations = false, SeriousDishonesty = false },
        HnteCertificate = new HnteCertificate { Number = "GR202436000001", IssuedOn = new DateOnly(2024, 11, 1) },
        Years =
        [
            new YearFiling { Year = 2024, SalesRevenue = 1_200_000_000m, RdExpense = 54_000_000m, Employees = 900 },
            new YearFiling { Year = 2025, SalesRevenue = 1_300_000_000m, RdExpense = 58_500_000m, Employees = 950 },
        ],
    };

    [Fact]
    public void TheShippedThresholdAppliesBeforeTheNewFileAndTheNewOneFromItsDate()
    {
        var engine = new AssessmentEngine(WithJiangxiGazelle);
        var before = engine.Assess(Firm, new DateOnly(2025, 12, 31)).For("gazelle")!;
        var after = engine.Assess(Firm, new DateOnly(2026, 1, 1)).For("gazelle")!;

        Assert.Equal(Outcome.Qualified, before.Outcome);
        Assert.Contains("gazelle@2016-01-01", before.Parameters);
        Assert.Equal(Outcome.NotQualified, after.Outcome);
        Assert.Contains("gazelle@2026-01-01", after.Parameters);
        Assert.Equal("> 5%", after.Criteria.Single(c => c.Id == "gazelle.rd-intensity").Threshold);
        Assert.Contains(after.Gaps, g => g.Criterion == "gazelle.rd-intensity");
    }

    [Fact]
    public void TwoFilesForTheSameSetAndDateAreRefused() =>
        Assert.Throws<InvalidDataException>(() => new ParameterStore(ParameterStore.Default.All.Concat(ParameterStore.Default.All.Where(s => s.Set == "gazelle"))));
}
