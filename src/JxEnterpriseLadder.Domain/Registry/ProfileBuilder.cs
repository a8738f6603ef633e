using JxEnterpriseLadder.Domain.Profiles;

namespace JxEnterpriseLadder.Domain.Registry;

/// <summary>Turns a registry record into the assessment profile as known at a date: nothing after the date is read.</summary>
public static class ProfileBuilder
{
    /// <summary>Years of look-back for dated qualifiers ("in the last 5 years").</summary>
    public sealed record Windows(int DirectQualifierYears = 5);

    public static EnterpriseProfile Build(EnterpriseRecord r, DateOnly asOf, Windows? windows = null)
    {
        windows ??= new Windows();
        var e = r.Enterprise;
        var dataYear = asOf.Year - 1;
        var heldIp = HeldIpAt(r, asOf);
        var certificate = r.HnteCertificates.Where(c => c.IssuedOn <= asOf).MaxBy(c => c.IssuedOn);
        bool Recent(int? year) => year is { } y && y <= asOf.Year && y > asOf.Year - windows.DirectQualifierYears;
        return new EnterpriseProfile
        {
            CreditCode = e.CreditCode,
            Name = e.Name,
            RegisteredOn = e.RegisteredOn,
            Listed = e.ListedAt(asOf),
            Industry = e.Industry,
            HiTechField = e.HiTechField,
            Resident = e.Resident,
            ProhibitedIndustry = e.ProhibitedIndustry,
            BranchOrTradingOnly = e.BranchOrTradingOnly,
            Years = r.Filings.Where(f => f.Year <= dataYear).OrderBy(f => f.Year).Select(f => f.ToYearFiling()).ToArray(),
            Ip = new IpHoldings { Class1 = heldIp.Class1, Class2 = heldIp.Class2, OwnRd = heldIp.OwnRd },
            IpItems = IpItemsAt(r, asOf),
            HnteCertificate = certificate is null ? null : new HnteCertificate { Number = certificate.CertificateNumber, IssuedOn = certificate.IssuedOn },
            TechSmeRegistrations = r.TechSmeRegistrations.Where(t => t.Year <= asOf.Year)
                .Select(t => new TechSmeRegistration { Number = t.RegistrationNumber, Year = t.Year }).ToArray(),
            ListEntries = r.ListEntries.Where(l => l.Year <= asOf.Year).Select(l => new ListEntry { Tier = l.Tier, Year = l.Year }).ToArray(),
            DirectQualifiers = new DirectQualifiers
            {
                NationalAwardTop3 = Recent(e.NationalAwardYear),
                ProvincialRdInstitution = e.RdInstitutionYear is { } y && y <= asOf.Year,
                LedStandard = Recent(e.LedStandardYear),
            },
            // Dated events, not flags: each tier's rule looks back over its own window (tech SME: reporting year and the
            // year before; HNTE: the year before applying; high growth: three years).
            CleanRecordEvents = r.CleanRecord.Where(c => c.OccurredOn <= asOf)
                .Select(c => new CleanRecordEventInput { Flag = c.Flag, OccurredOn = c.OccurredOn }).ToArray(),
            // The judged items as they stood at the date: given later, they are not known then.
            Expert = HnteJudgement.Any(e) && (e.HnteJudgedOn is not { } judged || judged <= asOf)
                ? new ExpertGrades
                {
                    TechAdvancement = e.HnteTechAdvancement, CoreSupport = e.HnteCoreSupport,
                    RdManagement = new RdManagementFacts
                    {
                        RdRulesAndAccounts = e.HnteRdRulesAndAccounts, RdUnitAndCooperation = e.HnteRdUnitAndCooperation,
                        CommercializationIncentives = e.HnteCommercializationIncentives, TalentRules = e.HnteTalentRules,
                    },
                }
                : null,
            SizeIndustry = e.SizeIndustry,
            ChineseControlled = e.ChineseControlled,
            RelatedToLittleGiant = e.RelatedToLittleGiant,
            MainProduct = MainProductOf(e, asOf),
            Management = ManagementOf(e),
            // Dated items known by the date; no row at all is "not known", not "none".
            RdInstitutions = r.RdInstitutions.Count == 0 ? null : r.RdInstitutions.Where(i => i.RecognisedOn <= asOf)
                .Select(i => new RdInstitution { Level = i.Level, Kind = i.Kind, RecognisedOn = i.RecognisedOn, Joint = i.Joint }).ToArray(),
            Awards = r.Awards.Count == 0 ? null : r.Awards.Where(a => a.AwardedOn <= asOf)
                .Select(a => new Award { Level = a.Level, AwardedOn = a.AwardedOn, Rank = a.Rank }).ToArray(),
            ContestResults = r.ContestResults.Count == 0 ? null : r.ContestResults.Where(c => c.Year <= asOf.Year)
                .Select(c => new ContestResult { Year = c.Year, NationalTop = c.NationalTop }).ToArray(),
            // The titles recognised by the date, to their expiry (a withdrawn one is not held).
            Titles = r.QualityTitles.Where(t => t.IssuedOn <= asOf && t.ReviewOutcome != QualityTitles.Withdrawn).OrderBy(t => t.IssuedOn)
                .Select(t => new TitleHeld { Title = t.Title, IssuedOn = t.IssuedOn, ExpiresOn = t.ExpiresOn }).ToArray(),
            Financing = r.Financing.Where(f => f.RoundDate <= asOf).OrderBy(f => f.RoundDate).Select(f => new FinancingRound
            {
                Date = f.RoundDate, Amount = f.Amount, PostMoneyValuation = f.PostMoneyValuation,
                Currency = f.Currency, ProfessionalInvestor = f.ProfessionalInvestor, QualifiedPaidIn = f.QualifiedPaidIn,
            }).ToArray(),
        };
    }

    /// <summary>The main product as known at the date: the niche entered later is not known then, nor 链/品 confirmed later.</summary>
    private static MainProduct? MainProductOf(Enterprise e, DateOnly asOf)
    {
        var judged = ChainJudgement.Any(e) && (e.ChainJudgedOn is not { } on || on <= asOf);
        var product = new MainProduct
        {
            NicheMarket = e.NicheMarket, NicheEnteredOn = e.NicheEnteredOn is { } niche && niche <= asOf ? niche : null,
            NationalMarketShare = e.NationalMarketShare, StrategicEmerging = e.StrategicEmerging,
            ChainRole = judged ? e.ChainRole : null, KeyChainLink = judged ? e.KeyChainLink : null, PriorityField = judged ? e.PriorityField : null,
        };
        return product == new MainProduct() ? null : product;
    }

    private static QualityManagement? ManagementOf(Enterprise e)
    {
        var management = new QualityManagement
        {
            DigitalisationLevel = e.DigitalisationLevel, CoreBusinessesOnSystems = e.CoreBusinessesOnSystems, QualityAward = e.QualityAward,
            QualitySystemCertificate = e.QualitySystemCertificate, OwnBrand = e.OwnBrand, StandardDrafting = e.StandardDrafting,
            DevelopedMarketCertification = e.DevelopedMarketCertification,
        };
        return management == new QualityManagement() ? null : management;
    }

    /// <summary>The items listed for the second ladder (their relation to the main product known) valid at the date; null when
    /// none is listed at all (not known), so that a screening, which reads only these rows, sees what a single record does.</summary>
    public static IpItem[]? IpItemsAt(EnterpriseRecord r, DateOnly asOf)
    {
        List<IpItem>? items = null;
        foreach (var i in r.Ip)
        {
            if (i.RelatedToMainProduct is null) continue;
            items ??= [];
            // Valid at the date, and the firm's by then (an item acquired later was someone else's).
            if (i.ValidFrom > asOf || i.ValidTo is { } to && to <= asOf || i.AcquiredOn is { } acquired && acquired > asOf) continue;
            items.Add(new IpItem
            {
                Class = i.IpClass, GrantedOn = i.ValidFrom, RelatedToMainProduct = i.RelatedToMainProduct, HighValue = i.HighValue,
                SelfDeveloped = i.OwnRd, AcquiredOn = i.AcquiredOn, AppliedWithBenefit = i.AppliedWithBenefit,
            });
        }
        return items?.ToArray();
    }

    /// <summary>IP valid at the date: from, on or before it, until (exclusive) its expiry.</summary>
    public static HeldIpCount HeldIpAt(EnterpriseRecord r, DateOnly asOf)
    {
        if (r.HeldIp is { } counted)
            return counted.AsOf == asOf ? counted
                : throw new InvalidOperationException($"{r.Enterprise.CreditCode}: IP was counted at {counted.AsOf:yyyy-MM-dd}, not {asOf:yyyy-MM-dd}");
        int class1 = 0, class2 = 0;
        bool? ownRd = null;
        foreach (var i in r.Ip)
        {
            if (i.ValidFrom > asOf || (i.ValidTo is { } to && to <= asOf)) continue;
            if (i.IpClass == 1) class1++;
            else if (i.IpClass == 2) class2++;
            ownRd = ownRd == true || i.OwnRd;
        }
        return new HeldIpCount(asOf, class1, class2, ownRd);
    }
}
