using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Rules.Engine;

namespace JxEnterpriseLadder.Services;

/// <summary>The law's numbers the pages state (a score to reach, points, look-back years), read from the version in force
/// at a date, or the latest version for a date before any: never written in a page.</summary>
public static class LawShown
{
    public static ParameterSet At(ParameterStore parameters, string set, DateOnly asOf) =>
        parameters.InForce(set, asOf) ?? parameters.InForce(set, DateOnly.MaxValue)
        ?? throw new InvalidOperationException($"no version of the parameter set '{set}'");

    /// <summary>The HNTE innovation score a firm must reach: more than the law's line (71 when the line is 70), for the
    /// pages that explain what "may qualify" means.</summary>
    public static int HnteScoreToQualify(ParameterStore parameters, DateOnly asOf) =>
        At(parameters, TierIds.Hnte, asOf).Integer("innovationScoreAbove") + 1;
}
