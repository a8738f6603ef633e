-- 0003 sign-in: one row per account, its role and the scope it may see. Keep in step with the other dialect's file
-- and data-dictionary/fields.json. Passwords are stored as ASP.NET Core PasswordHasher hashes, never in clear.
CREATE TABLE users (
    user_name TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'province-officer', 'city-officer', 'park-manager', 'enterprise')),
    city_code TEXT NULL REFERENCES cities(code),
    park_code TEXT NULL REFERENCES parks(code),
    credit_code TEXT NULL REFERENCES enterprises(credit_code) ON DELETE CASCADE,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until BIGINT NULL,
    CHECK ((role = 'city-officer') = (city_code IS NOT NULL)),
    CHECK ((role = 'park-manager') = (park_code IS NOT NULL)),
    CHECK ((role = 'enterprise') = (credit_code IS NOT NULL))
);
