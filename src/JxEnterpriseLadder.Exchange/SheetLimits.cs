using System.IO.Compression;
using System.Xml;

namespace JxEnterpriseLadder.Exchange;

/// <summary>
/// What one file may cost to read, whatever its size on disk (configuration Import:MaxUnpackedMegabytes,
/// Import:MaxCellCharacters, Import:MaxRows). A workbook is a zip of XML: a 1 MB file can unpack to gigabytes, hold one
/// cell of a billion characters, or a DTD that expands without end. Each is refused with a message naming the limit,
/// before anything is parsed for import.
/// </summary>
public sealed record SheetLimits(long MaxUnpackedBytes = 256L * 1024 * 1024, int MaxCellCharacters = 32_767, int MaxRows = 250_000)
{
    public static readonly SheetLimits Default = new();
}

/// <summary>Checks a workbook's parts against <see cref="SheetLimits"/> in one streamed pass, never holding a part.</summary>
internal static class WorkbookGuard
{
    public static void Check(string fileName, Stream content, SheetLimits limits)
    {
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            var declared = 0L;
            foreach (var entry in zip.Entries)
            {
                declared += entry.Length;
                if (declared > limits.MaxUnpackedBytes) throw TooLarge(fileName, limits);
            }
            var sheets = SheetNames(zip, fileName, limits);
            var unpacked = 0L;
            // Every part is read (whatever its name: a reader may be pointed at any of them), each byte counted.
            foreach (var entry in zip.Entries)
            {
                using var part = new CountingStream(entry.Open(), limits.MaxUnpackedBytes - unpacked, () => TooLarge(fileName, limits));
                var sheet = sheets.GetValueOrDefault(entry.FullName);
                if (LooksLikeXml(entry.FullName))
                {
                    var rows = Scan(part, fileName, entry.FullName, limits, sheet);
                    if (rows - 1 > limits.MaxRows)
                        throw new UnreadableFileException(sheet is null
                            ? $"{fileName}：超过 {limits.MaxRows:N0} 行的上限，请分成几个文件导入 (more than {limits.MaxRows:N0} rows: split it into several files)"
                            : $"{fileName}：工作表「{sheet}」超过 {limits.MaxRows:N0} 行的上限，请分成几个文件导入 (sheet {sheet} has more than {limits.MaxRows:N0} rows: split it into several files)");
                }
                else part.CopyTo(Stream.Null);
                unpacked += part.Count;
            }
        }
        catch (InvalidDataException e)
        {
            throw new UnreadableFileException($"{fileName}：不是有效的 .xlsx 工作簿 (not a valid .xlsx workbook): {e.Message}");
        }
        finally
        {
            content.Position = 0;
        }
    }

    private static bool LooksLikeXml(string name) =>
        !name.EndsWith(".png", StringComparison.OrdinalIgnoreCase) && !name.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase)
        && !name.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) && !name.EndsWith(".bin", StringComparison.OrdinalIgnoreCase)
        && !name.EndsWith(".emf", StringComparison.OrdinalIgnoreCase) && !name.EndsWith(".wmf", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads a part node by node: refuses a DTD, measures each text without building it, counts rows.</summary>
    private static int Scan(Stream part, string fileName, string partName, SheetLimits limits, string? sheet)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, CloseInput = false,
            MaxCharactersInDocument = limits.MaxUnpackedBytes,
        };
        var rows = 0;
        var chunk = new char[4096];
        try
        {
            using var reader = XmlReader.Create(part, settings);
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        if (reader.LocalName == "row") rows++;
                        // An attribute is always built whole by the reader: measured here, before any other reader builds it again.
                        while (reader.MoveToNextAttribute())
                            if (reader.Value.Length > limits.MaxCellCharacters)
                                throw new UnreadableFileException($"{fileName}：{(sheet is null ? "" : $"工作表「{sheet}」")}有单元格超过 {limits.MaxCellCharacters:N0} 个字符的上限 (a cell {(sheet is null ? "" : $"of sheet {sheet} ")}is longer than {limits.MaxCellCharacters:N0} characters)");
                        reader.MoveToElement();
                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace:
                        long length = 0;
                        int n;
                        while ((n = reader.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
                            if ((length += n) > limits.MaxCellCharacters)
                                throw new UnreadableFileException($"{fileName}：{(sheet is null ? "" : $"工作表「{sheet}」")}有单元格超过 {limits.MaxCellCharacters:N0} 个字符的上限 (a cell {(sheet is null ? "" : $"of sheet {sheet} ")}is longer than {limits.MaxCellCharacters:N0} characters)");
                        break;
                }
            }
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            throw new UnreadableFileException($"{fileName}：含有文档类型定义（DTD），出于安全原因拒绝读取 (contains a DTD in {partName}: refused for safety)");
        }
        catch (XmlException e)
        {
            throw new UnreadableFileException($"{fileName}：不是有效的 .xlsx 工作簿，{partName} 不是有效的 XML (not a valid .xlsx workbook: {partName} is not valid XML: {e.Message})");
        }
        return rows;
    }

    /// <summary>The worksheet parts and their sheet names (xl/workbook.xml and its relationships).</summary>
    private static Dictionary<string, string> SheetNames(ZipArchive zip, string fileName, SheetLimits limits)
    {
        var ids = new Dictionary<string, string>(); // relationship id → sheet name
        var targets = new Dictionary<string, string>(); // relationship id → part
        Read(zip.GetEntry("xl/workbook.xml"), r =>
        {
            if (r.NodeType == XmlNodeType.Element && r.LocalName == "sheet" && r.GetAttribute("name") is { } name
                && r.GetAttribute("id", "http://schemas.openxmlformats.org/officeDocument/2006/relationships") is { } id)
                ids[id] = name;
        });
        Read(zip.GetEntry("xl/_rels/workbook.xml.rels"), r =>
        {
            if (r.NodeType == XmlNodeType.Element && r.LocalName == "Relationship" && r.GetAttribute("Id") is { } id && r.GetAttribute("Target") is { } target)
                targets[id] = target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target;
        });
        return ids.Where(i => targets.ContainsKey(i.Key)).ToDictionary(i => targets[i.Key], i => i.Value);

        void Read(ZipArchiveEntry? entry, Action<XmlReader> visit)
        {
            if (entry is null) return;
            using var part = new CountingStream(entry.Open(), Math.Min(limits.MaxUnpackedBytes, 16L * 1024 * 1024), () => TooLarge(fileName, limits));
            try
            {
                using var reader = XmlReader.Create(part, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = 16L * 1024 * 1024 });
                while (reader.Read()) visit(reader);
            }
            catch (XmlException e)
            {
                throw new UnreadableFileException(e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase)
                    ? $"{fileName}：含有文档类型定义（DTD），出于安全原因拒绝读取 (contains a DTD in {entry.FullName}: refused for safety)"
                    : $"{fileName}：不是有效的 .xlsx 工作簿，{entry.FullName} 不是有效的 XML (not a valid .xlsx workbook: {entry.FullName} is not valid XML)");
            }
        }
    }

    private static UnreadableFileException TooLarge(string fileName, SheetLimits limits) =>
        new($"{fileName}：解压后超过 {limits.MaxUnpackedBytes / 1024 / 1024:N0} MB 的上限 (unpacks to more than {limits.MaxUnpackedBytes / 1024 / 1024:N0} MB)");

    /// <summary>Counts what is read from a part and stops past a budget: a zip entry's declared size may lie.</summary>
    private sealed class CountingStream(Stream inner, long budget, Func<Exception> overBudget) : Stream
    {
        public long Count { get; private set; }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            if ((Count += n) > budget) throw overBudget();
            return n;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Count; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
