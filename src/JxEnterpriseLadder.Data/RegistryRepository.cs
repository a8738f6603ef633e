using System.Data.Common;
using Dapper;
using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Domain.Registry;
using Npgsql;
using NpgsqlTypes;

namespace JxEnterpriseLadder.Data;

/// <summary>
/// The registry over Dapper, for SQLite and PostgreSQL alike. All SQL of the registry is in <see cref="Sql"/>,
/// always parameterised.
/// </summary>
public sealed class RegistryRepository(Database db)
{
    public Database Database { get; } = db;

    private static class Sql
    {
        public const string UpsertCity = "INSERT INTO cities (code, name) VALUES (@Code, @Name) ON CONFLICT (code) DO UPDATE SET name = excluded.name";
        public const string UpsertPark = "INSERT INTO parks (code, name, city_code, kind) VALUES (@Code, @Name, @City, @Kind) ON CONFLICT (code) DO UPDATE SET name = excluded.name, city_code = excluded.city_code, kind = excluded.kind";
        public const string UpsertChain = "INSERT INTO industry_chains (code, name, industry, hitech_field) VALUES (@Code, @Name, @Industry, @HiTechField) ON CONFLICT (code) DO UPDATE SET name = excluded.name, industry = excluded.industry, hitech_field = excluded.hitech_field";

        public const string EnterpriseColumns = "credit_code, name, registered_on, city_code, county, park_code, chain_code, industry, hitech_field, listed, resident, prohibited_industry, branch_or_trading_only, national_award_year, rd_institution_year, led_standard_year, version";
        public const string InsertEnterprise = "INSERT INTO enterprises (" + EnterpriseColumns + ") VALUES (@CreditCode, @Name, @RegisteredOn, @CityCode, @County, @ParkCode, @ChainCode, @Industry, @HiTechField, @Listed, @Resident, @ProhibitedIndustry, @BranchOrTradingOnly, @NationalAwardYear, @RdInstitutionYear, @LedStandardYear, 1)";
        public const string EnterpriseExists = "SELECT registered_on FROM enterprises WHERE credit_code = @CreditCode";
        public const string SelectEnterprise = "SELECT " + EnterpriseColumns + " FROM enterprises WHERE credit_code = @CreditCode";
        public const string SelectEnterprisePage = "SELECT " + EnterpriseColumns + " FROM enterprises e WHERE credit_code > @After AND " + ScopeSql.Enterprise + " ORDER BY credit_code LIMIT @Limit";
        public const string CountEnterprises = "SELECT COUNT(*) FROM enterprises";
        public const string CountInScope = "SELECT COUNT(*) FROM enterprises e WHERE e.registered_on <= @AsOf AND " + ScopeSql.Enterprise;

        public const string FilingColumns = "credit_code, year, employees, tech_staff, sales_revenue, total_income, hitech_income, total_costs_and_expenses, rd_expense, rd_expense_domestic, total_assets, total_liabilities, results_commercialized";
        public const string InsertFiling = "INSERT INTO filings (" + FilingColumns + ") VALUES (@CreditCode, @Year, @Employees, @TechStaff, @SalesRevenue, @TotalIncome, @HiTechIncome, @TotalCostsAndExpenses, @RdExpense, @RdExpenseDomestic, @TotalAssets, @TotalLiabilities, @ResultsCommercialized)";
        public const string FilingExists = "SELECT COUNT(*) FROM filings WHERE credit_code = @CreditCode AND year = @Year";
        public const string InsertIp = "INSERT INTO ip_holdings (credit_code, ip_class, kind, own_rd, valid_from, valid_to) VALUES (@CreditCode, @IpClass, @Kind, @OwnRd, @ValidFrom, @ValidTo)";
        public const string InsertRegistration = "INSERT INTO tech_sme_registrations (credit_code, year, registration_number) VALUES (@CreditCode, @Year, @RegistrationNumber)";
        public const string InsertCertificate = "INSERT INTO hnte_certificates (credit_code, certificate_number, issued_on) VALUES (@CreditCode, @CertificateNumber, @IssuedOn)";
        public const string InsertListEntry = "INSERT INTO list_entries (credit_code, tier, year) VALUES (@CreditCode, @Tier, @Year)";
        public const string InsertFinancing = "INSERT INTO financing_rounds (credit_code, round_date, amount, post_money_valuation, currency, professional_investor) VALUES (@CreditCode, @RoundDate, @Amount, @PostMoneyValuation, @Currency, @ProfessionalInvestor)";
        public const string InsertCleanEvent = "INSERT INTO clean_record_events (credit_code, flag, occurred_on) VALUES (@CreditCode, @Flag, @OccurredOn)";

        // Children of a key range, for streaming the registry page by page.
        public const string FilingsIn = "SELECT " + FilingColumns + " FROM filings WHERE credit_code BETWEEN @From AND @To ORDER BY credit_code, year";
        public const string IpIn = "SELECT credit_code, ip_class, kind, own_rd, valid_from, valid_to FROM ip_holdings WHERE credit_code BETWEEN @From AND @To";
        public const string RegistrationsIn = "SELECT credit_code, year, registration_number FROM tech_sme_registrations WHERE credit_code BETWEEN @From AND @To";
        public const string CertificatesIn = "SELECT credit_code, certificate_number, issued_on FROM hnte_certificates WHERE credit_code BETWEEN @From AND @To";
        public const string ListEntriesIn = "SELECT credit_code, tier, year FROM list_entries WHERE credit_code BETWEEN @From AND @To";
        public const string FinancingIn = "SELECT credit_code, round_date, amount, post_money_valuation, currency, professional_investor FROM financing_rounds WHERE credit_code BETWEEN @From AND @To ORDER BY round_date";
        public const string CleanIn = "SELECT credit_code, flag, occurred_on FROM clean_record_events WHERE credit_code BETWEEN @From AND @To";

        // PostgreSQL bulk load: binary COPY, the same columns as the INSERTs above.
        public const string CopyEnterprises = "COPY enterprises (" + EnterpriseColumns + ") FROM STDIN (FORMAT BINARY)";
        public const string CopyFilings = "COPY filings (" + FilingColumns + ") FROM STDIN (FORMAT BINARY)";
        public const string CopyIp = "COPY ip_holdings (credit_code, ip_class, kind, own_rd, valid_from, valid_to) FROM STDIN (FORMAT BINARY)";
        public const string CopyRegistrations = "COPY tech_sme_registrations (credit_code, year, registration_number) FROM STDIN (FORMAT BINARY)";
        public const string CopyCertificates = "COPY hnte_certificates (credit_code, certificate_number, issued_on) FROM STDIN (FORMAT BINARY)";
        public const string CopyListEntries = "COPY list_entries (credit_code, tier, year) FROM STDIN (FORMAT BINARY)";
        public const string CopyFinancing = "COPY financing_rounds (credit_code, round_date, amount, post_money_valuation, currency, professional_investor) FROM STDIN (FORMAT BINARY)";
        public const string CopyCleanEvents = "COPY clean_record_events (credit_code, flag, occurred_on) FROM STDIN (FORMAT BINARY)";
        public const string CopyAssessments = "COPY assessments (credit_code, as_of, tier, outcome, score, parameters) FROM STDIN (FORMAT BINARY)";

        public const string DeleteAssessments = "DELETE FROM assessments WHERE as_of = @AsOf AND credit_code IN (SELECT e.credit_code FROM enterprises e WHERE " + ScopeSql.Enterprise + ")";
        public const string DeletePositions = "DELETE FROM ladder_positions WHERE as_of = @AsOf AND credit_code IN (SELECT e.credit_code FROM enterprises e WHERE " + ScopeSql.Enterprise + ")";
        public const string InsertPosition = "INSERT INTO ladder_positions (credit_code, as_of, recognized_tier, qualified_tier) VALUES (@CreditCode, @AsOf, @RecognizedTier, @QualifiedTier)";
        // After a screening of a scope: which position is now each of its enterprises' latest.
        public const string MarkLatest = """
            UPDATE ladder_positions SET latest = CASE WHEN as_of = (SELECT MAX(x.as_of) FROM ladder_positions x WHERE x.credit_code = ladder_positions.credit_code) THEN 1 ELSE 0 END
            WHERE credit_code IN (SELECT e.credit_code FROM enterprises e WHERE 
            """ + ScopeSql.Enterprise + ")";
        public const string CopyPositions = "COPY ladder_positions (credit_code, as_of, recognized_tier, qualified_tier) FROM STDIN (FORMAT BINARY)";
        public const string InsertAssessment = "INSERT INTO assessments (credit_code, as_of, tier, outcome, score, parameters) VALUES (@CreditCode, @AsOf, @Tier, @Outcome, @Score, @Parameters)";

        public const string EligibleByTierCity = """
            SELECT a.tier AS Tier, e.city_code AS City, COUNT(*) AS Count
            FROM assessments a JOIN enterprises e ON e.credit_code = a.credit_code
            WHERE a.as_of = @AsOf AND a.outcome = 'qualified'
            GROUP BY a.tier, e.city_code
            """;
        public const string RegisteredTechSmeByYear = "SELECT year AS Year, COUNT(*) AS Count FROM tech_sme_registrations GROUP BY year ORDER BY year";
        public const string ListEntriesByYear = "SELECT tier AS Tier, year AS Year, COUNT(*) AS Count FROM list_entries GROUP BY tier, year ORDER BY year, tier";
        public const string ValidHnteAt = "SELECT COUNT(DISTINCT credit_code) FROM hnte_certificates WHERE issued_on <= @AsOf AND issued_on > @Since AND issued_on <> @ExpiredLeapDay";
        public const string AssessedDates = "SELECT DISTINCT as_of FROM assessments ORDER BY as_of";
    }

    public void SaveReferenceData(JiangxiReference reference)
    {
        using var c = Database.Open();
        using var tx = c.BeginTransaction();
        c.Execute(Sql.UpsertCity, reference.Cities.Select(x => new { x.Code, x.Name }), tx);
        c.Execute(Sql.UpsertPark, reference.Parks, tx);
        c.Execute(Sql.UpsertChain, reference.IndustryChains, tx);
        tx.Commit();
    }

    public int CountEnterprises()
    {
        using var c = Database.Open();
        return c.ExecuteScalar<int>(Sql.CountEnterprises);
    }

    /// <summary>
    /// Writes whole enterprise records in one transaction. Every record is validated first; any problem
    /// (or an enterprise that already exists) rejects the whole batch and nothing is written.
    /// </summary>
    public void Insert(IReadOnlyCollection<EnterpriseRecord> records)
    {
        var problems = new List<ValidationProblem>();
        var seen = new HashSet<string>();
        foreach (var r in records)
        {
            problems.AddRange(RegistryValidation.Check(r));
            if (!seen.Add(r.Enterprise.CreditCode))
                problems.Add(new(r.Enterprise.CreditCode, null, "creditCode", "同一批次中重复的企业"));
        }
        if (problems.Count > 0) throw new RegistryValidationException(problems);

        using var c = Database.Open();
        using var tx = c.BeginTransaction();
        foreach (var r in records)
            if (c.ExecuteScalar<DateOnly?>(Sql.EnterpriseExists, new { r.Enterprise.CreditCode }, tx) is not null)
                problems.Add(new(r.Enterprise.CreditCode, null, "creditCode", "企业已存在于登记库"));
        if (problems.Count > 0) throw new RegistryValidationException(problems);
        if (c is NpgsqlConnection pg)
        {
            PostgresBulk.Insert(pg, records);
            tx.Commit();
            return;
        }
        c.Execute(Sql.InsertEnterprise, records.Select(r => r.Enterprise), tx);
        c.Execute(Sql.InsertFiling, records.SelectMany(r => r.Filings), tx);
        c.Execute(Sql.InsertIp, records.SelectMany(r => r.Ip), tx);
        c.Execute(Sql.InsertRegistration, records.SelectMany(r => r.TechSmeRegistrations), tx);
        c.Execute(Sql.InsertCertificate, records.SelectMany(r => r.HnteCertificates), tx);
        c.Execute(Sql.InsertListEntry, records.SelectMany(r => r.ListEntries), tx);
        c.Execute(Sql.InsertFinancing, records.SelectMany(r => r.Financing), tx);
        c.Execute(Sql.InsertCleanEvent, records.SelectMany(r => r.CleanRecord), tx);
        tx.Commit();
    }

    /// <summary>Adds one year's filing after checking the enterprise, the year and every amount; nothing is written on a problem.</summary>
    public void AddFiling(Filing filing)
    {
        using var c = Database.Open();
        using var tx = c.BeginTransaction();
        var registeredOn = c.ExecuteScalar<DateOnly?>(Sql.EnterpriseExists, new { filing.CreditCode }, tx);
        var problems = new List<ValidationProblem>();
        if (UnifiedSocialCreditCode.Validate(filing.CreditCode) is { } reason) problems.Add(new(filing.CreditCode, filing.Year, "creditCode", reason));
        else if (registeredOn is null) problems.Add(new(filing.CreditCode, filing.Year, "creditCode", "登记库中没有该企业"));
        problems.AddRange(RegistryValidation.Check(filing, registeredOn));
        if (registeredOn is not null && c.ExecuteScalar<int>(Sql.FilingExists, new { filing.CreditCode, filing.Year }, tx) > 0)
            problems.Add(new(filing.CreditCode, filing.Year, "year", "该年度申报已存在（重复申报）"));
        if (problems.Count > 0) throw new RegistryValidationException(problems);
        c.Execute(Sql.InsertFiling, filing, tx);
        tx.Commit();
    }

    public EnterpriseRecord? Get(string creditCode)
    {
        using var c = Database.Open();
        var e = c.QuerySingleOrDefault<Enterprise>(Sql.SelectEnterprise, new { CreditCode = creditCode });
        if (e is null) return null;
        return LoadChildren(c, [e], creditCode, creditCode).Single();
    }

    /// <summary>Streams every enterprise with its children, a page at a time: the registry is never loaded whole.</summary>
    public IEnumerable<EnterpriseRecord> StreamAll(int pageSize = 2000) => Stream(AccessScope.Province, pageSize);

    /// <summary>Streams the enterprises within a scope with their children, a page at a time.</summary>
    public IEnumerable<EnterpriseRecord> Stream(AccessScope scope, int pageSize = 2000)
    {
        var after = "";
        using var c = Database.Open();
        while (true)
        {
            var args = new DynamicParameters(scope.Parameters);
            args.AddDynamicParams(new { After = after, Limit = pageSize });
            var page = c.Query<Enterprise>(Sql.SelectEnterprisePage, args).ToList();
            if (page.Count == 0) yield break;
            foreach (var r in LoadChildren(c, page, page[0].CreditCode, page[^1].CreditCode)) yield return r;
            after = page[^1].CreditCode;
        }
    }

    private static IEnumerable<EnterpriseRecord> LoadChildren(DbConnection c, List<Enterprise> page, string from, string to)
    {
        var range = new { From = from, To = to };
        var filings = c.Query<Filing>(Sql.FilingsIn, range).ToLookup(x => x.CreditCode);
        var ip = c.Query<IpHolding>(Sql.IpIn, range).ToLookup(x => x.CreditCode);
        var registrations = c.Query<TechSmeRegistrationRecord>(Sql.RegistrationsIn, range).ToLookup(x => x.CreditCode);
        var certificates = c.Query<HnteCertificateRecord>(Sql.CertificatesIn, range).ToLookup(x => x.CreditCode);
        var lists = c.Query<ListEntryRecord>(Sql.ListEntriesIn, range).ToLookup(x => x.CreditCode);
        var financing = c.Query<FinancingRoundRecord>(Sql.FinancingIn, range).ToLookup(x => x.CreditCode);
        var clean = c.Query<CleanRecordEvent>(Sql.CleanIn, range).ToLookup(x => x.CreditCode);
        return page.Select(e => new EnterpriseRecord
        {
            Enterprise = e,
            Filings = filings[e.CreditCode].ToArray(),
            Ip = ip[e.CreditCode].ToArray(),
            TechSmeRegistrations = registrations[e.CreditCode].ToArray(),
            HnteCertificates = certificates[e.CreditCode].ToArray(),
            ListEntries = lists[e.CreditCode].ToArray(),
            Financing = financing[e.CreditCode].ToArray(),
            CleanRecord = clean[e.CreditCode].ToArray(),
        }).ToList();
    }

    public sealed record AssessmentRow(string CreditCode, DateOnly AsOf, string Tier, string Outcome, int? Score, string Parameters);

    public sealed record LadderPosition(string CreditCode, DateOnly AsOf, string? RecognizedTier, string? QualifiedTier)
    {
        private LadderPosition() : this("", default, null, null) { }
    }

    /// <summary>Enterprises within the scope registered by the date: the size of a screening.</summary>
    public int CountInScope(AccessScope scope, DateOnly asOf)
    {
        using var c = Database.Open();
        var args = new DynamicParameters(scope.Parameters);
        args.Add("AsOf", asOf);
        return c.ExecuteScalar<int>(Sql.CountInScope, args);
    }

    /// <summary>Replaces the stored screening results of one evaluation date for the enterprises of a scope, in one
    /// transaction: each enterprise's tier results, then its place on the ladder.</summary>
    public void ReplaceScreening(DateOnly asOf, AccessScope scope, IEnumerable<(IReadOnlyList<AssessmentRow> Tiers, LadderPosition Position)> results, int batch = 5000)
    {
        var positions = new List<LadderPosition>();
        using var c = Database.Open();
        using var tx = c.BeginTransaction();
        var args = new DynamicParameters(scope.Parameters);
        args.Add("AsOf", asOf);
        c.Execute(Sql.DeleteAssessments, args, tx);
        c.Execute(Sql.DeletePositions, args, tx);
        var rows = results.SelectMany(r => { positions.Add(r.Position); return r.Tiers; });
        if (c is NpgsqlConnection pg) PostgresBulk.Copy(pg, Sql.CopyAssessments, rows, (w, a) =>
        {
            w.Write(a.CreditCode, NpgsqlDbType.Text); w.Write(a.AsOf, NpgsqlDbType.Date); w.Write(a.Tier, NpgsqlDbType.Text);
            w.Write(a.Outcome, NpgsqlDbType.Text); PostgresBulk.Nullable(w, a.Score, NpgsqlDbType.Integer); w.Write(a.Parameters, NpgsqlDbType.Text);
        });
        else foreach (var chunk in rows.Chunk(batch)) c.Execute(Sql.InsertAssessment, chunk, tx);
        if (c is NpgsqlConnection pg2) PostgresBulk.Copy(pg2, Sql.CopyPositions, positions, (w, p) =>
        {
            w.Write(p.CreditCode, NpgsqlDbType.Text); w.Write(p.AsOf, NpgsqlDbType.Date);
            PostgresBulk.Text(w, p.RecognizedTier); PostgresBulk.Text(w, p.QualifiedTier);
        });
        else foreach (var chunk in positions.Chunk(batch)) c.Execute(Sql.InsertPosition, chunk, tx);
        c.Execute(Sql.MarkLatest, new DynamicParameters(scope.Parameters), tx);
        tx.Commit();
    }

    public sealed record TierCityCount(string Tier, string City, int Count)
    {
        private TierCityCount() : this("", "", 0) { }
    }
    public sealed record YearCount(int Year, int Count)
    {
        private YearCount() : this(0, 0) { }
    }
    public sealed record TierYearCount(string Tier, int Year, int Count)
    {
        private TierYearCount() : this("", 0, 0) { }
    }

    public IReadOnlyList<TierCityCount> EligibleByTierAndCity(DateOnly asOf)
    {
        using var c = Database.Open();
        return c.Query<TierCityCount>(Sql.EligibleByTierCity, new { AsOf = asOf }).ToList();
    }

    public IReadOnlyList<YearCount> RegisteredTechSmesByYear()
    {
        using var c = Database.Open();
        return c.Query<YearCount>(Sql.RegisteredTechSmeByYear).ToList();
    }

    public IReadOnlyList<TierYearCount> ListEntriesByYear()
    {
        using var c = Database.Open();
        return c.Query<TierYearCount>(Sql.ListEntriesByYear).ToList();
    }

    /// <summary>Enterprises holding a certificate valid at the date (issued within the validity years before it).</summary>
    public int ValidHnteCount(DateOnly asOf, int validityYears)
    {
        using var c = Database.Open();
        // Valid up to, not including, the anniversary; a 29 Feb certificate's anniversary is 28 Feb (LegalTerms.CertificateValid).
        var since = asOf.AddYears(-validityYears);
        var leapDay = since.Month == 2 && since.Day == 28 && DateTime.IsLeapYear(since.Year) ? since.AddDays(1) : asOf.AddDays(1);
        return c.ExecuteScalar<int>(Sql.ValidHnteAt, new { AsOf = asOf, Since = since, ExpiredLeapDay = leapDay });
    }

    public IReadOnlyList<DateOnly> AssessedDates()
    {
        using var c = Database.Open();
        return c.Query<DateOnly>(Sql.AssessedDates).ToList();
    }

    /// <summary>Binary COPY for PostgreSQL: the bulk path of <see cref="Insert"/> and <see cref="ReplaceScreening"/>.</summary>
    private static class PostgresBulk
    {
        public static void Nullable<T>(NpgsqlBinaryImporter w, T? value, NpgsqlDbType type) where T : struct
        {
            if (value is { } v) w.Write(v, type); else w.WriteNull();
        }

        public static void Copy<T>(NpgsqlConnection c, string sql, IEnumerable<T> rows, Action<NpgsqlBinaryImporter, T> write)
        {
            using var importer = c.BeginBinaryImport(sql);
            foreach (var row in rows)
            {
                importer.StartRow();
                write(importer, row);
            }
            importer.Complete();
        }

        public static void Insert(NpgsqlConnection c, IReadOnlyCollection<EnterpriseRecord> records)
        {
            Copy(c, Sql.CopyEnterprises, records.Select(r => r.Enterprise), (w, e) =>
            {
                w.Write(e.CreditCode, NpgsqlDbType.Text); w.Write(e.Name, NpgsqlDbType.Text); w.Write(e.RegisteredOn, NpgsqlDbType.Date);
                w.Write(e.CityCode, NpgsqlDbType.Text); Text(w, e.County); Text(w, e.ParkCode); Text(w, e.ChainCode); Text(w, e.Industry); Text(w, e.HiTechField);
                w.Write(e.Listed, NpgsqlDbType.Boolean); w.Write(e.Resident, NpgsqlDbType.Boolean); w.Write(e.ProhibitedIndustry, NpgsqlDbType.Boolean);
                w.Write(e.BranchOrTradingOnly, NpgsqlDbType.Boolean); Nullable(w, e.NationalAwardYear, NpgsqlDbType.Integer);
                Nullable(w, e.RdInstitutionYear, NpgsqlDbType.Integer); Nullable(w, e.LedStandardYear, NpgsqlDbType.Integer); w.Write(1, NpgsqlDbType.Integer);
            });
            Copy(c, Sql.CopyFilings, records.SelectMany(r => r.Filings), (w, f) =>
            {
                w.Write(f.CreditCode, NpgsqlDbType.Text); w.Write(f.Year, NpgsqlDbType.Integer);
                Nullable(w, f.Employees, NpgsqlDbType.Integer); Nullable(w, f.TechStaff, NpgsqlDbType.Integer);
                foreach (var m in new[] { f.SalesRevenue, f.TotalIncome, f.HiTechIncome, f.TotalCostsAndExpenses, f.RdExpense, f.RdExpenseDomestic, f.TotalAssets, f.TotalLiabilities })
                    Nullable(w, m, NpgsqlDbType.Numeric);
                Nullable(w, f.ResultsCommercialized, NpgsqlDbType.Integer);
            });
            Copy(c, Sql.CopyIp, records.SelectMany(r => r.Ip), (w, i) =>
            {
                w.Write(i.CreditCode, NpgsqlDbType.Text); w.Write(i.IpClass, NpgsqlDbType.Integer); w.Write(i.Kind, NpgsqlDbType.Text);
                w.Write(i.OwnRd, NpgsqlDbType.Boolean); w.Write(i.ValidFrom, NpgsqlDbType.Date); Nullable(w, i.ValidTo, NpgsqlDbType.Date);
            });
            Copy(c, Sql.CopyRegistrations, records.SelectMany(r => r.TechSmeRegistrations), (w, t) =>
            {
                w.Write(t.CreditCode, NpgsqlDbType.Text); w.Write(t.Year, NpgsqlDbType.Integer); w.Write(t.RegistrationNumber, NpgsqlDbType.Text);
            });
            Copy(c, Sql.CopyCertificates, records.SelectMany(r => r.HnteCertificates), (w, h) =>
            {
                w.Write(h.CreditCode, NpgsqlDbType.Text); w.Write(h.CertificateNumber, NpgsqlDbType.Text); w.Write(h.IssuedOn, NpgsqlDbType.Date);
            });
            Copy(c, Sql.CopyListEntries, records.SelectMany(r => r.ListEntries), (w, l) =>
            {
                w.Write(l.CreditCode, NpgsqlDbType.Text); w.Write(l.Tier, NpgsqlDbType.Text); w.Write(l.Year, NpgsqlDbType.Integer);
            });
            Copy(c, Sql.CopyFinancing, records.SelectMany(r => r.Financing), (w, f) =>
            {
                w.Write(f.CreditCode, NpgsqlDbType.Text); w.Write(f.RoundDate, NpgsqlDbType.Date); w.Write(f.Amount, NpgsqlDbType.Numeric);
                Nullable(w, f.PostMoneyValuation, NpgsqlDbType.Numeric); w.Write(f.Currency, NpgsqlDbType.Text); w.Write(f.ProfessionalInvestor, NpgsqlDbType.Boolean);
            });
            Copy(c, Sql.CopyCleanEvents, records.SelectMany(r => r.CleanRecord), (w, e) =>
            {
                w.Write(e.CreditCode, NpgsqlDbType.Text); w.Write(e.Flag, NpgsqlDbType.Text); w.Write(e.OccurredOn, NpgsqlDbType.Date);
            });
        }

        public static void Text(NpgsqlBinaryImporter w, string? value)
        {
            if (value is null) w.WriteNull(); else w.Write(value, NpgsqlDbType.Text);
        }
    }
}
