/**
 * What a base58 TRON address looks like, for regular expressions: `T` and 33 base58 characters.
 * Shape only; whether it is an address (its checksum) is `isTronAddress` in lib/tron/address.ts.
 * Free of hashing and zod, so the content script and the lazy message schemas can build on it.
 */

/** One base58 character (Bitcoin's alphabet: no `0`, `O`, `I` or `l`), as a character class. */
export const BASE58_CHAR = '[1-9A-HJ-NP-Za-km-z]';

/** The source of a pattern for one address-shaped run, to build larger patterns from. */
export const TRON_ADDRESS_PATTERN = `T${BASE58_CHAR}{33}`;

/** A whole string shaped like a TRON address (checksum not verified). */
export const TRON_ADDRESS_SHAPE = new RegExp(`^${TRON_ADDRESS_PATTERN}$`);
