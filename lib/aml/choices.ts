/**
 * The closed sets of 2aml choices the AML messages accept, without zod or the API schemas: content
 * scripts bundle `lib/messaging.ts`, and must not pull the 2aml schemas in with it. A unit test keeps
 * these equal to the client's own lists (`lib/aml/api-schemas.ts`).
 */
export const AML_BILLING_MODES = ['auto', 'credit_pack', 'wallet_balance'] as const;
export const AML_REPORT_LANGUAGES = ['en', 'fa', 'ru', 'zh', 'ur', 'tr', 'ar', 'ps'] as const;
export type AmlReportLanguage = (typeof AML_REPORT_LANGUAGES)[number];

/**
 * The report language for an interface locale (`fa`, `zh_CN`, `en_US`…): the same language when
 * 2aml writes it, English otherwise.
 */
export function reportLanguageFor(locale: string): AmlReportLanguage {
  const language = locale.toLowerCase().split(/[-_]/)[0] ?? '';
  return AML_REPORT_LANGUAGES.find((code) => code === language) ?? 'en';
}

export const AML_PLAN_CODES = ['pack_1', 'pack_10', 'pack_50', 'pack_100'] as const;
export const AML_CREDIT_HISTORY_TYPES = ['purchase', 'consumption', 'restore', 'bonus', 'expiry'] as const;
