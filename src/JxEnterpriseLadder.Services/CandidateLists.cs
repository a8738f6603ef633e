using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Prediction;
using JxEnterpriseLadder.Rules.Engine;
using MiniExcelLibs;
using JxEnterpriseLadder.Rules;

namespace JxEnterpriseLadder.Services;

/// <summary>
/// Park managers' candidate lists: the enterprises of a pool ranked by their stored probability of entering the next
/// rung, each with its top factors and what it still lacks (the engine's gaps for the nearest target tier). Always
/// within the caller's scope: a park manager sees only its park, a city officer its city.
/// </summary>
public sealed class CandidateLists(PredictionRepository predictions, RegistryRepository registry, AssessmentEngine engine)
{
    public sealed record Row(int Rank, PredictionRepository.Candidate Candidate, IReadOnlyList<PredictionFactor> Factors, string NearestTier, TierResult? Assessment);

    public sealed record Query(Transition Transition, string? Park = null, string? Chain = null, double? MinProbability = null, int Limit = 50);

    /// <summary>The base year of the stored predictions (they predict the year after it), or null before `jxladder ml predict`.</summary>
    public int? BaseYear() => predictions.LatestBaseYear();

    public IReadOnlyList<Row> For(Transition transition, string? park, int limit) => For(AccessScope.Province, new Query(transition, park, Limit: limit));

    public IReadOnlyList<Row> For(AccessScope scope, Query query)
    {
        if (BaseYear() is not { } baseYear) return [];
        if (scope.Role == Roles.Enterprise) throw new OutOfScopeException("候选名单只对科技部门和园区开放");
        var candidates = predictions.Candidates(scope, query.Transition.Id, baseYear, query.Park, query.Chain, query.MinProbability, query.Limit);
        // Every candidate's record in one read (a page, not a query per row), then the engine on every core.
        var records = registry.Stream(candidates.Select(c => c.CreditCode).ToList()).ToDictionary(r => r.Enterprise.CreditCode);
        var snapshots = new YearEndSnapshot?[candidates.Count];
        Parallel.For(0, candidates.Count, i =>
            snapshots[i] = records.TryGetValue(candidates[i].CreditCode, out var record) ? YearEndSnapshot.Take(record, baseYear, engine) : null);
        var rows = new List<Row>(candidates.Count);
        for (var i = 0; i < candidates.Count; i++)
        {
            // What it lacks, as the model saw it: the engine for year t+1 on the record at the end of year t.
            var snapshot = snapshots[i];
            var nearest = RulesRanking.NearestTier(snapshot?.Assessment, query.Transition.TargetTiers);
            rows.Add(new Row(i + 1, candidates[i], FactorJson.Read(candidates[i].Factors), nearest, snapshot?.Assessment.For(nearest)));
        }
        return rows;
    }

    /// <summary>The list as an .xlsx workbook with Chinese headers: rank, enterprise, probability, factors and gaps.</summary>
    public void Export(AccessScope scope, Query query, Stream output)
    {
        var reference = JiangxiReference.Default;
        var rows = For(scope, query).Select(r => new Dictionary<string, object?>
        {
            ["排名"] = r.Rank,
            ["统一社会信用代码"] = r.Candidate.CreditCode,
            ["企业名称"] = r.Candidate.Name,
            ["设区市"] = reference.CityByCode(r.Candidate.CityCode)?.Name ?? r.Candidate.CityCode,
            ["园区"] = r.Candidate.ParkCode is { } p ? reference.ParkByCode(p)?.Name ?? p : "",
            ["晋级类别"] = query.Transition.Name,
            ["下一年晋级概率"] = Math.Round(r.Candidate.Probability, 4),
            ["主要因素"] = string.Join("；", r.Factors.Select(f => (f.Contribution > 0 ? "↑" : "↓") + FeatureLabels.Chinese(f.Feature))),
            ["最接近的层级"] = TierNames.Of(r.NearestTier),
            ["还差什么"] = r.Assessment is { } a ? string.Join("；", a.Gaps.Select(g => g.Message)) : "",
            ["还需填报"] = r.Assessment is { } m ? string.Join("、", m.Missing.Select(FieldLabels.For)) : "",
        });
        output.SaveAs(SpreadsheetText.ForPeople(rows), sheetName: "候选名单");
    }
}
