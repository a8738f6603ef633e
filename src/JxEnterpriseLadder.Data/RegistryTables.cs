using JxEnterpriseLadder.Domain.Registry;

namespace JxEnterpriseLadder.Data;

/// <summary>
/// The registry's child tables, each with its columns listed once (<see cref="TableColumns{T}"/>): the repository's
/// INSERTs, COPYs, SELECTs, upserts, COPY row writers and positional readers all come from these lists, and a test holds
/// each list to the table the migrations create, on both databases.
/// </summary>
internal static class RegistryTables
{
    public static readonly TableColumns<Filing> Filings = new("filings",
        Col.Text<Filing>("credit_code", nameof(Filing.CreditCode), f => f.CreditCode), Col.Int<Filing>("year", nameof(Filing.Year), f => f.Year),
        Col.Int<Filing>("employees", nameof(Filing.Employees), f => f.Employees), Col.Int<Filing>("tech_staff", nameof(Filing.TechStaff), f => f.TechStaff),
        Col.Money<Filing>("sales_revenue", nameof(Filing.SalesRevenue), f => f.SalesRevenue), Col.Money<Filing>("total_income", nameof(Filing.TotalIncome), f => f.TotalIncome),
        Col.Money<Filing>("hitech_income", nameof(Filing.HiTechIncome), f => f.HiTechIncome),
        Col.Money<Filing>("total_costs_and_expenses", nameof(Filing.TotalCostsAndExpenses), f => f.TotalCostsAndExpenses),
        Col.Money<Filing>("rd_expense", nameof(Filing.RdExpense), f => f.RdExpense), Col.Money<Filing>("rd_expense_domestic", nameof(Filing.RdExpenseDomestic), f => f.RdExpenseDomestic),
        Col.Money<Filing>("total_assets", nameof(Filing.TotalAssets), f => f.TotalAssets), Col.Money<Filing>("total_liabilities", nameof(Filing.TotalLiabilities), f => f.TotalLiabilities),
        Col.Int<Filing>("results_commercialized", nameof(Filing.ResultsCommercialized), f => f.ResultsCommercialized));
    public static readonly TableColumns<IpHolding> Ip = new("ip_holdings",
        Col.Text<IpHolding>("credit_code", nameof(IpHolding.CreditCode), i => i.CreditCode), Col.Int<IpHolding>("ip_class", nameof(IpHolding.IpClass), i => i.IpClass),
        Col.Text<IpHolding>("kind", nameof(IpHolding.Kind), i => i.Kind), Col.Flag<IpHolding>("own_rd", nameof(IpHolding.OwnRd), i => i.OwnRd),
        Col.Date<IpHolding>("valid_from", nameof(IpHolding.ValidFrom), i => i.ValidFrom), Col.Date<IpHolding>("valid_to", nameof(IpHolding.ValidTo), i => i.ValidTo));
    public static readonly TableColumns<TechSmeRegistrationRecord> Registrations = new("tech_sme_registrations",
        Col.Text<TechSmeRegistrationRecord>("credit_code", nameof(TechSmeRegistrationRecord.CreditCode), t => t.CreditCode),
        Col.Int<TechSmeRegistrationRecord>("year", nameof(TechSmeRegistrationRecord.Year), t => t.Year),
        Col.Text<TechSmeRegistrationRecord>("registration_number", nameof(TechSmeRegistrationRecord.RegistrationNumber), t => t.RegistrationNumber));
    public static readonly TableColumns<HnteCertificateRecord> Certificates = new("hnte_certificates",
        Col.Text<HnteCertificateRecord>("credit_code", nameof(HnteCertificateRecord.CreditCode), h => h.CreditCode),
        Col.Text<HnteCertificateRecord>("certificate_number", nameof(HnteCertificateRecord.CertificateNumber), h => h.CertificateNumber),
        Col.Date<HnteCertificateRecord>("issued_on", nameof(HnteCertificateRecord.IssuedOn), h => h.IssuedOn));
    public static readonly TableColumns<ListEntryRecord> ListEntries = new("list_entries",
        Col.Text<ListEntryRecord>("credit_code", nameof(ListEntryRecord.CreditCode), l => l.CreditCode), Col.Text<ListEntryRecord>("tier", nameof(ListEntryRecord.Tier), l => l.Tier),
        Col.Int<ListEntryRecord>("year", nameof(ListEntryRecord.Year), l => l.Year));
    public static readonly TableColumns<FinancingRoundRecord> Financing = new("financing_rounds",
        Col.Text<FinancingRoundRecord>("credit_code", nameof(FinancingRoundRecord.CreditCode), f => f.CreditCode),
        Col.Date<FinancingRoundRecord>("round_date", nameof(FinancingRoundRecord.RoundDate), f => f.RoundDate),
        Col.Money<FinancingRoundRecord>("amount", nameof(FinancingRoundRecord.Amount), f => f.Amount),
        Col.Money<FinancingRoundRecord>("post_money_valuation", nameof(FinancingRoundRecord.PostMoneyValuation), f => f.PostMoneyValuation),
        Col.Text<FinancingRoundRecord>("currency", nameof(FinancingRoundRecord.Currency), f => f.Currency),
        Col.Flag<FinancingRoundRecord>("professional_investor", nameof(FinancingRoundRecord.ProfessionalInvestor), f => f.ProfessionalInvestor));
    public static readonly TableColumns<CleanRecordEvent> CleanEvents = new("clean_record_events",
        Col.Text<CleanRecordEvent>("credit_code", nameof(CleanRecordEvent.CreditCode), e => e.CreditCode), Col.Text<CleanRecordEvent>("flag", nameof(CleanRecordEvent.Flag), e => e.Flag),
        Col.Date<CleanRecordEvent>("occurred_on", nameof(CleanRecordEvent.OccurredOn), e => e.OccurredOn));
    public static readonly TableColumns<LocationChange> LocationChanges = new("location_changes",
        Col.Text<LocationChange>("credit_code", nameof(LocationChange.CreditCode), m => m.CreditCode), Col.Date<LocationChange>("changed_on", nameof(LocationChange.ChangedOn), m => m.ChangedOn),
        Col.Text<LocationChange>("previous_city_code", nameof(LocationChange.PreviousCityCode), m => m.PreviousCityCode),
        Col.Text<LocationChange>("previous_park_code", nameof(LocationChange.PreviousParkCode), m => m.PreviousParkCode));
}
