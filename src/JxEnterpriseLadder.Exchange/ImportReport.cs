using MiniExcelLibs;

namespace JxEnterpriseLadder.Exchange;

/// <summary>An import's problems as a spreadsheet an officer can sort and send back: one row per problem.</summary>
public static class ImportReport
{
    public static void Write(IEnumerable<ImportProblem> problems, Stream output) =>
        output.SaveAs(Domain.SpreadsheetText.ForPeople(problems.Select(p => new Dictionary<string, object?>
        {
            ["文件 File"] = p.File,
            ["工作表 Sheet"] = p.Sheet,
            ["行 Row"] = p.Row,
            ["列 Column"] = p.Column,
            ["值 Value"] = p.Value,
            ["问题 Problem"] = p.Message,
            ["统一社会信用代码 Credit code"] = p.CreditCode,
        })), sheetName: "问题");
}
