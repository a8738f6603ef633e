using System.Reflection;
using System.Text.Json;

namespace JxEnterpriseLadder.Domain;

public sealed record City(string Code, string Name, IReadOnlyList<string> Counties);
public sealed record Park(string Code, string Name, string City, string Kind);
public sealed record Industry(string Code, string Name, bool StrategicEmerging);
public sealed record IndustryChain(string Code, string Name, string Industry, string HiTechField);
public sealed record HiTechField(string Code, string Name);

/// <summary>Reference data: the 11 设区市 and 赣江新区, parks, industries and chains named in the seed plan.</summary>
public sealed record JiangxiReference(
    string Source,
    IReadOnlyList<City> Cities,
    IReadOnlyList<Park> Parks,
    IReadOnlyList<Industry> Industries,
    IReadOnlyList<IndustryChain> IndustryChains,
    IReadOnlyList<HiTechField> HiTechFields)
{
    private static readonly Lazy<JiangxiReference> Loaded = new(Load);
    public static JiangxiReference Default => Loaded.Value;

    public City? CityByCode(string code) => Cities.FirstOrDefault(c => c.Code == code);
    public Park? ParkByCode(string code) => Parks.FirstOrDefault(p => p.Code == code);
    public IndustryChain? ChainByCode(string code) => IndustryChains.FirstOrDefault(c => c.Code == code);
    public Industry? IndustryByCode(string code) => Industries.FirstOrDefault(c => c.Code == code);

    /// <summary>An industry written as its code or its Chinese name, as the importer and the API both accept it.</summary>
    public Industry? IndustryByCodeOrName(string value) => Industries.FirstOrDefault(c => c.Code == value || c.Name == value);

    /// <summary>A field of 《国家重点支持的高新技术领域》 written as its code or its Chinese name.</summary>
    public HiTechField? HiTechFieldByCodeOrName(string value) => HiTechFields.FirstOrDefault(c => c.Code == value || c.Name == value);

    private static JiangxiReference Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("jiangxi-reference.json")
            ?? throw new InvalidOperationException("embedded jiangxi-reference.json is missing");
        return JsonSerializer.Deserialize<JiangxiReference>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException("jiangxi-reference.json is empty");
    }
}
