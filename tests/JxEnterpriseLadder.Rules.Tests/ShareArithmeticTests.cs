using JxEnterpriseLadder.Rules.Engine;

namespace JxEnterpriseLadder.Rules.Tests;

/// <summary>
/// A share is compared with the law's line without dividing when a double's estimate is clearly on one side (issue 20):
/// the answer must be the decimal quotient's, on the line, a hair either side of it, and where decimal division rounds.
/// The HNTE growth rate is placed in its band the same way.
/// </summary>
public sealed class ShareArithmeticTests
{
    public static TheoryData<decimal, decimal, decimal> Lines => new()
    {
        { 3m, 100m, 0.03m },                        // exactly on the line
        { 2.99m, 100m, 0.03m },                     // a cent below
        { 300_000_000.01m, 10_000_000_000m, 0.03m }, // a cent above on 1 billion
        { 299_999_999.99m, 10_000_000_000m, 0.03m }, // a cent below on 1 billion
        { 1m, 3m, 0.3333333333333333333333333333m }, // the quotient rounds to the line's 28 digits
        { 2m, 3m, 0.6666666666666666666666666667m }, // … and rounds up onto it
        { 2m, 3m, 0.6666666666666666666666666666m },
        { 0m, 5m, 0m },                             // nothing against a zero line
        { -1m, 4m, 0m },                            // a negative share
        { 7m, 7m, 1m },
        { 79_228_162_514_264_337_593_543_950_335m, 79_228_162_514_264_337_593_543_950_334m, 1m }, // decimal's largest
    };

    [Theory, MemberData(nameof(Lines))]
    public void Compares_as_the_decimal_quotient_does(decimal numerator, decimal denominator, decimal line)
    {
        var quotient = numerator / denominator;
        var ratio = new Ratio(numerator, denominator);
        Assert.Equal(quotient, ratio.Value);
        Assert.Equal(Math.Sign(quotient.CompareTo(line)), ratio.CompareTo(line));
        Assert.Equal(quotient >= line, ratio.AtLeast(line));
        Assert.Equal(quotient > line, ratio.Above(line));
    }

    [Fact]
    public void Agrees_with_decimal_division_on_amounts_around_every_line()
    {
        // Amounts in yuan with cents, from a few yuan to a hundred billion, each placed within a few cents of a line.
        var random = new Random(20);
        decimal[] lines = [0.03m, 0.04m, 0.05m, 0.06m, 0.1m, 0.2m, 0.3m, 0.6m, 0.1666m, 1m / 3m];
        var checkedNear = 0;
        for (var i = 0; i < 200_000; i++)
        {
            var line = lines[i % lines.Length];
            var denominator = Math.Round((decimal)Math.Pow(10, random.NextDouble() * 11) + 1m, 2);
            var numerator = Math.Round(line * denominator, 2) + random.Next(-3, 4) * 0.01m;
            var quotient = numerator / denominator;
            var ratio = new Ratio(numerator, denominator);
            Assert.True(Math.Sign(quotient.CompareTo(line)) == ratio.CompareTo(line), $"{numerator} / {denominator} against {line}");
            if (Math.Abs(quotient - line) < 0.0001m) checkedNear++;
        }
        Assert.True(checkedNear > 100_000, $"only {checkedNear} cases near a line");
    }

    [Fact]
    public void Places_the_HNTE_growth_in_the_band_the_decimal_value_falls_in()
    {
        // Three years of sales whose growth lands within a hair of each band's edge of the shipped table, and far off.
        var bands = new AssessmentEngine().Laws.Hnte.At(new DateOnly(2024, 6, 30))!.GrowthBands.Value;
        var edges = bands.Select(b => b.Bound).OfType<decimal>().ToArray();
        var random = new Random(21);
        int estimated = 0, exact = 0;
        for (var i = 0; i < 100_000; i++)
        {
            var v1 = Math.Round((decimal)Math.Pow(10, random.NextDouble() * 10) + 1m, 2);
            var edge = edges[i % edges.Length] + random.Next(-2, 3) * 0.000001m * (i % 3);
            // v2 = v1 × (1 + g); v3 chosen so that ½(v2/v1 + v3/v2) − 1 is close to the edge.
            var v2 = Math.Round(v1 * (1 + edge + (decimal)(random.NextDouble() - 0.5) * 0.2m), 2);
            if (v2 <= 0) continue;
            var v3 = Math.Round(v2 * (2 * (1 + edge) - v2 / v1), 2) + random.Next(-2, 3) * 0.01m;
            var hasYear1 = i % 5 != 0;
            var growth = LegalTerms.HnteGrowth(hasYear1 ? v1 : null, v2, v3, hasYear1);
            var estimate = LegalTerms.HnteGrowthEstimate(hasYear1 ? v1 : null, v2, v3, hasYear1, out var margin);
            Assert.Equal(growth is null, estimate is null);
            if (growth is not { } g) continue;
            if (Common.BandClearOf(bands, estimate!.Value, margin) is { } band)
            {
                Assert.True(ReferenceEquals(Common.BandFor(bands, g), band), $"{v1}, {v2}, {v3}: growth {g}");
                estimated++;
            }
            else exact++;
        }
        Assert.True(estimated > 50_000 && exact > 0, $"{estimated} placed by the estimate, {exact} by the decimal value");
    }
}
