/** The message-side choice lists and the check views pages receive. */
import { describe, expect, it } from 'vitest';
import {
  AML_BILLING_MODES,
  AML_CREDIT_HISTORY_TYPES,
  AML_PLAN_CODES,
  AML_REPORT_LANGUAGES,
  reportLanguageFor,
} from '@/lib/aml/choices';
import {
  CREDIT_HISTORY_TYPES,
  CREDIT_PLAN_CODES,
  REPORT_LANGUAGES,
  REQUEST_BILLING_MODES,
  checkResultSchema,
} from '@/lib/aml/api-schemas';
import { canonicalJson, checkDetailView, riskResultFrom } from '@/lib/aml/check-views';

/** seeds/003 §18's example result. */
const documented = {
  checkId: 17,
  requestId: 73,
  targetWallet: 'TGzz8gjYiYRqpfmDwnLxfgPuLVNmpCswVp',
  targetNetwork: 'tron',
  status: 'completed',
  billingMode: 'credit_pack',
  servedFromCache: false,
  amlScore: 72,
  riskLevel: 'high',
  isFlagged: true,
  requestedAt: '2026-04-15T12:04:00.000Z',
  completedAt: '2026-04-15T12:04:00.000Z',
  checkedAt: '2026-04-15T12:04:00.000Z',
  consumedCreditCount: 1,
  chargedAmountTrx: null,
  downloads: {
    jsonUrl: '/external/aml-wallet-check/checks/17',
    reportUrl: '/external/aml-wallet-check/checks/17/report',
    summaryReportUrl: '/external/aml-wallet-check/checks/17/report-summary',
    reportLanguage: 'en',
  },
  signals: {
    lastActivity: '2026-04-10T09:00:00.000Z',
    balance: '1520.000000',
    transactions: 48,
    uniqueInteractors: 23,
    tags: ['aml-flagged'],
  },
};

describe('AML choices', () => {
  it('accepts in messages exactly what the 2aml client accepts', () => {
    expect(AML_BILLING_MODES).toEqual(REQUEST_BILLING_MODES);
    expect(AML_REPORT_LANGUAGES).toEqual(REPORT_LANGUAGES);
    expect(AML_PLAN_CODES).toEqual(CREDIT_PLAN_CODES);
    expect(AML_CREDIT_HISTORY_TYPES).toEqual(CREDIT_HISTORY_TYPES);
  });

  it('asks for reports in the interface language when 2aml writes it, else in English', () => {
    expect(reportLanguageFor('fa')).toBe('fa');
    expect(reportLanguageFor('zh_CN')).toBe('zh');
    expect(reportLanguageFor('en-US')).toBe('en');
    expect(reportLanguageFor('AR')).toBe('ar');
    expect(reportLanguageFor('de')).toBe('en');
    expect(reportLanguageFor('')).toBe('en');
  });
});

describe('check views', () => {
  it('shows the documented result in full, and the JSON exactly as 2aml sent it', () => {
    const parsed = checkResultSchema.parse(documented);
    const view = checkDetailView(parsed);
    expect(view).toMatchObject({
      checkId: 17,
      requestId: 73,
      address: documented.targetWallet,
      level: 'high',
      score: 72,
      flagged: true,
      billingMode: 'credit_pack',
      chargedSun: null,
      reportLanguage: 'en',
      signals: { tags: ['aml-flagged'], transactions: 48 },
    });
    expect(JSON.parse(canonicalJson(parsed))).toEqual(documented);
    expect(() => JSON.stringify(view)).not.toThrow();
  });

  it('keeps a paid TRX charge exact, as sun text', () => {
    const parsed = checkResultSchema.parse({
      ...documented,
      billingMode: 'wallet_balance',
      chargedAmountTrx: '8.000000',
    });
    expect(checkDetailView(parsed).chargedSun).toBe('8000000');
  });

  it('never records a check without a verdict for the badges', () => {
    const base = { checkId: 1, targetWallet: documented.targetWallet, isFlagged: null, checkedAt: null };
    expect(
      riskResultFrom({ ...base, amlScore: null, riskLevel: null }, [], '2026-01-01T00:00:00.000Z'),
    ).toBeNull();
    expect(
      riskResultFrom({ ...base, amlScore: 40, riskLevel: 'medium' }, ['x'], '2026-01-01T00:00:00.000Z'),
    ).toEqual({
      address: documented.targetWallet,
      checkId: 1,
      score: 40,
      level: 'medium',
      flagged: false,
      tags: ['x'],
      checkedAt: '2026-01-01T00:00:00.000Z',
    });
  });
});
