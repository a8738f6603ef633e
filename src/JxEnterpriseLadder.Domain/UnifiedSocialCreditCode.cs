namespace JxEnterpriseLadder.Domain;

/// <summary>
/// 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet; the last is a
/// check character computed over the first 17 with fixed weights (modulus 31).
/// </summary>
public static class UnifiedSocialCreditCode
{
    // GB 32100-2015 §4: digits and upper-case letters without I, O, Z, S, V.
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public static bool IsValid(string? code) => Validate(code) is null;

    /// <summary>Returns null when valid, otherwise a Chinese/English reason suitable for an error message.</summary>
    public static string? Validate(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return "统一社会信用代码为空 (credit code is empty)";
        if (code.Length != 18) return $"统一社会信用代码应为 18 位，实为 {code.Length} 位 (must be 18 characters)";
        for (var i = 0; i < 18; i++)
            if (Alphabet.IndexOf(code[i]) < 0)
                return $"第 {i + 1} 位字符 '{code[i]}' 不在允许的字符集中 (character not allowed)";
        var expected = CheckCharacter(code.AsSpan(0, 17));
        return code[17] == expected ? null : $"校验码应为 '{expected}'，实为 '{code[17]}' (check character mismatch)";
    }

    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17) throw new ArgumentException("17 characters expected", nameof(first17));
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Alphabet.IndexOf(first17[i]);
            if (value < 0) throw new ArgumentException($"character '{first17[i]}' not allowed", nameof(first17));
            sum += value * Weights[i];
        }
        var check = (31 - sum % 31) % 31;
        return Alphabet[check];
    }
}
