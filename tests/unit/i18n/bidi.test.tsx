/**
 * Data inside a translated sentence (an address, a txid, an amount) is cut out into its own
 * left-to-right `<bdi>`, so a right-to-left sentence cannot reorder its characters; a translated
 * word put in the same sentence keeps the sentence's direction.
 */
import { describe, expect, it } from 'vitest';
import type { VNode } from 'preact';
import { isolate, isolateData, Ltr } from '@/components/ui/bidi';

/** The parts as text, each `<Ltr>` (a `<bdi dir="ltr">`) written as `[ltr:…]`. */
function shape(children: unknown): string {
  const parts = Array.isArray(children) ? children : [children];
  return parts
    .map((part) => {
      if (typeof part === 'string') return part;
      const node = part as VNode<{ children: string }>;
      return node.type === Ltr ? `[ltr:${node.props.children}]` : `[${String(node.type)}?]`;
    })
    .join('');
}

describe('isolate', () => {
  const address = 'TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE';

  it('renders Ltr as a bdi that reads left to right', () => {
    const node = Ltr({ children: address }) as VNode<{ dir: string; children: string }>;
    expect([node.type, node.props.dir, node.props.children]).toEqual(['bdi', 'ltr', address]);
  });

  it('puts each address and amount of an Arabic sentence in a left-to-right bdi', () => {
    const text = `أُعيد 12.5 TRX إلى ${address}.`;
    expect(shape(isolate(text, ['12.5', address]))).toBe(`أُعيد [ltr:12.5] TRX إلى [ltr:${address}].`);
  });

  it('leaves a translated word in the sentence and returns text without data untouched', () => {
    expect(shape(isolate('الحالة: مكتمل، 3 TRX', ['مكتمل', '3']))).toBe('الحالة: مكتمل، [ltr:3] TRX');
    expect(isolate('Nothing here', ['', null, undefined])).toBe('Nothing here');
  });

  it('prefers the longer of two overlapping values', () => {
    expect(shape(isolate('1 of 100', ['1', '100']))).toBe('[ltr:1] of [ltr:100]');
  });

  it('finds shortened addresses, separated numbers and Persian digits in a text of unknown parts', () => {
    expect(shape(isolateData('إرسال 4 TRX إلى TWUvti…bN1bsb · الطاقة ۶۵٬۰۰۰ · 1,000.5'))).toBe(
      'إرسال 4 TRX إلى [ltr:TWUvti…bN1bsb] · الطاقة [ltr:۶۵٬۰۰۰] · [ltr:1,000.5]',
    );
    expect(isolateData('لا شيء هنا')).toBe('لا شيء هنا');
  });
});
