-- 0016 the second ladder's titles (issue 21, docs/decisions/0023): 创新型中小企业, 专精特新中小企业, 专精特新"小巨人",
-- 国家技术创新示范企业, and the other titles their rules read (知识产权优势/示范企业, 制造业单项冠军), each recognised in a batch
-- and valid from issued_on through expires_on. A review that passes is a new row of the review's batch.
-- Keep in step with the other dialect's file.
CREATE TABLE quality_titles (
    credit_code TEXT NOT NULL REFERENCES enterprises(credit_code) ON DELETE CASCADE,
    title TEXT NOT NULL,
    issued_on DATE NOT NULL,
    expires_on DATE NOT NULL,
    batch TEXT NULL,
    review_outcome TEXT NULL,
    PRIMARY KEY (credit_code, title, issued_on)
);
