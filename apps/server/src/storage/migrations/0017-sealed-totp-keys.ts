import type { Migration } from "../migrations.js";

/**
 * TOTP keys encrypted at rest with the personal data vault (AES-256-GCM, personal-data/vault.ts):
 * the key an enrolled person uses, the one being set up from the settings and the one being set
 * up during a login each get a sealed column. The plain BLOB columns of migration 10 are emptied
 * at start by auth/sealed-totp-keys.ts (the vault's key is not known to a migration) and are no
 * longer written.
 */
export const m0017: Migration = {
  version: 17,
  name: "TOTP keys sealed with the personal data key",
  sql: `
ALTER TABLE users ADD COLUMN totp_key_sealed TEXT;
ALTER TABLE users ADD COLUMN totp_pending_key_sealed TEXT;
-- The id of the data key that sealed totp_key_sealed (start refuses without it; rotation re-seals).
ALTER TABLE users ADD COLUMN totp_key_id TEXT;
ALTER TABLE login_challenges ADD COLUMN pending_key_sealed TEXT;
`,
};
