namespace JxEnterpriseLadder.Prediction.Tests;

/// <summary>The measures of the model card on small cases worked by hand.</summary>
public sealed class MetricsTests
{
    private static readonly bool[] Labels = [true, false, true, false, false];

    [Fact]
    public void RocAucIsTheChanceAPositiveOutranksANegative()
    {
        Assert.Equal(1.0, PromotionMetrics.RocAuc(Labels, [0.9, 0.1, 0.8, 0.2, 0.3]), 12);
        Assert.Equal(0.0, PromotionMetrics.RocAuc(Labels, [0.1, 0.9, 0.2, 0.8, 0.7]), 12);
        Assert.Equal(0.5, PromotionMetrics.RocAuc(Labels, [1, 1, 1, 1, 1]), 12);
        // Positives at 0.9 and 0.25; negatives 0.5, 0.2, 0.1: 5 of 6 pairs ordered right.
        Assert.Equal(5.0 / 6, PromotionMetrics.RocAuc(Labels, [0.9, 0.5, 0.25, 0.2, 0.1]), 12);
    }

    [Fact]
    public void AveragePrecisionAndPrecisionAtKShareTiesByExpectation()
    {
        // Ranking: +, -, +, -, -: precision 1 at recall ½, ⅔ at recall 1.
        Assert.Equal((1.0 + 2.0 / 3) / 2, PromotionMetrics.AveragePrecision(Labels, [0.9, 0.5, 0.4, 0.2, 0.1]), 12);
        // All tied: the top 2 hold 2 × 2/5 positives on average.
        Assert.Equal(0.8, PromotionMetrics.ExpectedHits([0, 1, 2, 3, 4], Labels, [1, 1, 1, 1, 1], 2), 12);
        // One clear leader, then a four-way tie holding one positive: 1 + ¼.
        Assert.Equal(1.25, PromotionMetrics.ExpectedHits([0, 1, 2, 3, 4], Labels, [2, 1, 1, 1, 1], 2), 12);
    }

    [Fact]
    public void ShortlistsAreTheTopTenthAndEachParksTopFifty()
    {
        var labels = Enumerable.Range(0, 200).Select(i => i % 4 == 0).ToArray();
        var scores = Enumerable.Range(0, 200).Select(i => i % 4 == 0 ? 1.0 + i / 1000.0 : i / 1000.0).ToArray();
        var parks = Enumerable.Range(0, 200).Select(i => i < 120 ? "a" : i < 180 ? "b" : null).ToArray();
        var m = PromotionMetrics.Evaluate(labels, scores, null, parks);
        Assert.Equal(20, m.K);
        Assert.Equal(1.0, m.PrecisionAtK, 12);
        Assert.Equal(20.0 / 50, m.RecallAtK, 12);
        // Park a: 120 firms, 30 positives, top 50 holds all 30; park b: 60 firms, 15 positives, top 50 holds all 15.
        Assert.Equal(100, m.ParkShortlist);
        Assert.Equal(45.0 / 100, m.PrecisionAtPark50, 12);
        Assert.Equal(1.0, m.RecallAtPark50, 12);
        Assert.Null(m.Brier);
    }

    [Fact]
    public void BrierAndCalibrationCompareProbabilitiesWithOutcomes()
    {
        Assert.Equal((0.01 + 0.01 + 0.04 + 0.04 + 0) / 5, PromotionMetrics.Brier(Labels, [0.9, 0.1, 0.8, 0.2, 0.0]), 12);
        var labels = Enumerable.Range(0, 100).Select(i => i >= 90).ToArray();
        var p = Enumerable.Range(0, 100).Select(i => i / 100.0).ToArray();
        var bins = PromotionMetrics.Calibration(labels, p);
        Assert.Equal(10, bins.Count);
        Assert.All(bins, b => Assert.Equal(10, b.Count));
        Assert.Equal(0.045, bins[0].MeanPredicted, 12);
        Assert.Equal(0.0, bins[0].Observed);
        Assert.Equal(1.0, bins[9].Observed);
    }

    [Fact]
    public void TheRulesCalibrationIsTheEntryRateAtTheSameDistance()
    {
        double[] scores = [0, 0, 0, 0, -0.1, -0.1, -3, -3, -3, -3];
        bool[] entered = [true, true, true, false, true, false, false, false, false, false];
        var c = RulesCalibration.Fit("tech-sme-entry", scores, entered, 2023);
        var overall = 0.4;
        Assert.Equal((3 + 2 * overall) / (4 + 2), c.Probability(0), 12);
        Assert.Equal((1 + 2 * overall) / (2 + 2), c.Probability(-0.2), 12);
        Assert.Equal((0 + 2 * overall) / (4 + 2), c.Probability(-3.5), 12);
        Assert.True(c.Probability(0) > c.Probability(-0.2) && c.Probability(-0.2) > c.Probability(-3.5));
    }
}
