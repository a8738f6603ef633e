namespace JxEnterpriseLadder.Prediction;

/// <summary>
/// Turns a ranking score into a probability, fitted on a held-out year (never on the rows the score was learnt from):
/// isotonic (a non-decreasing step function, pooled adjacent violators over at most <see cref="MaxSteps"/> groups of
/// scores) or Platt (a logistic curve in the score). <see cref="Choose"/> picks the one with the lower Brier score
/// across two halves of the held-out year, each fitted on one half and scored on the other.
/// </summary>
public sealed record ProbabilityCalibration(string Method, IReadOnlyList<double> UpTo, IReadOnlyList<double> Rates, double A, double B)
{
    public const string Isotonic = "isotonic";
    public const string Platt = "platt";
    public const int MaxSteps = 64;

    public double Probability(double score)
    {
        if (Method == Platt) return 1 / (1 + Math.Exp(-(A * score + B)));
        // The first step whose upper score reaches this one; above the last, the last.
        int lo = 0, hi = UpTo.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (UpTo[mid] >= score) hi = mid; else lo = mid + 1;
        }
        return Rates[lo];
    }

    /// <summary>Chooses isotonic or Platt by two-fold Brier on the held-out rows, then fits the chosen one on all of them.</summary>
    public static ProbabilityCalibration Choose(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        if (scores.Count != labels.Count) throw new ArgumentException("one label per score");
        // Alternate rows in score order: both halves span the whole range.
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ThenBy(i => i).ToArray();
        var halves = new[] { order.Where((_, j) => j % 2 == 0).ToArray(), order.Where((_, j) => j % 2 == 1).ToArray() };
        double Cross(Func<IReadOnlyList<double>, IReadOnlyList<bool>, ProbabilityCalibration> fit)
        {
            double sum = 0;
            for (var h = 0; h < 2; h++)
            {
                var on = halves[h];
                var off = halves[1 - h];
                var c = fit(on.Select(i => scores[i]).ToArray(), on.Select(i => labels[i]).ToArray());
                foreach (var i in off) { var d = c.Probability(scores[i]) - (labels[i] ? 1 : 0); sum += d * d; }
            }
            return sum;
        }
        var isotonic = Cross(FitIsotonic);
        var platt = Cross(FitPlatt);
        return isotonic <= platt ? FitIsotonic(scores, labels) : FitPlatt(scores, labels);
    }

    public static ProbabilityCalibration FitIsotonic(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        if (scores.Count == 0) return new(Isotonic, [double.PositiveInfinity], [0], 0, 0);
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        // Groups of roughly equal size that never split a tie.
        var target = Math.Max(1, scores.Count / MaxSteps);
        var blocks = new List<(double UpTo, double Positives, double Count)>();
        var p = 0;
        while (p < order.Length)
        {
            var q = p;
            double positives = 0;
            while (q < order.Length && (q - p < target || scores[order[q]] == scores[order[q - 1]]))
            {
                if (labels[order[q]]) positives++;
                q++;
            }
            blocks.Add((scores[order[q - 1]], positives, q - p));
            p = q;
        }
        // Pool adjacent violators: merge a block into the one before while its rate is lower.
        var pooled = new List<(double UpTo, double Positives, double Count)>();
        foreach (var b in blocks)
        {
            var cur = b;
            while (pooled.Count > 0 && pooled[^1].Positives / pooled[^1].Count >= cur.Positives / cur.Count)
            {
                var last = pooled[^1];
                pooled.RemoveAt(pooled.Count - 1);
                cur = (cur.UpTo, last.Positives + cur.Positives, last.Count + cur.Count);
            }
            pooled.Add(cur);
        }
        return new(Isotonic, pooled.Select(b => b.UpTo).ToArray(), pooled.Select(b => b.Positives / b.Count).ToArray(), 0, 0);
    }

    /// <summary>Platt's method: a logistic curve in the score by Newton's method, with Platt's smoothed targets.</summary>
    public static ProbabilityCalibration FitPlatt(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        // Fitted on standardised scores (a rules key spans millions), then written back in the score's own units.
        var mean = scores.Count == 0 ? 0 : scores.Average();
        var sd = scores.Count == 0 ? 1 : Math.Sqrt(scores.Average(x => (x - mean) * (x - mean)));
        if (!(sd > 0)) sd = 1;
        var z = scores.Select(x => (x - mean) / sd).ToArray();
        double positives = labels.Count(l => l), negatives = labels.Count - positives;
        double high = (positives + 1) / (positives + 2), low = 1 / (negatives + 2);
        double a = 0, b = Math.Log((positives + 1) / (negatives + 1));
        for (var iteration = 0; iteration < 100; iteration++)
        {
            double g1 = 0, g2 = 0, h11 = 1e-12, h22 = 1e-12, h21 = 0;
            for (var i = 0; i < z.Length; i++)
            {
                var p = 1 / (1 + Math.Exp(-(a * z[i] + b)));
                var t = labels[i] ? high : low;
                var d1 = p - t;
                var d2 = p * (1 - p);
                g1 += z[i] * d1; g2 += d1;
                h11 += z[i] * z[i] * d2; h22 += d2; h21 += z[i] * d2;
            }
            var det = h11 * h22 - h21 * h21;
            if (Math.Abs(det) < 1e-300) break;
            var da = (h22 * g1 - h21 * g2) / det;
            var db = (h11 * g2 - h21 * g1) / det;
            a -= da; b -= db;
            if (Math.Abs(da) < 1e-10 && Math.Abs(db) < 1e-10) break;
        }
        return new(Platt, [], [], a / sd, b - a * mean / sd);
    }
}
