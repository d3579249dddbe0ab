/**
 * Deterministic AML risk: a score derived from a hash of the address (same address, same score, on every
 * start), a few seeded known-bad addresses with high scores and tags, and the USDT blacklist read from the chain.
 */
import { createHash } from 'node:crypto';
import type { SandboxChain } from '../../world';
import type { ScreeningNetwork } from './address';
import type { CheckSignals, RiskLevel } from './state';
import { DAY_MS } from './time';

export interface KnownBadAddress {
  label: string;
  address: string;
  amlScore: number;
  tags: string[];
}

const KNOWN_BAD_PROFILES: readonly Omit<KnownBadAddress, 'address'>[] = [
  { label: 'sanctioned-exchange', amlScore: 97, tags: ['sanctions', 'aml-flagged'] },
  { label: 'ransomware-cashout', amlScore: 95, tags: ['ransomware', 'aml-flagged'] },
  { label: 'mixer', amlScore: 91, tags: ['mixer', 'aml-flagged'] },
  { label: 'phishing-scam', amlScore: 88, tags: ['scam', 'phishing', 'aml-flagged'] },
  { label: 'darknet-market', amlScore: 86, tags: ['darknet-market', 'aml-flagged'] },
];

/** Key name of a seeded address whose checks always take the slow path (`processing` first). */
export const SLOW_CHECK_KEY = '2aml-slow-check-target';

const knownBadByChain = new WeakMap<SandboxChain, KnownBadAddress[]>();

/** The seeded known-bad TRON addresses (deterministic keys of the sandbox chain). */
export function knownBadAddresses(chain: SandboxChain): KnownBadAddress[] {
  let list = knownBadByChain.get(chain);
  if (!list) {
    list = KNOWN_BAD_PROFILES.map((profile) => ({
      ...profile,
      tags: [...profile.tags],
      address: chain.keypair(`2aml-known-bad:${profile.label}`).address,
    }));
    knownBadByChain.set(chain, list);
  }
  return list;
}

function addressDigest(network: ScreeningNetwork, target: string): Buffer {
  const canonical = network === 'tron' ? target : target.toLowerCase();
  return createHash('sha256').update(`2aml-risk:${network}:${canonical}`).digest();
}

/** Risk bands: below 35 low, below 65 medium, below 85 high, else critical; high and above is flagged. */
export function riskLevelFor(score: number): RiskLevel {
  if (score < 35) return 'low';
  if (score < 65) return 'medium';
  if (score < 85) return 'high';
  return 'critical';
}

export interface RiskAssessment {
  amlScore: number;
  riskLevel: RiskLevel;
  isFlagged: boolean;
  tags: string[];
}

/** The risk of `target` now (the blacklist part reads the chain, the rest is fixed per address). */
export function assessRisk(chain: SandboxChain, network: ScreeningNetwork, target: string): RiskAssessment {
  const knownBad =
    network === 'tron' ? knownBadAddresses(chain).find((bad) => bad.address === target) : undefined;
  let score: number;
  let tags: string[];
  if (knownBad) {
    score = knownBad.amlScore;
    tags = [...knownBad.tags];
  } else {
    const digest = addressDigest(network, target);
    // Squaring a uniform value skews scores low: most addresses are clean, about one in six is flagged.
    const uniform = digest.readUInt16BE(0) / 0xffff;
    score = Math.min(100, Math.floor(uniform * uniform * 101));
    tags = score >= 65 ? ['aml-flagged'] : [];
    if (score >= 85) tags.push('high-risk-counterparties');
  }
  if (network === 'tron' && chain.isBlacklisted(target)) {
    score = Math.max(score, 90);
    tags = [...new Set([...tags, 'usdt-blacklisted', 'aml-flagged'])];
  }
  const riskLevel = riskLevelFor(score);
  return { amlScore: score, riskLevel, isFlagged: score >= 65, tags };
}

/** About one address in four needs a deeper scan and is `processing` first; known-bad ones are instant. */
export function needsDeepScan(chain: SandboxChain, network: ScreeningNetwork, target: string): boolean {
  if (network === 'tron' && target === chain.keypair(SLOW_CHECK_KEY).address) return true;
  if (network === 'tron' && knownBadAddresses(chain).some((bad) => bad.address === target)) return false;
  return addressDigest(network, target)[2]! % 4 === 0;
}

/** On-chain signals: for TRON read from the sandbox chain; other networks are not simulated, so derived from the hash. */
export function collectSignals(
  chain: SandboxChain,
  network: ScreeningNetwork,
  target: string,
  tags: string[],
  nowMs: number,
): CheckSignals {
  if (network !== 'tron') {
    const digest = addressDigest(network, target);
    const transactions = digest.readUInt16BE(4) % 400;
    return {
      lastActivity: transactions === 0 ? null : nowMs - (digest[6]! % 90) * DAY_MS,
      balanceSun: BigInt(digest.readUInt32BE(8)) * 1000n,
      transactions,
      uniqueInteractors: Math.min(transactions, digest[12]! % 80),
      tags,
    };
  }
  const received = chain.transfers({ to: target });
  const sent = chain.transfers({ from: target });
  const txids = new Set([...received, ...sent].map((tx) => tx.txid));
  const interactors = new Set([
    ...received.map((tx) => tx.from),
    ...sent.flatMap((tx) => (tx.to ? [tx.to] : [])),
  ]);
  interactors.delete(target);
  const lastActivity = [...received, ...sent].reduce<number | null>(
    (latest, tx) => (latest === null || tx.timestampMs > latest ? tx.timestampMs : latest),
    null,
  );
  return {
    lastActivity,
    balanceSun: chain.trxBalance(target),
    transactions: txids.size,
    uniqueInteractors: interactors.size,
    tags,
  };
}
