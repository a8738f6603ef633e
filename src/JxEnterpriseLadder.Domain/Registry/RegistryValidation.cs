using JxEnterpriseLadder.Domain.Profiles;

namespace JxEnterpriseLadder.Domain.Registry;

/// <summary>One problem with input data, naming the enterprise, the year (for filings) and the field.</summary>
public sealed record ValidationProblem(string CreditCode, int? Year, string Field, string Message)
{
    public override string ToString() =>
        $"{CreditCode}{(Year is { } y ? $" {y}年" : "")} {Field}: {Message}";
}

public sealed class RegistryValidationException(IReadOnlyList<ValidationProblem> problems)
    : Exception(string.Join("\n", problems.Select(p => p.ToString())))
{
    public IReadOnlyList<ValidationProblem> Problems { get; } = problems;
}

/// <summary>The consistency rules of the registry, checked before anything is written.</summary>
public static class RegistryValidation
{
    /// <summary>The tiers a provincial list names (the list-entry sheet and a profile's listEntries).</summary>
    public static IReadOnlyList<string> ListTiers => TierIds.HighGrowth;

    /// <summary>The kinds of clean-record event the tiers look back for.</summary>
    public static readonly IReadOnlyList<string> CleanRecordFlags = ["majorAccident", "seriousEnvironmentalViolation", "researchMisconduct", "abnormalOperations", "seriousDishonesty"];

    public static IEnumerable<ValidationProblem> Check(Enterprise e)
    {
        if (UnifiedSocialCreditCode.Validate(e.CreditCode) is { } reason)
            yield return new(e.CreditCode, null, "creditCode", reason);
        if (string.IsNullOrWhiteSpace(e.Name)) yield return new(e.CreditCode, null, "name", "企业名称为空");
        var today = DateOnly.FromDateTime(DateTime.Today);
        if (InputRanges.DateProblem(e.RegisteredOn, today) is { } registered) yield return new(e.CreditCode, null, "registeredOn", registered);
        foreach (var (field, year) in new[] { ("nationalAwardYear", e.NationalAwardYear), ("rdInstitutionYear", e.RdInstitutionYear), ("ledStandardYear", e.LedStandardYear) })
            if (year is { } y && InputRanges.PastYearProblem(y, today) is { } yearProblem) yield return new(e.CreditCode, null, field, yearProblem);
        if (e.HnteJudgedOn is { } judged && InputRanges.DateProblem(judged, today) is { } judgedProblem) yield return new(e.CreditCode, null, "hnteJudgedOn", judgedProblem);
        if (e.ListedOn is { } listedOn)
        {
            if (InputRanges.DateProblem(listedOn, today) is { } listedProblem) yield return new(e.CreditCode, null, "listedOn", listedProblem);
            else if (!e.Listed) yield return new(e.CreditCode, null, "listedOn", "填了上市日期，但“是否上市”为否");
        }
        if (e.HnteTechAdvancement is { } t && !HnteJudgement.Grades.Contains(t)) yield return new(e.CreditCode, null, "hnteTechAdvancement", $"应为 A–E 之一，实为 '{t}'");
        if (e.HnteCoreSupport is { } s && !HnteJudgement.Grades.Contains(s)) yield return new(e.CreditCode, null, "hnteCoreSupport", $"应为 A–E 之一，实为 '{s}'");
        if (e.HnteJudgedBasis is { } b && !HnteJudgement.Bases.Contains(b)) yield return new(e.CreditCode, null, "hnteJudgedBasis", $"来源应为 officer、import 或 self-assessed，实为 '{b}'");
        var reference = JiangxiReference.Default;
        if (reference.CityByCode(e.CityCode) is null) yield return new(e.CreditCode, null, "cityCode", $"未知的设区市 '{e.CityCode}'");
        if (e.ParkCode is { } park && reference.ParkByCode(park) is null) yield return new(e.CreditCode, null, "parkCode", $"未知的园区 '{park}'");
        if (e.ChainCode is { } chain && reference.ChainByCode(chain) is null) yield return new(e.CreditCode, null, "chainCode", $"未知的产业链 '{chain}'");
        if (e.SizeIndustry is { } size && !QualityVocabulary.Has(QualityVocabulary.SizeIndustries, size))
            yield return new(e.CreditCode, null, "sizeIndustry", $"未知的划型行业 '{size}'，应为 {QualityVocabulary.Ids(QualityVocabulary.SizeIndustries)} 之一");
        if (e.NicheEnteredOn is { } niche && InputRanges.DateProblem(niche, today) is { } nicheProblem) yield return new(e.CreditCode, null, "nicheEnteredOn", nicheProblem);
        if (e.NationalMarketShare is < 0 or > 1) yield return new(e.CreditCode, null, "nationalMarketShare", $"市场占有率应在 0 到 1 之间（0.12 即 12%），实为 {e.NationalMarketShare}");
        if (e.DigitalisationLevel is { } level && (level < QualityVocabulary.DigitalisationLowest || level > QualityVocabulary.DigitalisationHighest))
            yield return new(e.CreditCode, null, "digitalisationLevel", $"数字化水平应为 {QualityVocabulary.DigitalisationLowest}–{QualityVocabulary.DigitalisationHighest} 级，实为 {level}");
        if (e.CoreBusinessesOnSystems < 0) yield return new(e.CreditCode, null, "coreBusinessesOnSystems", "不能为负数");
        if (e.ChainRole is { } role && !QualityVocabulary.Has(QualityVocabulary.ChainRoles, role))
            yield return new(e.CreditCode, null, "chainRole", $"未知的产业链作用 '{role}'，应为 {QualityVocabulary.Ids(QualityVocabulary.ChainRoles)} 之一");
        if (e.ChainJudgedOn is { } confirmed && InputRanges.DateProblem(confirmed, today) is { } confirmedProblem) yield return new(e.CreditCode, null, "chainJudgedOn", confirmedProblem);
    }

    /// <summary>The second ladder's dated items: R&amp;D institutions, awards, contest places, the titles' yearly updates and
    /// major-change reports, each of the enterprise and in its closed list.</summary>
    private static IEnumerable<ValidationProblem> SecondLadderItems(EnterpriseRecord r)
    {
        var code = r.Enterprise.CreditCode;
        var today = DateOnly.FromDateTime(DateTime.Today);
        foreach (var i in r.RdInstitutions)
        {
            if (i.CreditCode != code) yield return new(code, null, "rdInstitution.creditCode", $"研发机构记录属于另一企业 {i.CreditCode}");
            if (string.IsNullOrWhiteSpace(i.Name)) yield return new(code, null, "rdInstitution.name", "研发机构名称为空");
            if (!QualityVocabulary.Has(QualityVocabulary.InstitutionLevels, i.Level))
                yield return new(code, null, "rdInstitution.level", $"研发机构级别应为 {QualityVocabulary.Ids(QualityVocabulary.InstitutionLevels)} 之一，实为 '{i.Level}'");
            if (i.Kind is { } kind && !QualityVocabulary.Has(QualityVocabulary.InstitutionKinds, kind))
                yield return new(code, null, "rdInstitution.kind", $"研发机构类型应为 {QualityVocabulary.Ids(QualityVocabulary.InstitutionKinds)} 之一，实为 '{kind}'");
            if (InputRanges.DateProblem(i.RecognisedOn, today) is { } d) yield return new(code, null, "rdInstitution.recognisedOn", d);
        }
        foreach (var a in r.Awards)
        {
            if (a.CreditCode != code) yield return new(code, null, "award.creditCode", $"奖励记录属于另一企业 {a.CreditCode}");
            if (string.IsNullOrWhiteSpace(a.Name)) yield return new(code, null, "award.name", "奖项名称为空");
            if (!QualityVocabulary.Has(QualityVocabulary.AwardLevels, a.Level))
                yield return new(code, null, "award.level", $"奖励级别应为 {QualityVocabulary.Ids(QualityVocabulary.AwardLevels)} 之一，实为 '{a.Level}'");
            if (a.Rank < 1) yield return new(code, null, "award.rank", $"排名从 1 起，实为 {a.Rank}");
            if (InputRanges.DateProblem(a.AwardedOn, today) is { } d) yield return new(code, null, "award.awardedOn", d);
        }
        foreach (var c in r.ContestResults)
        {
            if (c.CreditCode != code) yield return new(code, c.Year, "contestResult.creditCode", $"名次记录属于另一企业 {c.CreditCode}");
            if (!QualityVocabulary.ContestTops.Contains(c.NationalTop))
                yield return new(code, c.Year, "contestResult.nationalTop", $"全国名次应为 {string.Join(" 或 ", QualityVocabulary.ContestTops)}，实为 {c.NationalTop}");
            if (InputRanges.PastYearProblem(c.Year, today) is { } y) yield return new(code, c.Year, "contestResult.year", y);
        }
        foreach (var u in r.TitleUpdates)
        {
            if (u.CreditCode != code) yield return new(code, u.Year, "titleUpdate.creditCode", $"年度更新记录属于另一企业 {u.CreditCode}");
            if (!QualityTitles.UpdatedYearly.Contains(u.Title))
                yield return new(code, u.Year, "titleUpdate.title",
                    $"需年度更新的称号应为 {string.Join(", ", QualityTitles.UpdatedYearly)} 之一，实为 '{u.Title}' (a title updated yearly: one of these, not '{u.Title}')");
            else if (!r.QualityTitles.Any(t => t.Title == u.Title && t.IssuedOn.Year < u.Year && t.ExpiresOn.Year >= u.Year))
                yield return new(code, u.Year, "titleUpdate.year",
                    $"{u.Year} 年该企业未持有认定于上一年或更早的此称号，无需年度更新 (in {u.Year} the firm held no such title recognised in an earlier year)");
            if (InputRanges.PastYearProblem(u.Year, today) is { } y) yield return new(code, u.Year, "titleUpdate.year", y);
            // The update for a year is done in that year or, late, after it; never before the year begins.
            if (InputRanges.DateProblem(u.UpdatedOn, today) is { } d) yield return new(code, u.Year, "titleUpdate.updatedOn", d);
            else if (u.UpdatedOn.Year < u.Year)
                yield return new(code, u.Year, "titleUpdate.updatedOn", $"{u.Year} 年度的更新日期 {u.UpdatedOn:yyyy-MM-dd} 早于该年度 (done before the year it is for)");
        }
        foreach (var c in r.ChangeReports)
        {
            if (c.CreditCode != code) yield return new(code, c.ChangedOn.Year, "changeReport.creditCode", $"重大变化记录属于另一企业 {c.CreditCode}");
            if (!QualityVocabulary.Has(QualityVocabulary.MajorChanges, c.Change))
                yield return new(code, c.ChangedOn.Year, "changeReport.change",
                    $"变化类型应为 {QualityVocabulary.Ids(QualityVocabulary.MajorChanges)} 之一，实为 '{c.Change}' (one of these, not '{c.Change}')");
            if (InputRanges.DateProblem(c.ChangedOn, today) is { } d) yield return new(code, c.ChangedOn.Year, "changeReport.changedOn", d);
            if (c.ReportedOn is { } reported)
            {
                if (InputRanges.DateProblem(reported, today) is { } rd) yield return new(code, c.ChangedOn.Year, "changeReport.reportedOn", rd);
                else if (reported < c.ChangedOn)
                    yield return new(code, c.ChangedOn.Year, "changeReport.reportedOn",
                        $"报告日期 {reported:yyyy-MM-dd} 早于变化日期 {c.ChangedOn:yyyy-MM-dd} (reported before the change)");
            }
        }
    }

    public static IEnumerable<ValidationProblem> Check(Filing f, DateOnly? registeredOn)
    {
        foreach (var (field, message) in Consistency(f.ToYearFiling()))
            yield return new(f.CreditCode, f.Year, field, message);
        if (registeredOn is { } reg && f.Year < reg.Year) yield return new(f.CreditCode, f.Year, "year", $"申报年度早于注册年度 {reg.Year}");
    }

    /// <summary>Every row of a whole record: the enterprise, its filings and all its other rows, each naming its field.</summary>
    public static IEnumerable<ValidationProblem> Check(EnterpriseRecord r)
    {
        var e = r.Enterprise;
        var code = e.CreditCode;
        foreach (var p in Check(e)) yield return p;
        var years = new HashSet<int>();
        foreach (var f in r.Filings)
        {
            if (f.CreditCode != code) yield return new(code, f.Year, "creditCode", $"申报记录属于另一企业 {f.CreditCode}");
            foreach (var p in Check(f, e.RegisteredOn)) yield return p;
            if (!years.Add(f.Year)) yield return new(code, f.Year, "year", "重复的年度申报");
        }
        foreach (var i in r.Ip)
        {
            if (i.CreditCode != code) yield return new(code, null, "ip.creditCode", $"知识产权记录属于另一企业 {i.CreditCode}");
            if (i.IpClass is not (1 or 2)) yield return new(code, null, "ip.ipClass", $"知识产权类别应为 1 或 2，实为 {i.IpClass}");
            if (i.ValidTo is { } to && to <= i.ValidFrom) yield return new(code, null, "ip.validTo", $"有效期止 {to:yyyy-MM-dd} 不晚于起 {i.ValidFrom:yyyy-MM-dd}");
            if (i.AcquiredOn is { } acquired)
            {
                if (i.OwnRd) yield return new(code, null, "ip.acquiredOn", "自主研发取得的知识产权不应有受让日期");
                else if (InputRanges.DateProblem(acquired, DateOnly.FromDateTime(DateTime.Today)) is { } d) yield return new(code, null, "ip.acquiredOn", d);
            }
            if (i.HighValue == true && i.IpClass != 1) yield return new(code, null, "ip.highValue", "只有Ⅰ类知识产权可为高价值发明专利");
        }
        foreach (var f in r.Financing)
        {
            if (f.CreditCode != code) yield return new(code, f.RoundDate.Year, "financing.creditCode", $"融资记录属于另一企业 {f.CreditCode}");
            if (f.Amount < 0) yield return new(code, f.RoundDate.Year, "financing.amount", $"不能为负数（{f.Amount}）");
            if (f.PostMoneyValuation < 0) yield return new(code, f.RoundDate.Year, "financing.postMoneyValuation", $"不能为负数（{f.PostMoneyValuation}）");
            if (f.Currency is not ("CNY" or "USD")) yield return new(code, f.RoundDate.Year, "financing.currency", $"币种应为 CNY 或 USD，实为 '{f.Currency}'");
            if (f.RoundDate < e.RegisteredOn) yield return new(code, f.RoundDate.Year, "financing.roundDate", $"融资日期早于注册日期 {e.RegisteredOn:yyyy-MM-dd}");
            if (f.QualifiedPaidIn < 0 || f.QualifiedPaidIn > f.Amount)
                yield return new(code, f.RoundDate.Year, "financing.qualifiedPaidIn", $"合格机构投资者实缴额应在 0 到本轮金额 {f.Amount} 之间，实为 {f.QualifiedPaidIn}");
        }
        foreach (var p in SecondLadderItems(r)) yield return p;
        foreach (var t in r.TechSmeRegistrations)
            if (t.CreditCode != code || t.Year < e.RegisteredOn.Year)
                yield return new(code, t.Year, "techSmeRegistration", "入库登记不属于该企业或早于注册年度");
        foreach (var h in r.HnteCertificates)
            if (h.CreditCode != code || h.IssuedOn < e.RegisteredOn)
                yield return new(code, h.IssuedOn.Year, "hnteCertificate", "高企证书不属于该企业或早于注册日期");
        foreach (var l in r.ListEntries)
            if (l.CreditCode != code || !ListTiers.Contains(l.Tier))
                yield return new(code, l.Year, "listEntry.tier", $"名单记录不属于该企业或层级 '{l.Tier}' 未知");
        foreach (var t in r.QualityTitles)
        {
            if (t.CreditCode != code || !QualityTitles.All.Contains(t.Title))
                yield return new(code, t.IssuedOn.Year, "qualityTitle.title", $"称号记录不属于该企业或称号 '{t.Title}' 未知");
            else if (t.ExpiresOn < t.IssuedOn || t.ExpiresOn > t.IssuedOn.AddYears(QualityTitles.MaxValidityYears))
                yield return new(code, t.IssuedOn.Year, "qualityTitle.expiresOn",
                    $"有效期至 {t.ExpiresOn:yyyy-MM-dd} 应在认定日期 {t.IssuedOn:yyyy-MM-dd} 之后 {QualityTitles.MaxValidityYears} 年以内（复核通过的另记一条）");
            else if (t.ReviewOutcome is { } outcome && !QualityTitles.ReviewOutcomes.Contains(outcome))
                yield return new(code, t.IssuedOn.Year, "qualityTitle.reviewOutcome", $"复核结果应为 passed、failed 或 withdrawn，实为 '{outcome}'");
        }
        foreach (var c in r.CleanRecord)
            if (c.CreditCode != code || !CleanRecordFlags.Contains(c.Flag))
                yield return new(code, c.OccurredOn.Year, "cleanRecord.flag", $"诚信记录不属于该企业或类型 '{c.Flag}' 未知");
        var today = DateOnly.FromDateTime(DateTime.Today);
        var reference = JiangxiReference.Default;
        foreach (var m in r.LocationChanges)
        {
            if (m.CreditCode != code || InputRanges.DateProblem(m.ChangedOn, today) is not null || m.ChangedOn < e.RegisteredOn)
                yield return new(code, m.ChangedOn.Year, "locationChange.changed_on", "迁移记录不属于该企业，或迁移日期早于注册日期或晚于今天");
            if (reference.CityByCode(m.PreviousCityCode) is null)
                yield return new(code, m.ChangedOn.Year, "locationChange.previous_city_code", $"未知的设区市 '{m.PreviousCityCode}'");
            if (m.PreviousParkCode is { } park && reference.ParkByCode(park) is not { } pk)
                yield return new(code, m.ChangedOn.Year, "locationChange.previous_park_code", $"未知的园区 '{park}'");
            else if (m.PreviousParkCode is { } p2 && reference.ParkByCode(p2)!.City != m.PreviousCityCode)
                yield return new(code, m.ChangedOn.Year, "locationChange.previous_park_code", "原园区不在原设区市");
        }
    }

    /// <summary>
    /// The consistency rules of one year's filing, shared by the registry and the assessment input:
    /// no negative amount, tech staff within employees, domestic R&amp;D within R&amp;D, high-tech income within total income.
    /// </summary>
    public static IEnumerable<(string Field, string Message)> Consistency(YearFiling y)
    {
        (string name, decimal? value)[] amounts =
        [
            ("employees", y.Employees), ("techStaff", y.TechStaff), ("salesRevenue", y.SalesRevenue), ("totalIncome", y.TotalIncome),
            ("hiTechIncome", y.HiTechIncome), ("totalCostsAndExpenses", y.TotalCostsAndExpenses), ("rdExpense", y.RdExpense),
            ("rdExpenseDomestic", y.RdExpenseDomestic), ("totalAssets", y.TotalAssets), ("totalLiabilities", y.TotalLiabilities),
            ("resultsCommercialized", y.ResultsCommercialized), ("mainBusinessRevenue", y.MainBusinessRevenue), ("rdStaff", y.RdStaff),
            ("developmentScore", y.DevelopmentScore),
        ];
        foreach (var (name, value) in amounts)
            if (value < 0) yield return (name, "不能为负数 (must not be negative)"); // the value is in the row or the field, in its own unit
        // A negative headcount is its own error: comparing with it would only repeat it.
        if (y.TechStaff > y.Employees && y.Employees >= 0) yield return ("techStaff", $"科技人员 {y.TechStaff} 人超过职工总数 {y.Employees} 人 (tech staff exceeds employees)");
        if (y.RdExpenseDomestic > y.RdExpense) yield return ("rdExpenseDomestic", "境内研发费用超过研发费用总额 (domestic R&D exceeds R&D)");
        if (y.HiTechIncome > y.TotalIncome) yield return ("hiTechIncome", "高新技术产品收入超过总收入 (high-tech income exceeds total income)");
        if (y.MainBusinessRevenue > y.SalesRevenue) yield return ("mainBusinessRevenue", "主营业务收入超过营业收入 (main-business revenue exceeds operating revenue)");
        if (y.RdStaff > y.Employees && y.Employees >= 0) yield return ("rdStaff", $"研发人员 {y.RdStaff} 人超过职工总数 {y.Employees} 人 (R&D staff exceeds employees)");
        if (y.DevelopmentScore > 100) yield return ("developmentScore", "专精特新发展评价得分应在 0–100 分之间 (the score is 0–100)");
    }
}
