using JxEnterpriseLadder.Domain;
using System.Text.Json.Serialization;

namespace JxEnterpriseLadder.Rules.Engine;

/// <summary>One line of an explanation: a legal condition or score item, what the firm has, what the law asks.</summary>
public sealed record Criterion
{
    /// <summary>Stable id, e.g. "tech-sme.score.rd-input"; documented in data-dictionary/criteria.md.</summary>
    public required string Id { get; init; }
    public required string Label { get; init; }
    public string? Actual { get; init; }
    public string? Threshold { get; init; }
    /// <summary>Points awarded (lower end where a range applies).</summary>
    public int? Points { get; init; }
    /// <summary>Upper end of the points when the item is a range (expert grade unknown, band range).</summary>
    public int? PointsMax { get; init; }
    /// <summary>true, false, or null when undetermined for lack of input.</summary>
    public bool? Passed { get => _passed; init => _passed = value; }
    private bool? _passed;
    public required string Source { get; init; }
    public IReadOnlyList<string> Missing { get => _missing; init => _missing = value; }
    private IReadOnlyList<string> _missing = [];

    /// <summary>Sets the decision on a criterion whose words were just written (<see cref="TierBuilder.Add(bool?, IReadOnlyList{string}, Func{Criterion})"/>),
    /// without copying it.</summary>
    internal Criterion Decided(bool? passed, IReadOnlyList<string> missing)
    {
        _passed = passed;
        _missing = missing;
        return this;
    }
    public string? Note { get; init; }
}

/// <summary>The smallest change that would pass a failed criterion, in the firm's units.</summary>
public sealed record Gap(string Criterion, string Message, decimal? Target = null, decimal? Change = null, string? Unit = null);

public sealed record ScoreRange(int Min, int Max)
{
    /// <summary>The range, as one shared object for the small ranges every screening makes (scores of 0–100): a range is
    /// a value, and a screening of a million firms need not make a million of them.</summary>
    public static ScoreRange Of(int min, int max)
    {
        if (min is < 0 or > Small || max is < 0 or > Small) return new ScoreRange(min, max);
        return Shared[min * (Small + 1) + max] ??= new ScoreRange(min, max);
    }

    private const int Small = 127;
    private static readonly ScoreRange?[] Shared = new ScoreRange?[(Small + 1) * (Small + 1)];
}

public sealed record TierResult
{
    public required string Tier { get; init; }
    public required Outcome Outcome { get; init; }
    public int? Score { get; init; }
    public ScoreRange? ScoreRange { get; init; }
    public required IReadOnlyList<string> Parameters { get; init; }
    public required IReadOnlyList<Criterion> Criteria { get; init; }
    public required IReadOnlyList<string> Missing { get; init; }
    public required IReadOnlyList<Gap> Gaps { get; init; }
    /// <summary>For direct confirmation: which path confirmed it.</summary>
    public string? ConfirmedBy { get; init; }
    public IReadOnlyList<string> Labels { get; init; } = [];
}

public sealed record AssessmentResult
{
    public string? CreditCode { get; init; }
    public string? Name { get; init; }
    public required DateOnly AsOf { get; init; }
    /// <summary>Highest tier the enterprise is eligible for (not the same as recognised).</summary>
    public string? HighestTier { get; init; }
    /// <summary>Highest tier of the second ladder (创新型 → 专精特新 → 小巨人) the enterprise is eligible for; left out of the
    /// output when none, so that the first ladder's output reads as it did before the second ladder (ADR 0023).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? HighestQualityTier { get; init; }
    /// <summary>Highest tier the enterprise actually holds at the date (registration, certificate, list entry).</summary>
    public string? HighestRecognizedTier { get; init; }
    public required IReadOnlyList<TierResult> Results { get; init; }

    public TierResult? For(string tier) => Results.FirstOrDefault(r => r.Tier == tier);
}
