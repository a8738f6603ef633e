using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Rules.Engine;

namespace JxEnterpriseLadder.Services;

/// <summary>The HNTE innovation score a firm must reach (more than the law's line: 71 when the line is 70), for the pages
/// that explain what "may qualify" means; read from the law in force, never written in a page.</summary>
public static class HnteScore
{
    public static int ToQualify(ParameterStore parameters, DateOnly asOf) =>
        (parameters.InForce(TierIds.Hnte, asOf) ?? parameters.InForce(TierIds.Hnte, DateOnly.MaxValue)!).Integer("innovationScoreAbove") + 1;
}
