using System.Runtime.CompilerServices;
using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Domain.Profiles;
using JxEnterpriseLadder.Rules.Engine;
using static JxEnterpriseLadder.Rules.Tiers.QualityTerms;

namespace JxEnterpriseLadder.Rules.Tiers;

/// <summary>
/// 专精特新"小巨人" (criteria-quality-sme.md §3, §4): a valid 专精特新 title ∧ no exclusion ∧ SME ∧ 专 ∧ 精 ∧ 特 ∧ 新 ∧ 链 ∧ 品
/// (63号附件3; from the 2025 notice no firm below 5,000万 revenue), or from 2026-04-01 2号附件2's thresholds and the
/// official development score. 链 and 品 are an officer's judgement, read as stated.
/// </summary>
internal static class LittleGiantRules
{
    public const string Tier = TierIds.LittleGiant;

    public static TierResult Evaluate(EnterpriseProfile p, DateOnly asOf, LawBook laws, EvaluationOptions options)
    {
        if (laws.LittleGiant.At(asOf) is not { } set) return TierBuilder.NoParameters(Tier, laws.LittleGiant.Set, asOf);
        if (laws.InnovativeSme.At(asOf) is not { } basics) return TierBuilder.NoParameters(Tier, laws.InnovativeSme.Set, asOf);
        if (laws.SmeSize.At(asOf) is not { } size) return TierBuilder.NoParameters(Tier, laws.SmeSize.Set, asOf);
        var b = TierBuilder.For(Tier, options.Explain);
        b.Use(set);
        b.Use(basics);
        b.Use(size);
        var year = LegalTerms.DataYear(asOf);
        var y = p.Year(year);
        var w = set.Words;
        var hnteYears = laws.CertificateValidityYears(asOf);

        var title = HoldsTitle(p, set.PrerequisiteTitle, asOf, basics.TitleValidityYears, hnteYears);
        var excluded = HoldsAny(p, set.ExcludedTitles.Value, asOf, basics.TitleValidityYears, hnteYears);
        var eligible = Verdict.All(
            Condition(b, $"{Tier}.prerequisite", $"{w["prerequisiteTitle"]}", Fact(title, Titles), b.Explains ? YesNo(title) : "", "是", set.PrerequisiteTitle.Citation),
            Condition(b, $"{Tier}.excluded", $"{w["excludedTitles"]}；未与已认定的“小巨人”企业存在控股关系或同属一个集团生产同类产品",
                Verdict.All(excluded.Held is { } ex ? Verdict.Of(!ex) : Verdict.Unknown(Titles), p.RelatedToLittleGiant is { } rel ? Verdict.Of(!rel) : Verdict.Unknown(RelatedToLittleGiant)),
                b.Explains ? (excluded.Which is { } which ? "持有：" + TitleWords.Of(which) : p.RelatedToLittleGiant == true ? "与已认定“小巨人”企业关联" : excluded.Held is null || p.RelatedToLittleGiant is null ? "未填报" : "无") : "",
                "均无", set.ExcludedTitles.Citation),
            Eligible(b, basics, size, p, y, year, asOf));

        var niche = NicheYears(p, year);
        var nicheOk = Condition(b, $"{Tier}.niche", $"{w["minNicheYears"]}", niche is { } n ? Verdict.Of(n >= set.MinNicheYears) : Verdict.Unknown(NicheEnteredOn),
            b.Explains ? (niche is { } yrs ? $"{yrs} 年" : "未填报") : "", $"≥ {set.MinNicheYears.Value} 年", set.MinNicheYears.Citation);

        var rest = set switch
        {
            LittleGiant2022Law s => Under2022(b, s, p, asOf, year, y),
            LittleGiant2026Law s => Under2026(b, s, p, asOf, year, y),
            _ => throw new InvalidOperationException("unknown scheme"),
        };
        return b.Build(Verdict.All(eligible, nicheOk, rest));
    }

    private static Verdict Share(TierBuilder b, [InterpolatedStringHandlerArgument("b")] Words words, Cited<decimal> line, YearFiling? y, int year)
    {
        var share = OfRevenue(y, y?.MainBusinessRevenue);
        return Condition(b, $"{Tier}.main-business-share", words,
            share is { } s ? Verdict.Of(s.AtLeast(line)) : new Verdict(null, MissingOf(y, year, ("mainBusinessRevenue", y?.MainBusinessRevenue is not null), ("salesRevenue", y?.SalesRevenue is not null))),
            b.Explains ? (share is { } x ? Format.Percent(x.Value) : "未填报") : "", $"≥ {Format.Percent(line)}", line.Citation);
    }

    private static Verdict Debt(TierBuilder b, [InterpolatedStringHandlerArgument("b")] Words words, Cited<decimal> line, YearFiling? y, int year)
    {
        var debt = DebtRatio(y);
        return Condition(b, $"{Tier}.debt-ratio", words,
            debt is { } d ? Verdict.Of(d.CompareTo(line) <= 0) : new Verdict(null, MissingOf(y, year, ("totalLiabilities", y?.TotalLiabilities is not null), ("totalAssets", y?.TotalAssets is not null))),
            b.Explains ? (debt is { } x ? Format.Percent(x.Value) : "未填报") : "", $"≤ {Format.Percent(line)}", line.Citation);
    }

    private static Verdict MarketShare(TierBuilder b, [InterpolatedStringHandlerArgument("b")] Words words, Cited<decimal> line, EnterpriseProfile p) =>
        Condition(b, $"{Tier}.market-share", words, p.MainProduct?.NationalMarketShare is { } s ? Verdict.Of(s >= line) : Verdict.Unknown(QualityTerms.MarketShare),
            b.Explains ? (p.MainProduct?.NationalMarketShare is { } v ? Format.Percent(v) : "未填报") : "", $"≥ {Format.Percent(line)}", line.Citation);

    private static Verdict Judged(TierBuilder b, string id, [InterpolatedStringHandlerArgument("b")] Words words, bool? value, string input, string source) =>
        Condition(b, $"{Tier}.{id}", words, Fact(value, input), b.Explains ? (value is null ? "待审核确认" : YesNo(value)) : "", "是", source);

    private static Verdict Under2022(TierBuilder b, LittleGiant2022Law s, EnterpriseProfile p, DateOnly asOf, int year, YearFiling? y)
    {
        var w = s.Words;
        var floorOk = s.MinRevenueToApply.Value is not { } floor ? Verdict.Pass : Condition(b, $"{Tier}.revenue-floor", $"{w["minRevenueToApply"]}",
                y?.SalesRevenue is { } r ? Verdict.Of(r >= floor) : Verdict.Unknown(Inputs.Year(year, "salesRevenue")),
                b.Explains ? (y?.SalesRevenue is { } rv ? Format.Money(rv) : "未填报") : "", $"≥ {Format.Money(floor)}", s.MinRevenueToApply.Citation);
        var operatingOk = Condition(b, $"{Tier}.operating-years", $"{w["minYearsOperating"]}",
            p.RegisteredOn is { } reg ? Verdict.Of(LegalTerms.Anniversary(reg, s.MinYearsOperating) <= new DateOnly(year, 12, 31))
                : Verdict.Unknown(Inputs.RegisteredOn),
            b.Explains ? (p.RegisteredOn is { } rd ? $"{rd:yyyy-MM-dd} 成立" : "未填报") : "", $"截至{year}年末 ≥ {s.MinYearsOperating.Value} 年", s.MinYearsOperating.Citation);

        // 专
        var shareOk = Share(b, $"{w["minMainBusinessShare"]}", s.MinMainBusinessShare, y, year);
        var growth = AverageMainBusinessGrowth(p, year);
        var growthOk = Condition(b, $"{Tier}.growth", $"{w["minAverageGrowth"]}（{w["growthFormula"]}）",
            growth is { } g ? Verdict.Of(g >= s.MinAverageGrowth) : Verdict.Unknown(MainBusinessMissing(p, year, 2)),
            b.Explains ? (growth is { } gv ? Format.Percent(gv) : "未填报或基年为 0") : "", $"≥ {Format.Percent(s.MinAverageGrowth)}", s.MinAverageGrowth.Citation);
        // 精
        var debtOk = Debt(b, $"{w["maxDebtRatio"]}", s.MaxDebtRatio, y, year);
        var systems = p.Management?.CoreBusinessesOnSystems;
        var systemsOk = Condition(b, $"{Tier}.information-systems", $"{w["minCoreBusinessesOnSystems"]}",
            systems is { } c ? Verdict.Of(c >= s.MinCoreBusinessesOnSystems) : Verdict.Unknown(CoreOnSystems),
            b.Explains ? (systems is { } cv ? $"{cv} 项" : "未填报") : "", $"≥ {s.MinCoreBusinessesOnSystems.Value} 项", s.MinCoreBusinessesOnSystems.Citation);
        var m = p.Management;
        var certified = m?.QualitySystemCertificate == true || m?.DevelopedMarketCertification == true ? true
            : m?.QualitySystemCertificate is null || m?.DevelopedMarketCertification is null ? (bool?)null : false;
        var certificationOk = Condition(b, $"{Tier}.certification", $"{w["certification"]}",
            certified is { } cert ? Verdict.Of(cert) : Verdict.Unknown([.. new[] { (m?.QualitySystemCertificate, QualitySystem), (m?.DevelopedMarketCertification, DevelopedMarketCertification) }.Where(x => x.Item1 is null).Select(x => x.Item2)]),
            b.Explains ? YesNo(certified) : "", "是", s.Certification.Citation);
        // 特
        var marketOk = MarketShare(b, $"{w["minMarketShare"]}", s.MinMarketShare, p);
        var brandOk = Condition(b, $"{Tier}.own-brand", $"{w["ownBrand"]}", Fact(m?.OwnBrand, OwnBrand), b.Explains ? YesNo(m?.OwnBrand) : "", "是", s.OwnBrand.Citation);
        // 新
        var innovationOk = Innovation2022(b, s, p, asOf, year, y);
        // 链、品
        var chainOk = Judged(b, "key-chain-link", $"{w["keyChainLink"]}", p.MainProduct?.KeyChainLink, KeyChainLink, s.KeyChainLink.Citation);
        var fieldOk = Judged(b, "priority-field", $"{w["priorityField"]}", p.MainProduct?.PriorityField, PriorityField, s.PriorityField.Citation);
        return Verdict.All(floorOk, operatingOk, shareOk, growthOk, debtOk, systemsOk, certificationOk, marketOk, brandOk, innovationOk, chainOk, fieldOk);
    }

    /// <summary>新: the general route (R&amp;D by revenue band ∧ an R&amp;D institution ∧ 2 applied Class Ⅰ IP) or a direct route.</summary>
    private static Verdict Innovation2022(TierBuilder b, LittleGiant2022Law s, EnterpriseProfile p, DateOnly asOf, int year, YearFiling? y)
    {
        var w = s.Words;
        Verdict byRevenueBand;
        string bandWords;
        if (y?.SalesRevenue is not { } revenue) { byRevenueBand = Verdict.Unknown(Inputs.Year(year, "salesRevenue")); bandWords = "营业收入未填报"; }
        else if (revenue >= s.LargeRevenue) { byRevenueBand = SpecialisedSmeRules.EachYearRd(p, year, 0, s.LargeRdRatio); bandWords = w["largeRdRatio"]; }
        else if (revenue >= s.MediumRevenue) { byRevenueBand = SpecialisedSmeRules.EachYearRd(p, year, 0, s.MediumRdRatio); bandWords = w["mediumRdRatio"]; }
        else
        {
            var from = WindowStart(year, s.FinancingYears);
            var staff = y.RdStaff is { } rs && y.Employees is { } e && e > 0 ? new Ratio(rs, e) : (Ratio?)null;
            byRevenueBand = Verdict.All(
                FinancingAtLeast(p, from, asOf, s.SmallFinancing),
                y.RdExpense is { } rd ? Verdict.Of(rd >= s.SmallRdExpense) : Verdict.Unknown(Inputs.Year(year, "rdExpense")),
                staff is { } st ? Verdict.Of(st.AtLeast(s.SmallRdStaffRatio)) : new Verdict(null, MissingOf(y, year, ("rdStaff", y.RdStaff is not null), ("employees", y.Employees is not null))));
            bandWords = $"{w["smallFinancing"]}，{w["smallRdExpense"]}，{w["smallRdStaffRatio"]}";
        }
        var rdOk = Condition(b, $"{Tier}.innovation.rd", "新：研发投入按营业收入分档", byRevenueBand, b.Explains ? SpecialisedSmeRules.RdYearsActual(p, year) : "", bandWords, s.LargeRdRatio.Citation);
        var institution = HasInstitution(p, null, asOf);
        var institutionOk = Condition(b, $"{Tier}.innovation.rd-institution", $"{w["rdInstitution"]}", Fact(institution, RdInstitutions), b.Explains ? YesNo(institution) : "", "是",
            s.RdInstitution.Citation);
        var (least, most) = AppliedClass1(p, asOf, 1, ownOnly: false);
        var ipOk = Condition(b, $"{Tier}.innovation.ip", $"{w["minClass1IpApplied"]}",
            least >= s.MinClass1IpApplied ? Verdict.Pass : most < s.MinClass1IpApplied ? Verdict.Fail : Verdict.Unknown(IpItems),
            b.Explains ? (p.IpItems is null ? "未填报逐项知识产权" : $"{least} 项") : "", $"≥ {s.MinClass1IpApplied.Value} 项", s.MinClass1IpApplied.Citation);
        var general = Verdict.All(rdOk, institutionOk, ipOk);

        var from3 = WindowStart(year, s.AwardYears);
        var award = AwardWithin(p, QualityVocabulary.National, from3, asOf, s.DirectNationalAwardRank);
        var byAward = Condition(b, $"{Tier}.innovation.direct.award", $"{w["directNationalAwardRank"]}", Fact(award, Awards), b.Explains ? YesNo(award) : "", "是",
            s.DirectNationalAwardRank.Citation);
        var contest = ContestWithin(p, s.DirectContestTop, from3, asOf);
        var byContest = Condition(b, $"{Tier}.innovation.direct.contest", $"{w["directContestTop"]}", Fact(contest, ContestResults), b.Explains ? YesNo(contest) : "", "是",
            s.DirectContestTop.Citation);
        var direct = Verdict.Any(byAward, byContest);
        if (direct.Passed == true) b.ConfirmedBy = byAward.Passed == true ? $"{Tier}.innovation.direct.award" : $"{Tier}.innovation.direct.contest";
        return Verdict.Any(general, direct);
    }

    private static Verdict Under2026(TierBuilder b, LittleGiant2026Law s, EnterpriseProfile p, DateOnly asOf, int year, YearFiling? y)
    {
        var w = s.Words;
        var revenueOk = Condition(b, $"{Tier}.revenue", $"{w["minRevenue"]}", y?.SalesRevenue is { } r ? Verdict.Of(r >= s.MinRevenue) : Verdict.Unknown(Inputs.Year(year, "salesRevenue")),
            b.Explains ? (y?.SalesRevenue is { } rv ? Format.Money(rv) : "未填报") : "", $"≥ {Format.Money(s.MinRevenue)}", s.MinRevenue.Citation);
        var start = p.Year(year - 2)?.SalesRevenue;
        var cagrOk = Condition(b, $"{Tier}.revenue-cagr", $"{w["minRevenueCagr"]}",
            start is { } s0 && y?.SalesRevenue is { } s2 ? Verdict.Of(LegalTerms.MeetsCagr(s0, s2, s.MinRevenueCagr, 2))
                : Verdict.Unknown([.. new[] { year - 2, year }.Where(t => p.Year(t)?.SalesRevenue is null).Select(t => Inputs.Year(t, "salesRevenue"))]),
            b.Explains ? (start is { } a && y?.SalesRevenue is { } z && LegalTerms.Cagr(a, z, 2) is { } c ? Format.Percent(c) : "未填报") : "",
            $"≥ {Format.Percent(s.MinRevenueCagr)}", s.MinRevenueCagr.Citation);
        var twoYears = p.Year(year)?.RdExpense is { } r1 && p.Year(year - 1)?.RdExpense is { } r0 ? r1 + r0 : (decimal?)null;
        var rdOk = Condition(b, $"{Tier}.rd", $"{w["minRdExpenseTwoYears"]}，且{w["minRdRatio"]}",
            Verdict.All(twoYears is { } sum ? Verdict.Of(sum >= s.MinRdExpenseTwoYears) : Verdict.Unknown([.. new[] { year - 1, year }.Where(t => p.Year(t)?.RdExpense is null).Select(t => Inputs.Year(t, "rdExpense"))]),
                SpecialisedSmeRules.EachYearRd(p, year, 0, s.MinRdRatio)),
            b.Explains ? SpecialisedSmeRules.RdYearsActual(p, year) : "", $"合计 ≥ {Format.Money(s.MinRdExpenseTwoYears)}，每年 ≥ {Format.Percent(s.MinRdRatio)}", s.MinRdExpenseTwoYears.Citation);
        var (least, most) = AppliedClass1(p, asOf, 1, ownOnly: true);
        var ipCount = least >= s.MinClass1Ip ? Verdict.Pass : most < s.MinClass1Ip ? Verdict.Fail : Verdict.Unknown(IpItems);
        var waiver = AwardWithin(p, QualityVocabulary.National, WindowStart(year, s.IpWaiverAwardYears), asOf, s.IpWaiverAwardRank);
        var ipOk = Condition(b, $"{Tier}.ip", $"{w["minClass1Ip"]}（{w["ipWaiverAwardYears"]}）", Verdict.Any(ipCount, Fact(waiver, Awards)),
            b.Explains ? (p.IpItems is null ? "未填报逐项知识产权" : $"{least} 项") : "", $"≥ {s.MinClass1Ip.Value} 项，或符合免除条件", s.MinClass1Ip.Citation);
        return Verdict.All(
            revenueOk,
            Share(b, $"{w["minMainBusinessShare"]}", s.MinMainBusinessShare, y, year),
            cagrOk,
            Debt(b, $"{w["maxDebtRatio"]}", s.MaxDebtRatio, y, year),
            rdOk,
            ipOk,
            MarketShare(b, $"{w["minMarketShare"]}", s.MinMarketShare, p),
            Judged(b, "priority-field", $"{w["priorityField"]}", p.MainProduct?.PriorityField, PriorityField, s.PriorityField.Citation),
            SpecialisedSmeRules.DevelopmentScore(b, $"{Tier}.development-score", $"{w["minDevelopmentScore"]}", s.MinDevelopmentScore, y, year));
    }
}
