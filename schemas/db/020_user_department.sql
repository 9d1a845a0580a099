-- 020: the department a user works in (所属部门), a name of
-- config/departments.json; '' for none (an admin, an archive keeper of the
-- whole company). Lists and the ledger narrow to it ("本部门").
ALTER TABLE users ADD COLUMN department TEXT NOT NULL DEFAULT '';
