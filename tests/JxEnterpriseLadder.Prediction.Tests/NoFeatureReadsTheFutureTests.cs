using JxEnterpriseLadder.Domain.Registry;

namespace JxEnterpriseLadder.Prediction.Tests;

/// <summary>Every feature comes from what was known on 31 December of the base year: rewriting everything after
/// that date leaves every feature as it was, while a change inside the year moves them.</summary>
public sealed class NoFeatureReadsTheFutureTests
{
    [Theory]
    [InlineData(2019)]
    [InlineData(2022)]
    [InlineData(2024)]
    public void RewritingEverythingAfterTheBaseYearChangesNoFeature(int baseYear)
    {
        var checkedRecords = 0;
        foreach (var record in Province.Small.Where(r => r.Filings.Any(f => f.Year == baseYear)).Take(120))
        {
            var before = Features(record, baseYear);
            var after = Features(RewriteAfter(record, baseYear), baseYear);
            Assert.Equal(before, after);
            checkedRecords++;
        }
        Assert.True(checkedRecords >= 50, $"only {checkedRecords} records active in {baseYear}");
    }

    [Fact]
    public void AChangeInsideTheBaseYearDoesMoveTheFeatures()
    {
        // The other side of the test above: the features do read year t, so the comparison can fail.
        var record = Province.Small.First(r => r.Filings.Any(f => f.Year == 2022 && f.SalesRevenue > 0));
        var changed = record with
        {
            Filings = record.Filings.Select(f => f.Year == 2022 ? f with { SalesRevenue = f.SalesRevenue * 3, RdExpense = f.RdExpense * 3 } : f).ToArray(),
        };
        Assert.NotEqual(Features(record, 2022), Features(changed, 2022));
    }

    [Fact]
    public void TheSnapshotHoldsNothingDatedAfterTheYearEnd()
    {
        foreach (var record in Province.Small.Take(200))
        {
            var known = YearEndSnapshot.KnownAtEndOf(record, 2021);
            var end = new DateOnly(2021, 12, 31);
            Assert.All(known.Filings, f => Assert.True(f.Year <= 2021));
            Assert.All(known.Ip, i => Assert.True(i.ValidFrom <= end));
            Assert.All(known.TechSmeRegistrations, t => Assert.True(t.Year <= 2021));
            Assert.All(known.HnteCertificates, c => Assert.True(c.IssuedOn <= end));
            Assert.All(known.ListEntries, l => Assert.True(l.Year <= 2021));
            Assert.All(known.Financing, f => Assert.True(f.RoundDate <= end));
            Assert.All(known.CleanRecord, c => Assert.True(c.OccurredOn <= end));
            Assert.True(known.Enterprise.NationalAwardYear is null or <= 2021);
            Assert.True(known.Enterprise.RdInstitutionYear is null or <= 2021);
            Assert.True(known.Enterprise.LedStandardYear is null or <= 2021);
        }
    }

    [Fact]
    public void AMoveOrAListingWithoutItsDateWouldMoveTheFeatures()
    {
        // The other side for the dated attributes: the same move and listing, undated, change what the year end shows.
        var record = Province.Small.First(r => r.Filings.Any(f => f.Year == 2022) && r.Enterprise.ParkCode is not null && !r.Enterprise.Listed);
        var (city, park) = Elsewhere(record.Enterprise);
        var undated = record with { Enterprise = record.Enterprise with { Listed = true, CityCode = city, ParkCode = park } };
        Assert.NotEqual(Features(record, 2022), Features(undated, 2022));
        var known = YearEndSnapshot.KnownAtEndOf(RewriteAfter(record, 2022), 2022).Enterprise;
        Assert.Equal((record.Enterprise.CityCode, record.Enterprise.ParkCode, false), (known.CityCode, known.ParkCode, known.Listed));
    }

    [Fact]
    public void TheHnteJudgedItemsWhoseHistoryIsNotKeptAreLeftOutOfEveryYearEnd()
    {
        // The registry keeps only the latest judged items: a year end that showed them would show them only in the
        // latest years, and the models would meet in the year they forecast from what they never learnt from.
        var record = Province.Small.First(r => r.Filings.Any(f => f.Year == 2022));
        var judged = record with
        {
            Enterprise = record.Enterprise with
            {
                HnteTechAdvancement = "A", HnteCoreSupport = "A", HnteRdRulesAndAccounts = true, HnteRdUnitAndCooperation = true,
                HnteCommercializationIncentives = true, HnteTalentRules = true, HnteJudgedBasis = HnteJudgement.Officer, HnteJudgedBy = "officer",
                HnteJudgedOn = new DateOnly(2020, 10, 1),
            },
        };
        Assert.False(HnteJudgement.Any(YearEndSnapshot.KnownAtEndOf(judged, 2022).Enterprise));
        Assert.Equal(Features(record with { Enterprise = record.Enterprise with { HnteTechAdvancement = null, HnteCoreSupport = null, HnteRdRulesAndAccounts = null,
            HnteRdUnitAndCooperation = null, HnteCommercializationIncentives = null, HnteTalentRules = null, HnteJudgedBasis = null, HnteJudgedBy = null, HnteJudgedOn = null } }, 2022),
            Features(judged, 2022));
    }

    /// <summary>A park of another city than the enterprise's.</summary>
    private static (string City, string Park) Elsewhere(Enterprise e)
    {
        var park = Domain.JiangxiReference.Default.Parks.First(p => p.City != e.CityCode);
        return (park.City, park.Code);
    }

    private static float[] Features(EnterpriseRecord record, int baseYear) =>
        Province.Features.Compute(YearEndSnapshot.Take(record, baseYear, Province.Engine));

    /// <summary>Everything dated after the base year replaced by something else: bigger filings, new IP, certificates,
    /// list entries, registrations, rounds, events, and recognitions in the next year.</summary>
    private static EnterpriseRecord RewriteAfter(EnterpriseRecord r, int year)
    {
        var code = r.Enterprise.CreditCode;
        var next = new DateOnly(year + 1, 3, 1);
        int? Later(int? known) => known is { } y && y <= year ? y : year + 1; // a recognition after the year end, never erasing one before it
        var (city, park) = Elsewhere(r.Enterprise);
        return r with
        {
            Enterprise = r.Enterprise with
            {
                NationalAwardYear = Later(r.Enterprise.NationalAwardYear), RdInstitutionYear = Later(r.Enterprise.RdInstitutionYear),
                LedStandardYear = Later(r.Enterprise.LedStandardYear),
                // Listed and moved to another city's park after the year end, each with its date.
                Listed = true, ListedOn = r.Enterprise.Listed ? r.Enterprise.ListedOn : next,
                CityCode = city, ParkCode = park,
            },
            LocationChanges = r.LocationChanges.Where(m => m.ChangedOn.Year <= year)
                .Append(new LocationChange(code, next, r.Enterprise.CityCode, r.Enterprise.ParkCode)).ToArray(),
            Filings = r.Filings.Where(f => f.Year <= year)
                .Append(new Filing { CreditCode = code, Year = year + 1, Employees = 999, TechStaff = 500, SalesRevenue = 9e8m, TotalIncome = 9e8m, RdExpense = 9e7m })
                .ToArray(),
            Ip = r.Ip.Where(i => i.ValidFrom.Year <= year)
                .Append(new IpHolding { CreditCode = code, IpClass = 1, Kind = "invention", OwnRd = true, ValidFrom = next, ValidTo = next.AddYears(20) }).ToArray(),
            TechSmeRegistrations = r.TechSmeRegistrations.Where(t => t.Year <= year).Append(new TechSmeRegistrationRecord(code, year + 1, "X")).ToArray(),
            HnteCertificates = r.HnteCertificates.Where(c => c.IssuedOn.Year <= year).Append(new HnteCertificateRecord(code, "GRX", next)).ToArray(),
            ListEntries = r.ListEntries.Where(l => l.Year <= year).Append(new ListEntryRecord(code, "gazelle", year + 1)).ToArray(),
            Financing = r.Financing.Where(f => f.RoundDate.Year <= year)
                .Append(new FinancingRoundRecord { CreditCode = code, RoundDate = next, Amount = 1e9m, PostMoneyValuation = 1e11m, Currency = "USD", ProfessionalInvestor = true }).ToArray(),
            CleanRecord = r.CleanRecord.Where(c => c.OccurredOn.Year <= year).Append(new CleanRecordEvent(code, "majorAccident", next)).ToArray(),
        };
    }
}
