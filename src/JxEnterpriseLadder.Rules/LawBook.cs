using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Rules.Engine;
using JxEnterpriseLadder.Rules.Tiers;

namespace JxEnterpriseLadder.Rules;

/// <summary>
/// The parameter files of a <see cref="ParameterStore"/>, each version bound once to its rule set's typed record
/// (<c>Tiers/Laws.cs</c>). Binding checks every value: a missing or mistyped one stops the engine from loading, with
/// the file and the key named. The tiers read the law from here, by property, never by name.
/// </summary>
public sealed class LawBook
{
    public LawBook(ParameterStore store)
    {
        TechSme = new(store, TierIds.TechSme, f => new TechSmeLaw(f));
        Hnte = new(store, TierIds.Hnte, f => new HnteLaw(f));
        HighGrowth = new(store, "high-growth", f => new HighGrowthLaw(f));
        Gazelle = new(store, TierIds.Gazelle, f => new GazelleLaw(f));
        PotentialGazelle = new(store, TierIds.PotentialGazelle, f => new PotentialGazelleLaw(f));
        Unicorn = new(store, TierIds.Unicorn, f => new UnicornLaw(f));
        PotentialUnicorn = new(store, TierIds.PotentialUnicorn, f => new PotentialUnicornLaw(f));
        SeedUnicorn = new(store, TierIds.SeedUnicorn, f => new SeedUnicornLaw(f));
        ExchangeRates = new(store, "exchange-rates", f => new ExchangeRatesLaw(f));
        Ladders = new(store, "ladder", f => new LadderLaw(f));
        SmeSize = new(store, "sme-size", f => new SmeSizeLaw(f));
        InnovativeSme = new(store, TierIds.InnovativeSme, f => new InnovativeSmeLaw(f));
        SpecialisedSme = new(store, TierIds.SpecialisedSme, SpecialisedSmeLaw.Bind);
        LittleGiant = new(store, TierIds.LittleGiant, LittleGiantLaw.Bind);
        InnovationDemo = new(store, TierIds.InnovationDemo, f => new InnovationDemoLaw(f));
        TitleLifecycle = new(store, "title-lifecycle", f => new TitleLifecycleLaw(f));
    }

    internal Dated<TechSmeLaw> TechSme { get; }
    internal Dated<HnteLaw> Hnte { get; }
    internal Dated<HighGrowthLaw> HighGrowth { get; }
    internal Dated<GazelleLaw> Gazelle { get; }
    internal Dated<PotentialGazelleLaw> PotentialGazelle { get; }
    internal Dated<UnicornLaw> Unicorn { get; }
    internal Dated<PotentialUnicornLaw> PotentialUnicorn { get; }
    internal Dated<SeedUnicornLaw> SeedUnicorn { get; }
    internal Dated<ExchangeRatesLaw> ExchangeRates { get; }
    internal Dated<LadderLaw> Ladders { get; }
    internal Dated<SmeSizeLaw> SmeSize { get; }
    internal Dated<InnovativeSmeLaw> InnovativeSme { get; }
    internal Dated<SpecialisedSmeLaw> SpecialisedSme { get; }
    internal Dated<LittleGiantLaw> LittleGiant { get; }
    internal Dated<InnovationDemoLaw> InnovationDemo { get; }
    internal Dated<TitleLifecycleLaw> TitleLifecycle { get; }

    /// <summary>Whether the rules always apply a key of a set's version in force at the date (<see cref="Law.AlwaysApplies"/>).</summary>
    public bool AlwaysApplies(string set, DateOnly asOf, string key) => Versions(set, asOf)?.AlwaysApplies(key) == true;

    private Law? Versions(string set, DateOnly asOf)
    {
        foreach (var dated in (IDated[])[TechSme, Hnte, HighGrowth, Gazelle, PotentialGazelle, Unicorn, PotentialUnicorn, SeedUnicorn, ExchangeRates, Ladders,
            SmeSize, InnovativeSme, SpecialisedSme, LittleGiant, InnovationDemo, TitleLifecycle])
            if (dated.Set == set) return dated.LawAt(asOf);
        return null;
    }

    /// <summary>The ladder's order at a date (Parameters/ladder), or the vocabulary's order when no file is in force.</summary>
    public Ladder LadderAt(DateOnly asOf) => Ladders.At(asOf)?.Ladder ?? DefaultLadder;
    private static readonly Ladder DefaultLadder = new(TierIds.TechLadder);

    /// <summary>The second ladder's order at a date, or null before it existed.</summary>
    public Ladder? QualityLadderAt(DateOnly asOf) => Ladders.At(asOf)?.QualityLadder;

    /// <summary>Years an HNTE certificate is valid at a date, or null when no HNTE file is in force.</summary>
    public int? CertificateValidityYears(DateOnly asOf) => Hnte.At(asOf)?.CertificateValidityYears.Value;
}

/// <summary>The ladder's order (Parameters/ladder).</summary>
internal sealed class LadderLaw : Law
{
    public LadderLaw(ParameterSet file) : base(file)
    {
        Order = Strings("order");
        Ladder = new Ladder(Order.Value);
        // The second ladder's order exists from the version that names it (63号, 2022).
        QualityLadder = File.Has("qualityOrder") ? new Ladder(Strings("qualityOrder").Value) : null;
    }

    public Cited<IReadOnlyList<string>> Order { get; }
    public Ladder Ladder { get; }
    public Ladder? QualityLadder { get; }
}
