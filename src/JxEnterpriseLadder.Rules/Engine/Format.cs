using System.Globalization;

namespace JxEnterpriseLadder.Rules.Engine;

/// <summary>Numbers as an officer reads them: 万元 / 亿元, percentages, people.</summary>
public static class Format
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Yuan shown in 万元 below 1亿 and in 亿元 from 1亿, rounded up so a shown target always suffices.</summary>
    public static string MoneyCeiling(decimal yuan) => Money(yuan, ceiling: true);
    public static string Money(decimal yuan) => Money(yuan, ceiling: false);

    private static string Money(decimal yuan, bool ceiling)
    {
        var abs = Math.Abs(yuan);
        var (unit, divisor) = abs >= 100_000_000m ? ("亿元", 100_000_000m) : ("万元", 10_000m);
        var scaled = yuan / divisor;
        var rounded = ceiling ? Math.Ceiling(scaled * 100m) / 100m : Math.Round(scaled, 2, MidpointRounding.AwayFromZero);
        return rounded.ToString("0.##", Inv) + unit;
    }

    /// <summary>A small count as the law writes it in words ("近三年"): 一 to 十, digits beyond.</summary>
    public static string ChineseCount(int n) => n is >= 1 and <= 10 ? "一二三四五六七八九十"[n - 1].ToString() : n.ToString(Inv);

    public static string Percent(decimal ratio) => (ratio * 100m).ToString("0.##", Inv) + "%";
    public static string People(int n) => n.ToString(Inv) + " 人";
    public static string Count(decimal n) => n.ToString("0.##", Inv);
    public static string Usd(decimal usd) => usd >= 100_000_000m
        ? (usd / 100_000_000m).ToString("0.###", Inv) + " 亿美元"
        : (usd / 10_000m).ToString("0.##", Inv) + " 万美元";
}
