using System.Text;
using MiniExcelLibs;

namespace JxEnterpriseLadder.Exchange;

/// <summary>A row of a sheet as read: its row number in the file (1 is the header) and its cells in column order.</summary>
public sealed record RawRow(int Number, IReadOnlyList<object?> Cells);

/// <summary>One sheet of a file (a CSV file is one sheet, named after the file): its header cells and its rows, read lazily.</summary>
public sealed record RawSheet(string File, string Name, IReadOnlyList<object?> Header, IEnumerable<RawRow> Rows);

/// <summary>A file that is not a spreadsheet we read, or cannot be read at all: the message says which and why.</summary>
public sealed class UnreadableFileException(string message) : Exception(message);

/// <summary>
/// Opens .xlsx workbooks (MiniExcel, streamed) and CSV files in UTF-8 (with or without BOM), UTF-16 with BOM, or
/// GB18030/GBK, the encodings Chinese office software writes. Anything else is refused by its content, not its name.
/// </summary>
public static class SpreadsheetReader
{
    static SpreadsheetReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

    public static Encoding Gb18030 => Encoding.GetEncoding(54936);

    /// <summary>The sheets of a file. <paramref name="content"/> must be seekable and stay open while the rows are read.</summary>
    public static IReadOnlyList<RawSheet> Open(string fileName, Stream content, SheetLimits? limits = null)
    {
        limits ??= SheetLimits.Default;
        var head = new byte[8];
        var n = content.Read(head, 0, head.Length);
        content.Position = 0;
        if (n == 0) throw new UnreadableFileException($"{fileName}：文件为空 (the file is empty)");
        if (n >= 4 && head[0] == 0x50 && head[1] == 0x4B && head[2] == 0x03 && head[3] == 0x04) return OpenXlsx(fileName, content, limits);
        if (n >= 4 && head[0] == 0xD0 && head[1] == 0xCF && head[2] == 0x11 && head[3] == 0xE0)
            throw new UnreadableFileException($"{fileName}：旧版 Excel (.xls) 文件不受支持，请另存为 .xlsx 或 CSV (legacy .xls is not supported: save as .xlsx or CSV)");
        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        if (ext is not (".csv" or ".txt"))
            throw new UnreadableFileException($"{fileName}：不是表格文件，只接受 .xlsx 和 CSV (not a spreadsheet: only .xlsx and CSV are accepted)");
        return [OpenCsv(fileName, content, limits)];
    }

    private static IReadOnlyList<RawSheet> OpenXlsx(string fileName, Stream content, SheetLimits limits)
    {
        WorkbookGuard.Check(fileName, content, limits);
        List<string> names;
        try
        {
            names = MiniExcel.GetSheetNames(content);
            content.Position = 0;
        }
        catch (Exception e) when (e is InvalidDataException or System.Xml.XmlException or InvalidOperationException or NotSupportedException or IOException or KeyNotFoundException or NullReferenceException)
        {
            throw new UnreadableFileException($"{fileName}：不是有效的 .xlsx 工作簿 (not a valid .xlsx workbook): {e.Message}");
        }
        return names.Select(name =>
        {
            var rows = Rows(fileName, content, name);
            using var first = rows.GetEnumerator();
            var header = first.MoveNext() ? first.Current.Cells : [];
            return new RawSheet(fileName, name, header, Rows(fileName, content, name).Skip(1));
        }).ToList();
    }

    private static IEnumerable<RawRow> Rows(string fileName, Stream content, string sheet)
    {
        content.Position = 0;
        var number = 0;
        using var rows = content.Query(useHeaderRow: false, sheetName: sheet).GetEnumerator();
        while (true)
        {
            IDictionary<string, object?> row;
            // Whatever the reader stumbles on reaches the officer as a message naming the file, never as a crash.
            try
            {
                if (!rows.MoveNext()) yield break;
                row = (IDictionary<string, object?>)rows.Current;
            }
            catch (Exception e) when (e is InvalidDataException or System.Xml.XmlException or InvalidOperationException or NotSupportedException
                                          or IOException or KeyNotFoundException or NullReferenceException or FormatException or InvalidCastException)
            {
                throw new UnreadableFileException($"{fileName}：工作表「{sheet}」第 {number + 1} 行无法读取 (sheet {sheet}, row {number + 1} cannot be read): {e.Message}");
            }
            yield return new RawRow(++number, row.Values.ToArray());
        }
    }

    private static RawSheet OpenCsv(string fileName, Stream content, SheetLimits limits)
    {
        using var buffer = new MemoryStream();
        content.CopyTo(buffer);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        string text;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) text = Decode(StrictUtf8, bytes[3..], fileName, "UTF-8");
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) text = Encoding.Unicode.GetString(bytes[2..]);
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) text = Encoding.BigEndianUnicode.GetString(bytes[2..]);
        else
        {
            if (bytes.IndexOf((byte)0) >= 0)
                throw new UnreadableFileException($"{fileName}：含有二进制内容，不是 CSV 文本 (binary content: not a CSV text file)");
            try { text = StrictUtf8.GetString(bytes); }
            catch (DecoderFallbackException)
            {
                // Not UTF-8: the Chinese Windows default, unless the bytes read as Japanese (they also decode as GB18030,
                // into rare characters, so that a Shift-JIS file would otherwise import as nonsense without a word).
                if (LooksLikeShiftJis(bytes))
                    throw new UnreadableFileException($"{fileName}：看起来是日文 Shift-JIS 编码，请以 UTF-8 或 GB18030 保存后再导入 (looks like Japanese Shift-JIS: save it as UTF-8 or GB18030)");
                text = Decode(Gb18030, bytes, fileName, "GB18030/GBK");
            }
        }
        var rows = Csv.Parse(text, fileName, limits).Select((cells, i) => new RawRow(i + 1, cells)).ToList();
        if (rows.Count == 0) throw new UnreadableFileException($"{fileName}：文件为空 (the file is empty)");
        return new RawSheet(fileName, Path.GetFileNameWithoutExtension(fileName), rows[0].Cells, rows.Skip(1));
    }

    /// <summary>
    /// Chinese text in GB18030 is mostly GB2312 characters (lead and trail bytes 0xA1–0xFE). Japanese Shift-JIS puts
    /// kana and most kanji on lead bytes 0x81–0xA0, which GB18030 reads as rare characters: when those are the
    /// majority and the bytes are valid Shift-JIS, the file is taken for Japanese.
    /// </summary>
    private static bool LooksLikeShiftJis(ReadOnlySpan<byte> bytes)
    {
        int common = 0, rare = 0;
        for (var i = 0; i < bytes.Length;)
        {
            var b = bytes[i];
            if (b < 0x80 || i + 1 >= bytes.Length) { i++; continue; }
            var trail = bytes[i + 1];
            if (trail is >= 0x30 and <= 0x39) { rare++; i += 4; continue; } // a four-byte GB18030 sequence
            if (b is >= 0xA1 and <= 0xF7 && trail is >= 0xA1 and <= 0xFE) common++; else rare++;
            i += 2;
        }
        if (rare < 2 || rare <= common) return false;
        var shiftJis = (Encoding)Encoding.GetEncoding(932).Clone();
        shiftJis.DecoderFallback = DecoderFallback.ExceptionFallback;
        try { shiftJis.GetString(bytes); return true; }
        catch (DecoderFallbackException) { return false; }
    }

    private static string Decode(Encoding encoding, ReadOnlySpan<byte> bytes, string fileName, string name)
    {
        var strict = (Encoding)encoding.Clone();
        strict.DecoderFallback = DecoderFallback.ExceptionFallback;
        try { return strict.GetString(bytes); }
        catch (DecoderFallbackException)
        {
            throw new UnreadableFileException($"{fileName}：无法按 {name} 解码，请以 UTF-8 或 GB18030 保存 (cannot be decoded as {name}: save it as UTF-8 or GB18030)");
        }
    }
}

/// <summary>CSV as RFC 4180 writes it: comma-separated, fields quoted with "" when they hold a comma, a quote or a line break.</summary>
public static class Csv
{
    public static IEnumerable<IReadOnlyList<object?>> Parse(string text, string fileName, SheetLimits? limits = null)
    {
        limits ??= SheetLimits.Default;
        var rows = 0;
        var row = new List<object?>();
        var field = new StringBuilder();
        var quoted = false;
        var line = 1;
        var i = 0;
        while (i < text.Length)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                if (ch == '"') { quoted = false; i++; continue; }
                if (ch == '\n') line++;
                field.Append(ch); i++;
                if (field.Length > limits.MaxCellCharacters) throw CellTooLong(fileName, line, limits);
                continue;
            }
            switch (ch)
            {
                case '"' when field.Length == 0: quoted = true; i++; break;
                case ',': row.Add(Cell(field)); i++; break;
                case '\r' or '\n':
                    row.Add(Cell(field));
                    if (++rows - 1 > limits.MaxRows) throw TooManyRows(fileName, limits);
                    yield return row;
                    row = [];
                    i += ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                    line++;
                    break;
                default:
                    field.Append(ch); i++;
                    if (field.Length > limits.MaxCellCharacters) throw CellTooLong(fileName, line, limits);
                    break;
            }
        }
        if (quoted) throw new UnreadableFileException($"{fileName}：第 {line} 行起的引号没有闭合 (unclosed quote from line {line})");
        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(Cell(field));
            if (++rows - 1 > limits.MaxRows) throw TooManyRows(fileName, limits);
            yield return row;
        }
    }

    private static UnreadableFileException CellTooLong(string fileName, int line, SheetLimits limits) =>
        new($"{fileName}：第 {line} 行有单元格超过 {limits.MaxCellCharacters:N0} 个字符的上限 (line {line} has a cell longer than {limits.MaxCellCharacters:N0} characters)");

    private static UnreadableFileException TooManyRows(string fileName, SheetLimits limits) =>
        new($"{fileName}：超过 {limits.MaxRows:N0} 行的上限，请分成几个文件导入 (more than {limits.MaxRows:N0} rows: split it into several files)");

    private static object? Cell(StringBuilder field)
    {
        var s = field.ToString();
        field.Clear();
        return s.Length == 0 ? null : s;
    }

    /// <summary>One field as RFC 4180 writes it.</summary>
    public static string Quote(string? value) =>
        value is null ? "" : value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value.StartsWith(' ') || value.EndsWith(' ') ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}
