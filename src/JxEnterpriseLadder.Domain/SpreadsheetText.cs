namespace JxEnterpriseLadder.Domain;

/// <summary>
/// Text written to a spreadsheet that people open: a value that Excel or WPS would take for a formula (it starts with
/// = + - @, a tab or a carriage return) gets a leading apostrophe, so it shows as the text it is and never runs. The
/// importer takes the apostrophe off again (<see cref="Unguard"/>), so an export imported back gives identical data.
/// </summary>
public static class SpreadsheetText
{
    private static bool Dangerous(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>True when, past any apostrophes it already starts with, the text starts like a formula.</summary>
    private static bool LooksLikeFormula(string s, out int apostrophes)
    {
        apostrophes = 0;
        while (apostrophes < s.Length && s[apostrophes] == '\'') apostrophes++;
        return apostrophes < s.Length && Dangerous(s[apostrophes]);
    }

    public static string? Guard(string? s) => s is not null && LooksLikeFormula(s, out _) ? "'" + s : s;

    /// <summary>Texts guarded; numbers, dates and the rest as they are.</summary>
    public static object? Guard(object? v) => v is string s ? Guard(s) : v;

    /// <summary>The text as it was before <see cref="Guard(string?)"/>.</summary>
    public static string Unguard(string s) => LooksLikeFormula(s, out var apostrophes) && apostrophes > 0 ? s[1..] : s;

    /// <summary>Rows of a sheet with every text guarded.</summary>
    public static IEnumerable<Dictionary<string, object?>> ForPeople(IEnumerable<Dictionary<string, object?>> rows) =>
        rows.Select(r => r.ToDictionary(c => c.Key, c => Guard(c.Value)));
}
