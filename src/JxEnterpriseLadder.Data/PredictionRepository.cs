using Dapper;
using JxEnterpriseLadder.Domain.Access;

namespace JxEnterpriseLadder.Data;

/// <summary>
/// Stored promotion predictions (`jxladder ml predict`): all their SQL is in <see cref="Sql"/>, always parameterised.
/// </summary>
public sealed class PredictionRepository(Database db)
{
    public Database Database { get; } = db;

    private static class Sql
    {
        public const string DeleteBaseYear = "DELETE FROM predictions WHERE base_year = @BaseYear";
        public const string DeleteOf = "DELETE FROM predictions WHERE base_year = @BaseYear AND credit_code IN @Codes";
        public const string Copy = "COPY predictions (credit_code, transition, base_year, probability, target_group, model, factors, score) FROM STDIN (FORMAT BINARY)";
        public const string Insert = "INSERT INTO predictions (credit_code, transition, base_year, probability, target_group, model, factors, score) VALUES (@CreditCode, @Transition, @BaseYear, @Probability, @TargetGroup, @Model, @Factors, @Score)";
        public const string LatestBaseYear = "SELECT MAX(base_year) FROM predictions";
        public const string ModelsOf = "SELECT DISTINCT transition AS Transition, model AS Model FROM predictions WHERE base_year = @BaseYear";
        public const string ForEnterprise = """
            SELECT credit_code, transition, base_year, probability, target_group, model, factors FROM predictions
            WHERE credit_code = @CreditCode AND base_year = (SELECT MAX(base_year) FROM predictions WHERE credit_code = @CreditCode)
            ORDER BY transition
            """;
        // The park filter is optional: @Park NULL lists the whole province.
        public const string Candidates = """
            SELECT p.credit_code AS CreditCode, e.name AS Name, e.city_code AS CityCode, e.park_code AS ParkCode, e.chain_code AS ChainCode,
                   p.probability AS Probability, p.factors AS Factors
            FROM predictions p JOIN enterprises e ON e.credit_code = p.credit_code
            WHERE p.transition = @Transition AND p.base_year = @BaseYear AND (@Park IS NULL OR e.park_code = @Park)
              AND (@MinProbability IS NULL OR p.probability >= @MinProbability) AND (@Chain IS NULL OR e.chain_code = @Chain) AND 
            """ + ScopeSql.Enterprise + """

            ORDER BY p.probability DESC, p.score IS NULL, p.score DESC, p.credit_code
            LIMIT @Limit
            """;
    }

    /// <param name="Score">The score the probability was calibrated from (the learner's, or the rules key): breaks ties in lists.</param>
    public sealed record StoredPrediction(string CreditCode, string Transition, int BaseYear, double Probability, string TargetGroup, string Model, string Factors, double? Score = null)
    {
        private StoredPrediction() : this("", "", 0, 0, "", "", "", null) { }
    }

    public sealed record Candidate(string CreditCode, string Name, string CityCode, string? ParkCode, string? ChainCode, double Probability, string Factors)
    {
        private Candidate() : this("", "", "", null, null, 0, "") { }
    }

    /// <summary>Replaces every rung's predictions for a base year in one transaction, streaming the rows in (binary COPY on
    /// PostgreSQL): memory holds one batch, never the province's predictions.</summary>
    public int ReplaceAll(int baseYear, IEnumerable<StoredPrediction> rows) =>
        Write((c, tx) => c.Execute(Sql.DeleteBaseYear, new { BaseYear = baseYear }, tx, Database.LongRunning), rows,
            (c, tx) => Summaries.PredictionsReplaced(Database, c, tx, baseYear));

    /// <summary>Replaces the predictions of the named enterprises for a base year (incremental scoring after an import).</summary>
    public int ReplaceFor(int baseYear, IReadOnlyCollection<string> creditCodes, IEnumerable<StoredPrediction> rows) =>
        Write((c, tx) =>
        {
            Summaries.Subtract(Database, c, tx, creditCodes);
            foreach (var codes in creditCodes.Chunk(1000)) c.Execute(Database.Dialect(Sql.DeleteOf), new { BaseYear = baseYear, Codes = codes }, tx);
        }, rows, (c, tx) =>
        {
            Summaries.Add(Database, c, tx, creditCodes);
            Summaries.BestProbabilityOf(Database, c, tx, creditCodes);
        });

    /// <summary>In one transaction: clears what the rows replace, streams the rows in, then brings the summaries up to date.</summary>
    private int Write(Action<System.Data.Common.DbConnection, System.Data.Common.DbTransaction> clear, IEnumerable<StoredPrediction> rows,
        Action<System.Data.Common.DbConnection, System.Data.Common.DbTransaction> summarise)
    {
        using var c = Database.Open();
        using var tx = c.BeginTransaction();
        clear(c, tx);
        var n = 0;
        if (c is Npgsql.NpgsqlConnection pg)
            PostgresCopy.Copy(pg, Sql.Copy, rows.Select(r => { n++; return r; }), (w, r) =>
            {
                w.Write(r.CreditCode, NpgsqlTypes.NpgsqlDbType.Text); w.Write(r.Transition, NpgsqlTypes.NpgsqlDbType.Text);
                w.Write(r.BaseYear, NpgsqlTypes.NpgsqlDbType.Integer); w.Write(r.Probability, NpgsqlTypes.NpgsqlDbType.Double);
                w.Write(r.TargetGroup, NpgsqlTypes.NpgsqlDbType.Text); w.Write(r.Model, NpgsqlTypes.NpgsqlDbType.Text); w.Write(r.Factors, NpgsqlTypes.NpgsqlDbType.Text);
                if (r.Score is { } score) w.Write(score, NpgsqlTypes.NpgsqlDbType.Double); else w.WriteNull();
            });
        else
            foreach (var chunk in rows.Chunk(2000)) { c.Execute(Sql.Insert, chunk, tx); n += chunk.Length; }
        summarise(c, tx);
        tx.Commit();
        return n;
    }

    /// <summary>Which model (or rules version) each rung's stored predictions of a base year came from.</summary>
    public IReadOnlyList<(string Transition, string Model)> ModelsOf(int baseYear)
    {
        using var c = Database.Open();
        return c.Query<(string, string)>(Sql.ModelsOf, new { BaseYear = baseYear }).ToList();
    }

    public int? LatestBaseYear()
    {
        using var c = Database.Open();
        return c.ExecuteScalar<int?>(Sql.LatestBaseYear);
    }

    public IReadOnlyList<StoredPrediction> ForEnterprise(string creditCode)
    {
        using var c = Database.Open();
        return c.Query<StoredPrediction>(Sql.ForEnterprise, new { CreditCode = creditCode }).ToList();
    }

    public IReadOnlyList<Candidate> Candidates(string transition, int baseYear, string? park, int limit) =>
        Candidates(AccessScope.Province, transition, baseYear, park, null, null, limit);

    /// <summary>A rung's candidates within the caller's scope, ranked by probability; park, chain and a floor are optional.</summary>
    public IReadOnlyList<Candidate> Candidates(AccessScope scope, string transition, int baseYear, string? park, string? chain, double? minProbability, int limit)
    {
        using var c = Database.Open();
        var args = new DynamicParameters(scope.Parameters);
        args.AddDynamicParams(new { Transition = transition, BaseYear = baseYear, Park = park, Chain = chain, MinProbability = minProbability, Limit = limit });
        return c.Query<Candidate>(Sql.Candidates, args).ToList();
    }

}
