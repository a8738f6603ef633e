using System.Globalization;

namespace JxEnterpriseLadder.Exchange;

/// <summary>
/// A cell's value as its column's type, or the reason it is not one (in Chinese, then English). Numbers may arrive as
/// numbers (xlsx) or text (CSV, or xlsx cells stored as text); dates as dates, Excel serial numbers or text.
/// </summary>
public static class CellValues
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyy年M月d日", "yyyyMMdd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy/M/d H:mm:ss", "yyyy/M/d H:mm"];

    /// <summary>The largest amount NUMERIC(18,2) holds.</summary>
    private const decimal MaxAmount = 9_999_999_999_999_999.99m;

    public static bool IsEmpty(object? v) => v is null || v is string s && s.Trim().Length == 0;

    /// <summary>Text as written: kept verbatim (a name may hold anything but U+0000, which no database stores), less the
    /// apostrophe an export puts before a text that starts like a formula (<see cref="Domain.SpreadsheetText"/>).</summary>
    public static (string? Value, string? Error) Text(object? v)
    {
        var s = v switch
        {
            null => null,
            string t => Domain.SpreadsheetText.Unguard(t),
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            DateTime dt => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            _ => Convert.ToString(v, CultureInfo.InvariantCulture),
        };
        if (s is not null && s.Contains('\0')) return (null, "含有空字符 U+0000，无法存储 (contains U+0000, which cannot be stored)");
        return (string.IsNullOrEmpty(s) ? null : s, null);
    }

    public static (int? Value, string? Error) Integer(object? v)
    {
        switch (v)
        {
            case double d when d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue: return ((int)d, null);
            case double: return (null, "应为整数 (must be a whole number)");
            case string s when int.TryParse(s.Trim().Replace(",", ""), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i): return (i, null);
            case bool: return (null, "应为整数 (must be a whole number)");
            default: return (null, "应为整数 (must be a whole number)");
        }
    }

    /// <summary>An amount, multiplied by <paramref name="scale"/> (10,000 for a 万元 column), rounded to the fen as stored.</summary>
    public static (decimal? Value, string? Error) Amount(object? v, decimal scale)
    {
        decimal? d = v switch
        {
            double x when !double.IsNaN(x) && !double.IsInfinity(x) && Math.Abs(x) < 1e17 => (decimal)x,
            string s when decimal.TryParse(s.Trim().Replace(",", ""), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var p) => p,
            _ => null,
        };
        if (d is null) return (null, "应为数值 (must be a number)");
        var value = Math.Round(d.Value * scale, 2, MidpointRounding.AwayFromZero);
        if (Math.Abs(value) > MaxAmount) return (null, "数值超出范围 (number out of range)");
        return (value, null);
    }

    /// <summary>A share as a fraction (0.125), or a percentage written with its sign ("12.5%"); kept to six decimals as stored.</summary>
    public static (decimal? Value, string? Error) Share(object? v)
    {
        var text = v switch
        {
            double x when Math.Abs(x) < 1e6 => ((decimal)x).ToString(CultureInfo.InvariantCulture),
            string s => s.Trim(),
            _ => null,
        };
        var percent = text?.EndsWith('%') == true;
        if (text is null || !decimal.TryParse(text.TrimEnd('%').Replace(",", ""), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture, out var d) || Math.Abs(d) > 1_000_000m)
            return (null, "应为小数或百分数，如 0.12 或 12% (a fraction or a percentage, e.g. 0.12 or 12%)");
        return (Math.Round(percent ? d / 100 : d, 6, MidpointRounding.AwayFromZero), null);
    }

    public static (DateOnly? Value, string? Error) Date(object? v)
    {
        switch (v)
        {
            case DateTime dt: return (DateOnly.FromDateTime(dt), null);
            case double d when d is > 0 and < 2958466: return (DateOnly.FromDateTime(DateTime.FromOADate(d)), null); // Excel's serial day number
            case string s when DateTime.TryParseExact(s.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var p): return (DateOnly.FromDateTime(p), null);
            default: return (null, "应为日期，如 2021-05-03 (must be a date such as 2021-05-03)");
        }
    }

    public static (bool? Value, string? Error) Boolean(object? v)
    {
        switch (v)
        {
            case bool b: return (b, null);
            case double d when d is 0 or 1: return (d == 1, null);
            case string s:
                switch (s.Trim().ToLowerInvariant())
                {
                    case "是" or "true" or "1" or "y" or "yes" or "√": return (true, null);
                    case "否" or "false" or "0" or "n" or "no" or "×": return (false, null);
                }
                break;
        }
        return (null, "应为 是/否 (must be yes or no: 是/否, true/false, 1/0)");
    }

    /// <summary>A value as a report shows it: text as is (cut at 200 characters), numbers invariant.</summary>
    public static string? Show(object? v) => v switch
    {
        null => null,
        string s => s.Length > 200 ? s[..200] + "…" : s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Convert.ToString(v, CultureInfo.InvariantCulture),
    };
}
