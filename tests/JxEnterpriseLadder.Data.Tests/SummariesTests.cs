using Dapper;
using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Domain.Registry;
using JxEnterpriseLadder.Generator;
using JxEnterpriseLadder.Rules.Engine;
using JxEnterpriseLadder.Services;
using JxEnterpriseLadder.Rules;

namespace JxEnterpriseLadder.Data.Tests;

/// <summary>
/// The summaries the search and the dashboard read (ADR 0009) always equal what the records themselves say: after a
/// seeding, an import that moves enterprises and changes their recognitions, an officer's edit, a scoring and an
/// incremental rescoring, new enterprises, and a migration of an existing registry. On both databases.
/// </summary>
public sealed class SummariesTests
{
    private static readonly AssessmentEngine Engine = new();
    private static readonly DateOnly AsOf = new(2023, 6, 30);

    private sealed record Province(Database Db, RegistryRepository Registry, DirectoryRepository Directory, PredictionRepository Predictions);

    private static Province Seeded(string provider)
    {
        var db = Providers.Fresh(provider);
        Seeding.SeedProvince(db, new GeneratorOptions { Seed = 11, Enterprises = 500 }, Engine);
        var registry = new RegistryRepository(db);
        var screening = new Screening(registry, Engine);
        screening.Run(new DateOnly(2022, 6, 30));
        screening.Run(AsOf);
        return new Province(db, registry, new DirectoryRepository(db), new PredictionRepository(db));
    }

    /// <summary>Made-up predictions (the model is not the point here): two rungs for some enterprises, none for others.</summary>
    private static IEnumerable<PredictionRepository.StoredPrediction> Predictions(IEnumerable<string> codes, int baseYear, int salt) =>
        codes.SelectMany((code, i) => (i % 5) switch
        {
            0 => [],
            1 => new[] { P(code, "tech-sme-entry", "tech-sme", i, salt), P(code, "hnte-entry", "hnte", i + 7, salt) },
            _ => [P(code, i % 2 == 0 ? "high-growth-entry" : "hnte-entry", i % 2 == 0 ? "gazelle" : "hnte", i, salt)],
        }).Select(p => p with { BaseYear = baseYear });

    private static PredictionRepository.StoredPrediction P(string code, string transition, string group, int i, int salt) =>
        new(code, transition, 0, ((i * 37 + salt * 11) % 1000) / 1000.0, group, "test", "[]");

    private static void AssertSummariesMatchTheRecords(Province p, string because)
    {
        var everyone = p.Directory.Search(AccessScope.Province, new DirectoryRepository.Filter(), DirectoryRepository.SortBy.CreditCode, false, 0, 1000).Rows;
        var park = everyone.First(r => r.ParkCode is not null);
        var scopes = new[] { AccessScope.Province, new AccessScope(Roles.CityOfficer, CityCode: park.CityCode), new AccessScope(Roles.ParkManager, ParkCode: park.ParkCode) };
        var baseYear = p.Predictions.LatestBaseYear();
        foreach (var scope in scopes)
        {
            static IEnumerable<string> Lines(IEnumerable<DirectoryRepository.Breakdown> rows) => rows
                .GroupBy(b => (b.Year, b.CityCode, b.ParkCode, b.ChainCode, b.Measure)).Select(g => $"{g.Key}={g.Sum(b => b.Count)}").Order(StringComparer.Ordinal);
            var kept = Lines(p.Directory.Recognitions(scope)).ToList();
            Assert.NotEmpty(kept);
            Assert.True(kept.SequenceEqual(Lines(p.Directory.RecognitionsFromRecords(scope))), $"{because}: recognitions of {scope.Description}");
            if (baseYear is not { } year) continue;
            var totals = p.Directory.Expected(scope, year).OrderBy(e => e.TargetGroup, StringComparer.Ordinal).ToList();
            var summed = p.Directory.ExpectedFromPredictions(scope, year).OrderBy(e => e.TargetGroup, StringComparer.Ordinal).ToList();
            Assert.Equal(summed.Select(e => (e.TargetGroup, e.Pool)), totals.Select(e => (e.TargetGroup, e.Pool)));
            Assert.All(summed.Zip(totals), x =>
            {
                Assert.Equal(x.First.Expected, x.Second.Expected, 9);
                Assert.Equal(x.First.Variance, x.Second.Variance, 9);
            });
        }
        AssertBestProbabilitiesAndOutcomes(p, because);
    }

    private static void AssertBestProbabilitiesAndOutcomes(Province p, string because)
    {
        using var c = p.Db.Open();
        // The best probability of the latest base year, from the predictions themselves.
        var best = c.Query<(string Code, double P)>("""
            SELECT credit_code, MAX(probability) FROM predictions WHERE base_year = (SELECT MAX(base_year) FROM predictions) GROUP BY credit_code
            """).ToDictionary(x => x.Code, x => x.P);
        var rows = p.Directory.Search(AccessScope.Province, new DirectoryRepository.Filter(), DirectoryRepository.SortBy.Probability, true, 0, 1000).Rows;
        Assert.All(rows, r => Assert.Equal(best.TryGetValue(r.CreditCode, out var b) ? b : null, r.Probability));
        var expectedOrder = rows.OrderByDescending(r => r.Probability ?? -1).ThenBy(r => r.CreditCode, StringComparer.Ordinal).Select(r => r.CreditCode);
        Assert.True(expectedOrder.SequenceEqual(rows.Select(r => r.CreditCode)), $"{because}: sorted by probability");
        Assert.Equal(best.Count(b => b.Value >= 0.5),
            p.Directory.Search(AccessScope.Province, new DirectoryRepository.Filter(MinProbability: 0.5), DirectoryRepository.SortBy.Name, false, 0, 10).Total);

        // Each tier's outcome at each enterprise's latest screening, from the rules run again on its record at that date.
        var latestAt = new RegistryStatistics(p.Registry.Database).AssessedDates().SelectMany(d => c.Query<string>(
            "SELECT credit_code FROM ladder_positions WHERE latest = 1 AND as_of = @AsOf", new { AsOf = d }).Select(code => (code, d))).ToDictionary();
        var outcomes = p.Registry.Stream(latestAt.Keys.ToList())
            .SelectMany(r => Engine.Assess(ProfileBuilder.Build(r, latestAt[r.Enterprise.CreditCode]), latestAt[r.Enterprise.CreditCode]).Results)
            .GroupBy(t => (t.Tier, Outcome: Screening.OutcomeId(t.Outcome)))
            .Select(g => (g.Key.Tier, g.Key.Outcome, Count: (long)g.Count())).ToList();
        Assert.Contains(outcomes, o => o.Outcome == "qualified");
        foreach (var tier in AssessmentEngine.Tiers)
            foreach (var outcome in new[] { "qualified", "not-qualified", "undetermined" })
                Assert.True(outcomes.Where(o => o.Tier == tier && o.Outcome == outcome).Sum(o => o.Count) ==
                    p.Directory.Search(AccessScope.Province, new DirectoryRepository.Filter(OutcomeTier: tier, Outcome: outcome), DirectoryRepository.SortBy.Name, false, 0, 10).Total,
                    $"{because}: {tier} {outcome}");
        var counts = p.Directory.ScreeningCounts(AccessScope.Province);
        Assert.All(AssessmentEngine.Tiers, tier => Assert.Equal(outcomes.Where(o => o.Tier == tier && o.Outcome == "qualified").Sum(o => o.Count),
            counts.SingleOrDefault(x => x.Tier == tier)?.Qualified ?? 0));
    }

    /// <summary>A search counts its matches up to the repository's limit, then says "at least" (issue 20: a nation's
    /// registry is not counted exactly on every page turn); the pages themselves are unaffected.</summary>
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void ASearchCountsUpToItsLimitAndThenSaysAtLeast(string provider)
    {
        var p = Seeded(provider);
        var exact = p.Directory.Search(AccessScope.Province, new DirectoryRepository.Filter(), DirectoryRepository.SortBy.Name, false, 0, 1000);
        Assert.Equal(500, exact.Total);
        Assert.False(exact.TotalIsAtLeast);
        var bounded = new DirectoryRepository(p.Db, countLimit: 120);
        var many = bounded.Search(AccessScope.Province, new DirectoryRepository.Filter(), DirectoryRepository.SortBy.Name, false, 100, 25);
        Assert.Equal((120, true), (many.Total, many.TotalIsAtLeast));
        Assert.Equal(exact.Rows.Skip(100).Take(25).Select(r => r.CreditCode), many.Rows.Select(r => r.CreditCode));
        // Exactly at the limit is still exact; one city with fewer matches is counted exactly.
        var city = exact.Rows.GroupBy(r => r.CityCode).OrderByDescending(g => g.Count()).First();
        var atLimit = new DirectoryRepository(p.Db, countLimit: city.Count());
        var cityPage = atLimit.Search(AccessScope.Province, new DirectoryRepository.Filter(City: city.Key), DirectoryRepository.SortBy.Name, false, 0, 10);
        Assert.Equal((city.Count(), false), (cityPage.Total, cityPage.TotalIsAtLeast));
        var fewer = bounded.Search(AccessScope.Province, new DirectoryRepository.Filter(City: exact.Rows.GroupBy(r => r.CityCode).OrderBy(g => g.Count()).First().Key), DirectoryRepository.SortBy.Name, false, 0, 10);
        Assert.False(fewer.TotalIsAtLeast);
        Assert.True(fewer.Total < 120);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void TheSummariesStayEqualToTheRecordsThroughEveryKindOfWrite(string provider)
    {
        var p = Seeded(provider);
        var codes = p.Registry.StreamAll().Select(r => r.Enterprise.CreditCode).ToList();
        Assert.Equal(Predictions(codes, 2023, 1).Count(), p.Predictions.ReplaceAll(2023, Predictions(codes, 2023, 1)));
        AssertSummariesMatchTheRecords(p, "seeded and scored");

        // An import: enterprises moved to another city (and out of their park), certificates and list entries changed.
        var moved = p.Registry.Stream(codes.Take(40).ToList()).ToList();
        var otherCity = moved.Select(r => r.Enterprise.CityCode).First(c => c != moved[0].Enterprise.CityCode);
        var changes = moved.Select((r, i) => new RecordChange(r, r with
        {
            Enterprise = i % 2 == 0 ? r.Enterprise with { CityCode = otherCity, ParkCode = null } : r.Enterprise with { ChainCode = null },
            HnteCertificates = i % 3 == 0 ? [] : r.HnteCertificates,
            ListEntries = i % 4 == 0 ? [.. r.ListEntries, new ListEntryRecord(r.Enterprise.CreditCode, "potential-gazelle", 2022)] : r.ListEntries,
            TechSmeRegistrations = i % 5 == 0 ? [] : r.TechSmeRegistrations,
        })).ToList();
        Assert.Contains(changes, x => x.Before!.HnteCertificates.Count > 0 && x.After.HnteCertificates.Count == 0);
        new RecordChangeRepository(p.Registry.Database).Apply(changes, AuditStamp.Cli, 0);
        AssertSummariesMatchTheRecords(p, "after an import that moves enterprises");

        // An officer moves one enterprise to a park of its city.
        var parks = Domain.JiangxiReference.Default.Parks;
        var record = p.Registry.Stream(codes.Skip(100).ToList()).Select(r => r.Enterprise)
            .First(e => parks.Any(k => k.City == e.CityCode && k.Code != e.ParkCode));
        var park = parks.First(k => k.City == record.CityCode && k.Code != record.ParkCode);
        new RecordChangeRepository(p.Registry.Database).UpdateEnterprise(record, record with { ParkCode = park.Code }, AuditStamp.Cli, 0);
        AssertSummariesMatchTheRecords(p, "after an edit");

        // Rescoring some enterprises, then a newer base year for all.
        var rescored = codes.Skip(10).Take(60).ToList();
        p.Predictions.ReplaceFor(2023, rescored, Predictions(rescored, 2023, 2));
        AssertSummariesMatchTheRecords(p, "after an incremental scoring");
        p.Predictions.ReplaceAll(2024, Predictions(codes.Skip(3), 2024, 3));
        AssertSummariesMatchTheRecords(p, "after a newer base year");

        // New enterprises with recognitions; then a screening of them.
        var fresh = new ProvinceGenerator(Engine).Generate(new GeneratorOptions { Seed = 99, Enterprises = 30 })
            .Where(r => !codes.Contains(r.Enterprise.CreditCode)).ToList();
        Assert.Contains(fresh, r => r.TechSmeRegistrations.Count > 0);
        p.Registry.Insert(fresh);
        new Screening(p.Registry, Engine).RunIncremental(AsOf);
        AssertSummariesMatchTheRecords(p, "after new enterprises");
    }

    private sealed record StoredPosition(string CreditCode, DateOnly AsOf, int QualifiedTiers, int UndeterminedTiers, string TierResults)
    {
        private StoredPosition() : this("", default, 0, 0, "") { }
        public string Key => $"{CreditCode} {AsOf:yyyy-MM-dd}";
    }

    private static List<StoredPosition> Positions(System.Data.Common.DbConnection c) => c.Query<StoredPosition>(
        """
        SELECT l.credit_code AS CreditCode, l.as_of AS AsOf, l.qualified_tiers AS QualifiedTiers, l.undetermined_tiers AS UndeterminedTiers, r.results AS TierResults
        FROM ladder_positions l LEFT JOIN tier_results r ON r.as_of = l.as_of AND r.credit_code = l.credit_code
        """)
        .OrderBy(x => x.Key, StringComparer.Ordinal).ToList();

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void MigratingAnExistingRegistryFillsTheSummariesAndMovesEachTiersResultOntoItsPosition(string provider)
    {
        var p = Seeded(provider);
        var codes = p.Registry.StreamAll().Select(r => r.Enterprise.CreditCode).ToList();
        p.Predictions.ReplaceAll(2023, Predictions(codes, 2023, 1));
        // Back to the registry as it was before migration 0007, with its data (one assessments row per tier, as then);
        // then migrated again.
        using (var c = p.Db.Open())
        {
            var before = Positions(c);
            Assert.NotEmpty(before);
            c.Execute($"""
                CREATE TABLE assessments (
                    credit_code TEXT NOT NULL REFERENCES enterprises(credit_code) ON DELETE CASCADE,
                    as_of {(p.Db.Provider == DatabaseProvider.Postgres ? "DATE" : "TEXT")} NOT NULL, tier TEXT NOT NULL, outcome TEXT NOT NULL,
                    score INTEGER NULL, parameters TEXT NOT NULL, PRIMARY KEY (credit_code, as_of, tier));
                CREATE INDEX ix_assessments_as_of_tier ON assessments(as_of, tier, outcome);
                """);
            c.Execute("INSERT INTO assessments (credit_code, as_of, tier, outcome, score, parameters) VALUES (@CreditCode, @AsOf, @Tier, @Outcome, @Score, @Parameters)",
                before.SelectMany(x => FirstLadder(x.TierResults).Select(t => new
                {
                    x.CreditCode, x.AsOf, t.Tier, Outcome = TierResults.Outcome(t.Tier, x.QualifiedTiers, x.UndeterminedTiers), t.Score, t.Parameters,
                })).ToList());
            // Results stored before migration 0004 have no position: 0008 keeps them too.
            var early = new DateOnly(2020, 6, 30);
            var orphan = before.First(x => x.QualifiedTiers != 0);
            c.Execute("INSERT INTO assessments (credit_code, as_of, tier, outcome, score, parameters) VALUES (@CreditCode, @AsOf, @Tier, @Outcome, @Score, @Parameters)",
                FirstLadder(orphan.TierResults).Select(t => new
                {
                    orphan.CreditCode, AsOf = early, t.Tier, Outcome = TierResults.Outcome(t.Tier, orphan.QualifiedTiers, orphan.UndeterminedTiers), t.Score, t.Parameters,
                }).ToList());
            // Migration 0014's index on the outcome columns goes first, and comes back with it.
            c.Execute("""
                DROP INDEX ix_ladder_positions_latest_outcomes;
                DROP TABLE best_probabilities; DROP TABLE recognition_counts; DROP TABLE prediction_totals;
                DROP INDEX ix_enterprises_city_name; DROP INDEX ix_enterprises_park_name; DROP INDEX ix_predictions_base_year;
                ALTER TABLE ladder_positions DROP COLUMN qualified_tiers; ALTER TABLE ladder_positions DROP COLUMN undetermined_tiers;
                DROP TABLE tier_results;
                DELETE FROM schema_migrations WHERE version IN (7, 8, 14, 15)
                """);
            Assert.Equal([7, 8, 14, 15], Migrator.Migrate(p.Db).Select(m => m.Version));
            var after = Positions(c);
            var kept = after.Single(x => x.CreditCode == orphan.CreditCode && x.AsOf == early);
            Assert.Equal((orphan.QualifiedTiers & FirstLadderBits, orphan.UndeterminedTiers & FirstLadderBits | SecondLadderBits), (kept.QualifiedTiers, kept.UndeterminedTiers));
            Assert.Equal(FirstLadder(orphan.TierResults), FirstLadder(kept.TierResults));
            Assert.Equal(0, c.ExecuteScalar<int>("SELECT latest FROM ladder_positions WHERE credit_code = @CreditCode AND as_of = @AsOf", new { orphan.CreditCode, AsOf = early }));
            // Its highest qualified tier by the ladder's order: the one the screening stored with the same results.
            string? QualifiedTier(DateOnly at) => c.ExecuteScalar<string?>(
                "SELECT qualified_tier FROM ladder_positions WHERE credit_code = @CreditCode AND as_of = @AsOf", new { orphan.CreditCode, AsOf = at });
            Assert.NotNull(QualifiedTier(early));
            Assert.Equal(QualifiedTier(orphan.AsOf), QualifiedTier(early));
            // Every position is stale after the upgrade, so the next screening assesses every enterprise on both ladders...
            Assert.Equal(after.Count(x => x.AsOf == AsOf), new ScreeningResultRepository(p.Db).StaleAt(AsOf, AccessScope.Province).Count);
            after.Remove(kept);
            // The second ladder's tiers were never assessed on these positions: undetermined until the next screening.
            Assert.Equal(before.Select(x => (x.Key, x.QualifiedTiers & FirstLadderBits, x.UndeterminedTiers & FirstLadderBits | SecondLadderBits)),
                after.Select(x => (x.Key, x.QualifiedTiers, x.UndeterminedTiers)));
            Assert.All(before.Zip(after), x => Assert.Equal(FirstLadder(x.First.TierResults), FirstLadder(x.Second.TierResults)));
            Assert.Contains(after, x => x.QualifiedTiers != 0);
        }
        // ...and then the stored results are the rules' again, on every tier.
        new Screening(p.Registry, Engine).Run(AsOf);
        AssertSummariesMatchTheRecords(p, "after migrating and screening again");
    }

    // A registry from before migration 0007 held the first ladder's seven tiers only (the second ladder came in 2026):
    // the legacy rows are made of those, and the migrated bits and results compared on those.
    private static readonly int FirstLadderBits = TierIds.TechLadder.Aggregate(0, (mask, tier) => mask | Summaries.Bit(tier));
    private static readonly int SecondLadderBits = TierIds.QualityLadder.Aggregate(0, (mask, tier) => mask | Summaries.Bit(tier));

    private static List<TierResults.Stored> FirstLadder(string results) =>
        TierResults.Decode(results).Values.Where(t => TierIds.TechLadder.Contains(t.Tier)).OrderBy(t => t.Tier, StringComparer.Ordinal).ToList();
}
