/**
 * The Wallet AML Check endpoints (seeds/003) on the 2aml client core: the account and wallet of the
 * AML namespace, credits and paid checks with their reports.
 */
import type { z } from 'zod';
import { pagingInput, parseInput, type PagingInput } from '../api/input';
import { AML_NAMESPACE, type TwoAmlClient } from '../twoaml/client';
import { checkId, checkInput, creditHistoryInput, purchaseInput } from '../twoaml/inputs';
import { amlReconcileSchema, amlWalletHistorySchema, amlWalletSummarySchema } from '../twoaml/wallet-schemas';
import {
  checkHistorySchema,
  checkResultSchema,
  createdCheckSchema,
  creditCatalogSchema,
  creditHistorySchema,
  creditPurchaseSchema,
  creditSummarySchema,
} from './api-schemas';

/** The AML namespace's endpoints over `client`. */
export function createAmlApi(client: TwoAmlClient) {
  const { call, download, accountEndpoints, walletEndpoints } = client;
  const checkPath = (id: number) => `${AML_NAMESPACE}/checks/${parseInput('2aml', checkId, id)}`;

  return {
    /** The 2aml origin these endpoints are sent to. */
    origin: client.origin,
    ...accountEndpoints(AML_NAMESPACE),
    wallet: walletEndpoints(AML_NAMESPACE, {
      summary: amlWalletSummarySchema,
      history: amlWalletHistorySchema,
      reconcile: amlReconcileSchema,
    }),
    /** `GET /credits/catalog`. */
    creditCatalog: async () =>
      call({ auth: true }, { path: `${AML_NAMESPACE}/credits/catalog`, schema: creditCatalogSchema }),
    /** `GET /credits/summary`. */
    creditSummary: async () =>
      call({ auth: true }, { path: `${AML_NAMESPACE}/credits/summary`, schema: creditSummarySchema }),
    /** `GET /credits/history`, optionally of one `type`. */
    creditHistory: async (input?: z.input<typeof creditHistoryInput>) =>
      call(
        { auth: true },
        {
          path: `${AML_NAMESPACE}/credits/history`,
          query: parseInput('2aml', creditHistoryInput, input),
          schema: creditHistorySchema,
        },
      ),
    /** `POST /credits/purchases` from the wallet balance; repeat with the same `idempotencyKey`. */
    purchaseCredits: async (input: z.input<typeof purchaseInput>) => {
      const body = parseInput('2aml', purchaseInput, input);
      return call(
        { auth: true },
        {
          method: 'POST',
          path: `${AML_NAMESPACE}/credits/purchases`,
          body,
          idempotencyKey: body.idempotencyKey,
          schema: creditPurchaseSchema,
        },
      );
    },
    /** `POST /checks`: runs a paid screening; repeat with the same `idempotencyKey`. */
    createCheck: async (input: z.input<typeof checkInput>) => {
      const body = parseInput('2aml', checkInput, input);
      return call(
        { auth: true, fingerprint: true },
        {
          method: 'POST',
          path: `${AML_NAMESPACE}/checks`,
          body,
          idempotencyKey: body.idempotencyKey,
          schema: createdCheckSchema,
        },
      );
    },
    /** `GET /checks`: request history, newest first. */
    listChecks: async (paging?: PagingInput) =>
      call(
        { auth: true },
        {
          path: `${AML_NAMESPACE}/checks`,
          query: parseInput('2aml', pagingInput, paging),
          schema: checkHistorySchema,
        },
      ),
    /** `GET /checks/:checkId`: the canonical JSON result. */
    getCheck: async (id: number) => call({ auth: true }, { path: checkPath(id), schema: checkResultSchema }),
    /** `GET /checks/:checkId/report`: the full PDF. */
    downloadReport: async (id: number) => download(`${checkPath(id)}/report`),
    /** `GET /checks/:checkId/report-summary`: the summary PDF. */
    downloadSummaryReport: async (id: number) => download(`${checkPath(id)}/report-summary`),
  };
}

export type AmlApi = ReturnType<typeof createAmlApi>;
