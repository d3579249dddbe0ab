/**
 * The lookalike of the seeded TronLink account, resolved without slowing the sandbox start:
 * a key committed in lookalike-keys.ts (2 + 3 characters) or a cached one is used at once; otherwise a
 * weaker 2 + 2 match is searched in small slices between requests and cached on disk for next time.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { KNOWN_LOOKALIKE_KEYS } from './lookalike-keys';
import {
  createLookalikeSearch,
  lookalikeFromKey,
  type Lookalike,
  type LookalikeGoal,
} from './lookalike-search';

export const STRONG_GOAL: LookalikeGoal = { prefixChars: 2, suffixChars: 3 };
export const FALLBACK_GOAL: LookalikeGoal = { prefixChars: 2, suffixChars: 2 };
/** Candidates per slice: ~10 ms of work, so requests served meanwhile wait at most that long. */
const SLICE = 512;
/** 2 + 2 needs ~80,000 candidates on average; this bound keeps a pathological target from spinning. */
const FALLBACK_BUDGET = 3_000_000;

const cacheFile = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../node_modules/.cache/ampere-sandbox/lookalike-keys.json',
);
const cacheSchema = z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/));

function readCache(): Record<string, string> {
  try {
    return cacheSchema.parse(JSON.parse(readFileSync(cacheFile, 'utf8')));
  } catch {
    return {};
  }
}

function writeCache(target: string, privateKey: string): void {
  try {
    mkdirSync(dirname(cacheFile), { recursive: true });
    writeFileSync(cacheFile, JSON.stringify({ ...readCache(), [target]: privateKey }, null, 2));
  } catch {
    // A read-only tree only costs the search again next start.
  }
}

/** A known or cached lookalike of `target`, without searching. */
export function storedLookalike(target: string): Lookalike | null {
  const known = KNOWN_LOOKALIKE_KEYS[target];
  const fromKnown = known ? lookalikeFromKey(target, known, STRONG_GOAL) : null;
  if (fromKnown) return fromKnown;
  const cached = readCache()[target];
  return cached ? lookalikeFromKey(target, cached, FALLBACK_GOAL) : null;
}

/** Resolves the lookalike of `target`: at once when stored, else after a sliced background search. */
export function resolveLookalike(target: string): Promise<Lookalike> {
  const stored = storedLookalike(target);
  if (stored) return Promise.resolve(stored);
  console.warn(
    `[tronscan] no stored lookalike for ${target}; searching a ${FALLBACK_GOAL.prefixChars}+${FALLBACK_GOAL.suffixChars} ` +
      `match now. For a stronger one run: npx tsx tests/sandbox/tronscan/find-lookalike.ts ${target}`,
  );
  const search = createLookalikeSearch(target, FALLBACK_GOAL);
  return new Promise((resolve, reject) => {
    const slice = () => {
      const found = search.step(SLICE);
      if (found) {
        writeCache(target, found.privateKey);
        resolve(found);
      } else if (search.examined >= FALLBACK_BUDGET) {
        reject(new Error(`no lookalike of ${target} within ${FALLBACK_BUDGET} candidates`));
      } else {
        setImmediate(slice);
      }
    };
    setImmediate(slice);
  });
}
