using JxEnterpriseLadder.Domain.Registry;
using JxEnterpriseLadder.Rules.Engine;
using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Rules;

namespace JxEnterpriseLadder.Prediction;

/// <summary>
/// What the registry knew about one enterprise at the end of year t (31 December): the record cut at that date,
/// its recognition status, and the engine's assessment for year t+1 (1 January t+1, data year t). Every feature
/// is computed from this and nothing else, so no feature can read year t+1 or later.
/// </summary>
public sealed record YearEndSnapshot(EnterpriseRecord Known, int BaseYear, AssessmentResult Assessment, DateOnly YearEnd)
{
    public bool InTechSmeDatabase => Known.TechSmeRegistrations.Any(r => r.Year == BaseYear);
    public int TechSmeYears => Known.TechSmeRegistrations.Count;
    public bool OnHighGrowthList => Known.ListEntries.Any(l => l.Year == BaseYear);
    public bool Active => Known.Filings.Any(f => f.Year == BaseYear);

    /// <summary>Whether a title of the second ladder was held on 31 December of the base year.</summary>
    public bool HoldsTitle(string title) => Known.QualityTitles.Any(t => t.Title == title && t.HeldOn(YearEnd));

    public static YearEndSnapshot Take(EnterpriseRecord record, int baseYear, AssessmentEngine engine)
    {
        var known = KnownAtEndOf(record, baseYear);
        var nextYear = new DateOnly(baseYear + 1, 1, 1);
        var assessment = engine.Assess(known, nextYear);
        return new YearEndSnapshot(known, baseYear, assessment, new DateOnly(baseYear, 12, 31));
    }

    public bool HnteValid(AssessmentEngine engine)
    {
        var validity = engine.Parameters.InForce(TierIds.Hnte, YearEnd)!.Integer("certificateValidityYears");
        return Known.HnteCertificates.Any(c => LegalTerms.CertificateValid(c.IssuedOn, YearEnd, validity));
    }

    /// <summary>The record as it stood on 31 December of <paramref name="year"/>: every dated row after it is dropped,
    /// a recognition year after it is unknown (null), city, park and listing are as they were then
    /// (<see cref="EnterpriseRecord.EnterpriseOn"/>), and the HNTE judged items, whose history is not kept, are left out.</summary>
    public static EnterpriseRecord KnownAtEndOf(EnterpriseRecord r, int year)
    {
        var end = new DateOnly(year, 12, 31);
        int? Until(int? y) => y is { } v && v <= year ? v : null;
        return new EnterpriseRecord
        {
            Enterprise = r.EnterpriseOn(end) with
            {
                NationalAwardYear = Until(r.Enterprise.NationalAwardYear),
                RdInstitutionYear = Until(r.Enterprise.RdInstitutionYear),
                LedStandardYear = Until(r.Enterprise.LedStandardYear),
                // The HNTE judged items are kept as their latest version only, so what they were at an earlier year's end
                // is not known: a model fitted on earlier years would meet them only in the year it forecasts from (the
                // 2026 forecast fell to a tenth of the rules'). The snapshot leaves them out in every year alike.
                HnteTechAdvancement = null, HnteCoreSupport = null, HnteRdRulesAndAccounts = null, HnteRdUnitAndCooperation = null,
                HnteCommercializationIncentives = null, HnteTalentRules = null, HnteJudgedBasis = null, HnteJudgedBy = null, HnteJudgedOn = null,
                // The second ladder's facts of the firm are kept as their latest version too: left out alike.
                NicheMarket = null, NationalMarketShare = null, ChineseControlled = null, RelatedToLittleGiant = null, DigitalisationLevel = null,
                CoreBusinessesOnSystems = null, QualityAward = null, QualitySystemCertificate = null, OwnBrand = null, StandardDrafting = null,
                DevelopedMarketCertification = null, ChainRole = null, KeyChainLink = null, PriorityField = null, ChainJudgedBy = null, ChainJudgedOn = null,
            },
            Filings = r.Filings.Where(f => f.Year <= year).ToArray(),
            // An item acquired after the year's end was not the firm's then.
            Ip = r.Ip.Where(i => i.ValidFrom <= end && (i.AcquiredOn is not { } acquired || acquired <= end)).ToArray(),
            TechSmeRegistrations = r.TechSmeRegistrations.Where(t => t.Year <= year).ToArray(),
            HnteCertificates = r.HnteCertificates.Where(c => c.IssuedOn <= end).ToArray(),
            ListEntries = r.ListEntries.Where(l => l.Year <= year).ToArray(),
            Financing = r.Financing.Where(f => f.RoundDate <= end).ToArray(),
            CleanRecord = r.CleanRecord.Where(c => c.OccurredOn <= end).ToArray(),
            LocationChanges = r.LocationChanges.Where(m => m.ChangedOn <= end).ToArray(),
            // Titles issued by then (a review's outcome is kept as its latest word), and the dated items of the second ladder.
            QualityTitles = r.QualityTitles.Where(t => t.IssuedOn <= end).ToArray(),
            RdInstitutions = r.RdInstitutions.Where(i => i.RecognisedOn <= end).ToArray(),
            Awards = r.Awards.Where(a => a.AwardedOn <= end).ToArray(),
            ContestResults = r.ContestResults.Where(c => c.Year <= year).ToArray(),
        };
    }
}
