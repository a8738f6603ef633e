using System.Security.Claims;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Web.Auth;

namespace JxEnterpriseLadder.Web.Components.Layout;

/// <summary>
/// The console's pages as the left menu and the breadcrumbs name them, in one place: who sees which entry, and the trail
/// from 首页 to the page open now.
/// </summary>
public static class SiteMap
{
    /// <summary>A menu entry: its words, icon and address.</summary>
    public sealed record Entry(string Zh, string En, string Icon, string Url)
    {
        public string Text => Ui.T(Zh, En);
    }

    private static readonly Entry Overview = new("工作概览", "Overview", "bi bi-speedometer2", "/");
    private static readonly Entry Enterprises = new("企业查询", "Enterprises", "bi bi-buildings", "/enterprises");
    private static readonly Entry Review = new("筛查复核", "Screening review", "bi bi-clipboard-check", "/review");
    private static readonly Entry Import = new("数据导入", "Import", "bi bi-upload", "/import");
    private static readonly Entry Candidates = new("候选名单", "Candidates", "bi bi-graph-up-arrow", "/candidates");
    private static readonly Entry Calibration = new("校准对照", "Calibration", "bi bi-sliders", "/calibration");
    private static readonly Entry WhatIf = new("政策模拟", "Policy what-if", "bi bi-bezier2", "/whatif");
    private static readonly Entry Models = new("预测模型", "Prediction models", "bi bi-cpu", "/models");
    private static readonly Entry SelfCheck = new("企业自查", "Self-check", "bi bi-ui-checks", "/self-check");
    private static readonly Entry SignIn = new("登录", "Sign in", "bi bi-box-arrow-in-right", "/login");

    /// <summary>The left menu of a signed-in (or anonymous) user, in the order of their work.</summary>
    public static IReadOnlyList<Entry> MenuFor(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return [SelfCheck, SignIn];
        var scope = UserScope.Of(user);
        return scope?.Role switch
        {
            Roles.Admin => [Overview, Enterprises, Review, Import, Candidates, WhatIf, Models, Calibration, SelfCheck],
            Roles.ProvinceOfficer => [Overview, Enterprises, Review, Import, Candidates, WhatIf, SelfCheck],
            Roles.CityOfficer => [Overview, Enterprises, Review, Import, Candidates, SelfCheck],
            Roles.ParkManager => [Overview, Candidates, SelfCheck],
            // An enterprise's overview is its own record ("/" sends it there): one entry for it.
            Roles.Enterprise => [new("本企业", "My enterprise", "bi bi-building", $"/enterprises/{scope.CreditCode}"), SelfCheck],
            _ => [Overview, SelfCheck],
        };
    }

    /// <summary>The trail to a page (its path without the query): 首页 › 企业查询 › 企业档案 › 编辑.</summary>
    public static IReadOnlyList<(string Text, string? Url)> Trail(string path, ClaimsPrincipal user)
    {
        var home = (Ui.T("首页", "Home"), (string?)"/");
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0) return [(Ui.T("首页", "Home"), null), (Overview.Text, null)];
        var own = UserScope.Of(user) is { Role: Roles.Enterprise } s && segments is ["enterprises", var ownCode, ..] && ownCode == s.CreditCode;
        return segments switch
        {
            ["enterprises"] => [home, (Enterprises.Text, null)],
            ["enterprises", _] when own => [home, (Ui.T("本企业", "My enterprise"), null)],
            ["enterprises", _] => [home, (Enterprises.Text, Enterprises.Url), (Ui.T("企业档案", "Enterprise record"), null)],
            ["enterprises", var code, "edit"] when own => [home, (Ui.T("本企业", "My enterprise"), $"/enterprises/{code}"), (Ui.T("编辑", "Edit"), null)],
            ["enterprises", var code, "edit"] => [home, (Enterprises.Text, Enterprises.Url), (Ui.T("企业档案", "Enterprise record"), $"/enterprises/{code}"), (Ui.T("编辑", "Edit"), null)],
            ["review"] => [home, (Review.Text, null)],
            ["import"] => [home, (Import.Text, null)],
            ["candidates"] => [home, (Candidates.Text, null)],
            ["models"] => [home, (Models.Text, null)],
            ["whatif"] => [home, (WhatIf.Text, null)],
            ["calibration"] => [home, (Calibration.Text, null)],
            ["self-check"] => [home, (SelfCheck.Text, null)],
            ["login"] => [home, (SignIn.Text, null)],
            _ => [home],
        };
    }
}
