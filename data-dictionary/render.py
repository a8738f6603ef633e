#!/usr/bin/env python3
"""Render the data dictionary.

    python3 data-dictionary/render.py          # writes README.md and criteria.md from fields.json
    python3 data-dictionary/render.py --check  # only checks, writes nothing

fields.json is the maintained file. This script also checks it: every column of the migration SQL and
every property of the profile records (src/JxEnterpriseLadder.Domain/Profiles/EnterpriseProfile.cs) has an
entry and no entry names anything else, and every id in a "rules" list is a criterion listed below
(CRITERIA: the ids the engine emits, src/JxEnterpriseLadder.Rules/Tiers). Standard library only.
"""
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FIELDS = HERE / "fields.json"
MIGRATIONS = ROOT / "src/JxEnterpriseLadder.Data/Migrations"
DIALECTS = ["postgres", "sqlite"]
PROFILE_CS = ROOT / "src/JxEnterpriseLadder.Domain/Profiles/EnterpriseProfile.cs"
# The second ladder's input records (issue 21), read with the profile's.
QUALITY_CS = ROOT / "src/JxEnterpriseLadder.Domain/Profiles/QualitySmeInputs.cs"
# Created by Migrator.cs, not by a migration file.
EXTRA_TABLES = {"schema_migrations": ["version", "name", "applied_at"]}

HIGH = ["gazelle", "potential-gazelle", "unicorn", "potential-unicorn", "seed-unicorn"]

TIERS = [
    ("tech-sme", "科技型中小企业", "technology-based SME",
     "《科技型中小企业评价办法》国科发政〔2017〕115号；criteria.md §1. qualifies = basic ∧ (direct ∨ (score ≥ 60 ∧ tech-staff score > 0))."),
    ("hnte", "高新技术企业", "high and new technology enterprise",
     "《高新技术企业认定管理办法》国科发火〔2016〕32号 第十一条；《高新技术企业认定管理工作指引》国科发火〔2016〕195号；criteria.md §2."),
    ("gazelle", "瞪羚企业", "gazelle",
     "national template [default]; criteria.md §3. Eligibility + not-branch + valid HNTE + rd-intensity + any one of path1–path4."),
    ("potential-gazelle", "潜在瞪羚企业", "potential gazelle",
     "national template [default]; criteria.md §3. Eligibility + on-ladder + not-gazelle + any one of path1–path3."),
    ("unicorn", "独角兽企业", "unicorn",
     "national template (科技部火炬中心, GEI) [default]; criteria.md §3. The label super-unicorn (valuation ≥ US$10bn) is not a criterion."),
    ("potential-unicorn", "潜在独角兽企业", "potential unicorn",
     "GEI template [default]; criteria.md §3. Either the young or the older path."),
    ("seed-unicorn", "种子独角兽企业", "seed unicorn",
     "Shenzhen template [default]; criteria.md §3."),
    ("innovative-sme", "创新型中小企业", "innovative SME",
     "《优质中小企业梯度培育管理暂行办法》工信部企业〔2022〕63号 附件1；criteria-quality-sme.md §1. qualifies = eligibility ∧ (direct ∨ (score ≥ 60 ∧ group minimums 20/15/15))."),
    ("specialised-sme", "专精特新中小企业", "specialised SME",
     "63号 附件2 (from 2022-06-01), 工信部企业〔2026〕2号 附件1 (from 2026-04-01); criteria-quality-sme.md §2, §4. Jiangxi's 特色化 points unknown: the score is a range."),
    ("little-giant", "专精特新“小巨人”企业", "little giant",
     "63号 附件3; 工信厅企业函〔2025〕190号 (revenue floor); 2号 附件2 (from 2026-04-01); criteria-quality-sme.md §3, §4."),
    ("innovation-demo", "国家技术创新示范企业", "national technology-innovation demonstration enterprise",
     "《技术创新示范企业认定管理办法（试行）》工信部联科〔2010〕540号; numeric gates only: a qualified firm is a quota candidate. criteria-quality-sme.md §6."),
]

# (id, tier, Chinese label as the engine emits it; {T} = data year, i.e. evaluation year − 1), in emission order.
CRITERIA = []


def c(id_, tier, label, note=""):
    CRITERIA.append((id_, tier, label, note))


for t, *_ in TIERS:
    c(f"{t}.parameters", t, "参数版本", "only when no parameter version is in force at the date")

c("tech-sme.resident", "tech-sme", "在江西注册的居民企业")
c("tech-sme.size.employees", "tech-sme", "{T}年职工总数")
c("tech-sme.size.salesRevenue", "tech-sme", "{T}年年销售收入")
c("tech-sme.size.totalAssets", "tech-sme", "{T}年资产总额")
c("tech-sme.industry", "tech-sme", "不属于国家禁止、限制和淘汰类产业")
c("tech-sme.clean-record", "tech-sme", "申报年度及上一年度无以下情形：重大安全、质量事故、严重环境违法行为、科研严重失信行为、列入经营异常名录、列入严重违法失信名单")
c("tech-sme.score.tech-staff", "tech-sme", "科技人员占职工总数比例", "score item, max 20; 0 points fails the tier")
c("tech-sme.score.rd-input", "tech-sme", "研发投入（两项比例取高者）", "score item, max 50")
c("tech-sme.score.ip", "tech-sme", "科技成果（有效知识产权）", "score item, max 30")
c("tech-sme.score", "tech-sme", "评价得分（科技人员、研发投入、科技成果三项合计）", "aggregate of the three score items; pass ≥ 60")
c("tech-sme.direct.hnte-certificate", "tech-sme", "直接确认：拥有有效期内高新技术企业资格证书")
c("tech-sme.direct.national-award", "tech-sme", "直接确认：近五年内获得过国家级科技奖励，并在获奖单位中排在前三名")
c("tech-sme.direct.rd-institution", "tech-sme", "直接确认：拥有经认定的省部级以上研发机构")
c("tech-sme.direct.led-standard", "tech-sme", "直接确认：近五年内主导制定过国际标准、国家标准或行业标准")

c("hnte.age", "hnte", "注册成立时间", "≥ 365 days")
c("hnte.core-ip", "hnte", "拥有对主要产品（服务）起核心支持作用的知识产权")
c("hnte.field", "hnte", "核心技术属于《国家重点支持的高新技术领域》")
c("hnte.staff", "hnte", "{T}年科技人员占职工总数比例")
c("hnte.rd-ratio", "hnte", "近三个会计年度（…）研发费用总额占同期销售收入总额比例")
c("hnte.rd-domestic", "hnte", "境内研究开发费用占全部研究开发费用比例")
c("hnte.hitech-income", "hnte", "{T}年高新技术产品（服务）收入占同期总收入比例")
c("hnte.innovation.ip.advancement", "hnte", "知识产权：技术的先进程度（专家评价 A–E）", "score sub-item")
c("hnte.innovation.ip.core-support", "hnte", "知识产权：对主要产品（服务）的核心支持作用（专家评价 A–E）", "score sub-item")
c("hnte.innovation.ip.count", "hnte", "知识产权：数量", "score sub-item")
c("hnte.innovation.ip.obtained", "hnte", "知识产权：获得方式", "score sub-item")
c("hnte.innovation.ip.standard-bonus", "hnte", "知识产权：参与编制国家/行业标准等（加分）", "score sub-item")
c("hnte.innovation.ip", "hnte", "知识产权（合计，上限 30 分）", "aggregate of hnte.innovation.ip.*")
c("hnte.innovation.commercialization", "hnte", "科技成果转化能力（近三年年均转化数）", "score item, max 30")
c("hnte.innovation.rd-management", "hnte", "研究开发组织管理水平（专家评价）", "score item, max 20")
c("hnte.innovation.growth.net-assets", "hnte", "净资产增长率", "score item, max 10")
c("hnte.innovation.growth.sales", "hnte", "销售收入增长率", "score item, max 10")
c("hnte.innovation", "hnte", "企业创新能力评价（知识产权、成果转化、研发组织管理、成长性）", "aggregate; pass > 70")
c("hnte.clean-record", "hnte", "申请认定前一年内无以下情形：重大安全、质量事故、严重环境违法行为")

for t in HIGH:
    c(f"{t}.resident", t, "在江西注册的居民企业")
    c(f"{t}.clean-record", t, "近 3 年内无以下情形：重大安全、质量事故、严重环境违法行为、列入经营异常名录、列入严重违法失信名单")
    c(f"{t}.strategic-industry", t, "属于全省战略性新兴产业")

c("gazelle.not-branch", "gazelle", "独立法人，非分支机构、非纯贸易型企业")
c("gazelle.hnte-certificate", "gazelle", "有效期内的高新技术企业")
c("gazelle.rd-intensity", "gazelle", "{T}年研发费用占营业收入比例", "> 4%")
for n, what in (("1", "营业收入"), ("2", "从业人员")):
    c(f"gazelle.path{n}.founded", "gazelle", "{T−13}年及以后成立")
    c(f"gazelle.path{n}.base", "gazelle", f"基期（{{T−3}}年）{what}")
    c(f"gazelle.path{n}.cagr", "gazelle", f"{{T−3}}–{{T}}年{what}复合增长率")
    c(f"gazelle.path{n}.grew", "gazelle", f"{{T}}年{what}较上年增长")
    c(f"gazelle.path{n}", "gazelle", f"路径{'一' if n == '1' else '二'}：{what}高增长", "path aggregate")
c("gazelle.path3.founded", "gazelle", "成立不超过 5 年")
c("gazelle.path3.revenue", "gazelle", "{T}年营业收入")
c("gazelle.path3", "gazelle", "路径三：成立 5 年内且营业收入达到规模", "path aggregate")
c("gazelle.path4.founded", "gazelle", "成立不超过 10 年")
c("gazelle.path4.revenue", "gazelle", "{T}年营业收入")
c("gazelle.path4", "gazelle", "路径四：成立 10 年内且营业收入达到规模", "path aggregate")

c("potential-gazelle.on-ladder", "potential-gazelle", "科技型中小企业或高新技术企业",
  "registration in the evaluation or data year, a valid certificate, or (parameter acceptsEligibility) the engine's tech-sme/hnte result")
c("potential-gazelle.not-gazelle", "potential-gazelle", "尚未达到瞪羚企业条件", "reads the gazelle result")
c("potential-gazelle.path1.base", "potential-gazelle", "基期（{T−3}年）营业收入")
c("potential-gazelle.path1.cagr", "potential-gazelle", "{T−3}–{T}年营业收入复合增长率")
c("potential-gazelle.path1", "potential-gazelle", "路径一：营业收入三年复合增长", "path aggregate")
c("potential-gazelle.path2.revenue", "potential-gazelle", "{T}年营业收入")
c("potential-gazelle.path2.yoy", "potential-gazelle", "{T}年营业收入同比增长率")
c("potential-gazelle.path2", "potential-gazelle", "路径二：营业收入同比高增长", "path aggregate")
c("potential-gazelle.path3.founded", "potential-gazelle", "成立不超过 5 年")
c("potential-gazelle.path3.investment", "potential-gazelle", "累计获得专业投资机构投资")
c("potential-gazelle.path3", "potential-gazelle", "路径三：成立 5 年内且获得较大额专业投资", "path aggregate")

for t in ["unicorn", "potential-unicorn", "seed-unicorn"]:
    c(f"{t}.investment", t, "获得过股权投资" if t == "seed-unicorn" else "获得专业投资机构的私募投资",
      "any round counts (requiresProfessionalInvestor = false)" if t == "seed-unicorn" else "a round from a professional investor")
    c(f"{t}.not-listed", t, "未上市（新三板挂牌不视为上市）")
CUMULATIVE_NOTE = "only while the parameter is not null (from 2025-01-01 in the default parameters)"
c("unicorn.founded", "unicorn", "成立不超过 10 年")
c("unicorn.valuation", "unicorn", "最近一轮融资投后估值", "≥ US$1bn")
c("unicorn.cumulative-financing", "unicorn", "累计融资额", CUMULATIVE_NOTE)
c("potential-unicorn.young.founded", "potential-unicorn", "成立不超过 5 年")
c("potential-unicorn.young.valuation", "potential-unicorn", "最近一轮融资投后估值", "≥ US$100m")
c("potential-unicorn.young.cumulative-financing", "potential-unicorn", "累计融资额", CUMULATIVE_NOTE)
c("potential-unicorn.older.founded", "potential-unicorn", "成立满 5 年且不超过 9 年")
c("potential-unicorn.older.valuation", "potential-unicorn", "最近一轮融资投后估值", "≥ US$500m")
c("potential-unicorn.older.cumulative-financing", "potential-unicorn", "累计融资额", CUMULATIVE_NOTE)
c("potential-unicorn.young", "potential-unicorn", "成立 5 年内且估值达标", "path aggregate")
c("potential-unicorn.older", "potential-unicorn", "成立 5–9 年且估值达标", "path aggregate")
c("seed-unicorn.founded", "seed-unicorn", "成立不超过 5 年")
c("seed-unicorn.valuation", "seed-unicorn", "最近一轮融资投后估值", "≥ 3亿元")
c("seed-unicorn.cumulative-financing", "seed-unicorn", "累计融资额", "≥ 1,000万元")

# The second ladder (issue 21). {T} = data year; labels after the parameter files' words.
QUALITY = ["innovative-sme", "specialised-sme", "little-giant"]
for t in QUALITY:
    c(f"{t}.resident", t, "在江西注册的居民企业")
    c(f"{t}.sme-size", t, "中小企业划型标准（按行业，任一指标低于上限即为中小企业）", "工信部联企业〔2011〕300号, Parameters/sme-size")
    c(f"{t}.clean-record", t, "近三年内无以下情形：重大安全、质量事故、严重环境违法行为、列入经营异常名录、列入严重违法失信名单")
c("innovative-sme.not-higher", "innovative-sme", "未持有效期内的专精特新中小企业或专精特新“小巨人”企业称号")
c("innovative-sme.direct.award", "innovative-sme", "直接认定：近三年内获得过国家级、省级科技奖励")
c("innovative-sme.direct.title", "innovative-sme", "直接认定：获得高新技术企业、国家级技术创新示范企业、知识产权优势企业和知识产权示范企业等荣誉（有效期内）")
c("innovative-sme.direct.rd-institution", "innovative-sme", "直接认定：拥有经认定的省部级以上研发机构")
c("innovative-sme.direct.financing", "innovative-sme", "直接认定：近三年内新增股权融资总额（合格机构投资者的实缴额）500万元以上")
c("innovative-sme.score.ip", "innovative-sme", "与主导产品相关的有效知识产权数量", "score item, max 20 (创新能力)")
c("innovative-sme.score.rd-ratio", "innovative-sme", "{T}年研发费用占营业收入比重", "score item, max 20 (创新能力)")
c("innovative-sme.score.growth", "innovative-sme", "{T}年主营业务收入增长率", "score item, max 20 (成长性)")
c("innovative-sme.score.debt-ratio", "innovative-sme", "{T}年末资产负债率", "score item, max 10 (成长性)")
c("innovative-sme.score.field", "innovative-sme", "主导产品所属领域（属于《战略性新兴产业分类》10 分，其他 5 分）", "score item, max 10 (专业化)")
c("innovative-sme.score.main-business-share", "innovative-sme", "{T}年主营业务收入占营业收入比重", "score item, max 20 (专业化)")
c("innovative-sme.score", "innovative-sme", "评价得分（创新能力、成长性、专业化三类六项合计）", "pass ≥ 60 and group minimums 20 / 15 / 15")

c("specialised-sme.base-tier", "specialised-sme", "已通过创新型中小企业评价（2026-04-01 起：科技和创新型中小企业）")
c("specialised-sme.niche", "specialised-sme", "从事特定细分市场时间达到 2 年以上（2号：3 年）")
c("specialised-sme.rd", "specialised-sme", "上年度研发费用总额不低于 100万元，且研发费用占营业收入总额比重不低于 3%（2号：近两年每年）")
c("specialised-sme.scale", "specialised-sme", "上年度营业收入总额在 1,000万元以上（2号：1,500万元），或近两年新增股权融资达 2,000万元以上")
for item, label, note in [
        ("main-business-share", "{T}年主营业务收入占营业收入比重", "max 5"), ("growth", "近两年主营业务收入平均增长率", "max 10"),
        ("niche-years", "从事细分市场年限，最高 5 分", "max 5"), ("chain-role", "主导产品所属领域", "max 5"), ("digitalisation", "数字化水平", "max 5"),
        ("quality", "质量管理水平：每满足一项加 3 分", "max 5"), ("net-margin", "{T}年净利润率", "max 10"), ("debt-ratio", "{T}年末资产负债率", "max 5"),
        ("provincial", "特色化指标（江西省）", "max 15; a range while Jiangxi's indicators are unknown"),
        ("ip", "与主导产品相关的有效知识产权数量", "max 10"), ("rd-input", "{T}年研发费用（金额与占比取高者）", "max 10"),
        ("rd-staff", "{T}年研发人员占职工总数比重", "max 5"), ("rd-institution", "建立研发机构级别", "max 10")]:
    c(f"specialised-sme.score.{item}", "specialised-sme", label, "score item (63号), " + note)
c("specialised-sme.score", "specialised-sme", "评价得分（专业化、精细化、特色化、创新能力四类十三项合计）", "pass ≥ 60 (63号)")
c("specialised-sme.direct.award", "specialised-sme", "直接认定：近三年内省级科技奖励排名前三，或国家级科技奖励排名前五")
c("specialised-sme.direct.rd-expense", "specialised-sme", "直接认定：近两年研发费用总额均值在 1,000万元以上")
c("specialised-sme.direct.financing", "specialised-sme", "直接认定：近两年新增股权融资总额（合格机构投资者的实缴额）6,000万元以上")
c("specialised-sme.direct.contest", "specialised-sme", "直接认定：近三年进入“创客中国”大赛全国 500 强企业组名单")
c("specialised-sme.main-business-share", "specialised-sme", "上年度主营业务收入占营业收入比重不低于 80%", "2号 only")
c("specialised-sme.debt-ratio", "specialised-sme", "上年末资产负债率不高于 80%", "2号 only")
c("specialised-sme.ip", "specialised-sme", "拥有 1 项以上与主导产品相关、已实施并产生经济效益的Ⅰ类知识产权（或免除）", "2号 only")
c("specialised-sme.development-score", "specialised-sme", "专精特新发展评价得分不低于 50 分", "2号 only")

c("little-giant.prerequisite", "little-giant", "为有效期内的专精特新中小企业")
c("little-giant.excluded", "little-giant", "未被认定为制造业单项冠军企业（产品）；未与已认定的“小巨人”企业存在控股关系或同属一个集团生产同类产品")
c("little-giant.niche", "little-giant", "截至上年末，从事特定细分市场时间达到 3 年以上")
c("little-giant.revenue-floor", "little-giant", "上年度营业收入总额不低于 5,000万元（2025 年起申报和复核）", "from the 2025 notice")
c("little-giant.operating-years", "little-giant", "连续经营 3 年以上", "[unsure]")
c("little-giant.main-business-share", "little-giant", "主营业务收入总额占营业收入总额比重不低于 70%（2号：90%）")
c("little-giant.growth", "little-giant", "近两年主营业务收入平均增长率不低于 5%", "63号")
c("little-giant.debt-ratio", "little-giant", "截至上年末资产负债率不高于 70%（2号：75%）")
c("little-giant.information-systems", "little-giant", "至少 1 项核心业务采用信息系统支撑", "63号")
c("little-giant.certification", "little-giant", "取得相关管理体系认证，或产品通过发达国家和地区产品认证", "63号")
c("little-giant.market-share", "little-giant", "主导产品在全国细分市场占有率达到 10% 以上")
c("little-giant.own-brand", "little-giant", "拥有直接面向市场并具有竞争优势的自主品牌", "63号")
c("little-giant.innovation.rd", "little-giant", "新：研发投入按营业收入分档", "63号")
c("little-giant.innovation.rd-institution", "little-giant", "自建或与高校、科研机构联合建立研发机构", "63号")
c("little-giant.innovation.ip", "little-giant", "拥有 2 项以上与主导产品相关的Ⅰ类知识产权，且实际应用并已产生经济效益", "63号")
c("little-giant.innovation.direct.award", "little-giant", "近三年内获得过国家级科技奖励并在获奖单位中排名前三", "63号")
c("little-giant.innovation.direct.contest", "little-giant", "近三年进入“创客中国”大赛全国 50 强企业组名单", "63号")
c("little-giant.key-chain-link", "little-giant", "位于产业链关键环节，补短板、锻长板、填空白（经审核确认）", "63号")
c("little-giant.priority-field", "little-giant", "主导产品属于重点领域（经审核确认）")
c("little-giant.revenue", "little-giant", "上年度营业收入总额不低于 5,000万元", "2号 only")
c("little-giant.revenue-cagr", "little-giant", "近两年营业收入复合增长率不低于 5%", "2号 only")
c("little-giant.rd", "little-giant", "近两年研发费用合计不低于 1,200万元，且每年占比不低于 3%", "2号 only")
c("little-giant.ip", "little-giant", "拥有 4 项以上与主导产品相关、已实施、非受让的Ⅰ类知识产权（或免除）", "2号 only")
c("little-giant.development-score", "little-giant", "专精特新发展评价得分不低于 60 分", "2号 only")

c("innovation-demo.chinese-controlled", "innovation-demo", "研发和生产基地在中国境内，中方控股")
c("innovation-demo.clean-record", "innovation-demo", "近三年内无以下情形：列入经营异常名录、列入严重违法失信名单")
c("innovation-demo.tech-centre", "innovation-demo", "拥有省级以上企业技术中心")
c("innovation-demo.employees", "innovation-demo", "职工人数不少于 300 人")
c("innovation-demo.sales-revenue", "innovation-demo", "年销售收入不低于 3,000万元")
c("innovation-demo.total-assets", "innovation-demo", "资产总额不低于 4,000万元")
c("innovation-demo.rd-ratio", "innovation-demo", "研究开发投入占年销售收入比重不低于 3%")
c("innovation-demo.profitable", "innovation-demo", "近三年连续盈利")


# ------------------------------------------------------------------------------------------------ checks
def sql_columns(path, tables=None):
    tables = {} if tables is None else tables
    for m in re.finditer(r"CREATE TABLE (\w+) \((.*?)\n\);", path.read_text(encoding="utf-8"), re.S):
        cols = []
        for line in m.group(2).splitlines():
            line = line.strip()
            if not line or line.upper().startswith(("PRIMARY KEY", "FOREIGN KEY", "UNIQUE", "CHECK", "CONSTRAINT")):
                continue
            cols.append(line.split()[0])
        tables[m.group(1)] = cols
    # Later migrations add columns to existing tables.
    for m in re.finditer(r"ALTER TABLE (\w+) ADD COLUMN (\w+)", path.read_text(encoding="utf-8")):
        tables.setdefault(m.group(1), []).append(m.group(2))
    # ... and drop tables (0008 replaced assessments with tier_results).
    for m in re.finditer(r"DROP TABLE (\w+);", path.read_text(encoding="utf-8")):
        tables.pop(m.group(1), None)
    return tables


def profile_paths(path):
    text = path.read_text(encoding="utf-8") + "\n" + (QUALITY_CS.read_text(encoding="utf-8") if QUALITY_CS.exists() else "")
    records = {}
    for m in re.finditer(r"public sealed record (\w+)\s*\{(.*?)\n\}", text, re.S):
        records[m.group(1)] = re.findall(r"public ([\w<>?]+) (\w+) \{ get; init; \}", m.group(2))
    out = []

    def walk(record, prefix):
        for type_, name in records[record]:
            p = prefix + name[0].lower() + name[1:]
            out.append(p)
            inner = re.fullmatch(r"IReadOnlyList<(\w+)>\??", type_)
            base = type_.rstrip("?")
            if inner and inner.group(1) in records:
                walk(inner.group(1), p + "[].")
            elif base in records:
                walk(base, p + ".")

    walk("EnterpriseProfile", "")
    return out


def check(d):
    problems = []
    ids = {x[0] for x in CRITERIA}
    if len(ids) != len(CRITERIA):
        problems.append("duplicate criterion id in CRITERIA")
    keys = ["zh", "en", "type", "unit", "range", "source", "rules"]
    # An import column also says, for the person filling the template in, how to fill it ("hint", zh and en).
    hinted = keys[:5] + ["hint"] + keys[5:]

    def entry(where, e):
        if list(e) != keys and list(e) != hinted:
            problems.append(f"{where}: keys {list(e)} != {keys} (or with a hint after range)")
        if "hint" in e and (not isinstance(e["hint"], dict) or sorted(e["hint"]) != ["en", "zh"]
                            or not all(isinstance(v, str) and v.strip() for v in e["hint"].values())):
            problems.append(f"{where}: a hint is {{\"zh\": …, \"en\": …}}, both filled in")
        for k in ("zh", "en", "type", "range", "source"):
            if not isinstance(e.get(k), str) or not e[k].strip():
                problems.append(f"{where}: empty {k}")
        if e.get("unit") is not None and not isinstance(e["unit"], str):
            problems.append(f"{where}: unit must be a string or null")
        for rid in e.get("rules", []):
            if rid not in ids:
                problems.append(f"{where}: unknown criterion id {rid}")

    for t, spec in d["tables"].items():
        for col, e in spec["columns"].items():
            entry(f"{t}.{col}", e)
    for p, e in d["profile"].items():
        entry(p, e)

    expected = {}
    for dialect in DIALECTS:
        schema = {}
        for f in sorted((MIGRATIONS / dialect).glob("*.sql")):
            sql_columns(f, schema)  # in order: each migration's tables and added columns
        for t, cols in schema.items():
            if t in expected and expected[t] != cols:
                problems.append(f"{t}: columns differ between dialects")
            expected[t] = cols
    if expected:
        expected.update(EXTRA_TABLES)
        for t in set(expected) | set(d["tables"]):
            have = list(d["tables"].get(t, {}).get("columns", {}))
            want = expected.get(t, [])
            if set(have) != set(want):
                problems.append(f"table {t}: missing {sorted(set(want) - set(have))}, extra {sorted(set(have) - set(want))}")
    if PROFILE_CS.exists():
        want = profile_paths(PROFILE_CS)
        have = list(d["profile"])
        if set(have) != set(want):
            problems.append(f"profile: missing {sorted(set(want) - set(have))}, extra {sorted(set(have) - set(want))}")
    return problems


# ------------------------------------------------------------------------------------------------ render
def cell(x):
    if x is None:
        return "—"
    return str(x).replace("|", "\\|").replace("\n", " ")


def rules_cell(rules):
    return "<br>".join(f"`{r}`" for r in rules) if rules else "—"


def table_md(rows, first):
    head = f"| {first} | 中文名 | English | type | unit | range | source | rules |\n|---|---|---|---|---|---|---|---|\n"
    body = "".join(
        f"| `{name}` | {cell(e['zh'])} | {cell(e['en'])} | {cell(e['type'])} | {cell(e['unit'])} | {cell(e['range'])} | "
        f"{cell(e['source'])} | {rules_cell(e['rules'])} |\n" for name, e in rows)
    return head + body


INTRO = """\
# 数据字典 / Data dictionary

<!-- Generated by data-dictionary/render.py from data-dictionary/fields.json: edit fields.json, then run
     `python3 data-dictionary/render.py`. -->

The registry holds Jiangxi's technology enterprises and everything the qualification engine needs about
them: reference data (设区市 `cities`, 园区 `parks`, 产业链 `industry_chains`), one `enterprises` row per
enterprise keyed by its 统一社会信用代码, yearly `filings` (staff, revenue, R&D, assets), one row per IP item
(`ip_holdings`), tech-SME registrations, HNTE certificates, provincial high-growth list entries, financing
rounds and dated clean-record events. `ladder_positions` stores each enterprise's place on the ladder and its
seven tiers' outcomes (as bits) per evaluation date, `tier_results` beside it each tier's score and parameter
versions; `schema_migrations` records the applied migrations. The engine never reads the tables directly: it
reads a **profile** (`EnterpriseProfile`, camelCase JSON) built from them for one evaluation date.

**Money** is in yuan (元, CNY) as exact decimals: `NUMERIC(18,2)` in PostgreSQL, decimal text in SQLite,
`decimal` in C#, plain JSON numbers in the profile; never floating point. 万元 = 10,000 元, 亿元 = 100,000,000 元.
Only financing rounds may be in USD (`currency`); the engine converts them at the year's average USD/CNY
rate from `Parameters/exchange-rates`.

**From column to profile field** (`ProfileBuilder.Build(record, asOf)`; nothing dated after `asOf` is read):

| profile | built from |
|---|---|
| `creditCode`, `name`, `registeredOn`, `listed`, `industry`, `hiTechField`, `resident`, `prohibitedIndustry`, `branchOrTradingOnly` | the `enterprises` column of the same meaning |
| `years[]` | `filings` rows with `year` ≤ evaluation year − 1 (the data year), one element per row |
| `ip.class1`, `ip.class2`, `ip.ownRd` | `ip_holdings` valid at the date (`valid_from` ≤ date < `valid_to`): counts per `ip_class`; `ownRd` = any `own_rd` (null when none held) |
| `hnteCertificate` | the latest `hnte_certificates` row issued on or before the date |
| `techSmeRegistrations[]`, `listEntries[]` | rows with `year` ≤ evaluation year |
| `directQualifiers.*` | `enterprises.*_year`: award and standard within the last 5 years, R&D institution recognised by the date |
| `cleanRecord.*` | `clean_record_events` of that `flag` from 1 January of (evaluation year − 2) to the date |
| `financing[]` | `financing_rounds` dated on or before the date, by date |
| `expert.*` | not in the registry: expert grades given to a self-check |

The `source` of a profile field starts with `←` and the column(s) it comes from, then the document the
value is taken from and the article that uses it. A null profile value means *not known*: the engine
reports it as missing, never as a fail. Missing inputs are reported with concrete paths: the year in place
of `[]` for filings (`years[2023].salesRevenue`), the index for rounds (`financing[0].amount`); besides
profile paths the engine may report `parameters:…` (no parameter or exchange rate in force) and
`expert.innovationScore` (the HNTE score straddles the pass mark: only experts can decide).

The `rules` column lists the criterion ids that read the field (the criteria themselves, not the
aggregates such as `tech-sme.score` or `gazelle.path1` that combine them); look them up in
[criteria.md](criteria.md). `listEntries` feeds the recognised tier (`highestRecognizedTier`), not a criterion.

"""


def readme(d):
    parts = [INTRO, "## Tables\n\n"]
    for t, spec in d["tables"].items():
        parts.append(f"### `{t}`\n\n{spec['description']}\n\n")
        parts.append(table_md(spec["columns"].items(), "column"))
        parts.append("\n")
    parts.append("## Profile (`EnterpriseProfile`)\n\n"
                 "Paths use the camelCase JSON names; `[]` marks the elements of an array, `.` a nested object.\n\n")
    parts.append(table_md(d["profile"].items(), "path"))
    parts.append("\n## Model features (`PromotionFeatures`)\n\n"
                 "The inputs of the promotion models (`src/JxEnterpriseLadder.Prediction`), all computed from the record as it "
                 "stood on 31 December of the base year t (`YearEndSnapshot`). `city:*`, `park:*` and `chain:*` stand for one "
                 "indicator per code of the reference data, named from it on the pages (园区：南昌高新技术产业开发区).\n\n"
                 "| feature | 中文 | English | unit | source |\n|---|---|---|---|---|\n")
    for f, e in d.get("features", {}).items():
        parts.append(f"| `{f}` | {cell(e['zh'])} | {cell(e['en'])} | {cell(e.get('unit') or '')} | {cell(e['source'])} |\n")
    return "".join(parts)


def criteria_md(d):
    inputs = {}
    for p, e in d["profile"].items():
        for rid in e["rules"]:
            inputs.setdefault(rid, []).append(p)
    parts = ["""\
# Criterion ids / 评价条件编号

<!-- Generated by data-dictionary/render.py: the list lives in render.py (CRITERIA), checked against fields.json. -->

Every criterion the engine emits (`Criterion.Id` in an assessment result), by tier, in the order the
engine emits them. Labels are the engine's Chinese labels; `{T}` stands for the data year (evaluation
year − 1). "Profile inputs" are the profile fields whose entries in [fields.json](fields.json) list the
id. Aggregates (scores, paths) combine the criteria above them and read no field directly. Gaps
(`Gap.Criterion`) use the same ids.

"""]
    for tier, zh, en, basis in TIERS:
        rows = [x for x in CRITERIA if x[1] == tier]
        parts.append(f"## `{tier}` — {zh} ({en})\n\n{basis}\n\n")
        parts.append("| id | 中文标签 | tier | profile inputs | note |\n|---|---|---|---|---|\n")
        for id_, t, label, note in rows:
            ins = "<br>".join(f"`{p}`" for p in inputs.get(id_, [])) or "—"
            parts.append(f"| `{id_}` | {cell(label)} | {t} | {ins} | {cell(note) if note else ''} |\n")
        parts.append("\n")
    parts.append(f"{len(CRITERIA)} criterion ids in all.\n")
    return "".join(parts)


def main():
    d = json.loads(FIELDS.read_text(encoding="utf-8"))
    problems = check(d)
    for p in problems:
        print("PROBLEM:", p, file=sys.stderr)
    if "--check" in sys.argv:
        return 1 if problems else 0
    (HERE / "README.md").write_text(readme(d), encoding="utf-8")
    (HERE / "criteria.md").write_text(criteria_md(d), encoding="utf-8")
    cols = sum(len(t["columns"]) for t in d["tables"].values())
    print(f"README.md: {len(d['tables'])} tables, {cols} columns, {len(d['profile'])} profile paths; "
          f"criteria.md: {len(CRITERIA)} criterion ids")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
