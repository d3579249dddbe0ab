/**
 * The Rent TRON Energy endpoints (seeds/000) on the 2aml client core: the account and wallet of the
 * energy namespace, quotes and wallet-billed energy orders.
 */
import type { z } from 'zod';
import { pagingInput, parseInput, type PagingInput } from '../api/input';
import { ENERGY_NAMESPACE, type TwoAmlClient } from '../twoaml/client';
import { energyOrderId, orderInput, quoteInput } from '../twoaml/inputs';
import {
  energyReconcileSchema,
  energyWalletHistorySchema,
  energyWalletSummarySchema,
} from '../twoaml/wallet-schemas';
import { energyOrderSchema, energyOrdersSchema, energyQuoteSchema } from './twoaml-order-schemas';

/** The energy namespace's endpoints over `client`. */
export function createTwoAmlEnergyApi(client: TwoAmlClient) {
  const { call, accountEndpoints, walletEndpoints } = client;
  return {
    ...accountEndpoints(ENERGY_NAMESPACE),
    wallet: walletEndpoints(ENERGY_NAMESPACE, {
      summary: energyWalletSummarySchema,
      history: energyWalletHistorySchema,
      reconcile: energyReconcileSchema,
    }),
    /** `GET /quote` (public: no token sent). */
    quote: async (input: z.input<typeof quoteInput>) =>
      call(
        { auth: false },
        {
          path: `${ENERGY_NAMESPACE}/quote`,
          query: parseInput('2aml', quoteInput, input),
          schema: energyQuoteSchema,
        },
      ),
    /** `POST /orders`, billed from the wallet; repeat with the same `idempotencyKey`, never a new one. */
    createOrder: async (input: z.input<typeof orderInput>) => {
      const body = parseInput('2aml', orderInput, input);
      return call(
        { auth: true, fingerprint: true },
        {
          method: 'POST',
          path: `${ENERGY_NAMESPACE}/orders`,
          body,
          idempotencyKey: body.idempotencyKey,
          schema: energyOrderSchema,
        },
      );
    },
    /** `GET /orders`, newest update first. */
    listOrders: async (paging?: PagingInput) =>
      call(
        { auth: true },
        {
          path: `${ENERGY_NAMESPACE}/orders`,
          query: parseInput('2aml', pagingInput, paging),
          schema: energyOrdersSchema,
        },
      ),
    /** `GET /orders/:energyOrderId`: poll until a terminal status. */
    getOrder: async (id: string) =>
      call(
        { auth: true },
        {
          path: `${ENERGY_NAMESPACE}/orders/${encodeURIComponent(parseInput('2aml', energyOrderId, id))}`,
          schema: energyOrderSchema,
        },
      ),
  };
}

export type TwoAmlEnergyApi = ReturnType<typeof createTwoAmlEnergyApi>;
