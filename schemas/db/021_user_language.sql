-- 021: the language a user reads Dossier in ('zh' or 'en'); '' for the
-- default, Chinese. The CLI uses it when no --lang or DOSSIER_LANG is given,
-- the web interface when the user signs in, wherever they sign in from.
ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT '';
