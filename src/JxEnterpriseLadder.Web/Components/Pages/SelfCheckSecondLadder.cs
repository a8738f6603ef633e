using System.Globalization;
using System.Text.RegularExpressions;
using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Domain.Profiles;
using JxEnterpriseLadder.Domain.Registry;

namespace JxEnterpriseLadder.Web.Components.Pages;

/// <summary>How a typed figure is read: a count of people or items, an amount in 万元, or a score.</summary>
public enum FigureKind { Count, Money, Score }

/// <summary>Figures as typed on a Chinese keyboard, read the same way in every step of the self-check.</summary>
public static class TypedFigures
{
    /// <summary>The value (money in yuan), or null with the reason added under the field's id.</summary>
    public static decimal? Read(string id, string? text, FigureKind kind, List<(string Id, string Message)> errors)
    {
        if (text is null) return null;
        // Full-width digits (１００) and thousands separators as typed on a Chinese keyboard.
        var normalised = text.Normalize(System.Text.NormalizationForm.FormKC).Replace(",", "").Replace(" ", "");
        if (!decimal.TryParse(normalised, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add((id, Ui.T($"「{text}」不是数字", $"'{text}' is not a number")));
            return null;
        }
        if (kind == FigureKind.Count && value != Math.Floor(value))
        {
            errors.Add((id, Ui.T("应为整数", "must be a whole number")));
            return null;
        }
        if (Math.Abs(value) > 1_000_000_000m)
        {
            errors.Add((id, Ui.T("数值过大，请核对单位（万元）", "too large: check the unit (10,000 yuan)")));
            return null;
        }
        return kind == FigureKind.Money ? value * 10_000m : value;
    }

    public static int? Count(string id, string? text, List<(string Id, string Message)> errors) =>
        Read(id, text, FigureKind.Count, errors) is { } v ? (int)v : null;

    public static string? Wan(decimal? yuan) => yuan is { } v ? Math.Round(v / 10_000m, 2).ToString(CultureInfo.InvariantCulture) : null;

    /// <summary>A figure as typed back into the form: without the trailing zeros a database's scale adds (12.5, not 12.500000).</summary>
    public static string? Text(decimal? n) => (n / 1.000000000000000000000000000000000m)?.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// The self-check's answers for the second ladder (创新型 → 专精特新 → 小巨人, 示范企业; criteria-quality-sme.md §7): the main
/// product, management and quality, and the items the tiers count. A list the firm has not answered stays unknown (its
/// tiers say what is missing); "none" is an answer.
/// </summary>
public sealed partial class SecondLadderAnswers
{
    public string? SizeIndustry { get; set; }
    public bool? ChineseControlled { get; set; }
    public bool? RelatedToLittleGiant { get; set; }
    public string? NicheMarket { get; set; }
    public DateOnly? NicheEnteredOn { get; set; }
    /// <summary>Typed in percent (12.5 for 12.5%).</summary>
    public string? MarketSharePercent { get; set; }
    public bool? StrategicEmerging { get; set; }
    public string? ChainRole { get; set; }
    public bool? KeyChainLink { get; set; }
    public bool? PriorityField { get; set; }
    public string? DigitalisationLevel { get; set; }
    public string? CoreBusinessesOnSystems { get; set; }
    public bool? QualityAward { get; set; }
    public bool? QualitySystemCertificate { get; set; }
    public bool? OwnBrand { get; set; }
    public bool? StandardDrafting { get; set; }
    public bool? DevelopedMarketCertification { get; set; }

    /// <summary>Whether the firm holds the items of each list: null unanswered, false none, true the rows below.</summary>
    public bool? HasIpItems { get; set; }
    public List<IpGroup> IpGroups { get; } = [];
    public bool? HasInstitutions { get; set; }
    public List<InstitutionRow> Institutions { get; } = [];
    public bool? HasAwards { get; set; }
    public List<AwardRow> Awards { get; } = [];
    public bool? HasContestResults { get; set; }
    public List<ContestRow> ContestResults { get; } = [];
    public bool? HasTitles { get; set; }
    public List<TitleRow> Titles { get; } = [];

    /// <summary>The most IP items one row may stand for, and all rows together: a firm lists its items by kind, and no
    /// threshold of the law counts near so many.</summary>
    public const int MostItemsPerRow = 999, MostItems = 2_000;

    /// <summary>Items alike in every attribute the tiers read, typed once with their number.</summary>
    public sealed class IpGroup
    {
        public string? Count { get; set; } = "1";
        public int Class { get; set; } = 1;
        public DateOnly? GrantedOn { get; set; }
        public bool? RelatedToMainProduct { get; set; }
        public bool? HighValue { get; set; }
        public bool? SelfDeveloped { get; set; }
        public DateOnly? AcquiredOn { get; set; }
        public bool? AppliedWithBenefit { get; set; }
    }

    public sealed class InstitutionRow
    {
        public string Level { get; set; } = QualityVocabulary.Provincial;
        public string? Kind { get; set; }
        public DateOnly? RecognisedOn { get; set; }
        public bool? Joint { get; set; }
    }

    public sealed class AwardRow
    {
        public string Level { get; set; } = QualityVocabulary.Provincial;
        public DateOnly? AwardedOn { get; set; }
        public string? Rank { get; set; }
    }

    public sealed class ContestRow
    {
        public string? Year { get; set; }
        public int NationalTop { get; set; } = QualityVocabulary.ContestTops[^1];
    }

    public sealed class TitleRow
    {
        public string Title { get; set; } = TierIds.InnovativeSme;
        public DateOnly? IssuedOn { get; set; }
        public DateOnly? ExpiresOn { get; set; }
    }

    /// <summary>The answers a registry profile already gives.</summary>
    public static SecondLadderAnswers From(EnterpriseProfile p)
    {
        var a = new SecondLadderAnswers
        {
            SizeIndustry = p.SizeIndustry, ChineseControlled = p.ChineseControlled, RelatedToLittleGiant = p.RelatedToLittleGiant,
            NicheMarket = p.MainProduct?.NicheMarket, NicheEnteredOn = p.MainProduct?.NicheEnteredOn,
            MarketSharePercent = TypedFigures.Text(p.MainProduct?.NationalMarketShare * 100), StrategicEmerging = p.MainProduct?.StrategicEmerging,
            ChainRole = p.MainProduct?.ChainRole, KeyChainLink = p.MainProduct?.KeyChainLink, PriorityField = p.MainProduct?.PriorityField,
            DigitalisationLevel = TypedFigures.Text(p.Management?.DigitalisationLevel), CoreBusinessesOnSystems = TypedFigures.Text(p.Management?.CoreBusinessesOnSystems),
            QualityAward = p.Management?.QualityAward, QualitySystemCertificate = p.Management?.QualitySystemCertificate, OwnBrand = p.Management?.OwnBrand,
            StandardDrafting = p.Management?.StandardDrafting, DevelopedMarketCertification = p.Management?.DevelopedMarketCertification,
            HasIpItems = p.IpItems is { } ip ? ip.Count > 0 : null, HasInstitutions = p.RdInstitutions is { } ri ? ri.Count > 0 : null,
            HasAwards = p.Awards is { } aw ? aw.Count > 0 : null, HasContestResults = p.ContestResults is { } cr ? cr.Count > 0 : null,
            HasTitles = p.Titles is { } held ? held.Count > 0 : null,
        };
        // Alike items become one row with their number.
        foreach (var g in (p.IpItems ?? []).GroupBy(i => i))
            a.IpGroups.Add(new IpGroup
            {
                Count = g.Count().ToString(CultureInfo.InvariantCulture), Class = g.Key.Class, GrantedOn = g.Key.GrantedOn, RelatedToMainProduct = g.Key.RelatedToMainProduct,
                HighValue = g.Key.HighValue, SelfDeveloped = g.Key.SelfDeveloped, AcquiredOn = g.Key.AcquiredOn, AppliedWithBenefit = g.Key.AppliedWithBenefit,
            });
        foreach (var r in p.RdInstitutions ?? []) a.Institutions.Add(new InstitutionRow { Level = r.Level, Kind = r.Kind, RecognisedOn = r.RecognisedOn, Joint = r.Joint });
        foreach (var w in p.Awards ?? []) a.Awards.Add(new AwardRow { Level = w.Level, AwardedOn = w.AwardedOn, Rank = TypedFigures.Text(w.Rank) });
        foreach (var c in p.ContestResults ?? []) a.ContestResults.Add(new ContestRow { Year = TypedFigures.Text(c.Year), NationalTop = c.NationalTop });
        foreach (var t in p.Titles ?? []) a.Titles.Add(new TitleRow { Title = t.Title, IssuedOn = t.IssuedOn, ExpiresOn = t.ExpiresOn });
        return a;
    }

    /// <summary>The profile with these answers; what cannot be read is added to the errors under its field's id.</summary>
    public EnterpriseProfile Apply(EnterpriseProfile profile, List<(string Id, string Message)> errors)
    {
        decimal? share = null;
        if (TypedFigures.Read("marketShare", MarketSharePercent, FigureKind.Score, errors) is { } percent)
        {
            if (percent is < 0 or > 100) errors.Add(("marketShare", Ui.T("应在 0 到 100 之间（百分数）", "must be from 0 to 100 (a percentage)")));
            else share = percent / 100m;
        }
        int? digitalisation = null;
        if (TypedFigures.Count("digitalisation", DigitalisationLevel, errors) is { } level) digitalisation = level;
        var items = HasIpItems switch { true => IpItems(errors), false => [], null => null };
        return profile with
        {
            SizeIndustry = Blank(SizeIndustry), ChineseControlled = ChineseControlled, RelatedToLittleGiant = RelatedToLittleGiant,
            MainProduct = new MainProduct
            {
                NicheMarket = Blank(NicheMarket), NicheEnteredOn = NicheEnteredOn, NationalMarketShare = share, StrategicEmerging = StrategicEmerging,
                ChainRole = Blank(ChainRole), KeyChainLink = KeyChainLink, PriorityField = PriorityField,
            },
            Management = new QualityManagement
            {
                DigitalisationLevel = digitalisation, CoreBusinessesOnSystems = TypedFigures.Count("coreOnSystems", CoreBusinessesOnSystems, errors),
                QualityAward = QualityAward, QualitySystemCertificate = QualitySystemCertificate, OwnBrand = OwnBrand,
                StandardDrafting = StandardDrafting, DevelopedMarketCertification = DevelopedMarketCertification,
            },
            IpItems = items,
            RdInstitutions = HasInstitutions switch
            {
                true => Institutions.Select(r => new RdInstitution { Level = r.Level, Kind = Blank(r.Kind), RecognisedOn = r.RecognisedOn, Joint = r.Joint }).ToArray(),
                false => [], null => null,
            },
            Awards = HasAwards switch
            {
                true => Awards.Select((w, i) => new Award { Level = w.Level, AwardedOn = w.AwardedOn, Rank = TypedFigures.Count($"award{i}-rank", w.Rank, errors) }).ToArray(),
                false => [], null => null,
            },
            ContestResults = HasContestResults switch
            {
                true => ContestResults.Select((c, i) => new ContestResult { Year = ContestYear(i, c.Year, errors), NationalTop = c.NationalTop }).ToArray(),
                false => [], null => null,
            },
            Titles = HasTitles switch
            {
                true => Titles.Select(t => new TitleHeld { Title = t.Title, IssuedOn = t.IssuedOn, ExpiresOn = t.ExpiresOn }).ToArray(),
                false => [], null => null,
            },
        };
    }

    // The profile's item k is the form's row itemRow[k] (rows stand for several items).
    private readonly List<int> itemRow = [];

    private IpItem[] IpItems(List<(string Id, string Message)> errors)
    {
        itemRow.Clear();
        var items = new List<IpItem>();
        for (var i = 0; i < IpGroups.Count; i++)
        {
            var g = IpGroups[i];
            var n = TypedFigures.Count($"ip{i}-count", g.Count, errors) ?? 0;
            if (n is < 1 or > MostItemsPerRow)
            {
                errors.Add(($"ip{i}-count", Ui.T($"项数应在 1 到 {MostItemsPerRow:N0} 之间", $"from 1 to {MostItemsPerRow:N0} items")));
                continue;
            }
            if (items.Count + n > MostItems)
            {
                errors.Add(($"ip{i}-count", Ui.T($"合计超过 {MostItems:N0} 项：请只填与主导产品相关的知识产权", $"over {MostItems:N0} items in all: list those related to the main product")));
                break;
            }
            var item = new IpItem
            {
                Class = g.Class, GrantedOn = g.GrantedOn, RelatedToMainProduct = g.RelatedToMainProduct, HighValue = g.Class == 1 ? g.HighValue : false,
                SelfDeveloped = g.SelfDeveloped, AcquiredOn = g.SelfDeveloped == false ? g.AcquiredOn : null, AppliedWithBenefit = g.AppliedWithBenefit,
            };
            for (var k = 0; k < n; k++)
            {
                items.Add(item);
                itemRow.Add(i);
            }
        }
        return items.ToArray();
    }

    private static int ContestYear(int row, string? text, List<(string Id, string Message)> errors)
    {
        if (text is null) errors.Add(($"contest{row}-year", Ui.T("请填写年度", "give the year")));
        return TypedFigures.Count($"contest{row}-year", text, errors) ?? 0;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>The form field of a profile path this step asks, or null when the path is not one of its.</summary>
    public string? FieldOf(string path)
    {
        var m = ListPath().Match(path);
        if (m.Success)
        {
            var i = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            var field = m.Groups[3].Value;
            return m.Groups[1].Value switch
            {
                "ipItems" => i < itemRow.Count ? $"ip{itemRow[i]}-{field}" : "ipItems",
                "rdInstitutions" => $"inst{i}-{field}",
                "awards" => $"award{i}-{field}",
                "contestResults" => $"contest{i}-{(field == "year" ? "year" : "top")}",
                _ => $"title{i}-{field}",
            };
        }
        return path switch
        {
            "$.sizeIndustry" => "sizeIndustry", "$.mainProduct.nicheEnteredOn" => "nicheEnteredOn", "$.mainProduct.nationalMarketShare" => "marketShare",
            "$.mainProduct.chainRole" => "chainRole", "$.management.digitalisationLevel" => "digitalisation",
            "$.management.coreBusinessesOnSystems" => "coreOnSystems",
            _ => null,
        };
    }

    /// <summary>Whether a field id is on the product and management step (else on the items step, or not this ladder's).</summary>
    public static bool OnProductStep(string id) =>
        id is "sizeIndustry" or "nicheEnteredOn" or "marketShare" or "chainRole" or "digitalisation" or "coreOnSystems";

    public static bool OnItemsStep(string id) => ItemId().IsMatch(id) || id == "ipItems";

    /// <summary>The field an id stands for, as its label reads.</summary>
    public static string? FieldName(string id)
    {
        var m = ItemId().Match(id);
        if (m.Success)
        {
            var n = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) + 1;
            return m.Groups[1].Value switch
            {
                "ip" => Ui.T($"知识产权第 {n} 行", $"IP row {n}"), "inst" => Ui.T($"研发机构第 {n} 行", $"R&D institution row {n}"),
                "award" => Ui.T($"奖项第 {n} 行", $"award row {n}"), "contest" => Ui.T($"“创客中国”第 {n} 行", $"contest row {n}"),
                _ => Ui.T($"称号第 {n} 行", $"title row {n}"),
            };
        }
        return id switch
        {
            "sizeIndustry" => Ui.T("所属行业（划型）", "industry for SME size"), "nicheEnteredOn" => Ui.T("进入细分市场日期", "entered the niche on"),
            "marketShare" => Ui.T("全国细分市场占有率", "national niche market share"), "chainRole" => Ui.T("产业链配套作用", "role in the chain"),
            "digitalisation" => Ui.T("数字化水平", "digitalisation level"), "coreOnSystems" => Ui.T("应用信息系统的核心业务", "core businesses on systems"),
            "ipItems" => Ui.T("知识产权明细", "IP items"),
            _ => null,
        };
    }

    [GeneratedRegex(@"^\$\.(ipItems|rdInstitutions|awards|contestResults|titles)\[(\d+)\]\.(\w+)$")]
    private static partial Regex ListPath();

    [GeneratedRegex(@"^(ip|inst|award|contest|title)(\d+)-\w+$")]
    private static partial Regex ItemId();
}
