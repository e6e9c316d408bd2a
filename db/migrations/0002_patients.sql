-- Patients: who is booked. Search keys (pinyin, initials) are derived from the name when saved.
CREATE TABLE patients (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  sex         TEXT NOT NULL CHECK (sex IN ('M', 'F', 'U')),
  birth_date  TEXT,                 -- YYYY-MM-DD or NULL
  phone       TEXT,                 -- mainland mobile or NULL
  id_number   TEXT UNIQUE,          -- resident ID number (18) or NULL
  note        TEXT NOT NULL DEFAULT '',
  pinyin      TEXT NOT NULL DEFAULT '',  -- full pinyin without tones or spaces: zhangwei
  initials    TEXT NOT NULL DEFAULT '',  -- zw
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  -- The name one character per token ("张 伟") for the substring index below. FTS5 has no
  -- tokenizer that splits Chinese into characters and a trigger cannot loop, so the name is
  -- spelled out to the 50 characters the contract allows. VIRTUAL: computed, never stored.
  name_chars  TEXT GENERATED ALWAYS AS (trim(
      substr(name, 1, 1) || ' ' || substr(name, 2, 1) || ' ' || substr(name, 3, 1) || ' ' || substr(name, 4, 1) || ' ' || substr(name, 5, 1) || ' ' ||
      substr(name, 6, 1) || ' ' || substr(name, 7, 1) || ' ' || substr(name, 8, 1) || ' ' || substr(name, 9, 1) || ' ' || substr(name, 10, 1) || ' ' ||
      substr(name, 11, 1) || ' ' || substr(name, 12, 1) || ' ' || substr(name, 13, 1) || ' ' || substr(name, 14, 1) || ' ' || substr(name, 15, 1) || ' ' ||
      substr(name, 16, 1) || ' ' || substr(name, 17, 1) || ' ' || substr(name, 18, 1) || ' ' || substr(name, 19, 1) || ' ' || substr(name, 20, 1) || ' ' ||
      substr(name, 21, 1) || ' ' || substr(name, 22, 1) || ' ' || substr(name, 23, 1) || ' ' || substr(name, 24, 1) || ' ' || substr(name, 25, 1) || ' ' ||
      substr(name, 26, 1) || ' ' || substr(name, 27, 1) || ' ' || substr(name, 28, 1) || ' ' || substr(name, 29, 1) || ' ' || substr(name, 30, 1) || ' ' ||
      substr(name, 31, 1) || ' ' || substr(name, 32, 1) || ' ' || substr(name, 33, 1) || ' ' || substr(name, 34, 1) || ' ' || substr(name, 35, 1) || ' ' ||
      substr(name, 36, 1) || ' ' || substr(name, 37, 1) || ' ' || substr(name, 38, 1) || ' ' || substr(name, 39, 1) || ' ' || substr(name, 40, 1) || ' ' ||
      substr(name, 41, 1) || ' ' || substr(name, 42, 1) || ' ' || substr(name, 43, 1) || ' ' || substr(name, 44, 1) || ' ' || substr(name, 45, 1) || ' ' ||
      substr(name, 46, 1) || ' ' || substr(name, 47, 1) || ' ' || substr(name, 48, 1) || ' ' || substr(name, 49, 1) || ' ' || substr(name, 50, 1)
  )) VIRTUAL
) STRICT;

-- Search (services/patients-search.ts). Every query the search sends is an index lookup or an
-- index range; none scans the table. "Most recent first" rides on id order inside each index.
CREATE INDEX patients_name ON patients(name);                            -- exact and prefix: 张伟, 张
CREATE INDEX patients_pinyin ON patients(pinyin);                        -- zhangwei, zhangw
CREATE INDEX patients_initials ON patients(initials);                    -- zw
CREATE INDEX patients_phone ON patients(phone);                          -- full number and its prefix
CREATE INDEX patients_phone_last4 ON patients(substr(phone, -4));        -- last 4 digits
CREATE INDEX patients_id_number_last4 ON patients(substr(id_number, -4)); -- last 4 or more

-- Name substring (伟 in 张伟, 小红 in 单小红): a phrase of character tokens. Contentless (the
-- names live in patients) with contentless_delete so a row can be removed by id alone.
-- Kept in step by triggers, so rows written by any code path (the benchmark generator included) are found.
CREATE VIRTUAL TABLE patients_name_chars USING fts5(chars, content = '', contentless_delete = 1);

CREATE TRIGGER patients_name_chars_insert AFTER INSERT ON patients BEGIN
  INSERT INTO patients_name_chars (rowid, chars) VALUES (new.id, new.name_chars);
END;

CREATE TRIGGER patients_name_chars_update AFTER UPDATE OF name ON patients BEGIN
  DELETE FROM patients_name_chars WHERE rowid = old.id;
  INSERT INTO patients_name_chars (rowid, chars) VALUES (new.id, new.name_chars);
END;

CREATE TRIGGER patients_name_chars_delete AFTER DELETE ON patients BEGIN
  DELETE FROM patients_name_chars WHERE rowid = old.id;
END;
