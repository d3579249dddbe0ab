import { describe, expect, it } from 'vitest';
import { ageParts, badgeAction, riskBadgeFor, toneForResult, type RiskResult } from '@/lib/risk/badge-model';

const address = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';
const result = (over: Partial<RiskResult> = {}): RiskResult => ({
  checkId: 17,
  score: 72,
  level: 'high',
  flagged: true,
  tags: ['aml-flagged'],
  checkedAt: '2026-04-15T12:04:00.000Z',
  ...over,
});
const own = { address: 'TGABsdK6xFXWp6DP3QBgXHyfYzEJbN1AXc', sources: ['tronlink' as const] };

describe('the badge model', () => {
  it('shows an address nobody knows anything about as neutral, offering a check', () => {
    const badge = riskBadgeFor({ address, lookalikeOf: null, blacklisted: null, result: null });
    expect(badge.tone).toBe('unknown');
    expect(badgeAction(badge)).toBe('check');
  });

  it('takes the tone of a cached paid result and offers its check page', () => {
    const badge = riskBadgeFor({
      address,
      lookalikeOf: null,
      blacklisted: false,
      result: result({ score: 12, level: 'low', flagged: false, tags: [] }),
    });
    expect(badge.tone).toBe('low');
    expect(badgeAction(badge)).toBe('view');
  });

  it('raises a lookalike to at least high, and a blacklisted address to critical, whatever the score', () => {
    const clean = result({ score: 5, level: 'low', flagged: false });
    expect(riskBadgeFor({ address, lookalikeOf: own, blacklisted: false, result: clean }).tone).toBe('high');
    expect(riskBadgeFor({ address, lookalikeOf: own, blacklisted: null, result: null }).tone).toBe('high');
    expect(riskBadgeFor({ address, lookalikeOf: null, blacklisted: true, result: clean }).tone).toBe(
      'critical',
    );
    // A free warning without a paid result still offers the paid check.
    expect(badgeAction(riskBadgeFor({ address, lookalikeOf: own, blacklisted: true, result: null }))).toBe(
      'check',
    );
  });

  it('maps 2aml levels by name and falls back to the score for names it does not know', () => {
    expect(toneForResult(result({ level: 'medium', score: 50, flagged: false }))).toBe('medium');
    expect(toneForResult(result({ level: 'Critical', score: 99 }))).toBe('critical');
    expect(toneForResult(result({ level: 'elevated', score: 40, flagged: false }))).toBe('medium');
    expect(toneForResult(result({ level: 'elevated', score: 90, flagged: false }))).toBe('critical');
    // A flagged result is never shown as less than high.
    expect(toneForResult(result({ level: 'low', score: 20, flagged: true }))).toBe('high');
  });

  it('states a result’s age in the largest readable unit', () => {
    expect(ageParts(45_000)).toEqual({ count: 45, unit: 's' });
    expect(ageParts(3 * 60_000 + 5_000)).toEqual({ count: 3, unit: 'min' });
    expect(ageParts(47 * 3_600_000)).toEqual({ count: 47, unit: 'h' });
    expect(ageParts(5 * 86_400_000)).toEqual({ count: 5, unit: 'd' });
    expect(ageParts(-10)).toEqual({ count: 0, unit: 's' });
  });
});
