using JxEnterpriseLadder.Domain.Registry;

namespace JxEnterpriseLadder.Data;

/// <summary>
/// The enterprises table and the registry's child tables, each with its columns listed once (<see cref="TableColumns{T}"/>): the repository's
/// INSERTs, COPYs, SELECTs, upserts, COPY row writers and positional readers all come from these lists, and a test holds
/// each list to the table the migrations create, on both databases.
/// </summary>
internal static class RegistryTables
{
    public static readonly TableColumns<Enterprise> Enterprises = new("enterprises",
        Col.Text<Enterprise>("credit_code", nameof(Enterprise.CreditCode), e => e.CreditCode), Col.Text<Enterprise>("name", nameof(Enterprise.Name), e => e.Name),
        Col.Date<Enterprise>("registered_on", nameof(Enterprise.RegisteredOn), e => e.RegisteredOn), Col.Text<Enterprise>("city_code", nameof(Enterprise.CityCode), e => e.CityCode),
        Col.Text<Enterprise>("county", nameof(Enterprise.County), e => e.County), Col.Text<Enterprise>("park_code", nameof(Enterprise.ParkCode), e => e.ParkCode),
        Col.Text<Enterprise>("chain_code", nameof(Enterprise.ChainCode), e => e.ChainCode), Col.Text<Enterprise>("industry", nameof(Enterprise.Industry), e => e.Industry),
        Col.Text<Enterprise>("hitech_field", nameof(Enterprise.HiTechField), e => e.HiTechField), Col.Flag<Enterprise>("listed", nameof(Enterprise.Listed), e => e.Listed),
        Col.Flag<Enterprise>("resident", nameof(Enterprise.Resident), e => e.Resident),
        Col.Flag<Enterprise>("prohibited_industry", nameof(Enterprise.ProhibitedIndustry), e => e.ProhibitedIndustry),
        Col.Flag<Enterprise>("branch_or_trading_only", nameof(Enterprise.BranchOrTradingOnly), e => e.BranchOrTradingOnly),
        Col.Int<Enterprise>("national_award_year", nameof(Enterprise.NationalAwardYear), e => e.NationalAwardYear),
        Col.Int<Enterprise>("rd_institution_year", nameof(Enterprise.RdInstitutionYear), e => e.RdInstitutionYear),
        Col.Int<Enterprise>("led_standard_year", nameof(Enterprise.LedStandardYear), e => e.LedStandardYear),
        Col.Text<Enterprise>("hnte_tech_advancement", nameof(Enterprise.HnteTechAdvancement), e => e.HnteTechAdvancement),
        Col.Text<Enterprise>("hnte_core_support", nameof(Enterprise.HnteCoreSupport), e => e.HnteCoreSupport),
        Col.Flag<Enterprise>("hnte_rd_rules_and_accounts", nameof(Enterprise.HnteRdRulesAndAccounts), e => e.HnteRdRulesAndAccounts),
        Col.Flag<Enterprise>("hnte_rd_unit_and_cooperation", nameof(Enterprise.HnteRdUnitAndCooperation), e => e.HnteRdUnitAndCooperation),
        Col.Flag<Enterprise>("hnte_commercialization_incentives", nameof(Enterprise.HnteCommercializationIncentives), e => e.HnteCommercializationIncentives),
        Col.Flag<Enterprise>("hnte_talent_rules", nameof(Enterprise.HnteTalentRules), e => e.HnteTalentRules),
        Col.Text<Enterprise>("hnte_judged_basis", nameof(Enterprise.HnteJudgedBasis), e => e.HnteJudgedBasis),
        Col.Text<Enterprise>("hnte_judged_by", nameof(Enterprise.HnteJudgedBy), e => e.HnteJudgedBy),
        Col.Date<Enterprise>("hnte_judged_on", nameof(Enterprise.HnteJudgedOn), e => e.HnteJudgedOn),
        Col.Date<Enterprise>("listed_on", nameof(Enterprise.ListedOn), e => e.ListedOn),
        Col.Text<Enterprise>("size_industry", nameof(Enterprise.SizeIndustry), e => e.SizeIndustry),
        Col.Date<Enterprise>("niche_entered_on", nameof(Enterprise.NicheEnteredOn), e => e.NicheEnteredOn),
        Col.Flag<Enterprise>("strategic_emerging", nameof(Enterprise.StrategicEmerging), e => e.StrategicEmerging),
        Col.Text<Enterprise>("niche_market", nameof(Enterprise.NicheMarket), e => e.NicheMarket),
        Col.Money<Enterprise>("national_market_share", nameof(Enterprise.NationalMarketShare), e => e.NationalMarketShare),
        Col.Flag<Enterprise>("chinese_controlled", nameof(Enterprise.ChineseControlled), e => e.ChineseControlled),
        Col.Flag<Enterprise>("related_to_little_giant", nameof(Enterprise.RelatedToLittleGiant), e => e.RelatedToLittleGiant),
        Col.Int<Enterprise>("digitalisation_level", nameof(Enterprise.DigitalisationLevel), e => e.DigitalisationLevel),
        Col.Int<Enterprise>("core_businesses_on_systems", nameof(Enterprise.CoreBusinessesOnSystems), e => e.CoreBusinessesOnSystems),
        Col.Flag<Enterprise>("quality_award", nameof(Enterprise.QualityAward), e => e.QualityAward),
        Col.Flag<Enterprise>("quality_system_certificate", nameof(Enterprise.QualitySystemCertificate), e => e.QualitySystemCertificate),
        Col.Flag<Enterprise>("own_brand", nameof(Enterprise.OwnBrand), e => e.OwnBrand),
        Col.Flag<Enterprise>("standard_drafting", nameof(Enterprise.StandardDrafting), e => e.StandardDrafting),
        Col.Flag<Enterprise>("developed_market_certification", nameof(Enterprise.DevelopedMarketCertification), e => e.DevelopedMarketCertification),
        Col.Text<Enterprise>("chain_role", nameof(Enterprise.ChainRole), e => e.ChainRole),
        Col.Flag<Enterprise>("key_chain_link", nameof(Enterprise.KeyChainLink), e => e.KeyChainLink),
        Col.Flag<Enterprise>("priority_field", nameof(Enterprise.PriorityField), e => e.PriorityField),
        Col.Text<Enterprise>("chain_judged_by", nameof(Enterprise.ChainJudgedBy), e => e.ChainJudgedBy),
        Col.Date<Enterprise>("chain_judged_on", nameof(Enterprise.ChainJudgedOn), e => e.ChainJudgedOn),
        Col.StartsAtOne<Enterprise>("version", nameof(Enterprise.Version), NpgsqlTypes.NpgsqlDbType.Integer),
        Col.StartsAtOne<Enterprise>("record_version", nameof(Enterprise.RecordVersion), NpgsqlTypes.NpgsqlDbType.Bigint));

    public static readonly TableColumns<Filing> Filings = new("filings",
        Col.Text<Filing>("credit_code", nameof(Filing.CreditCode), f => f.CreditCode), Col.Int<Filing>("year", nameof(Filing.Year), f => f.Year),
        Col.Int<Filing>("employees", nameof(Filing.Employees), f => f.Employees), Col.Int<Filing>("tech_staff", nameof(Filing.TechStaff), f => f.TechStaff),
        Col.Money<Filing>("sales_revenue", nameof(Filing.SalesRevenue), f => f.SalesRevenue), Col.Money<Filing>("total_income", nameof(Filing.TotalIncome), f => f.TotalIncome),
        Col.Money<Filing>("hitech_income", nameof(Filing.HiTechIncome), f => f.HiTechIncome),
        Col.Money<Filing>("total_costs_and_expenses", nameof(Filing.TotalCostsAndExpenses), f => f.TotalCostsAndExpenses),
        Col.Money<Filing>("rd_expense", nameof(Filing.RdExpense), f => f.RdExpense), Col.Money<Filing>("rd_expense_domestic", nameof(Filing.RdExpenseDomestic), f => f.RdExpenseDomestic),
        Col.Money<Filing>("total_assets", nameof(Filing.TotalAssets), f => f.TotalAssets), Col.Money<Filing>("total_liabilities", nameof(Filing.TotalLiabilities), f => f.TotalLiabilities),
        Col.Int<Filing>("results_commercialized", nameof(Filing.ResultsCommercialized), f => f.ResultsCommercialized),
        Col.Money<Filing>("main_business_revenue", nameof(Filing.MainBusinessRevenue), f => f.MainBusinessRevenue),
        Col.Money<Filing>("net_profit", nameof(Filing.NetProfit), f => f.NetProfit),
        Col.Int<Filing>("rd_staff", nameof(Filing.RdStaff), f => f.RdStaff),
        Col.Money<Filing>("development_score", nameof(Filing.DevelopmentScore), f => f.DevelopmentScore));
    public static readonly TableColumns<IpHolding> Ip = new("ip_holdings",
        Col.Text<IpHolding>("credit_code", nameof(IpHolding.CreditCode), i => i.CreditCode), Col.Int<IpHolding>("ip_class", nameof(IpHolding.IpClass), i => i.IpClass),
        Col.Text<IpHolding>("kind", nameof(IpHolding.Kind), i => i.Kind), Col.Flag<IpHolding>("own_rd", nameof(IpHolding.OwnRd), i => i.OwnRd),
        Col.Date<IpHolding>("valid_from", nameof(IpHolding.ValidFrom), i => i.ValidFrom), Col.Date<IpHolding>("valid_to", nameof(IpHolding.ValidTo), i => i.ValidTo),
        Col.Flag<IpHolding>("related_to_main_product", nameof(IpHolding.RelatedToMainProduct), i => i.RelatedToMainProduct),
        Col.Flag<IpHolding>("high_value", nameof(IpHolding.HighValue), i => i.HighValue),
        Col.Date<IpHolding>("acquired_on", nameof(IpHolding.AcquiredOn), i => i.AcquiredOn),
        Col.Flag<IpHolding>("applied_with_benefit", nameof(IpHolding.AppliedWithBenefit), i => i.AppliedWithBenefit));
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
        Col.Flag<FinancingRoundRecord>("professional_investor", nameof(FinancingRoundRecord.ProfessionalInvestor), f => f.ProfessionalInvestor),
        Col.Money<FinancingRoundRecord>("qualified_paid_in", nameof(FinancingRoundRecord.QualifiedPaidIn), f => f.QualifiedPaidIn));
    public static readonly TableColumns<CleanRecordEvent> CleanEvents = new("clean_record_events",
        Col.Text<CleanRecordEvent>("credit_code", nameof(CleanRecordEvent.CreditCode), e => e.CreditCode), Col.Text<CleanRecordEvent>("flag", nameof(CleanRecordEvent.Flag), e => e.Flag),
        Col.Date<CleanRecordEvent>("occurred_on", nameof(CleanRecordEvent.OccurredOn), e => e.OccurredOn));
    public static readonly TableColumns<QualityTitleRecord> QualityTitles = new("quality_titles",
        Col.Text<QualityTitleRecord>("credit_code", nameof(QualityTitleRecord.CreditCode), t => t.CreditCode),
        Col.Text<QualityTitleRecord>("title", nameof(QualityTitleRecord.Title), t => t.Title),
        Col.Date<QualityTitleRecord>("issued_on", nameof(QualityTitleRecord.IssuedOn), t => t.IssuedOn),
        Col.Date<QualityTitleRecord>("expires_on", nameof(QualityTitleRecord.ExpiresOn), t => t.ExpiresOn),
        Col.Text<QualityTitleRecord>("batch", nameof(QualityTitleRecord.Batch), t => t.Batch),
        Col.Text<QualityTitleRecord>("review_outcome", nameof(QualityTitleRecord.ReviewOutcome), t => t.ReviewOutcome));
    public static readonly TableColumns<RdInstitutionRecord> RdInstitutions = new("rd_institutions",
        Col.Text<RdInstitutionRecord>("credit_code", nameof(RdInstitutionRecord.CreditCode), i => i.CreditCode),
        Col.Text<RdInstitutionRecord>("name", nameof(RdInstitutionRecord.Name), i => i.Name),
        Col.Text<RdInstitutionRecord>("level", nameof(RdInstitutionRecord.Level), i => i.Level),
        Col.Text<RdInstitutionRecord>("kind", nameof(RdInstitutionRecord.Kind), i => i.Kind),
        Col.Date<RdInstitutionRecord>("recognised_on", nameof(RdInstitutionRecord.RecognisedOn), i => i.RecognisedOn),
        Col.Flag<RdInstitutionRecord>("joint", nameof(RdInstitutionRecord.Joint), i => i.Joint));
    public static readonly TableColumns<AwardRecord> Awards = new("awards",
        Col.Text<AwardRecord>("credit_code", nameof(AwardRecord.CreditCode), a => a.CreditCode),
        Col.Text<AwardRecord>("name", nameof(AwardRecord.Name), a => a.Name),
        Col.Text<AwardRecord>("level", nameof(AwardRecord.Level), a => a.Level),
        Col.Date<AwardRecord>("awarded_on", nameof(AwardRecord.AwardedOn), a => a.AwardedOn),
        Col.Int<AwardRecord>("rank", nameof(AwardRecord.Rank), a => a.Rank));
    public static readonly TableColumns<ContestResultRecord> ContestResults = new("contest_results",
        Col.Text<ContestResultRecord>("credit_code", nameof(ContestResultRecord.CreditCode), c => c.CreditCode),
        Col.Int<ContestResultRecord>("year", nameof(ContestResultRecord.Year), c => c.Year),
        Col.Int<ContestResultRecord>("national_top", nameof(ContestResultRecord.NationalTop), c => c.NationalTop));
    public static readonly TableColumns<TitleAnnualUpdateRecord> TitleUpdates = new("title_annual_updates",
        Col.Text<TitleAnnualUpdateRecord>("credit_code", nameof(TitleAnnualUpdateRecord.CreditCode), u => u.CreditCode),
        Col.Text<TitleAnnualUpdateRecord>("title", nameof(TitleAnnualUpdateRecord.Title), u => u.Title),
        Col.Int<TitleAnnualUpdateRecord>("year", nameof(TitleAnnualUpdateRecord.Year), u => u.Year),
        Col.Date<TitleAnnualUpdateRecord>("updated_on", nameof(TitleAnnualUpdateRecord.UpdatedOn), u => u.UpdatedOn));
    public static readonly TableColumns<MajorChangeReportRecord> ChangeReports = new("major_change_reports",
        Col.Text<MajorChangeReportRecord>("credit_code", nameof(MajorChangeReportRecord.CreditCode), c => c.CreditCode),
        Col.Date<MajorChangeReportRecord>("changed_on", nameof(MajorChangeReportRecord.ChangedOn), c => c.ChangedOn),
        Col.Text<MajorChangeReportRecord>("change", nameof(MajorChangeReportRecord.Change), c => c.Change),
        Col.Date<MajorChangeReportRecord>("reported_on", nameof(MajorChangeReportRecord.ReportedOn), c => c.ReportedOn));
    public static readonly TableColumns<LocationChange> LocationChanges = new("location_changes",
        Col.Text<LocationChange>("credit_code", nameof(LocationChange.CreditCode), m => m.CreditCode), Col.Date<LocationChange>("changed_on", nameof(LocationChange.ChangedOn), m => m.ChangedOn),
        Col.Text<LocationChange>("previous_city_code", nameof(LocationChange.PreviousCityCode), m => m.PreviousCityCode),
        Col.Text<LocationChange>("previous_park_code", nameof(LocationChange.PreviousParkCode), m => m.PreviousParkCode));
}
