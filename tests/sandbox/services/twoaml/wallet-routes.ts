/** `/wallet/*` of both namespaces: summary, deposit instructions, history, top-ups, reconcile. */
import { Hono } from 'hono';
import { z } from 'zod';
import type { TwoAml, TwoAmlEnv } from './context';
import { creditBalance } from './credits';
import { MESSAGES } from './errors';
import { formatTrx } from './money';
import { pageOf, readJsonBody, readPagination } from './request';
import { reconcileTopup, topupView, userTopups } from './topups';
import { MIN_DEPOSIT_SUN, walletHistoryView, walletSummaryView } from './wallet';
import type { Namespace, UserRecord } from './state';

const reconcileBody = z.object({
  txHash: z
    .string()
    .trim()
    .regex(/^(0x)?[0-9a-fA-F]{64}$/),
});

/** The wallet routes of `namespace` (all protected by the namespace's session guard). */
export function createWalletRoutes(ctx: TwoAml, namespace: Namespace): Hono<TwoAmlEnv> {
  const routes = new Hono<TwoAmlEnv>();
  const summary = (user: UserRecord) =>
    walletSummaryView(user, namespace === 'aml-wallet-check' ? creditBalance(ctx, user) : undefined);

  routes.get('/summary', (c) => c.json(summary(c.get('user'))));

  routes.get('/deposit-instructions', (c) =>
    c.json({
      network: 'tron',
      depositAddress: c.get('user').depositAddress,
      depositMemo: null,
      memoRequired: false,
      ...(namespace === 'aml-wallet-check' ? { depositRouteStatus: 'active' } : {}),
      minDepositTrx: formatTrx(MIN_DEPOSIT_SUN),
      minConfirmations: 1,
      confirmationPolicy: 'Credit after 1 on-chain confirmation(s).',
    }),
  );

  routes.get('/history', (c) => {
    const { page, limit } = readPagination(c);
    return c.json(pageOf(walletHistoryView(ctx, c.get('user'), namespace), page, limit));
  });

  routes.get('/topups', (c) => {
    const { page, limit } = readPagination(c);
    const rows = userTopups(ctx, c.get('user')).map((topup) => topupView(topup, namespace));
    return c.json(pageOf(rows, page, limit));
  });

  routes.post('/topups/reconcile', async (c) => {
    const body = await readJsonBody(c, reconcileBody, MESSAGES.topupInvalid);
    const user = c.get('user');
    const txHash = body.txHash.replace(/^0x/, '').toLowerCase();
    const topup = reconcileTopup(ctx, user, txHash, namespace);
    return c.json({ topup: topupView(topup, namespace), wallet: summary(user) });
  });

  return routes;
}
