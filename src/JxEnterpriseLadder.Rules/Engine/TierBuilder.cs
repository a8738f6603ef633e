using JxEnterpriseLadder.Domain;
namespace JxEnterpriseLadder.Rules.Engine;

/// <summary>Collects the criteria, gaps and parameter versions of one tier's evaluation.</summary>
internal sealed class TierBuilder(string tier)
{
    public string Tier { get; } = tier;
    public List<Criterion> Criteria { get; } = new(24);
    public List<Gap> Gaps { get; } = [];
    public List<string> Parameters { get; } = new(4);
    public string? ConfirmedBy { get; set; }
    public List<string> Labels { get; } = [];

    public ParameterSet Use(ParameterSet set)
    {
        if (!Parameters.Contains(set.Version)) Parameters.Add(set.Version);
        return set;
    }

    public Verdict Add(Criterion c)
    {
        Criteria.Add(c);
        return new Verdict(c.Passed, c.Missing);
    }

    public void Gap(string criterion, string message, decimal? target = null, decimal? change = null, string? unit = null) =>
        Gaps.Add(new Gap(criterion, message, target, change, unit));

    public TierResult Build(Verdict verdict, int? score = null, ScoreRange? range = null) => new()
    {
        Tier = Tier,
        Outcome = verdict.ToOutcome(),
        Score = score,
        ScoreRange = range,
        Parameters = Parameters,
        Criteria = Criteria,
        Missing = verdict.Passed is null ? verdict.Missing : [],
        Gaps = verdict.Passed == true ? [] : Gaps,
        ConfirmedBy = verdict.Passed == true ? ConfirmedBy : null,
        Labels = verdict.Passed == true ? Labels : [],
    };

    /// <summary>When no parameter version is in force at the date, the tier cannot be decided.</summary>
    public static TierResult NoParameters(string tier, string set, DateOnly asOf) => new()
    {
        Tier = tier,
        Outcome = Outcome.Undetermined,
        Parameters = [],
        Criteria = [new Criterion
        {
            Id = $"{tier}.parameters", Label = "参数版本", Passed = null,
            Actual = $"{asOf:yyyy-MM-dd} 无有效参数", Source = "parameters/" + set,
            Missing = [$"parameters:{set}@{asOf:yyyy-MM-dd}"],
        }],
        Missing = [$"parameters:{set}@{asOf:yyyy-MM-dd}"],
        Gaps = [],
    };
}
