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
    [InlineData("admin")]
    public async Task TheChinesePagesHoldNoLatinOnlyText(string user)
    {
        var page = await browser.SignedIn(app, user);
        var found = new List<string>();
        foreach (var path in PagesOf(user))
            foreach (var t in await VisibleTexts(page, path, skip: ""))
            {
                var words = t.Split([' ', '·', '，', '：', ':', '(', ')', '（', '）', ',', '/', '–'], StringSplitOptions.RemoveEmptyEntries);
                if (words.Length == 0 || words.Any(w => !LatinWord().IsMatch(w))) continue; // any non-Latin part: Chinese text, a number, a code
                if (words.All(Known.Contains)) continue;
                found.Add($"{path}: \"{t}\"");
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
        var page = await browser.SignedIn(app, user);
        await page.GotoAsync("/culture/en?back=/");
        await BrowserFixture.Interactive(page);
        var found = new List<string>();
        foreach (var path in PagesOf(user))
            found.AddRange((await VisibleTexts(page, path, skip: "[lang|=\"zh\"]")).Where(t => Cjk().IsMatch(t)).Select(t => $"{path}: \"{t}\""));
        await page.Context.CloseAsync();
        Assert.True(found.Count == 0, string.Join("\n", found.Distinct().Take(120)));
    }

    /// <summary>Each role's pages, as its menu leads to them.</summary>
    private IReadOnlyList<string> PagesOf(string user) => user switch
    {
        "province" => ["/", "/enterprises", "/review", "/import", "/candidates", $"/enterprises/{InScope(AccessScope.Province)}", $"/enterprises/{InScope(AccessScope.Province)}/edit", "/self-check?step=4", "/self-check?step=5", "/self-check?step=6"],
        "park" => ["/", "/candidates"],
        "nanchang" => ["/", "/enterprises", "/review", "/import", "/candidates"],
        "admin" => ["/calibration", "/review", "/models", "/whatif"],
        _ => ["/", "/self-check?step=1"],
    };

    [GeneratedRegex(@"[\u3400-\u9fff]")]
    private static partial Regex Cjk();

    /// <summary>Every text a reader sees on a page once it is live and the library's tables have left their spinner,
    /// outside elements matching <paramref name="skip"/> (empty: none).</summary>
    private static async Task<IReadOnlyList<string>> VisibleTexts(IPage page, string path, string skip)
    {
        await page.GotoAsync(path);
        await BrowserFixture.Interactive(page);
        await page.WaitForFunctionAsync("() => !document.querySelector('.table-loading')");
        var texts = await page.EvaluateAsync<string[]>("""
            skip => { const out = []; const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
              const hidden = 'script,style,canvas,[hidden],.visually-hidden' + (skip ? ',' + skip : '');
              while (w.nextNode()) { const n = w.currentNode; const e = n.parentElement;
                if (!e || e.closest(hidden) || !e.offsetParent) continue;
                const t = n.textContent.trim(); if (t) out.push(t); }
              return out; }
            """, skip);
        return texts.Distinct().ToList();
    }
}
