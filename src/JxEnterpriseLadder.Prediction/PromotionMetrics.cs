namespace JxEnterpriseLadder.Prediction;

/// <summary>One ranking of a test year's pool, scored against what happened. Ties are resolved by expectation
/// (a tie straddling the cut counts its share of positives), so a coarse ranking is not favoured or punished by luck.</summary>
public sealed record RankingMetrics(
    int Pool, int Positives, double RocAuc, double PrAuc,
    int K, double PrecisionAtK, double RecallAtK,
    int ParkShortlist, double PrecisionAtPark50, double RecallAtPark50,
    double? Brier, IReadOnlyList<CalibrationBin> Calibration, double? Expected)
{
    /// <summary>Expected entries (the probabilities' sum) against those that happened: 1.10 means 10% too many.</summary>
    public double? ExpectedOverActual => Expected is { } e && Positives > 0 ? e / Positives : null;
}

public sealed record CalibrationBin(int Decile, int Count, double MeanPredicted, double Observed);

public static class PromotionMetrics
{
    public const double ShortlistShare = 0.10;
    public const int ParkShortlistSize = 50;

    /// <param name="scores">Ranking scores (higher = more likely).</param>
    /// <param name="probabilities">Calibrated probabilities for Brier and calibration (null: not a probability).</param>
    public static RankingMetrics Evaluate(IReadOnlyList<bool> labels, IReadOnlyList<double> scores, IReadOnlyList<double>? probabilities,
        IReadOnlyList<string?> parks)
    {
        var n = labels.Count;
        var positives = labels.Count(l => l);
        var k = Math.Max(1, (int)Math.Round(n * ShortlistShare, MidpointRounding.AwayFromZero));
        var hitsAtK = ExpectedHits(Enumerable.Range(0, n).ToArray(), labels, scores, k);

        // Each park's top 50, pooled: what park managers' shortlists would hold together.
        double parkHits = 0; var parkListed = 0; var parkPositives = 0;
        foreach (var group in Enumerable.Range(0, n).Where(i => parks[i] is not null).GroupBy(i => parks[i]))
        {
            var idx = group.ToArray();
            var size = Math.Min(ParkShortlistSize, idx.Length);
            parkHits += ExpectedHits(idx, labels, scores, size);
            parkListed += size;
            parkPositives += idx.Count(i => labels[i]);
        }

        return new RankingMetrics(n, positives, RocAuc(labels, scores), AveragePrecision(labels, scores),
            k, hitsAtK / k, positives == 0 ? 0 : hitsAtK / positives,
            parkListed, parkListed == 0 ? 0 : parkHits / parkListed, parkPositives == 0 ? 0 : parkHits / parkPositives,
            probabilities is null ? null : Brier(labels, probabilities),
            probabilities is null ? [] : Calibration(labels, probabilities),
            probabilities?.Sum());
    }

    /// <summary>A ranking by probability with ties broken by the score the probability was calibrated from: the order a
    /// stored forecast is listed in (<c>ORDER BY probability DESC, score DESC</c>), as ranks 0…n−1.</summary>
    public static double[] RankBy(IReadOnlyList<double> probabilities, IReadOnlyList<double> scores)
    {
        var order = Enumerable.Range(0, probabilities.Count).OrderBy(i => probabilities[i]).ThenBy(i => scores[i]).ToArray();
        var rank = new double[order.Length];
        for (var r = 0; r < order.Length; r++)
        {
            var i = order[r];
            // Equal on both keys: a true tie, the same rank.
            rank[i] = r > 0 && probabilities[order[r - 1]] == probabilities[i] && scores[order[r - 1]] == scores[i] ? rank[order[r - 1]] : r;
        }
        return rank;
    }

    /// <summary>Expected number of positives in the top <paramref name="k"/> of <paramref name="idx"/> by score, ties shared.</summary>
    public static double ExpectedHits(int[] idx, IReadOnlyList<bool> labels, IReadOnlyList<double> scores, int k)
    {
        var ordered = idx.OrderByDescending(i => scores[i]).ToArray();
        double hits = 0;
        var taken = 0;
        var p = 0;
        while (p < ordered.Length && taken < k)
        {
            var q = p;
            while (q < ordered.Length && scores[ordered[q]] == scores[ordered[p]]) q++;
            var size = q - p;
            var pos = 0;
            for (var j = p; j < q; j++) if (labels[ordered[j]]) pos++;
            var take = Math.Min(size, k - taken);
            hits += (double)pos * take / size;
            taken += take;
            p = q;
        }
        return hits;
    }

    /// <summary>Area under the ROC curve: the chance a random positive outranks a random negative (ties half).</summary>
    public static double RocAuc(IReadOnlyList<bool> labels, IReadOnlyList<double> scores)
    {
        var order = Enumerable.Range(0, labels.Count).OrderBy(i => scores[i]).ToArray();
        double rankSum = 0;
        var p = 0;
        while (p < order.Length)
        {
            var q = p;
            while (q < order.Length && scores[order[q]] == scores[order[p]]) q++;
            var midRank = (p + 1 + q) / 2.0; // ranks p+1 … q share their average
            for (var j = p; j < q; j++) if (labels[order[j]]) rankSum += midRank;
            p = q;
        }
        double pos = labels.Count(l => l), neg = labels.Count - pos;
        if (pos == 0 || neg == 0) return double.NaN;
        return (rankSum - pos * (pos + 1) / 2) / (pos * neg);
    }

    /// <summary>Area under the precision-recall curve as average precision, taken at each distinct score.</summary>
    public static double AveragePrecision(IReadOnlyList<bool> labels, IReadOnlyList<double> scores)
    {
        var total = labels.Count(l => l);
        if (total == 0) return double.NaN;
        var order = Enumerable.Range(0, labels.Count).OrderByDescending(i => scores[i]).ToArray();
        double ap = 0, previousRecall = 0;
        int seen = 0, hits = 0, p = 0;
        while (p < order.Length)
        {
            var q = p;
            while (q < order.Length && scores[order[q]] == scores[order[p]]) q++;
            for (var j = p; j < q; j++) { seen++; if (labels[order[j]]) hits++; }
            var recall = (double)hits / total;
            ap += (recall - previousRecall) * ((double)hits / seen);
            previousRecall = recall;
            p = q;
        }
        return ap;
    }

    public static double Brier(IReadOnlyList<bool> labels, IReadOnlyList<double> probabilities)
    {
        double sum = 0;
        for (var i = 0; i < labels.Count; i++) { var d = probabilities[i] - (labels[i] ? 1 : 0); sum += d * d; }
        return labels.Count == 0 ? double.NaN : sum / labels.Count;
    }

    /// <summary>Ten bins of equal count by predicted probability: mean predicted against the observed rate.</summary>
    public static IReadOnlyList<CalibrationBin> Calibration(IReadOnlyList<bool> labels, IReadOnlyList<double> probabilities)
    {
        var order = Enumerable.Range(0, labels.Count).OrderBy(i => probabilities[i]).ToArray();
        var bins = new List<CalibrationBin>();
        for (var d = 0; d < 10; d++)
        {
            var from = order.Length * d / 10;
            var to = order.Length * (d + 1) / 10;
            if (to <= from) continue;
            var slice = order[from..to];
            bins.Add(new CalibrationBin(d + 1, slice.Length, slice.Average(i => probabilities[i]), slice.Average(i => labels[i] ? 1.0 : 0.0)));
        }
        return bins;
    }
}
