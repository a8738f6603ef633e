using System.Buffers;

namespace JxEnterpriseLadder.Rules.Engine;

/// <summary>
/// Splits JSON input into its profiles while reading it, holding one profile at a time: the elements of a JSON array,
/// or a sequence of values (one pretty-printed object, or NDJSON). Only brackets outside strings are counted, so a
/// profile's text is never parsed here; <see cref="ProfileJson"/> parses each piece on its own.
/// </summary>
internal static class ProfileSplitter
{
    /// <summary>A profile's bytes, or the reason it cannot be read (too large, an array that is never closed).</summary>
    public readonly record struct Piece(ReadOnlyMemory<byte> Bytes, string? Problem);

    public static IEnumerable<Piece> Split(Stream input, int maxBytes)
    {
        var chunk = new byte[64 * 1024];
        var current = new ArrayBufferWriter<byte>(4096);
        var depth = 0;
        bool inString = false, escape = false, tooLarge = false;
        bool? array = null; // decided by the first character that is not white space
        var position = 0L;
        int n;
        while ((n = input.Read(chunk, 0, chunk.Length)) > 0)
        {
            for (var i = 0; i < n; i++, position++)
            {
                var b = chunk[i];
                if (position < 3 && b is 0xEF or 0xBB or 0xBF && current.WrittenCount == 0 && array is null) continue; // a UTF-8 BOM
                if (array is null)
                {
                    if (IsSpace(b)) continue;
                    array = b == (byte)'[';
                    if (array == true) continue;
                }
                if (inString)
                {
                    Append(b);
                    if (escape) escape = false;
                    else if (b == (byte)'\\') escape = true;
                    else if (b == (byte)'"') inString = false;
                    continue;
                }
                switch (b)
                {
                    case (byte)'"':
                        inString = true;
                        Append(b);
                        break;
                    case (byte)'{' or (byte)'[':
                        depth++;
                        Append(b);
                        break;
                    case (byte)']' when array == true && depth == 0:
                        // The end of the array: its last element, then anything after it is read as a sequence.
                        if (Emit() is { } last) yield return last;
                        array = false;
                        break;
                    case (byte)'}' or (byte)']':
                        depth--;
                        Append(b);
                        if (array == false && depth <= 0)
                        {
                            depth = 0;
                            if (Emit() is { } value) yield return value;
                        }
                        break;
                    case (byte)',' when array == true && depth == 0:
                        if (Emit() is { } element) yield return element;
                        break;
                    default:
                        // White space between values of a sequence ends a bare value (a number, null …) there.
                        if (array == false && depth == 0 && IsSpace(b))
                        {
                            if (Emit() is { } bare) yield return bare;
                        }
                        else Append(b);
                        break;
                }
            }
        }
        if (Emit() is { } rest) yield return rest;
        if (array == true) yield return new Piece(default, "the JSON array is not closed with ]");

        void Append(byte b)
        {
            if (current.WrittenCount >= maxBytes) { tooLarge = true; return; }
            current.GetSpan(1)[0] = b;
            current.Advance(1);
        }

        Piece? Emit()
        {
            var span = current.WrittenSpan;
            var start = 0;
            while (start < span.Length && IsSpace(span[start])) start++;
            var end = span.Length;
            while (end > start && IsSpace(span[end - 1])) end--;
            Piece? piece = tooLarge ? new Piece(default, $"profile larger than {maxBytes:N0} bytes")
                : end > start ? new Piece(span[start..end].ToArray(), null)
                : null;
            current.ResetWrittenCount();
            tooLarge = false;
            inString = false;
            escape = false;
            depth = 0;
            return piece;
        }
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
}
