/**
 * The one protocol between the extension's contexts and the background.
 *
 * Every message has a zod schema for its payload and the list of sender roles allowed to send it.
 * The background router (`createRouter`) validates both before a handler runs, so a content script
 * (or anything a web page can reach) can only call the few methods meant for it.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import { z } from 'zod';
import type { Settings } from './storage';
import { checkServiceUrl } from './config/custom-services';
import { perCustomService, settingsFields } from './config/settings-fields';
import type { AppView } from './app-view';
import { TRON_ADDRESS_SHAPE } from './tron/address-pattern';
import {
  AML_BILLING_MODES,
  AML_CREDIT_HISTORY_TYPES,
  AML_PLAN_CODES,
  AML_REPORT_LANGUAGES,
} from './aml/choices';
import type {
  AddressCheckView,
  AmlPreferences,
  AmlSessionView,
  AmlWalletView,
  CatalogView,
  CheckCostView,
  CheckDetailView,
  CheckHistoryRow,
  CreditHistoryRow,
  DepositView,
  PageView,
  ReconcileView,
  TopupView,
  WalletHistoryRow,
} from './aml/views';
import type {
  TwoAmlEnergyHistoryRow,
  TwoAmlEnergyOrderView,
  TwoAmlEnergyWalletView,
} from './energy/twoaml-energy-views';
import type { Outcome } from './outcome';
import type { QuoteWire } from './energy/quote';
import type {
  ConnectProblemCode,
  EnergyResourcesView,
  QuoteRequestProblem,
  RentalCancelAnswer,
  TronZapAccountView,
  TronZapSetupView,
  ZapQuoteView,
} from './energy/views';
import type { OfferWire } from './energy/offers';
import type { TronLinkAccount } from './tronlink/account';
import type { RiskLookupAnswer, RiskUpdate } from './risk/badge-model';
import type {
  PartnerInfoView,
  PaymentPageView,
  PaymentView,
  PaymentsView,
  PostbackView,
  WalletView,
} from './payments/views';

/** Who sent a message: an extension page (popup, options, check page), a content script, or anyone else. */
export type SenderRole = 'extension' | 'content' | 'foreign';

interface MessageSpec<I extends z.ZodType, O> {
  roles: readonly SenderRole[];
  /** Built on first use, so contexts that only send (content scripts) never bundle zod. */
  input: () => I;
  /** Phantom, never read: carries the handler's return type. */
  output: O;
}

function message<I extends z.ZodType>(roles: readonly SenderRole[], input: () => I) {
  return { returns: <O>(): MessageSpec<I, O> => ({ roles, input, output: undefined as O }) };
}

const EXTENSION = ['extension'] as const;
const ANY_OF_OURS = ['extension', 'content'] as const;
const none = () => z.undefined().optional();

const customServiceUrl = () =>
  z
    .string()
    .max(2_048)
    .refine((text) => checkServiceUrl(text).ok, 'an https base URL without credentials, query or fragment')
    .nullable();

/** Any subset of the stored settings' fields (lib/config/settings-fields.ts), nothing else. */
const settingsPatch = () => {
  const fields = settingsFields();
  return z.strictObject({
    network: z
      .strictObject({
        ...fields.network,
        /** A base URL per service, or null for the documented one (lib/config/custom-services.ts). */
        custom: z.strictObject(perCustomService(customServiceUrl)).partial(),
      })
      .partial()
      .optional(),
    badges: z.strictObject(fields.badges).partial().optional(),
    privacy: z.strictObject(fields.privacy).partial().optional(),
  });
};

/** A string shaped like a TRON address; the handlers check its checksum. */
const addressShape = () => z.string().regex(TRON_ADDRESS_SHAPE);
const sunText = () => z.string().regex(/^\d{1,19}$/);
const checkIdInput = () => z.number().int().positive().max(2_147_483_647);
const amlPage = () => z.strictObject({ page: z.number().int().min(1).max(100_000).optional() });

const energySizing = () =>
  z.discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('preset'),
      preset: z.enum(['usdtTransfer', 'usdtTransferToNewHolder']),
    }),
    z.strictObject({ kind: z.literal('custom'), energy: z.number().int().min(0).max(1e12) }),
    z.strictObject({
      kind: z.literal('transferTo'),
      address: z.string().max(100),
      amount: z.string().max(40).optional(),
    }),
  ]);

const zapOrderRequest = () =>
  z.strictObject({
    service: z.enum(['energy', 'bandwidth', 'activate_address']),
    receiver: z.string().max(100),
    amount: z.number().int().min(1).max(100_000_000).optional(),
    durationHours: z.union([z.literal(1), z.literal(24)]).optional(),
  });

/** Every message, its payload schema and who may send it. */
export const messages = {
  // ── app: views, settings, jobs (lib/app-handlers.ts) ──
  'app.ping': message(ANY_OF_OURS, none).returns<{ version: string; role: SenderRole }>(),
  'view.get': message(EXTENSION, none).returns<AppView>(),
  'settings.update': message(EXTENSION, settingsPatch).returns<Settings>(),
  'jobs.dismiss': message(EXTENSION, () => z.object({ id: z.string().min(1) })).returns<void>(),

  // ── energy: TronLink bridge and TronNRG rentals (entrypoints/background/energy/) ──
  /** Asks TronLink for the account through the bridge (may open TronLink's connect prompt). */
  'energy.connect': message(EXTENSION, none).returns<Outcome<TronLinkAccount, ConnectProblemCode>>(),
  'energy.forget': message(EXTENSION, none).returns<void>(),
  /** Asks TronLink to sign a challenge with the account, to prove it is the person's own. */
  'energy.verify': message(EXTENSION, none).returns<void>(),
  /** Balances and resources of the connected account, TronNRG's terms and the chain's energy fee. */
  'energy.resources': message(EXTENSION, none).returns<Outcome<EnergyResourcesView>>(),
  'energy.quote': message(EXTENSION, () =>
    z.strictObject({ receiver: z.string().max(100), sizing: energySizing() }),
  ).returns<Outcome<QuoteWire, QuoteRequestProblem>>(),
  /** Starts a rental; the price and pay_to are the ones the person confirmed, checked again here. */
  'energy.rent': message(EXTENSION, () =>
    z.strictObject({
      receiver: z.string().max(100),
      sizing: energySizing(),
      priceSun: z.string().regex(/^\d{1,19}$/),
      payTo: z.string().max(100),
      confirmUndocumentedPayTo: z.boolean(),
    }),
  ).returns<Outcome<{ jobId: string }, QuoteRequestProblem>>(),
  'energy.signAgain': message(EXTENSION, () => z.strictObject({ id: z.string().min(1) })).returns<void>(),
  /** One source's offer for the energy needed (lib/energy/offer-handlers.ts); nothing is bought. */
  'energy.offer': message(EXTENSION, () =>
    z.strictObject({
      source: z.enum(['tronnrg', 'twoaml', 'tronzap', 'burn']),
      receiver: z.string().max(100),
      sizing: energySizing(),
      period: z.enum(['1H', '1D', '3D', '30D']),
      /** The offers asked together (one per source) share one read of the need. */
      batch: z.string().min(1).max(64).optional(),
    }),
  ).returns<Outcome<OfferWire, QuoteRequestProblem>>(),
  /** Starts a 2aml energy order (`energy-order` job) at the price shown, priced again in the background. */
  'energy.order': message(EXTENSION, () =>
    z.strictObject({
      receiver: z.string().max(100),
      sizing: energySizing(),
      period: z.enum(['1H', '1D', '3D', '30D']),
      priceSun: sunText(),
    }),
  ).returns<Outcome<{ jobId: string }>>(),
  /** The TronZap set-up (lib/energy/tronzap-handlers.ts): never the token or secret themselves. */
  'tronzap.setup': message(EXTENSION, none).returns<TronZapSetupView>(),
  /** Keeps the token and secret once TronZap accepted them (`/v1/balance`), sealed. */
  'tronzap.save': message(EXTENSION, () =>
    z.strictObject({ token: z.string().max(512), secret: z.string().max(512) }),
  ).returns<Outcome<TronZapAccountView>>(),
  'tronzap.test': message(EXTENSION, none).returns<Outcome<TronZapAccountView>>(),
  'tronzap.forget': message(EXTENSION, none).returns<TronZapSetupView>(),
  /** The price of a TronZap order (lib/energy/zap-orders.ts); nothing is bought. */
  'tronzap.quote': message(EXTENSION, zapOrderRequest).returns<Outcome<ZapQuoteView>>(),
  /** Starts a `zap-tx` job: charged to the TronZap balance once. */
  'tronzap.order': message(EXTENSION, zapOrderRequest).returns<Outcome<{ jobId: string }>>(),
  /** Cancels a rental that has paid nothing yet, once the step in flight has ended. */
  'energy.cancel': message(EXTENSION, () =>
    z.strictObject({ id: z.string().min(1) }),
  ).returns<RentalCancelAnswer>(),
  // ── energy: the 2aml energy wallet and orders (lib/energy/twoaml-energy-handlers.ts) ──
  'twoamlEnergy.wallet': message(EXTENSION, none).returns<Outcome<TwoAmlEnergyWalletView>>(),
  'twoamlEnergy.deposit': message(EXTENSION, none).returns<Outcome<DepositView>>(),
  'twoamlEnergy.history': message(EXTENSION, () => amlPage()).returns<
    Outcome<PageView<TwoAmlEnergyHistoryRow>>
  >(),
  'twoamlEnergy.topups': message(EXTENSION, () => amlPage()).returns<Outcome<PageView<TopupView>>>(),
  'twoamlEnergy.orders': message(EXTENSION, () => amlPage()).returns<
    Outcome<PageView<TwoAmlEnergyOrderView>>
  >(),
  'twoamlEnergy.order': message(EXTENSION, () =>
    z.strictObject({ energyOrderId: z.string().min(1).max(200) }),
  ).returns<Outcome<TwoAmlEnergyOrderView>>(),
  /** Starts a `wallet-topup` job: the TRX amount as the person typed it (exact text, checked there). */
  'twoamlEnergy.topup': message(EXTENSION, () => z.strictObject({ amount: z.string().max(40) })).returns<
    Outcome<{ jobId: string }>
  >(),
  /** From the TronLink relay in a page's isolated world; the report is checked by the handler. */
  'bridge.result': message(['content'], () =>
    z.strictObject({
      nonce: z.string().min(8).max(100),
      op: z.enum(['connect', 'pay', 'sign']),
      report: z.unknown(),
    }),
  ).returns<{ accepted: boolean }>(),

  // ── risk: badges, free signals, paid-check confirmation (entrypoints/background/risk/) ──
  // Address-shaped strings from web pages, at most 200 a batch: the shape is checked here, the checksum
  // by the handler, which answers badges for the valid ones and lists the invalid ones.
  'risk.lookup': message(ANY_OF_OURS, () =>
    z.strictObject({
      addresses: z.array(addressShape()).max(200),
    }),
  ).returns<RiskLookupAnswer>(),
  /** Opens the extension's own confirmation window for a paid check; it never starts one. */
  'risk.requestCheck': message(ANY_OF_OURS, () =>
    z.strictObject({ address: addressShape() }),
  ).returns<void>(),
  'risk.openCheckPage': message(ANY_OF_OURS, () =>
    z.strictObject({ address: addressShape() }),
  ).returns<void>(),
  /** Pushed by the background to TronScan tabs (`sendMessage(…, tabId)`); nobody may send it to the background. */
  'risk.update': message([], () => z.custom<RiskUpdate>()).returns<void>(),

  // ── aml: the 2aml account, credits, checks, reports (entrypoints/background/aml/) ──
  'aml.session': message(EXTENSION, none).returns<AmlSessionView>(),
  /** Signs in; the password goes to 2aml and nowhere else (never stored, never logged). */
  'aml.signIn': message(EXTENSION, () =>
    z.strictObject({
      email: z.string().max(254),
      password: z.string().max(1024),
      keepSignedIn: z.boolean().optional(),
    }),
  ).returns<Outcome<AmlSessionView>>(),
  /** An authenticator code or a one-time recovery code for the pending challenge. */
  'aml.completeTwoFactor': message(EXTENSION, () => z.strictObject({ code: z.string().max(64) })).returns<
    Outcome<AmlSessionView>
  >(),
  'aml.register': message(EXTENSION, () =>
    z.strictObject({
      email: z.string().max(254),
      password: z.string().max(1024),
      referralCode: z.string().max(64).optional(),
      keepSignedIn: z.boolean().optional(),
    }),
  ).returns<Outcome<AmlSessionView>>(),
  'aml.requestVerification': message(EXTENSION, () =>
    z.strictObject({ email: z.string().max(254).optional() }),
  ).returns<Outcome<AmlSessionView>>(),
  'aml.confirmVerification': message(EXTENSION, () => z.strictObject({ token: z.string().max(512) })).returns<
    Outcome<AmlSessionView>
  >(),
  'aml.cancelSignIn': message(EXTENSION, none).returns<AmlSessionView>(),
  'aml.signOut': message(EXTENSION, none).returns<AmlSessionView>(),
  'aml.profile': message(EXTENSION, none).returns<Outcome<AmlSessionView>>(),
  'aml.wallet': message(EXTENSION, none).returns<Outcome<AmlWalletView>>(),
  'aml.deposit': message(EXTENSION, none).returns<Outcome<DepositView>>(),
  'aml.reconcile': message(EXTENSION, () => z.strictObject({ txHash: z.string().max(200) })).returns<
    Outcome<ReconcileView>
  >(),
  'aml.walletHistory': message(EXTENSION, () => amlPage()).returns<Outcome<PageView<WalletHistoryRow>>>(),
  'aml.catalog': message(EXTENSION, none).returns<Outcome<CatalogView>>(),
  /** Starts a `credit-purchase` job at the price the user confirmed (checked again here). */
  'aml.purchase': message(EXTENSION, () =>
    z.strictObject({ planCode: z.enum(AML_PLAN_CODES), priceSun: sunText() }),
  ).returns<Outcome<{ jobId: string }>>(),
  'aml.creditHistory': message(EXTENSION, () =>
    z.strictObject({
      page: z.number().int().min(1).max(100_000).optional(),
      type: z.enum(AML_CREDIT_HISTORY_TYPES).optional(),
    }),
  ).returns<Outcome<PageView<CreditHistoryRow>>>(),
  /** What one check costs under a billing mode, before anything is paid. */
  'aml.cost': message(EXTENSION, () => z.strictObject({ billingMode: z.enum(AML_BILLING_MODES) })).returns<
    Outcome<CheckCostView>
  >(),
  /**
   * Starts a paid `aml-check` job. Extension pages only (the popup or the confirmation page, after a
   * click there): a content script or web page can never reach it. The confirmed cost must still hold.
   */
  'aml.startCheck': message(EXTENSION, () =>
    z.strictObject({
      address: z.string().max(100),
      billingMode: z.enum(AML_BILLING_MODES),
      reportLanguage: z.enum(AML_REPORT_LANGUAGES),
      cost: z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('credit'), credits: z.literal(1) }),
        z.strictObject({ kind: z.literal('trx'), sun: sunText() }),
      ]),
      origin: z.enum(['popup', 'confirmation']),
    }),
  ).returns<Outcome<{ jobId: string }>>(),
  'aml.checks': message(EXTENSION, () => amlPage()).returns<Outcome<PageView<CheckHistoryRow>>>(),
  'aml.checkDetail': message(EXTENSION, () => z.strictObject({ checkId: checkIdInput() })).returns<
    Outcome<CheckDetailView>
  >(),
  /** The check page's data for one address: the cached result and, when signed in, the full one. */
  'aml.addressCheck': message(EXTENSION, () =>
    z.strictObject({ address: z.string().max(100) }),
  ).returns<AddressCheckView>(),
  /** Saves a report through the browser's downloads; the token stays in the background. */
  'aml.downloadReport': message(EXTENSION, () =>
    z.strictObject({ checkId: checkIdInput(), kind: z.enum(['full', 'summary', 'json']) }),
  ).returns<Outcome<{ downloadId: number; filename: string }>>(),
  /** Stops a check or purchase that has sent nothing yet or waits for a sign-in. */
  'aml.cancelJob': message(EXTENSION, () =>
    z.strictObject({ id: z.string().min(1).max(100) }),
  ).returns<void>(),
  'aml.setPreferences': message(EXTENSION, () =>
    z.strictObject({
      billingMode: z.enum(AML_BILLING_MODES).optional(),
    }),
  ).returns<AmlPreferences>(),

  // ── payments: the merchant's Tron Payment Gateway (lib/payments/background.ts) ──
  /** Stores the base URL and seals the key for its origin; the key never comes back out. */
  'payments.saveSetup': message(EXTENSION, () =>
    z.strictObject({ baseUrl: z.string().max(2_048), apiKey: z.string().max(512) }),
  ).returns<Outcome<PaymentsView>>(),
  'payments.forgetSetup': message(EXTENSION, none).returns<PaymentsView>(),
  'payments.testConnection': message(EXTENSION, none).returns<Outcome<PartnerInfoView>>(),
  /** Creates a payment (inputs checked again here) and starts its `payment-watch` job. */
  'payments.create': message(EXTENSION, () =>
    z.strictObject({
      transactionId: z.string().max(300),
      asset: z.enum(['TRX', 'USDT']),
      amountUsd: z.string().max(40),
      postbackUrl: z.string().max(600).optional(),
    }),
  ).returns<Outcome<{ jobId: string }>>(),
  'payments.detail': message(EXTENSION, () =>
    z.strictObject({ transactionId: z.string().min(1).max(255) }),
  ).returns<Outcome<PaymentView>>(),
  'payments.history': message(EXTENSION, () =>
    z.strictObject({
      page: z.number().int().min(1).max(100_000).optional(),
      limit: z.number().int().min(1).max(100).optional(),
      status: z.enum(['pending', 'completed', 'expired', 'failed']).optional(),
      asset: z.enum(['TRX', 'USDT']).optional(),
    }),
  ).returns<Outcome<PaymentPageView>>(),
  'payments.unprocessed': message(EXTENSION, none).returns<Outcome<PaymentView[]>>(),
  'payments.resendPostback': message(EXTENSION, () =>
    z.strictObject({ transactionId: z.string().min(1).max(255) }),
  ).returns<Outcome<PostbackView>>(),
  'payments.wallets': message(EXTENSION, none).returns<Outcome<WalletView[]>>(),
  'payments.addWallet': message(EXTENSION, () => z.strictObject({ address: z.string().max(100) })).returns<
    Outcome<WalletView>
  >(),
  'payments.setWalletActive': message(EXTENSION, () =>
    z.strictObject({ id: z.number().int().positive().max(2_147_483_647), active: z.boolean() }),
  ).returns<Outcome<WalletView>>(),
} satisfies Record<string, MessageSpec<z.ZodType, unknown>>;

export type MessageType = keyof typeof messages;
type InputSchema<K extends MessageType> = ReturnType<(typeof messages)[K]['input']>;
export type MessageInput<K extends MessageType> = z.input<InputSchema<K>>;
export type MessageData<K extends MessageType> = z.output<InputSchema<K>>;
export type MessageOutput<K extends MessageType> = (typeof messages)[K]['output'];

/** The typed protocol map both ends share. */
export type ProtocolMap = { [K in MessageType]: (data: MessageInput<K>) => MessageOutput<K> };

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();

/** Classifies a runtime message sender; `extensionOrigin` is `browser.runtime.getURL('')`. */
export function senderRole(
  sender: { id?: string; url?: string; tab?: unknown },
  extensionId: string,
  extensionOrigin: string,
): SenderRole {
  if (sender.id !== extensionId) return 'foreign';
  if (sender.url?.startsWith(extensionOrigin)) return 'extension';
  if (sender.tab) return 'content';
  return 'foreign';
}

/** A refused or invalid message; its `code` is stable for callers. */
export class MessageRefused extends Error {
  constructor(
    readonly code: 'forbidden' | 'invalid_payload',
    message: string,
  ) {
    super(message);
    this.name = 'MessageRefused';
  }
}

export type Handler<K extends MessageType> = (
  data: MessageData<K>,
  context: { role: SenderRole; tabId?: number; url?: string; frameId?: number; documentId?: string },
) => MessageOutput<K> | Promise<MessageOutput<K>>;

export type Handlers = { [K in MessageType]?: Handler<K> };

const builtSchemas = new Map<MessageType, z.ZodType>();
function schemaOf(type: MessageType): z.ZodType {
  let schema = builtSchemas.get(type);
  if (!schema) {
    schema = messages[type].input();
    builtSchemas.set(type, schema);
  }
  return schema;
}

/** Checks role and payload of one message, then runs its handler. */
export async function dispatchMessage<K extends MessageType>(
  type: K,
  rawData: unknown,
  sender: { id?: string; url?: string; tab?: { id?: number }; frameId?: number; documentId?: string },
  handler: Handler<K>,
  identity: { extensionId: string; extensionOrigin: string },
): Promise<MessageOutput<K>> {
  const spec = messages[type];
  const role = senderRole(sender, identity.extensionId, identity.extensionOrigin);
  if (!spec.roles.includes(role)) {
    throw new MessageRefused('forbidden', `${type} is not allowed from a ${role} sender`);
  }
  const parsed = schemaOf(type).safeParse(rawData);
  if (!parsed.success) {
    throw new MessageRefused('invalid_payload', `${type}: ${z.prettifyError(parsed.error)}`);
  }
  return handler(parsed.data as MessageData<K>, {
    role,
    tabId: sender.tab?.id,
    url: sender.url,
    frameId: sender.frameId,
    documentId: sender.documentId,
  });
}

/** Registers every handler on the runtime messenger, each behind `dispatchMessage`. */
export function registerHandlers(
  handlers: Handlers,
  identity: { extensionId: string; extensionOrigin: string },
  listen: typeof onMessage = onMessage,
): void {
  for (const type of Object.keys(handlers) as MessageType[]) {
    const handler = handlers[type] as Handler<typeof type>;
    listen(type, ({ data, sender }) => dispatchMessage(type, data, sender, handler, identity) as never);
  }
}
