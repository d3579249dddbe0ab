/**
 * Network constants of the sandbox chain. Fees are mainnet's (August 2025); the staking ratios are
 * fixed so that delegation arithmetic is predictable: 1 staked TRX = 10 energy or 1 bandwidth per day.
 */

export const SUN_PER_TRX = 1_000_000n;

/** Burn price of one energy unit (`getEnergyFee`). */
export const ENERGY_FEE_SUN = 100n;
/** Burn price of one bandwidth byte (`getTransactionFee`). */
export const BANDWIDTH_FEE_SUN = 1_000n;
/** Charged by a TransferContract that creates its receiver (`getCreateNewAccountFeeInSystemContract`). */
export const CREATE_ACCOUNT_SYSTEM_FEE_SUN = 1_000_000n;
/** Burned for the creation's bandwidth when the sender has no staked bandwidth (`getCreateAccountFee`). */
export const CREATE_ACCOUNT_BANDWIDTH_FEE_SUN = 100_000n;
/** Highest `fee_limit` a contract call may set (15,000 TRX on mainnet). */
export const MAX_FEE_LIMIT_SUN = 15_000_000_000n;

/** Free bandwidth every activated account gets per day (`getFreeNetLimit`). */
export const FREE_NET_LIMIT = 600;
/** Added to the serialized size of every transaction for its result (`MAX_RESULT_SIZE_IN_TX`). */
export const RESULT_SIZE_BYTES = 64;

export const TOTAL_ENERGY_LIMIT = 180_000_000_000;
/** Total staked TRX for energy, fixed so that 1 TRX gives exactly 10 energy. */
export const TOTAL_ENERGY_WEIGHT = 18_000_000_000;
export const TOTAL_NET_LIMIT = 43_200_000_000;
/** Total staked TRX for bandwidth, fixed so that 1 TRX gives exactly 1 bandwidth. */
export const TOTAL_NET_WEIGHT = 43_200_000_000;

/** Resource usage recovers linearly over this window (24 h), counted in 3-second slots as on TRON. */
export const SLOT_MS = 3_000;
export const WINDOW_SLOTS = 28_800;

/** Longest lock a delegation may have, in blocks (`getMaxDelegateLockPeriod`, about 10 days). */
export const MAX_DELEGATE_LOCK_BLOCKS = 864_000n;
/** A `lock: true` delegation without a period is locked for 3 days, as before TIP-541. */
export const DEFAULT_DELEGATE_LOCK_BLOCKS = 86_400n;

/** Unstaked TRX becomes withdrawable after this many days (`getUnfreezeDelayDays`). */
export const UNFREEZE_DELAY_DAYS = 14;

/** A transaction may not expire more than 24 h after the head block. */
export const MAX_EXPIRATION_MS = 86_400_000;

/** Blocks whose reference (TaPoS) a transaction may use, as java-tron's recent-block store. */
export const TAPOS_WINDOW_BLOCKS = 65_536;

/** The USDT-TRC20 contract's mainnet address. */
export const USDT_CONTRACT = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';
