/**
 * Offline helper: finds a lookalike key pair for a target address and prints the line to paste into
 * lookalike-keys.ts. Takes minutes (see lookalike-search.ts for why); the sandbox never runs it.
 *
 *   npx tsx tests/sandbox/tronscan/find-lookalike.ts <T-address> [prefixChars=2] [suffixChars=3]
 */
import { createLookalikeSearch } from './lookalike-search';
import { isValidTronAddress } from './tron-address';

const [target = '', prefixArg = '2', suffixArg = '3'] = process.argv.slice(2);
if (!isValidTronAddress(target)) {
  console.error('usage: find-lookalike.ts <T-address> [prefixChars] [suffixChars]');
  process.exit(2);
}
const search = createLookalikeSearch(target, {
  prefixChars: Number(prefixArg),
  suffixChars: Number(suffixArg),
});
const startedAt = Date.now();
let found = null;
while (!found) {
  found = search.step(65_536);
  if (!found)
    console.error(`… ${search.examined} candidates, ${Math.round((Date.now() - startedAt) / 1000)} s`);
}
console.error(
  `${found.address} shares ${found.sharedPrefix} + ${found.sharedSuffix} characters with ${target}`,
);
console.log(`  ${target}: '${found.privateKey}',`);
