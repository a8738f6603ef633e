namespace JxEnterpriseLadder.Rules.Engine;

/// <summary>
/// A share the law sets a line for (研发费用/销售收入, 科技人员/职工总数, …): the decimal quotient of two amounts. It is
/// compared with a line exactly as that quotient would be, but the division, a screening's costliest arithmetic, is done
/// only when a double's estimate is too close to the line to tell, or when the value is shown.
/// </summary>
internal readonly struct Ratio
{
    private readonly decimal _numerator, _denominator;
    private readonly double _estimate;

    /// <param name="denominator">Not zero: the callers decide the zero case by the law's words first.</param>
    public Ratio(decimal numerator, decimal denominator)
    {
        _numerator = numerator;
        _denominator = denominator;
        _estimate = (double)numerator / (double)denominator;
    }

    /// <summary>The quotient, as decimal division gives it.</summary>
    public decimal Value => _numerator / _denominator;

    public bool AtLeast(decimal line) => CompareTo(line) >= 0;

    public bool Above(decimal line) => CompareTo(line) > 0;

    /// <summary>The sign of (quotient − line).</summary>
    public int CompareTo(decimal line)
    {
        // Converting and dividing in doubles is off by a few parts in 10¹⁶, decimal division by less than one in 10²⁷:
        // outside a margin of one part in 10¹² the estimate's side of the line is the quotient's.
        var side = Estimate.Side(_estimate, 1e-12 * Math.Abs(_estimate), line);
        return side != 0 ? side : Value.CompareTo(line);
    }
}

/// <summary>Which side of a line of the law a double's estimate of a decimal value is on, when it can tell.</summary>
internal static class Estimate
{
    /// <summary>1 or −1 when the estimate, within <paramref name="margin"/> of the value, is clearly above or below
    /// <paramref name="line"/> (the line's own conversion to a double allowed for); 0 when only the exact value can tell.</summary>
    public static int Side(double estimate, double margin, decimal line)
    {
        var l = (double)line;
        var difference = estimate - l;
        var within = margin + 1e-12 * Math.Abs(l);
        return difference > within ? 1 : difference < -within ? -1 : 0;
    }
}
