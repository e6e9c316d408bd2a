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
  updated_at  TEXT NOT NULL
) STRICT;
