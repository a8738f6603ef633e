using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Domain.Profiles;
using JxEnterpriseLadder.Domain.Registry;
using JxEnterpriseLadder.Rules.Engine;
using JxEnterpriseLadder.Rules;
using JxEnterpriseLadder.Rules.Tiers;

namespace JxEnterpriseLadder.Generator;

public sealed record GeneratorOptions
{
    /// <summary>The generator's own revision: raised when a change to its code gives another province for the same
    /// options (2: signal-driven take-up; 3: an HNTE review's judged items kept on the record; 4: the second ladder's
    /// titles; 5: the second ladder's facts of the firm, its IP items' attributes, institutions, awards and contest places;
    /// 6: the titles' yearly updates and major-change reports, and the official development score). Part of the demo
    /// registry's identity.</summary>
    public const int Revision = 6;

    public int Seed { get; init; } = 20210701;
    public int Enterprises { get; init; } = 40_000;
    /// <summary>First and last year of the registry's statuses shown to users (filings start five years earlier for look-backs).</summary>
    public int FromYear { get; init; } = 2018;
    public int ToYear { get; init; } = 2025;
    /// <summary>Years of filings before <see cref="FromYear"/> (for look-backs); statuses start up to two years before it.</summary>
    public int HistoryYears { get; init; } = 5;
}

/// <summary>
/// Generates a plausible Jiangxi province: firms founded over time in real cities, parks and industry chains,
/// with persistent, skewed, industry-dependent trajectories; then a yearly recognition process that runs the
/// real rules engine, so every registration, certificate and list entry follows from earlier years' data.
/// </summary>
public sealed class ProvinceGenerator(AssessmentEngine engine, Calibration? calibration = null)
{
    private readonly Calibration _k = calibration ?? Calibration.Default;
    private readonly JiangxiReference _ref = JiangxiReference.Default;

    private static readonly string[] NameStems =
        ["赣", "洪", "豫章", "滕王", "庐山", "鄱阳", "井冈", "章贡", "红谷", "瑶湖", "昌北", "景德", "匡庐", "武功", "三清", "龙虎", "翠微", "青云",
         "华", "鑫", "恒", "泰", "创", "联", "智", "芯", "光", "博", "瑞", "科", "达", "源", "航", "锂", "稀", "新", "中", "晨", "宏", "远"];
    private static readonly Dictionary<string, string> IndustrySuffix = new()
    {
        ["electronic-information"] = "电子科技", ["non-ferrous-metals"] = "新材料", ["equipment-manufacturing"] = "智能装备",
        ["new-materials"] = "新材料科技", ["aviation"] = "航空科技", ["new-energy"] = "新能源科技", ["tcm-biomedicine"] = "生物医药",
        ["petrochemical"] = "化工科技", ["building-materials"] = "陶瓷科技", ["textiles"] = "纺织科技", ["green-food"] = "食品科技",
        ["modern-services"] = "信息技术",
    };
    private static readonly Dictionary<string, string> CityAdminCode = new()
    {
        ["nanchang"] = "360100", ["jingdezhen"] = "360200", ["pingxiang"] = "360300", ["jiujiang"] = "360400", ["xinyu"] = "360500",
        ["yingtan"] = "360600", ["ganzhou"] = "360700", ["jian"] = "360800", ["yichun"] = "360900", ["fuzhou"] = "361000",
        ["shangrao"] = "361100", ["ganjiang-new-area"] = "360100",
    };

    private sealed class Firm
    {
        public required Enterprise Enterprise;
        public readonly List<Filing> Filings = [];
        public readonly List<IpHolding> Ip = [];
        public readonly List<FinancingRoundRecord> Financing = [];
        public readonly List<CleanRecordEvent> Clean = [];
        public readonly List<TechSmeRegistrationRecord> Registrations = [];
        public readonly List<HnteCertificateRecord> Certificates = [];
        public readonly List<ListEntryRecord> Lists = [];
        public readonly List<QualityTitleRecord> Titles = [];
        public readonly List<RdInstitutionRecord> Institutions = [];
        public readonly List<AwardRecord> Awards = [];
        public readonly List<ContestResultRecord> Contests = [];
        public readonly List<TitleAnnualUpdateRecord> Updates = [];
        public readonly List<MajorChangeReportRecord> Changes = [];
        public int? ExitYear;
        public double Quality; // drives expert grades in the HNTE review

        public EnterpriseRecord ToRecord() => new()
        {
            Enterprise = Enterprise, Filings = Filings, Ip = Ip, Financing = Financing, CleanRecord = Clean,
            TechSmeRegistrations = Registrations, HnteCertificates = Certificates, ListEntries = Lists, QualityTitles = Titles,
            RdInstitutions = Institutions, Awards = Awards, ContestResults = Contests, TitleUpdates = Updates, ChangeReports = Changes,
        };
    }

    public IReadOnlyList<EnterpriseRecord> Generate(GeneratorOptions o, Action<string>? progress = null, Action<int, int>? generated = null) =>
        Stream(o, progress, generated: generated).ToList();

    /// <summary>
    /// The province firm by firm, in index order, a chunk at a time: memory holds one chunk, never the province, so
    /// a million enterprises stream straight into the database. Each firm's recognition years draw from streams of
    /// their own, so the result does not depend on the chunk size or on how many cores assess a chunk.
    /// </summary>
    public IEnumerable<EnterpriseRecord> Stream(GeneratorOptions o, Action<string>? progress = null, int chunkSize = 4096, Action<int, int>? generated = null)
    {
        var codes = new HashSet<string>();
        var years = RecognitionYears(o);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        for (var first = 0; first < o.Enterprises; first += chunkSize)
        {
            var firms = new Firm[Math.Min(chunkSize, o.Enterprises - first)];
            // Drawn in order: a credit-code collision redraws from the firm's own stream, against every code before it.
            for (var i = 0; i < firms.Length; i++) firms[i] = NewFirm(o, first + i, codes);
            Parallel.For(0, firms.Length, parallel, i =>
            {
                RunRecognition(o, years, firms[i], first + i);
                SecondLadderFigures(o, firms[i], first + i);
                RunQualityTitles(o, firms[i], first + i);
                SecondLadderFacts(o, firms[i], first + i);
                TitleObligations(o, firms[i], first + i);
                DevelopmentScores(o, firms[i], first + i);
            });
            foreach (var f in firms) yield return f.ToRecord();
            generated?.Invoke(first + firms.Length, o.Enterprises);
            // A line at every tenth of the way, whatever the size.
            if ((long)(first + firms.Length) * 10 / o.Enterprises > (long)first * 10 / o.Enterprises || first + firms.Length == o.Enterprises)
                progress?.Invoke($"{first + firms.Length} of {o.Enterprises} enterprises generated");
        }
    }

    private Firm NewFirm(GeneratorOptions o, int index, HashSet<string> codes)
    {
        var d = new Draw(StreamSeed.Of(o.Seed, index, 0x5eed));
        var firstYear = 1995;
        var foundedYear = PickFoundingYear(d, firstYear, o.ToYear);
        var registeredOn = new DateOnly(foundedYear, 1, 1).AddDays(d.Int(0, 365));
        if (registeredOn.Year != foundedYear) registeredOn = new DateOnly(foundedYear, 12, 31);
        var city = d.Weighted(_k.CityWeights);
        var cityRef = _ref.CityByCode(city)!;
        var parks = _ref.Parks.Where(p => p.City == city).ToList();
        var park = parks.Count > 0 && d.Chance(_k.ParkShare) ? d.Pick(parks).Code : null;
        var chainCode = d.Weighted(_k.ChainWeights);
        var chain = _ref.ChainByCode(chainCode)!;
        var industry = chain.Industry;
        var code = CreditCode(d, city, codes);
        var name = $"{cityRef.Name.TrimEnd('市')}{d.Pick(NameStems)}{d.Pick(NameStems)}{IndustrySuffix[industry]}有限公司";
        var big = d.Chance(0.05);
        var firm = new Firm
        {
            Enterprise = new Enterprise
            {
                CreditCode = code, Name = name, RegisteredOn = registeredOn, CityCode = city, County = d.Pick(cityRef.Counties),
                ParkCode = park, ChainCode = chainCode, Industry = industry, HiTechField = chain.HiTechField,
                Listed = big && d.Chance(0.06), ProhibitedIndustry = d.Chance(0.004), BranchOrTradingOnly = d.Chance(0.02),
                NationalAwardYear = d.Chance(big ? 0.05 : 0.002) ? d.Int(Math.Max(foundedYear, 2012), o.ToYear + 1) : null,
                RdInstitutionYear = d.Chance(big ? 0.3 : 0.015) ? d.Int(Math.Max(foundedYear, 2010), o.ToYear + 1) : null,
                LedStandardYear = d.Chance(big ? 0.15 : 0.01) ? d.Int(Math.Max(foundedYear, 2012), o.ToYear + 1) : null,
            },
        };
        // Financing draws from a stream of its own, so tuning venture knobs does not reshuffle every trajectory.
        Trajectory(o, d, new Draw(StreamSeed.Of(o.Seed, index, 0xf17a)), firm, industry, big);
        return firm;
    }

    private int PickFoundingYear(Draw d, int first, int last)
    {
        // Founding grows by a steady share a year: more young firms than old ones.
        var total = 0.0;
        for (var y = first; y <= last; y++) total += Math.Exp(_k.FoundingGrowthPerYear * (y - first));
        var x = d.U() * total;
        for (var y = first; y <= last; y++) { x -= Math.Exp(_k.FoundingGrowthPerYear * (y - first)); if (x < 0) return y; }
        return last;
    }

    private static string CreditCode(Draw d, string city, HashSet<string> codes)
    {
        while (true)
        {
            var chars = new char[17];
            chars[0] = '9'; chars[1] = '1';
            CityAdminCode[city].CopyTo(0, chars, 2, 6);
            for (var i = 8; i < 17; i++) chars[i] = UnifiedSocialCreditCode.Alphabet[d.Int(0, UnifiedSocialCreditCode.Alphabet.Length)];
            var code = new string(chars) + UnifiedSocialCreditCode.CheckCharacter(chars);
            if (codes.Add(code)) return code;
        }
    }

    private void Trajectory(GeneratorOptions o, Draw d, Draw venture, Firm f, string industry, bool big)
    {
        var e = f.Enterprise;
        var start = Math.Max(e.RegisteredOn.Year, o.FromYear - o.HistoryYears);
        var age = start - e.RegisteredOn.Year;
        var strategic = _ref.IndustryByCode(industry)!.StrategicEmerging;
        var rocket = d.Chance(strategic && age < 6 ? 0.013 : strategic && e.RegisteredOn.Year >= 2006 ? 0.04 : 0.002);
        var growthTrait = rocket ? d.Normal(0.38, 0.10) : d.Normal(0.06, 0.035);
        double employees = Math.Max(3, d.LogNormal(big ? 260 : 18, 0.9) * Math.Pow(1.06, Math.Min(age, 15)));
        var revenuePerEmployee = d.LogNormal(450_000, 0.45);
        var rdBase = _k.IndustryRdIntensity[industry] * d.LogNormal(rocket ? 2.2 : 1, 0.65);
        var techRatio = Math.Clamp(d.Normal(strategic ? 0.11 : 0.07, 0.06), 0.02, 0.75);
        var hiTechShare = Math.Clamp(d.Normal(strategic ? 0.8 : 0.66, 0.15), 0.0, 0.98);
        var ipPropensity = d.LogNormal(1, 0.6);
        var domesticShare = d.Chance(0.04) ? d.U(0.3, 0.7) : d.U(0.93, 1.0);
        var assetsToRevenue = d.LogNormal(1.0, 0.35);
        var leverage = d.U(0.2, 0.65);
        f.Quality = Math.Clamp(d.Normal(0.74, 0.18) + (rocket ? 0.15 : 0), 0, 1);
        var growth = growthTrait;
        var stage = 0;
        double valuation = 0;
        for (var y = start; y <= o.ToYear; y++)
        {
            if (y > start && d.Chance(rocket ? 0.01 : 0.03)) { f.ExitYear = y; break; } // the firm closes or leaves the registry
            var first = y == e.RegisteredOn.Year;
            // Most new firms carry on an existing business (spin-offs, relocations): the first year is partial, but not empty.
            var monthsActive = first ? 0.9 + 0.1 * (13 - e.RegisteredOn.Month) / 12.0 : 1.0;
            growth = 0.55 * growth + 0.45 * growthTrait + d.Normal(0, 0.05);
            if (y > start) employees = Math.Max(2, employees * (1 + 0.65 * growth + d.Normal(0, 0.04)));
            var working = Math.Max(2, employees);
            var revenue = working * revenuePerEmployee * monthsActive * Math.Pow(1.03, y - start) * d.LogNormal(1, 0.04) * RdPolicy(y, 1.0);
            var drift = Math.Pow(1 + _k.RdIntensityDriftPerYear, y - 2013);
            var rd = revenue * Math.Min(0.35, rdBase * drift * RdPolicy(y, _k.RdPolicyBoost) * d.LogNormal(1, 0.15));
            var totalIncome = revenue * d.U(1.0, 1.04);
            var staff = (int)Math.Round(working);
            var tech = Math.Min(staff, (int)Math.Round(staff * Math.Clamp(techRatio * Math.Pow(_k.TechStaffDriftPerYear, y - 2013) + d.Normal(0, 0.015), 0, 0.95)));
            var assets = revenue * assetsToRevenue * d.LogNormal(1, 0.05) + rd * 0.5;
            var commercialized = d.Poisson(Math.Min(10, rd / 150_000 * ipPropensity));
            f.Filings.Add(new Filing
            {
                CreditCode = e.CreditCode, Year = y, Employees = staff, TechStaff = tech,
                SalesRevenue = Yuan(revenue), TotalIncome = Yuan(totalIncome),
                HiTechIncome = Yuan(totalIncome * Math.Clamp(hiTechShare + d.Normal(0, 0.05), 0, 1)),
                TotalCostsAndExpenses = Yuan(revenue * d.U(0.82, 1.02) + rd), RdExpense = Yuan(rd),
                RdExpenseDomestic = Yuan(rd * domesticShare), TotalAssets = Yuan(assets), TotalLiabilities = Yuan(assets * leverage),
                ResultsCommercialized = commercialized,
            });
            // IP follows R&D spending with a lag of a few months; each item stays valid for its term.
            var newClass2 = d.Poisson(rd / 4_800_000 * ipPropensity * (y >= _k.IpPolicyFromYear ? _k.IpPolicyBoost : 1.0));
            var newClass1 = d.Poisson(rd / 15_000_000 * ipPropensity * (y >= _k.IpPolicyFromYear ? _k.IpPolicyBoost / 2 : 1.0));
            for (var k = 0; k < newClass2; k++)
            {
                var from = new DateOnly(y, 1, 1).AddDays(d.Int(0, 365));
                f.Ip.Add(new IpHolding { CreditCode = e.CreditCode, IpClass = 2, Kind = d.Pick(["utility-model", "software-copyright", "design"]), OwnRd = !d.Chance(0.08), ValidFrom = from, ValidTo = from.AddYears(10) });
            }
            for (var k = 0; k < newClass1; k++)
            {
                var from = new DateOnly(y, 1, 1).AddDays(d.Int(0, 365));
                f.Ip.Add(new IpHolding { CreditCode = e.CreditCode, IpClass = 1, Kind = "invention", OwnRd = !d.Chance(0.12), ValidFrom = from, ValidTo = from.AddYears(20) });
            }
            // Venture rounds: young firms in strategic industries, far more often when growing fast.
            if (strategic && y - e.RegisteredOn.Year <= 9 && venture.Chance(_k.VentureRoundRate * (rocket ? 8 : 1) * (stage > 0 ? 3.5 : 1)))
            {
                stage++;
                var (amount, post) = stage switch
                {
                    1 => (venture.LogNormal(6_000_000, 0.5), venture.LogNormal(50_000_000, 0.5)),
                    2 => (venture.LogNormal(30_000_000, 0.5), venture.LogNormal(240_000_000, 0.5)),
                    3 => (venture.LogNormal(120_000_000, 0.5), venture.LogNormal(1_500_000_000, 0.4)),
                    4 => (venture.LogNormal(250_000_000, 0.5), venture.LogNormal(2_500_000_000, 0.4)),
                    _ => (venture.LogNormal(400_000_000, 0.5), venture.LogNormal(3_500_000_000, 0.4)),
                };
                valuation = Math.Max(valuation * 1.2, post);
                var usd = venture.Chance(0.2);
                var rate = usd ? 7.0 : 1.0;
                f.Financing.Add(new FinancingRoundRecord
                {
                    CreditCode = e.CreditCode, RoundDate = Later(new DateOnly(y, 1, 1).AddDays(venture.Int(0, 365)), e.RegisteredOn), Amount = Yuan(amount / rate),
                    PostMoneyValuation = Yuan(valuation / rate), Currency = usd ? "USD" : "CNY", ProfessionalInvestor = !venture.Chance(0.1),
                });
            }
            if (d.Chance(_k.CleanEventRate))
                f.Clean.Add(new CleanRecordEvent(e.CreditCode, d.Pick(["majorAccident", "seriousEnvironmentalViolation", "researchMisconduct", "abnormalOperations", "seriousDishonesty"]),
                    Later(new DateOnly(y, 1, 1).AddDays(d.Int(0, 365)), e.RegisteredOn)));
        }
        f.Clean.Sort((a, b) => a.OccurredOn.CompareTo(b.OccurredOn));
        // Two events of the same kind on the same day would be one event.
        var distinct = f.Clean.DistinctBy(c => (c.Flag, c.OccurredOn)).ToList();
        f.Clean.Clear();
        f.Clean.AddRange(distinct);
    }

    /// <summary>R&amp;D pushed up from the policy year (the 2021 100% super-deduction, 财税〔2021〕13号, and the plan's push).</summary>
    private double RdPolicy(int year, double factor) => year >= _k.RdPolicyFromYear ? factor : 1.0;

    private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;

    private static decimal Yuan(double value) => Math.Round((decimal)Math.Max(0, value), 2);

    private sealed record RecognitionYear(int Year, double ApplyRate, DateOnly MidYear, DateOnly Autumn, int CertificateValidity);

    private IReadOnlyList<RecognitionYear> RecognitionYears(GeneratorOptions o)
    {
        var years = new List<RecognitionYear>();
        for (var year = o.FromYear - Math.Min(2, o.HistoryYears); year <= o.ToYear; year++)
        {
            var applyRate = _k.TechSmeApplyRate.TryGetValue(year.ToString(System.Globalization.CultureInfo.InvariantCulture), out var r) ? r : 0.9;
            var autumn = new DateOnly(year, 9, 30);
            years.Add(new(year, applyRate, new DateOnly(year, 6, 30), autumn, engine.Parameters.InForce(TierIds.Hnte, autumn)!.Integer("certificateValidityYears")));
        }
        return years;
    }

    /// <summary>
    /// Each year: tech-SME evaluation in mid-year, HNTE review in autumn (experts grade from the firm's quality),
    /// and the high-growth lists; every decision is the engine's, and some eligible firms do not apply. Numbers
    /// carry the firm's index, so they are unique without any state shared between firms.
    /// </summary>
    private void RunRecognition(GeneratorOptions o, IReadOnlyList<RecognitionYear> years, Firm f, int index)
    {
        var code = f.Enterprise.CreditCode;
        foreach (var (year, applyRate, midYear, autumn, validity) in years)
        {
            if (f.Enterprise.RegisteredOn > midYear || f.ExitYear <= year) continue;
            // One stream per firm and year: one firm's decisions never shift another's.
            var d = new Draw(StreamSeed.Of(o.Seed, year, index, 0x7ea7));
            var result = engine.Verdicts(f.ToRecord(), midYear);
            var campaign = ParkCampaign(o, f.Enterprise.ParkCode, year);
            if (result.For(TierIds.TechSme)?.Outcome == Outcome.Qualified && d.Chance(TechSmeTakeUp(f, year, applyRate, campaign)))
                f.Registrations.Add(new TechSmeRegistrationRecord(code, year, $"{year}36{code.Substring(4, 4)}{index + 1:D6}"));
            // Autumn: the high-growth lists (picked from firms holding their status by then) and the HNTE review.
            var autumnRecord = f.ToRecord();
            var autumnResult = engine.Verdicts(autumnRecord, autumn);
            var highGrowth = new[] { TierIds.Unicorn, TierIds.PotentialUnicorn, TierIds.Gazelle, TierIds.SeedUnicorn, TierIds.PotentialGazelle }
                .FirstOrDefault(t => autumnResult.For(t)?.Outcome == Outcome.Qualified);
            if (highGrowth is not null && d.Chance(_k.HighGrowthListRate))
                f.Lists.Add(new ListEntryRecord(code, highGrowth, year));

            var yearEnd = new DateOnly(year, 12, 1);
            if (f.Certificates.Any(c => LegalTerms.CertificateValid(c.IssuedOn, yearEnd, validity))) continue;
            if (!d.Chance(HnteTakeUp(f, year, campaign))) continue;
            // The review's judged items (the two grades, the four R&D management facts) go on the record as an officer
            // enters them (ADR 0012), so that later screenings can decide HNTE; where in each band the experts placed the
            // firm stays with the experts.
            f.Enterprise = JudgedInReview(d, f, autumn);
            var reviewed = ProfileBuilder.Build(f.ToRecord(), autumn);
            reviewed = reviewed with { Expert = reviewed.Expert! with { BandPosition = (decimal)Math.Round(Math.Clamp(f.Quality + 0.15 + d.Normal(0, 0.2), 0, 1), 2) } };
            var hnteResult = engine.Assess(reviewed, autumn, EvaluationOptions.VerdictsOnly).For(TierIds.Hnte)!;
            if (hnteResult.Outcome == Outcome.Qualified)
                f.Certificates.Add(new HnteCertificateRecord(code, $"GR{year}36{index + 1:D6}", new DateOnly(year, 11, 1).AddDays(d.Int(0, 30))));
        }
    }

    // Industries whose main products the demo counts as strategic emerging (《战略性新兴产业分类》): the demo's choice.
    private static readonly HashSet<string> StrategicEmergingIndustries =
        ["electronic-information", "new-materials", "new-energy", "aviation", "tcm-biomedicine", "equipment-manufacturing"];

    /// <summary>
    /// The second ladder's figures (generator revision 4), from a stream of their own: a main-business share and a
    /// profit margin that persist with the firm (drifting a little each year), R&amp;D staff as a share of its tech
    /// staff, the size table's row from its industry, when it entered its niche, whether its product is strategic.
    /// </summary>
    private void SecondLadderFigures(GeneratorOptions o, Firm f, int index)
    {
        var d = new Draw(StreamSeed.Of(o.Seed, index, 0x2ad1));
        var share = Math.Clamp(d.Normal(0.85, 0.1), 0.4, 1.0);
        var margin = d.Normal(0.06, 0.06);
        var rdStaffShare = Math.Clamp(d.Normal(0.6, 0.15), 0.2, 1.0);
        for (var i = 0; i < f.Filings.Count; i++)
        {
            var y = f.Filings[i];
            var sales = (double)(y.SalesRevenue ?? 0);
            f.Filings[i] = y with
            {
                MainBusinessRevenue = y.SalesRevenue is null ? null : Yuan(sales * Math.Clamp(share + d.Normal(0, 0.02), 0, 1)),
                NetProfit = y.SalesRevenue is null ? null : Math.Round((decimal)(sales * (margin + d.Normal(0, 0.03))), 2),
                RdStaff = y.TechStaff is { } tech ? (int)Math.Round(tech * rdStaffShare) : null,
            };
        }
        var e = f.Enterprise;
        f.Enterprise = e with
        {
            SizeIndustry = e.Industry == "modern-services" ? "software-it" : "industry",
            NicheEnteredOn = e.RegisteredOn.AddDays(d.Int(0, 3 * 365)) is var niche && niche <= new DateOnly(o.ToYear, 12, 31) ? niche : null,
            StrategicEmerging = e.Industry is { } industry && StrategicEmergingIndustries.Contains(industry),
        };
    }

    /// <summary>
    /// The second ladder's titles (generator revision 4), batch by batch, from streams of their own so that nothing
    /// drawn before shifts: 专精特新"小巨人" in July, 专精特新 and (from 63号, 2022) 创新型 in August, 技术创新示范企业 in
    /// December. A candidate meets the title's numeric floor in its last filing and holds the title below it; its chance
    /// is the year's rate (calibration.json "qualityTitles", tuned to Jiangxi's counts of August 2024) times its own
    /// weight (R&amp;D, size, an HNTE certificate). At expiry a title is reviewed: passed, it runs three more years.
    /// The generator does not run the second ladder's rules: the registry holds none of their inputs but the titles.
    /// </summary>
    private void RunQualityTitles(GeneratorOptions o, Firm f, int index)
    {
        var k = _k.QualityTitles;
        var code = f.Enterprise.CreditCode;
        for (var year = o.FromYear + 1; year <= o.ToYear; year++)
        {
            if (f.ExitYear <= year) break;
            var d = new Draw(StreamSeed.Of(o.Seed, year, index, 0x9a17));
            var y = f.Filings.Where(x => x.Year == year - 1).FirstOrDefault();
            var sales = (double)(y?.SalesRevenue ?? 0);
            var rd = (double)(y?.RdExpense ?? 0);
            var intensity = sales > 0 ? rd / sales : 0;
            var sme = y?.Employees is < 1000;
            var hnte = f.Certificates.Any(c => c.IssuedOn <= new DateOnly(year, 7, 1) && new DateOnly(year, 7, 1) < c.IssuedOn.AddYears(3));
            double Rate(Dictionary<string, double> rates) => rates.TryGetValue(year.ToString(System.Globalization.CultureInfo.InvariantCulture), out var r) ? r : 0;
            bool Holds(string title, DateOnly on) => f.Titles.Any(t => t.Title == title && t.HeldOn(on));

            var july = new DateOnly(year, 7, 15);
            Review(d, f, TierIds.LittleGiant, july, year);
            if (f.Enterprise.RegisteredOn <= july.AddYears(-3) && sme && Holds(TierIds.SpecialisedSme, july) && !Holds(TierIds.LittleGiant, july)
                && sales >= 5e7 && intensity >= 0.03 && d.Chance(Math.Min(0.9, Rate(k.LittleGiantRate) * Math.Min(3, 0.5 + sales / 1e8))))
                f.Titles.Add(Title(code, TierIds.LittleGiant, july, $"{year} 年第 {year - 2018} 批"));

            var august = new DateOnly(year, 8, 1);
            // 创新型 first: a firm evaluated in the batch may go on to 专精特新 in it (南昌 2023 ran both in one round).
            Review(d, f, TierIds.InnovativeSme, august, year);
            if (year >= 2022 && f.Enterprise.RegisteredOn <= august.AddYears(-1) && sme && intensity >= 0.01
                && !Holds(TierIds.InnovativeSme, august) && !Holds(TierIds.SpecialisedSme, august) && !Holds(TierIds.LittleGiant, august)
                && d.Chance(Math.Min(0.9, Rate(k.InnovativeRate) * (1 + (hnte ? 1.5 : 0) + Math.Min(2, intensity / 0.03)))))
                f.Titles.Add(Title(code, TierIds.InnovativeSme, august, $"{year} 年"));
            Review(d, f, TierIds.SpecialisedSme, august, year);
            // Before 63号 the province's own rules (赣工信企业字〔2016〕288号) had no 创新型 step.
            var base2022 = year < 2022 ? intensity >= 0.03 : Holds(TierIds.InnovativeSme, august);
            if (f.Enterprise.RegisteredOn <= august.AddYears(-2) && sme && base2022 && !Holds(TierIds.SpecialisedSme, august) && !Holds(TierIds.LittleGiant, august)
                && sales >= 1e7 && rd >= 1e6 && intensity >= 0.03
                && d.Chance(Math.Min(0.9, Rate(k.SpecialisedRate) * (1 + (hnte ? 1 : 0) + Math.Min(2, sales / 5e7)))))
                f.Titles.Add(Title(code, TierIds.SpecialisedSme, august, $"{year} 年"));

            var december = new DateOnly(year, 12, 20);
            Review(d, f, TierIds.InnovationDemo, december, year);
            if (y?.Employees >= 300 && sales >= 3e7 && (double)(y.TotalAssets ?? 0) >= 4e7 && intensity >= 0.03 && !Holds(TierIds.InnovationDemo, december)
                && d.Chance(k.DemoRate * Math.Min(4, sales / 1e8)))
                f.Titles.Add(Title(code, TierIds.InnovationDemo, december, $"{year} 年"));
        }

        QualityTitleRecord Title(string creditCode, string title, DateOnly on, string batch) =>
            new(creditCode, title, on, on.AddYears(k.ValidityYears).AddDays(-1), batch, null);

        // A title that expired before the batch is reviewed in it: passed, a new title runs from the day after expiry.
        void Review(Draw d, Firm firm, string title, DateOnly batch, int year)
        {
            for (var i = 0; i < firm.Titles.Count; i++)
            {
                var t = firm.Titles[i];
                if (t.Title != title || t.ReviewOutcome is not null || t.ExpiresOn >= batch) continue;
                var passed = d.Chance(k.ReviewPass);
                firm.Titles[i] = t with { ReviewOutcome = passed ? QualityTitles.Passed : QualityTitles.Failed };
                if (passed) firm.Titles.Add(Title(firm.Enterprise.CreditCode, title, t.ExpiresOn.AddDays(1), $"{year} 年复核"));
            }
        }
    }

    /// <summary>
    /// The second ladder's other facts (generator revision 5), from a stream of their own, drawn after the titles so that
    /// nothing before shifts: ownership, digitalisation and quality facts for every firm (better with size and titles);
    /// for a firm that has held a 创新型, 专精特新 or 小巨人 title, its niche share, its IP items' attributes and, once it
    /// held 专精特新, 链/品 and the chain role confirmed by the province's officer on its first such title's day. The
    /// first ladder's R&amp;D institution and national award become rows; 专精特新 firms sometimes place in 创客中国. These are
    /// plausible shapes, not calibrated: no published count exists for them.
    /// </summary>
    private static void SecondLadderFacts(GeneratorOptions o, Firm f, int index)
    {
        var d = new Draw(StreamSeed.Of(o.Seed, index, 0x5f3c));
        var e = f.Enterprise;
        var code = e.CreditCode;
        var last = f.Filings.Count > 0 ? f.Filings[^1] : null;
        var big = (double)(last?.SalesRevenue ?? 0) >= 5e7;
        var titled = f.Titles.Count(t => t.Title is TierIds.InnovativeSme or TierIds.SpecialisedSme or TierIds.LittleGiant) > 0;
        var specialisedOn = f.Titles.Where(t => t.Title is TierIds.SpecialisedSme or TierIds.LittleGiant).Select(t => (DateOnly?)t.IssuedOn).Min();
        var giant = f.Titles.Any(t => t.Title == TierIds.LittleGiant);
        var level = Math.Clamp(1 + (big ? 1 : 0) + (specialisedOn is null ? 0 : 1) + (d.Chance(0.3) ? 1 : 0), QualityVocabulary.DigitalisationLowest, QualityVocabulary.DigitalisationHighest);
        e = e with
        {
            ChineseControlled = d.Chance(0.95), RelatedToLittleGiant = d.Chance(0.01), DigitalisationLevel = level,
            CoreBusinessesOnSystems = Math.Min(5, level + d.Int(-1, 2)) is var n && n > 0 ? n : 0,
            QualityAward = d.Chance(specialisedOn is null ? 0.03 : 0.2), QualitySystemCertificate = d.Chance(specialisedOn is null ? 0.45 : 0.85),
            OwnBrand = d.Chance(0.6), StandardDrafting = e.LedStandardYear is not null || d.Chance(specialisedOn is null ? 0.05 : 0.3),
            DevelopedMarketCertification = d.Chance(giant ? 0.4 : 0.05),
            NationalMarketShare = titled ? Math.Round((decimal)Math.Clamp(d.LogNormal(giant ? 0.12 : 0.03, 0.8), 0.001, 0.6), 4) : null,
        };
        if (specialisedOn is { } confirmedOn && confirmedOn <= new DateOnly(o.ToYear, 12, 31))
            e = e with
            {
                ChainRole = d.Weighted(ChainRoleWeights), KeyChainLink = giant || d.Chance(0.3), PriorityField = giant || d.Chance(0.4),
                ChainJudgedBy = DemoOfficer, ChainJudgedOn = confirmedOn,
            };
        f.Enterprise = e;

        // The IP of a firm the second ladder has looked at is listed for it: mostly related, some transferred, applied.
        if (titled)
            for (var i = 0; i < f.Ip.Count; i++)
            {
                var item = f.Ip[i];
                var acquired = item.OwnRd ? (DateOnly?)null : item.ValidFrom.AddDays(d.Int(0, 3 * 365));
                f.Ip[i] = item with
                {
                    RelatedToMainProduct = d.Chance(0.75), HighValue = item.IpClass == 1 ? d.Chance(0.15) : null, AppliedWithBenefit = d.Chance(0.7),
                    AcquiredOn = acquired is { } a && a <= new DateOnly(o.ToYear, 12, 31) ? a : null,
                };
            }
        if (e.RdInstitutionYear is { } recognised)
            f.Institutions.Add(new(code, "省级工程技术研究中心", QualityVocabulary.Provincial,
                d.Chance(0.5) ? QualityVocabulary.EnterpriseTechCentre : QualityVocabulary.OtherInstitution, new DateOnly(recognised, 7, 1), d.Chance(0.3)));
        if (giant && d.Chance(0.2) && specialisedOn is { } since)
            f.Institutions.Add(new(code, "国家企业技术中心", QualityVocabulary.National, QualityVocabulary.EnterpriseTechCentre, since.AddYears(1), false));
        if (e.NationalAwardYear is { } awarded)
            f.Awards.Add(new(code, "国家科学技术进步奖二等奖", QualityVocabulary.National, new DateOnly(awarded, 12, 1), d.Int(1, 4)));
        if (specialisedOn is { } on && d.Chance(0.2))
            f.Awards.Add(new(code, "江西省科学技术进步奖", QualityVocabulary.Provincial, new DateOnly(Math.Max(on.Year - 1, o.FromYear), 5, 20), d.Int(1, 6)));
        if (specialisedOn is not null && d.Chance(0.1))
            f.Contests.Add(new(code, d.Int(Math.Max(2019, o.FromYear), o.ToYear + 1), d.Chance(0.2) ? QualityVocabulary.ContestTops[0] : QualityVocabulary.ContestTops[^1]));
    }

    /// <summary>
    /// What the demo's title holders did while their titles were valid (revision 6), from a stream of its own: the yearly
    /// update, done in spring and nearly always by its deadline (Parameters/title-lifecycle), through the year after the
    /// registry's last, when the last year's figures are filed; and now and then a major change, mostly reported in time.
    /// Plausible shapes, not calibrated: no count of missed updates is published.
    /// </summary>
    private void TitleObligations(GeneratorOptions o, Firm f, int index)
    {
        var d = new Draw(StreamSeed.Of(o.Seed, index, 0x71e5));
        var code = f.Enterprise.CreditCode;
        // The updates the rules ask for (title-lifecycle), each done or not as drawn.
        var titled = new EnterpriseRecord { Enterprise = f.Enterprise, QualityTitles = f.Titles };
        foreach (var title in QualityTitles.UpdatedYearly)
            foreach (var due in TitleLifecycle.AnnualUpdates(engine.Laws, titled, title, new DateOnly(o.ToYear + 1, 12, 31)))
            {
                if (f.ExitYear <= due.Year) break;
                var u = d.U();
                if (u < 0.02) continue; // not done
                f.Updates.Add(new(code, title, due.Year, u < 0.06 ? due.Deadline.AddDays(d.Int(1, 60)) : due.Deadline.AddDays(-d.Int(0, 75))));
            }
        var held = f.Titles.Where(t => QualityTitles.UpdatedYearly.Contains(t.Title) && t.ReviewOutcome != QualityTitles.Withdrawn).ToList();
        if (held.Count == 0 || !d.Chance(0.04)) return;
        var during = held[d.Int(0, held.Count)];
        var last = new DateOnly(o.ToYear + 1, 6, 30);
        var end = during.ExpiresOn < last ? during.ExpiresOn : last;
        if (end <= during.IssuedOn) return;
        var changedOn = during.IssuedOn.AddDays(d.Int(1, end.DayNumber - during.IssuedOn.DayNumber + 1));
        var reported = d.U() switch
        {
            < 0.05 => (DateOnly?)null,
            < 0.15 => changedOn.AddMonths(3).AddDays(d.Int(1, 90)),
            _ => changedOn.AddDays(d.Int(5, 85)),
        };
        f.Changes.Add(new(code, changedOn, d.Weighted(ChangeWeights), reported is { } r && r <= last ? r : null));
    }

    /// <summary>
    /// The official 专精特新发展评价 score (工信厅企业〔2024〕75号) per year from 2024, revision 6, from a stream of its own:
    /// computed by the platform for the firms on it, which are the title holders and some research-intensive SMEs. Its
    /// weights are not published (criteria-quality-sme.md §4), so the shape is plausible, not calibrated: R&amp;D intensity
    /// and size raise it, and a firm the province already judged 专精特新 (or MIIT 小巨人) scores higher.
    /// </summary>
    private static void DevelopmentScores(GeneratorOptions o, Firm f, int index)
    {
        const int FirstYear = 2024;
        var d = new Draw(StreamSeed.Of(o.Seed, index, 0x3c9b));
        var onPlatform = d.Chance(0.25);
        for (var i = 0; i < f.Filings.Count; i++)
        {
            var y = f.Filings[i];
            if (y.Year < FirstYear || f.ExitYear <= y.Year) continue;
            var yearEnd = new DateOnly(y.Year, 12, 31);
            bool Holds(string title) => f.Titles.Any(t => t.Title == title && t.HeldOn(yearEnd));
            var titled = Holds(TierIds.InnovativeSme) || Holds(TierIds.SpecialisedSme) || Holds(TierIds.LittleGiant);
            var sales = (double)(y.SalesRevenue ?? 0);
            var intensity = sales > 0 ? (double)(y.RdExpense ?? 0) / sales : 0;
            if (!titled && !(onPlatform && intensity >= 0.03 && y.Employees is < 1000)) continue;
            var score = 30 + 6 * Math.Min(4, intensity / 0.01) + 4 * Math.Clamp(Math.Log10(Math.Max(sales, 1) / 1e7), 0, 2)
                + (Holds(TierIds.SpecialisedSme) || Holds(TierIds.LittleGiant) ? 8 : 0) + (Holds(TierIds.LittleGiant) ? 8 : 0) + d.Normal(0, 7);
            f.Filings[i] = y with { DevelopmentScore = Math.Round((decimal)Math.Clamp(score, 20, 100), 1) };
        }
    }

    private static readonly Dictionary<string, double> ChangeWeights = new()
    {
        [QualityVocabulary.Rename] = 0.35, [QualityVocabulary.Relocation] = 0.3, [QualityVocabulary.Restructuring] = 0.15,
        [QualityVocabulary.Merger] = 0.08, [QualityVocabulary.Division] = 0.02, [QualityVocabulary.OtherChange] = 0.1,
    };

    private static readonly Dictionary<string, double> ChainRoleWeights = new()
    {
        [QualityVocabulary.ChainKeyLink] = 0.4, [QualityVocabulary.Foundation] = 0.3, [QualityVocabulary.OtherRole] = 0.3,
    };

    // Take-up driven by what a registry can see (issue 18), knobs in calibration.json "takeUp": a firm renews what it held
    // last year, responds to its own figures (R&D up on the year before) and to its park's campaign years; a firm
    // prepares for HNTE by being a tech SME and growing R&D or its inventions the year before; the rest apply less.
    private double TechSmeTakeUp(Firm f, int year, double rate, bool campaign)
    {
        var t = _k.TakeUp;
        var m = f.Registrations.Any(r => r.Year == year - 1) ? t.TechSmeRenewing : RdRising(f, year - 1) ? t.TechSmeRdRising : t.TechSmeOtherwise;
        return Math.Min(t.Ceiling, rate * (m + (campaign ? t.CampaignBoost : 0)));
    }

    private double HnteTakeUp(Firm f, int year, bool campaign)
    {
        var t = _k.TakeUp;
        var prepared = f.Registrations.Any(r => r.Year >= year - 1)
                       && (RdRising(f, year - 1) || f.Ip.Any(i => i.IpClass == 1 && i.ValidFrom.Year == year - 1));
        var p = f.Certificates.Count > 0 ? t.HnteRenewal : prepared ? t.HntePrepared : t.HnteOtherwise;
        return Math.Min(t.Ceiling, _k.HnteApplyRate * (p + (campaign ? t.CampaignBoost : 0)));
    }

    private static bool RdRising(Firm f, int year) =>
        f.Filings.FirstOrDefault(x => x.Year == year)?.RdExpense is { } now && f.Filings.FirstOrDefault(x => x.Year == year - 1)?.RdExpense is { } before && now > before;

    /// <summary>Whether a park runs a recognition campaign in a year: a fixed draw per seed, park and year, two years running.</summary>
    private bool ParkCampaign(GeneratorOptions o, string? park, int year)
    {
        if (park is null) return false;
        var key = park.Aggregate(17L, (h, c) => h * 31 + c); // stable across processes, unlike string.GetHashCode
        bool Starts(int y) => new Draw(StreamSeed.Of(o.Seed, y, key, 0xca3)).Chance(_k.TakeUp.CampaignShare / 2);
        return Starts(year) || Starts(year - 1);
    }

    /// <summary>The enterprise with the judged items of an HNTE review in autumn: grades and facts drawn from the firm's
    /// quality, entered by the province's officer on the review's day.</summary>
    private static Enterprise JudgedInReview(Draw d, Firm f, DateOnly reviewedOn)
    {
        var quality = f.Quality;
        string Grade() => (quality + d.Normal(0, 0.12)) switch { > 0.65 => "A", > 0.4 => "B", > 0.2 => "C", > 0.08 => "D", _ => "E" };
        bool Fact() => d.Chance(Math.Clamp(0.35 + 0.7 * quality, 0, 0.97));
        var judged = f.Enterprise with
        {
            HnteTechAdvancement = Grade(), HnteCoreSupport = Grade(),
            HnteRdRulesAndAccounts = Fact(), HnteRdUnitAndCooperation = Fact(), HnteCommercializationIncentives = Fact(), HnteTalentRules = Fact(),
        };
        return HnteJudgement.Stamp(judged, null, HnteJudgement.Officer, DemoOfficer, reviewedOn);
    }

    /// <summary>Who enters the demo's review results: the province's demo officer.</summary>
    private const string DemoOfficer = "province";
}
