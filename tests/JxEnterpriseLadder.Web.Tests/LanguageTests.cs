using System.Text.RegularExpressions;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Services;
using Microsoft.Playwright;

namespace JxEnterpriseLadder.Web.Tests;

/// <summary>
/// No developer's word in the Chinese pages: every visible text of each role's pages is read in chromium, and a text
/// made of Latin words only (not a credit code, a date, a number or a file type people know) fails the test.
/// </summary>
[Collection("app")]
public sealed partial class LanguageTests(AppFixture app, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    // Words people read in a Chinese office: file types, the language switch, grades and Roman numerals of the law.
    private static readonly HashSet<string> Known = ["English", "Excel", "xlsx", "CSV", "PDF", "A", "B", "C", "D", "E", "GB18030", "GBK", "UTF-8", "Ⅰ", "Ⅱ", "P1", "AA"];

    [GeneratedRegex(@"^[A-Za-z][A-Za-z\-_/.@]*[A-Za-z]$")]
    private static partial Regex LatinWord();

    private string InScope(AccessScope scope) => app.FirstEnterpriseIn(scope);

    [Theory]
    [InlineData("province")]
    [InlineData("park")]
    [InlineData("enterprise")]
    public async Task TheChinesePagesHoldNoLatinOnlyText(string user)
    {
        IReadOnlyList<string> pages = user switch
        {
            "province" => ["/", "/enterprises", "/review", "/import", "/candidates", $"/enterprises/{InScope(AccessScope.Province)}", $"/enterprises/{InScope(AccessScope.Province)}/edit", "/self-check?step=4"],
            "park" => ["/", "/candidates"],
            _ => ["/", "/self-check?step=1"],
        };
        var page = await browser.SignedIn(app, user);
        var found = new List<string>();
        foreach (var path in pages)
        {
            await page.GotoAsync(path);
            await BrowserFixture.Interactive(page);
            var texts = await page.EvaluateAsync<string[]>("""
                () => { const out = []; const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                  while (w.nextNode()) { const n = w.currentNode; const e = n.parentElement;
                    if (!e || e.closest('script,style,canvas,[hidden],.visually-hidden') || !e.offsetParent) continue;
                    const t = n.textContent.trim(); if (t) out.push(t); }
                  return out; }
                """);
            foreach (var t in texts.Distinct())
            {
                var words = t.Split([' ', '·', '，', '：', ':', '(', ')', '（', '）', ',', '/', '–'], StringSplitOptions.RemoveEmptyEntries);
                if (words.Length == 0 || words.Any(w => !LatinWord().IsMatch(w))) continue; // any non-Latin part: Chinese text, a number, a code
                if (words.All(Known.Contains)) continue;
                found.Add($"{path}: \"{t}\"");
            }
        }
        await page.Context.CloseAsync();
        Assert.True(found.Count == 0, string.Join("\n", found.Distinct()));
    }

    /// <summary>
    /// The other way round: in English no Chinese text outside data values. A data value is what the registry or the law
    /// holds in Chinese (an enterprise's, city's, park's or chain's name, a person's display name, the engine's legal
    /// explanations): the pages mark it lang="zh-CN", which also tells a screen reader to read it as Chinese.
    /// </summary>
    [Theory]
    [InlineData("province")]
    [InlineData("park")]
    [InlineData("enterprise")]
    [InlineData("nanchang")]
    [InlineData("admin")]
    public async Task TheEnglishPagesHoldNoChineseOutsideDataValues(string user)
    {
        IReadOnlyList<string> pages = user switch
        {
            "province" => ["/", "/enterprises", "/review", "/import", "/candidates", $"/enterprises/{InScope(AccessScope.Province)}", $"/enterprises/{InScope(AccessScope.Province)}/edit", "/self-check?step=4"],
            "park" => ["/", "/candidates"],
            "nanchang" => ["/", "/enterprises", "/review", "/import", "/candidates"],
            "admin" => ["/calibration", "/review"],
            _ => ["/", "/self-check?step=1"],
        };
        var page = await browser.SignedIn(app, user);
        await page.GotoAsync("/culture/en?back=/");
        await BrowserFixture.Interactive(page);
        var found = new List<string>();
        foreach (var path in pages)
        {
            await page.GotoAsync(path);
            await BrowserFixture.Interactive(page);
            // The library's tables fill once the page is live: wait for them to leave their spinner.
            await page.WaitForFunctionAsync("() => !document.querySelector('.table-loading')");
            var texts = await page.EvaluateAsync<string[]>("""
                () => { const out = []; const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                  while (w.nextNode()) { const n = w.currentNode; const e = n.parentElement;
                    if (!e || e.closest('script,style,canvas,[hidden],.visually-hidden,[lang|="zh"]') || !e.offsetParent) continue;
                    const t = n.textContent.trim(); if (/[\u3400-\u9fff]/.test(t)) out.push(t); }
                  return out; }
                """);
            found.AddRange(texts.Distinct().Select(t => $"{path}: \"{t}\""));
        }
        await page.Context.CloseAsync();
        Assert.True(found.Count == 0, string.Join("\n", found.Distinct().Take(120)));
    }
}
