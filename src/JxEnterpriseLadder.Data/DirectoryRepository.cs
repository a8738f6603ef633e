using System.Data.Common;
using Dapper;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Domain;

namespace JxEnterpriseLadder.Data;

/// <summary>
/// The officers' view of the registry: enterprise search with server-side paging, sorting and filtering, and the
/// dashboard aggregates, always within a caller's scope. All its SQL is in <see cref="Sql"/>, always parameterised;
/// the only text spliced into a query is a sort expression chosen from a fixed list.
/// </summary>
public sealed class DirectoryRepository(Database db, int countLimit = DirectoryRepository.DefaultCountLimit)
{
    public Database Database { get; } = db;

    /// <summary>How far a search counts its matches (<see cref="Page.TotalIsAtLeast"/>).</summary>
    public const int DefaultCountLimit = 100_000;

    public int CountLimit { get; } = countLimit > 0 ? countLimit : throw new ArgumentOutOfRangeException(nameof(countLimit));

    public enum SortBy { CreditCode, Name, City, Park, Chain, RecognizedTier, QualifiedTier, Probability }

    /// <summary>A search: every filter is optional. <see cref="Outcome"/> applies to <see cref="OutcomeTier"/>;
    /// <see cref="RecognizedTier"/> "none" finds enterprises recognised at no tier.</summary>
    public sealed record Filter(string? Text = null, string? City = null, string? Park = null, string? Chain = null,
        string? RecognizedTier = null, string? OutcomeTier = null, string? Outcome = null, double? MinProbability = null,
        string? QualifiedTier = null);

    public sealed record Row(string CreditCode, string Name, string CityCode, string? ParkCode, string? ChainCode,
        string? RecognizedTier, string? QualifiedTier, double? Probability)
    {
        private Row() : this("", "", "", null, null, null, null, null) { }
    }

    /// <summary>One page of a search. <see cref="Total"/> is exact up to the repository's count limit; beyond it the count
    /// stops there and <see cref="TotalIsAtLeast"/> is set (the page says "100,000 家以上"): counting a nation's million
    /// enterprises exactly on every page turn cost more than the page itself (issue 20).</summary>
    public sealed record Page(IReadOnlyList<Row> Rows, int Total, DateOnly? AsOf, int? BaseYear, bool TotalIsAtLeast = false);

    public sealed record Breakdown(int Year, string CityCode, string? ParkCode, string? ChainCode, string Measure, int Count)
    {
        private Breakdown() : this(0, "", null, null, "", 0) { }
    }

    /// <summary>Each enterprise's latest screening of a tier: qualified, undetermined (the data cannot decide: for HNTE a
    /// score range across 71), not qualified, and the officers' latest decisions.</summary>
    public sealed record ScreeningCount(string Tier, int Qualified, int Confirmed, int Rejected, int Undetermined = 0, int NotQualified = 0)
    {
        private ScreeningCount() : this("", 0, 0, 0) { }
    }

    private sealed record DecisionCount(string Tier, string? Decision, int Count)
    {
        private DecisionCount() : this("", null, 0) { }
    }

    /// <summary>Entries expected next year in one target group: the sum of probabilities and its variance (independent enterprises).</summary>
    public sealed record ExpectedEntries(string TargetGroup, int Pool, double Expected, double Variance)
    {
        private ExpectedEntries() : this("", 0, 0, 0) { }
    }

    private static class Sql
    {
        public const string LatestScreening = "SELECT MAX(as_of) FROM ladder_positions";
        public const string LatestBaseYear = "SELECT MAX(base_year) FROM predictions";

        // The filters; a search filter is ANDed with the scope, so it can only narrow it. Set filters are IN (…) over an
        // index, evaluated once, not per enterprise.
        private const string Filters = """
             AND (@Text IS NULL OR e.name LIKE @TextLike ESCAPE '\' OR e.credit_code LIKE @CodeLike ESCAPE '\')
             AND (@City IS NULL OR e.city_code = @City)
             AND (@Park IS NULL OR e.park_code = @Park)
             AND (@Chain IS NULL OR e.chain_code = @Chain)
            """;
        private const string ProbabilityFilter = " AND (@MinProbability IS NULL OR bp.probability >= @MinProbability)";
        // An outcome of one tier at the latest screening: the position's outcome bits (0 for an unknown tier finds nothing).
        private const string PositionFilter = """
             AND (@RecognizedTier IS NULL OR lp.recognized_tier = @RecognizedTier OR (@RecognizedTier = 'none' AND lp.recognized_tier IS NULL))
             AND (@QualifiedTier IS NULL OR lp.qualified_tier = @QualifiedTier OR (@QualifiedTier = 'none' AND lp.qualified_tier IS NULL))
             AND (@Outcome IS NULL OR (@OutcomeBit <> 0 AND CASE @Outcome
                  WHEN 'qualified' THEN (lp.qualified_tiers & @OutcomeBit) <> 0
                  WHEN 'undetermined' THEN (lp.undetermined_tiers & @OutcomeBit) <> 0
                  WHEN 'not-qualified' THEN ((lp.qualified_tiers | lp.undetermined_tiers) & @OutcomeBit) = 0
                  ELSE 1 = 0 END))
            """;
        private const string Where = " WHERE " + ScopeSql.Enterprise + Filters + ProbabilityFilter + PositionFilter;
        // Each enterprise as its latest screening saw it (a screening may cover one city only): the position marked latest.
        private const string Positions = " LEFT JOIN ladder_positions lp ON lp.credit_code = e.credit_code AND lp.latest = 1";
        // The count needs the ladder positions only to filter on them, and joins the best probabilities only to filter on
        // them (the rows are one to one). It stops one past the limit: enough to say "more than".
        public static string Count(bool positions, bool probability) =>
            "SELECT COUNT(*) FROM (SELECT 1 FROM enterprises e" + (probability ? Best : "") + (positions ? Positions : "")
            + " WHERE " + ScopeSql.Enterprise + Filters + (probability ? ProbabilityFilter : "") + (positions ? PositionFilter : "")
            + " LIMIT @CountUpTo) matches";
        // Highest probability over the rungs an enterprise is a candidate for, in the latest prediction year: one row per
        // enterprise kept by the scoring (Summaries), so sorting by it walks ix_best_probabilities_rank and stops at the page.
        private const string Best = " JOIN best_probabilities bp ON bp.credit_code = e.credit_code";
        private const string Columns = """
            SELECT e.credit_code AS CreditCode, e.name AS Name, e.city_code AS CityCode, e.park_code AS ParkCode, e.chain_code AS ChainCode,
                   lp.recognized_tier AS RecognizedTier, lp.qualified_tier AS QualifiedTier, bp.probability AS Probability
            """;
        // Sorted by probability, the best probabilities come first (CROSS JOIN fixes that order for SQLite, whose planner
        // otherwise sorts every enterprise: 1.1 s at 100,000; PostgreSQL reorders it freely and walks the same index).
        public static string Select(SortBy sort) => sort == SortBy.Probability
            ? Columns + " FROM best_probabilities bp CROSS JOIN enterprises e" + Positions + Where + " AND bp.credit_code = e.credit_code"
            : Columns + " FROM enterprises e" + Best + Positions + Where;
        public const string Paging = " LIMIT @Limit OFFSET @Offset";

        public static string OrderBy(SortBy sort, bool descending)
        {
            var column = sort switch
            {
                SortBy.Name => "e.name",
                SortBy.City => "e.city_code",
                SortBy.Park => "e.park_code",
                SortBy.Chain => "e.chain_code",
                SortBy.RecognizedTier => "lp.recognized_tier",
                SortBy.QualifiedTier => "lp.qualified_tier",
                // No probability sorts lowest.
                SortBy.Probability => "bp.probability",
                _ => "e.credit_code",
            };
            var nulls = sort == SortBy.Probability ? (descending ? " NULLS LAST" : " NULLS FIRST") : "";
            return $" ORDER BY {column} {(descending ? "DESC" : "ASC")}{nulls}, e.credit_code";
        }

        // Dashboard: recognitions per year and place, from which the page rolls up trends and breakdowns. Read from the
        // counts kept by the writers (Summaries), narrowed to a city or park; an enterprise's own from its rows.
        public const string RecognitionCounts = """
            SELECT s.year AS Year, s.city_code AS CityCode, NULLIF(s.park_code, '') AS ParkCode, NULLIF(s.chain_code, '') AS ChainCode, s.measure AS Measure, s.count AS Count
            FROM recognition_counts s WHERE 
            """ + ScopeSql.Summary;
        public const string ExpectedTotals = """
            SELECT s.target_group AS TargetGroup, SUM(s.pool) AS Pool, SUM(s.expected) AS Expected, SUM(s.variance) AS Variance
            FROM prediction_totals s WHERE s.base_year = @BaseYear AND 
            """ + ScopeSql.Summary + " GROUP BY s.target_group";
        public const string Registrations = """
            SELECT r.year AS Year, e.city_code AS CityCode, e.park_code AS ParkCode, e.chain_code AS ChainCode, 'tech-sme' AS Measure, COUNT(*) AS Count
            FROM tech_sme_registrations r JOIN enterprises e ON e.credit_code = r.credit_code
            WHERE 
            """ + ScopeSql.Enterprise + " GROUP BY r.year, e.city_code, e.park_code, e.chain_code";
        public const string ListEntries = """
            SELECT l.year AS Year, e.city_code AS CityCode, e.park_code AS ParkCode, e.chain_code AS ChainCode, l.tier AS Measure, COUNT(*) AS Count
            FROM list_entries l JOIN enterprises e ON e.credit_code = l.credit_code
            WHERE 
            """ + ScopeSql.Enterprise + " GROUP BY l.year, e.city_code, e.park_code, e.chain_code, l.tier";
        // The second ladder's titles held at each year's end (the plan counts valid titles).
        public static readonly string QualityTitles = """
            SELECT t.year_end AS Year, e.city_code AS CityCode, e.park_code AS ParkCode, e.chain_code AS ChainCode, t.title AS Measure, COUNT(*) AS Count
            FROM (
            """ + Summaries.TitleYearEnds + """
            ) t JOIN enterprises e ON e.credit_code = t.credit_code
            WHERE 
            """ + ScopeSql.Enterprise + " GROUP BY t.year_end, e.city_code, e.park_code, e.chain_code, t.title";
        // HNTE certificates issued per year (a certificate is valid for several years; the page states the rule).
        public const string Certificates = """
            SELECT CAST(SUBSTR(CAST(h.issued_on AS TEXT), 1, 4) AS INTEGER) AS Year, e.city_code AS CityCode, e.park_code AS ParkCode, e.chain_code AS ChainCode, 'hnte' AS Measure, COUNT(*) AS Count
            FROM hnte_certificates h JOIN enterprises e ON e.credit_code = h.credit_code
            WHERE 
            """ + ScopeSql.Enterprise + " GROUP BY CAST(SUBSTR(CAST(h.issued_on AS TEXT), 1, 4) AS INTEGER), e.city_code, e.park_code, e.chain_code";

        // Each enterprise's latest screening, and the officers' latest decision on a change it showed (review_decisions is
        // append-only: the newest decision on a subject counts).
        // Per combination of qualified tiers (at most 128): the page adds up each tier's bit.
        public const string QualifiedCounts = """
            SELECT l.qualified_tiers AS Mask, l.undetermined_tiers AS Open, COUNT(*) AS Count
            FROM ladder_positions l JOIN enterprises e ON e.credit_code = l.credit_code
            WHERE l.latest = 1 AND 
            """ + ScopeSql.Enterprise + " GROUP BY l.qualified_tiers, l.undetermined_tiers";
        // The whole province needs no scope, so no join: every position's enterprise exists (foreign key).
        public const string QualifiedCountsProvince = "SELECT l.qualified_tiers AS Mask, l.undetermined_tiers AS Open, COUNT(*) AS Count FROM ladder_positions l WHERE l.latest = 1 GROUP BY l.qualified_tiers, l.undetermined_tiers";
        public const string DecisionCounts = """
            SELECT d.tier AS Tier, d.decision AS Decision, COUNT(*) AS Count
            FROM review_decisions d JOIN enterprises e ON e.credit_code = d.credit_code
            JOIN ladder_positions l ON l.credit_code = d.credit_code AND l.as_of = d.as_of AND l.latest = 1
            WHERE d.id IN (SELECT MAX(x.id) FROM review_decisions x GROUP BY x.credit_code, x.tier, x.as_of) AND 
            """ + ScopeSql.Enterprise + " GROUP BY d.tier, d.decision";

        public const string Expected = """
            SELECT p.target_group AS TargetGroup, COUNT(*) AS Pool, SUM(p.probability) AS Expected, SUM(p.probability * (1 - p.probability)) AS Variance
            FROM predictions p JOIN enterprises e ON e.credit_code = p.credit_code
            WHERE p.base_year = @BaseYear AND 
            """ + ScopeSql.Enterprise + " GROUP BY p.target_group";
        public const string PositionsOf = "SELECT credit_code, as_of, recognized_tier, qualified_tier FROM ladder_positions WHERE credit_code = @CreditCode ORDER BY as_of";
        public const string CountInScope = "SELECT COUNT(*) FROM enterprises e WHERE " + ScopeSql.Enterprise;
        public const string InScope = "SELECT COUNT(*) FROM enterprises e WHERE e.credit_code = @CreditCode AND " + ScopeSql.Enterprise;
    }

    public DateOnly? LatestScreening()
    {
        using var c = Database.Open();
        return c.ExecuteScalar<DateOnly?>(Sql.LatestScreening);
    }

    /// <summary>One page of the search, its total, and the screening date and prediction year it reads.</summary>
    public Page Search(AccessScope scope, Filter filter, SortBy sort, bool descending, int offset, int limit)
    {
        using var c = Database.Open();
        var (asOf, baseYear) = Sources(c);
        var args = Arguments(scope, filter, baseYear);
        var positions = !string.IsNullOrWhiteSpace(filter.RecognizedTier) || !string.IsNullOrWhiteSpace(filter.QualifiedTier)
            || (!string.IsNullOrWhiteSpace(filter.OutcomeTier) && !string.IsNullOrWhiteSpace(filter.Outcome));
        args.Add("CountUpTo", CountLimit + 1);
        var counted = c.ExecuteScalar<int>(Sql.Count(positions, filter.MinProbability is not null), args);
        args.Add("Limit", Math.Clamp(limit, 1, 1000));
        args.Add("Offset", Math.Clamp(offset, 0, CountLimit));
        var rows = c.Query<Row>(Sql.Select(sort) + Sql.OrderBy(sort, descending) + Sql.Paging, args).ToList();
        return new Page(rows, Math.Min(counted, CountLimit), asOf, baseYear, counted > CountLimit);
    }

    /// <summary>Every row of a search, streamed (for export).</summary>
    public IEnumerable<Row> StreamSearch(AccessScope scope, Filter filter, SortBy sort, bool descending)
    {
        using var c = Database.Open();
        var (_, baseYear) = Sources(c);
        foreach (var row in c.Query<Row>(Sql.Select(sort) + Sql.OrderBy(sort, descending), Arguments(scope, filter, baseYear), buffered: false))
            yield return row;
    }

    public bool InScope(AccessScope scope, string creditCode)
    {
        using var c = Database.Open();
        var args = new DynamicParameters(scope.Parameters);
        args.Add("CreditCode", creditCode);
        return c.ExecuteScalar<int>(Sql.InScope, args) > 0;
    }

    /// <summary>An enterprise's place on the ladder at each screening (call after its scope was checked).</summary>
    public IReadOnlyList<LadderPosition> PositionsOf(string creditCode)
    {
        using var c = Database.Open();
        return c.Query<LadderPosition>(Sql.PositionsOf, new { CreditCode = creditCode }).ToList();
    }

    public int CountInScope(AccessScope scope)
    {
        using var c = Database.Open();
        return c.ExecuteScalar<int>(Sql.CountInScope, new DynamicParameters(scope.Parameters));
    }

    /// <summary>Recognitions per year, city, park and chain within the scope: tech-SME registrations (TierIds.TechSme),
    /// HNTE certificates issued (TierIds.Hnte) and list entries (by tier).</summary>
    public IReadOnlyList<Breakdown> Recognitions(AccessScope scope) =>
        scope.Role == Roles.Enterprise ? RecognitionsFromRecords(scope) : Read<Breakdown>(Sql.RecognitionCounts, new DynamicParameters(scope.Parameters));

    /// <summary>The same as <see cref="Recognitions"/>, counted from the records themselves (an enterprise's own, and
    /// the tests that check the kept counts).</summary>
    public IReadOnlyList<Breakdown> RecognitionsFromRecords(AccessScope scope)
    {
        using var c = Database.Open();
        var args = new DynamicParameters(scope.Parameters);
        return c.Query<Breakdown>(Sql.Registrations, args).Concat(c.Query<Breakdown>(Sql.ListEntries, args))
            .Concat(c.Query<Breakdown>(Sql.Certificates, args)).Concat(c.Query<Breakdown>(Sql.QualityTitles, args)).ToList();
    }

    /// <summary>Qualified, confirmed and rejected per tier, each enterprise as its latest screening saw it.</summary>
    public IReadOnlyList<ScreeningCount> ScreeningCounts(AccessScope scope)
    {
        using var c = Database.Open();
        var args = new DynamicParameters(scope.Parameters);
        var whole = scope.Role is Roles.Admin or Roles.ProvinceOfficer;
        var masks = c.Query<(long Mask, long Open, long Count)>(whole ? Sql.QualifiedCountsProvince : Sql.QualifiedCounts, args).ToList();
        var screened = (int)masks.Sum(m => m.Count);
        int Count(string tier, Func<(long Mask, long Open, long Count), long> bits) => (int)masks.Where(m => (bits(m) & Summaries.Bit(tier)) != 0).Sum(m => m.Count);
        var decided = c.Query<DecisionCount>(Sql.DecisionCounts, args).ToList();
        return Summaries.TierOrder.Select(tier =>
        {
            int qualified = Count(tier, m => m.Mask), open = Count(tier, m => m.Open);
            return new ScreeningCount(tier, qualified,
                decided.Where(d => d.Tier == tier && d.Decision == "confirmed").Sum(d => d.Count),
                decided.Where(d => d.Tier == tier && d.Decision == "rejected").Sum(d => d.Count),
                open, screened - qualified - open);
        }).ToList();
    }

    public IReadOnlyList<ExpectedEntries> Expected(AccessScope scope, int baseYear)
    {
        var args = new DynamicParameters(scope.Parameters);
        args.Add("BaseYear", baseYear);
        return Read<ExpectedEntries>(scope.Role == Roles.Enterprise ? Sql.Expected : Sql.ExpectedTotals, args);
    }

    /// <summary>The same as <see cref="Expected"/>, summed from the predictions themselves (for the tests that check the kept totals).</summary>
    public IReadOnlyList<ExpectedEntries> ExpectedFromPredictions(AccessScope scope, int baseYear)
    {
        var args = new DynamicParameters(scope.Parameters);
        args.Add("BaseYear", baseYear);
        return Read<ExpectedEntries>(Sql.Expected, args);
    }

    private List<T> Read<T>(string sql, DynamicParameters args)
    {
        using var c = Database.Open();
        return c.Query<T>(sql, args).ToList();
    }

    private static (DateOnly? AsOf, int? BaseYear) Sources(DbConnection c) =>
        (c.ExecuteScalar<DateOnly?>(Sql.LatestScreening), c.ExecuteScalar<int?>(Sql.LatestBaseYear));

    private static DynamicParameters Arguments(AccessScope scope, Filter f, int? baseYear)
    {
        var args = new DynamicParameters(scope.Parameters);
        var text = Blank(f.Text)?.Trim();
        args.AddDynamicParams(new
        {
            BaseYear = baseYear ?? -1,
            Text = text, TextLike = text is null ? null : "%" + EscapeLike(text) + "%",
            CodeLike = text is null ? null : EscapeLike(text.ToUpperInvariant()) + "%",
            City = Blank(f.City), Park = Blank(f.Park), Chain = Blank(f.Chain), RecognizedTier = Blank(f.RecognizedTier),
            Outcome = Blank(f.OutcomeTier) is null ? null : Blank(f.Outcome), OutcomeBit = Summaries.Bit(Blank(f.OutcomeTier)), f.MinProbability,
            QualifiedTier = Blank(f.QualifiedTier),
        });
        return args;
    }

    /// <summary>A filter value, or null for none. A NUL becomes U+FFFD, which no stored text holds: it would cut the value
    /// short in SQLite (and PostgreSQL refuses it), turning "x\0" into a wider search. Other control characters are
    /// searched for as they are: a name may hold them (imports store text verbatim).</summary>
    private static string? Blank(string? s) =>
        string.IsNullOrWhiteSpace(s) ? null : s.Replace('\0', '\uFFFD');

    /// <summary>A user's % and _ are searched for literally.</summary>
    private static string EscapeLike(string s) => s.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
