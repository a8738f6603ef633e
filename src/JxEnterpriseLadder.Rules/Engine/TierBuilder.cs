using JxEnterpriseLadder.Domain;
namespace JxEnterpriseLadder.Rules.Engine;

/// <summary>
/// Collects the criteria, gaps and parameter versions of one tier's evaluation. A criterion's words (its label, what the
/// firm has, what the law asks) are written only when <see cref="Explains"/>: a screening asks for verdicts alone and
/// never pays for formatting them (issue 20).
/// </summary>
internal sealed class TierBuilder
{
    private TierBuilder(string tier, bool explains) => (Tier, Explains) = (tier, explains);

    /// <summary>A builder for one tier's evaluation. A screening's builder (no words) keeps nothing its result holds, so
    /// each thread reuses one for every tier it evaluates: a screening makes none.</summary>
    public static TierBuilder For(string tier, bool explains)
    {
        if (explains) return new TierBuilder(tier, true);
        var b = _verdictsOnly ??= new TierBuilder(tier, false);
        b.Tier = tier;
        b._law0 = b._law1 = b._law2 = b._law3 = null;
        b._labels = null;
        b.ConfirmedBy = null;
        return b;
    }

    [ThreadStatic] private static TierBuilder? _verdictsOnly;

    public string Tier { get; private set; }

    /// <summary>Whether the criteria's words and the gaps are written (false: outcome, score, missing inputs only).</summary>
    public bool Explains { get; }
    // The lists are made only when something goes into them: a screening never fills the first two.
    public List<Criterion> Criteria => _criteria ??= new(24);
    public List<Gap> Gaps => _gaps ??= [];
    // The rule sets' versions read, in the order first read (at most four in any tier), and their list as results name it.
    private Law? _law0, _law1, _law2, _law3;
    public string? ConfirmedBy { get; set; }
    public List<string> Labels => _labels ??= [];
    private List<Criterion>? _criteria;
    private List<Gap>? _gaps;
    private List<string>? _labels;

    /// <summary>Records that the evaluation read this version of a rule set.</summary>
    public void Use(Law law)
    {
        if (ReferenceEquals(_law0, law) || ReferenceEquals(_law1, law) || ReferenceEquals(_law2, law) || ReferenceEquals(_law3, law)) return;
        if (_law0 is null) _law0 = law;
        else if (_law1 is null) _law1 = law;
        else if (_law2 is null) _law2 = law;
        else if (_law3 is null) _law3 = law;
        else throw new InvalidOperationException($"{Tier} reads more than four rule sets");
    }

    /// <summary>The versions read, as one list per combination of versions: a screening makes none.</summary>
    public IReadOnlyList<string> Parameters => _law0 is null ? [] : _law0.VersionsWith(_law1, _law2, _law3);

    public Verdict Add(Criterion c)
    {
        if (Explains) Criteria.Add(c);
        return new Verdict(c.Passed, c.Missing);
    }

    /// <summary>A criterion decided as <paramref name="passed"/>; its words are written by <paramref name="explain"/> only
    /// when explanations are asked for.</summary>
    public Verdict Add(bool? passed, Func<Criterion>? explain) => Add(passed, [], explain);

    /// <param name="explain">May be null only when the builder does not explain.</param>
    public Verdict Add(bool? passed, IReadOnlyList<string> missing, Func<Criterion>? explain)
    {
        if (Explains) Criteria.Add(explain!().Decided(passed, missing));
        return new Verdict(passed, missing);
    }

    /// <summary>As <see cref="Add(bool?, IReadOnlyList{string}, Func{Criterion}?)"/>, the words written by a static function
    /// from the values it needs: nothing, not even a closure, is made when not explaining.</summary>
    public Verdict Add<TState>(bool? passed, IReadOnlyList<string> missing, TState state, Func<TState, Criterion> explain)
    {
        if (Explains) Criteria.Add(explain(state).Decided(passed, missing));
        return new Verdict(passed, missing);
    }

    public Verdict Add<TState>(bool? passed, TState state, Func<TState, Criterion> explain) => Add(passed, [], state, explain);

    /// <summary>A criterion undecided for want of the <paramref name="missing"/> inputs; its words written only when explaining.</summary>
    public Verdict AddMissing(IReadOnlyList<string> missing, Func<Criterion>? explain) => Add(null, missing, explain);

    public void Gap(string criterion, string message, decimal? target = null, decimal? change = null, string? unit = null)
    {
        if (Explains) Gaps.Add(new Gap(criterion, message, target, change, unit));
    }

    /// <summary>A gap whose message is formatted only when explanations are asked for: its holes are not even evaluated
    /// in a screening (the handler says so before any is).</summary>
    public void Gap(string criterion, [System.Runtime.CompilerServices.InterpolatedStringHandlerArgument("")] GapText message,
        decimal? target = null, decimal? change = null, string? unit = null)
    {
        if (Explains) Gaps.Add(new Gap(criterion, message.ToStringAndClear(), target, change, unit));
    }

    public TierResult Build(Verdict verdict, int? score = null, ScoreRange? range = null)
    {
        // A screening's decided result without a score, a range or labels is a value the same for every firm that gets
        // it: each thread keeps the few it meets and hands the same object out again.
        if (!Explains && verdict.Passed is not null && score is null && range is null && (_labels is null || verdict.Passed == false))
        {
            var parameters = Parameters;
            var outcome = verdict.ToOutcome();
            var confirmedBy = verdict.Passed == true ? ConfirmedBy : null;
            var shared = _decided ??= new TierResult?[DecidedKept];
            for (var i = 0; i < shared.Length; i++)
            {
                if (shared[i] is not { } r) { return shared[i] = Make(verdict, score, range); }
                if (ReferenceEquals(r.Tier, Tier) && r.Outcome == outcome && ReferenceEquals(r.Parameters, parameters) && ReferenceEquals(r.ConfirmedBy, confirmedBy))
                    return r;
            }
            return shared[_nextEvicted++ % DecidedKept] = Make(verdict, score, range);
        }
        return Make(verdict, score, range);
    }

    private const int DecidedKept = 16;
    private TierResult?[]? _decided;
    private int _nextEvicted;

    private TierResult Make(Verdict verdict, int? score, ScoreRange? range) => new()
    {
        Tier = Tier,
        Outcome = verdict.ToOutcome(),
        Score = score,
        ScoreRange = range,
        Parameters = Parameters,
        Criteria = (IReadOnlyList<Criterion>?)_criteria ?? [],
        Missing = verdict.Passed is null ? verdict.Missing : [],
        Gaps = verdict.Passed == true || _gaps is null ? (IReadOnlyList<Gap>)[] : _gaps,
        ConfirmedBy = verdict.Passed == true ? ConfirmedBy : null,
        Labels = verdict.Passed == true && _labels is not null ? _labels : (IReadOnlyList<string>)[],
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

/// <summary>The words of a gap, written only when its builder explains (see <see cref="TierBuilder.Gap(string, GapText, decimal?, decimal?, string?)"/>).</summary>
[System.Runtime.CompilerServices.InterpolatedStringHandler]
internal ref struct GapText
{
    private System.Runtime.CompilerServices.DefaultInterpolatedStringHandler _inner;

    public GapText(int literalLength, int formattedCount, TierBuilder builder, out bool explains)
    {
        explains = builder.Explains;
        _inner = explains ? new(literalLength, formattedCount) : default;
    }

    public void AppendLiteral(string s) => _inner.AppendLiteral(s);
    public void AppendFormatted<T>(T value) => _inner.AppendFormatted(value);
    public void AppendFormatted<T>(T value, string? format) => _inner.AppendFormatted(value, format);
    public void AppendFormatted<T>(T value, int alignment) => _inner.AppendFormatted(value, alignment);
    public void AppendFormatted<T>(T value, int alignment, string? format) => _inner.AppendFormatted(value, alignment, format);
    public string ToStringAndClear() => _inner.ToStringAndClear();
}
