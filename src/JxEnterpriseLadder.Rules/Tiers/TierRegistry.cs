using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Domain.Profiles;
using JxEnterpriseLadder.Rules.Engine;

namespace JxEnterpriseLadder.Rules.Tiers;

/// <summary>
/// The tiers, registered in one list in the order of <see cref="TierIds.All"/> (the ladder's and the stored bit masks'
/// order): each tier's id and the function that evaluates it. A function receives the results of the tiers before it,
/// so a tier that depends on others (potential gazelles on tech SMEs, HNTEs and gazelles) comes after them. A new tier
/// is one line here and one id in <see cref="TierIds"/>.
/// </summary>
public static class TierRegistry
{
    public delegate TierResult Evaluation(EnterpriseProfile profile, DateOnly asOf, LawBook laws, EvaluationOptions options, IReadOnlyList<TierResult> before);

    public sealed record Tier(string Id, Evaluation Evaluate);

    public static readonly IReadOnlyList<Tier> All =
    [
        new(TierIds.TechSme, (p, d, s, o, _) => TechSmeRules.Evaluate(p, d, s, o)),
        new(TierIds.Hnte, (p, d, s, o, _) => HnteRules.Evaluate(p, d, s, o)),
        new(TierIds.Gazelle, (p, d, s, o, _) => GazelleRules.Evaluate(p, d, s, o)),
        new(TierIds.PotentialGazelle, (p, d, s, o, before) => PotentialGazelleRules.Evaluate(p, d, s, o, before[0], before[1], before[2])),
        new(TierIds.Unicorn, (p, d, s, o, _) => UnicornRules.EvaluateUnicorn(p, d, s, o)),
        new(TierIds.PotentialUnicorn, (p, d, s, o, _) => UnicornRules.EvaluatePotential(p, d, s, o)),
        new(TierIds.SeedUnicorn, (p, d, s, o, _) => UnicornRules.EvaluateSeed(p, d, s, o)),
        new(TierIds.InnovativeSme, (p, d, s, o, _) => InnovativeSmeRules.Evaluate(p, d, s, o)),
        new(TierIds.SpecialisedSme, (p, d, s, o, before) => SpecialisedSmeRules.Evaluate(p, d, s, o, before[0], before[7])),
        new(TierIds.LittleGiant, (p, d, s, o, _) => LittleGiantRules.Evaluate(p, d, s, o)),
        new(TierIds.InnovationDemo, (p, d, s, o, _) => InnovationDemoRules.Evaluate(p, d, s, o)),
    ];
}
