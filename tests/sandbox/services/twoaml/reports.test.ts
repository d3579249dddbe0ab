import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AML, useTwoAmlSandbox, screeningTarget, seededTwoAml } from './testing/harness';

const sandbox = useTwoAmlSandbox();
let alice: string;
let workDir: string;
beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), '2aml-reports-'));
});
afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});
beforeEach(async () => {
  alice = await sandbox.login('alice@example.com', 'alice-pass-1');
});

/** Writes the PDF, checks that poppler renders every page to a PNG, and returns its text. */
function renderPdf(name: string, bytes: Uint8Array): { text: string; pages: number } {
  const file = join(workDir, `${name}.pdf`);
  writeFileSync(file, bytes);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  execFileSync('pdftoppm', ['-png', '-r', '40', file, join(workDir, name)]);
  const images = readdirSync(workDir).filter(
    (entry) => entry.startsWith(`${name}-`) && entry.endsWith('.png'),
  );
  expect(images).toHaveLength(pages);
  for (const image of images) {
    // A PNG signature and more than a blank page's worth of pixels.
    const png = readFileSync(join(workDir, image));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  }
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  return { text, pages };
}

async function completedCheck(label: string, body: Record<string, unknown> = {}) {
  const target = screeningTarget(sandbox.world, label);
  const response = await sandbox.call('POST', `${AML}/checks`, {
    token: alice,
    body: { targetWallet: target, targetNetwork: 'tron', ...body },
  });
  expect(response.body.status).toBe('completed');
  return response.body;
}

describe('PDF reports', () => {
  it('downloads a full report that poppler renders, with address, score, level, tags, date and language', async () => {
    const bad = seededTwoAml(sandbox.world).knownBadAddresses[0] as {
      address: string;
      tags: string[];
    };
    const check = (
      await sandbox.call('POST', `${AML}/checks`, {
        token: alice,
        body: { targetWallet: bad.address, targetNetwork: 'tron', reportLanguage: 'en' },
      })
    ).body;
    const response = await sandbox.call(
      'GET',
      `${AML}${check.downloads.reportUrl.replace('/external/aml-wallet-check', '')}`,
      {
        token: alice,
      },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="aml-report-${check.checkId}.pdf"`,
    );
    expect(new TextDecoder().decode(response.bytes.subarray(0, 5))).toBe('%PDF-');

    const { text, pages } = renderPdf(`full-${check.checkId}`, response.bytes);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(text).toContain(bad.address);
    expect(text).toContain(`${check.amlScore} / 100`);
    expect(text).toContain(check.riskLevel);
    for (const tag of bad.tags) expect(text).toContain(tag);
    expect(text).toContain(check.checkedAt.slice(0, 10));
    expect(text).toContain('en (English)');
    expect(text).toContain('Full report');
    expect(text).toContain('On-chain signals');
  });

  it('downloads a one-page summary report in the requested language', async () => {
    const check = await completedCheck('summary', { reportLanguage: 'ru' });
    expect(check.downloads.reportLanguage).toBe('ru');
    const response = await sandbox.call('GET', `${AML}/checks/${check.checkId}/report-summary`, {
      token: alice,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="aml-report-summary-${check.checkId}.pdf"`,
    );
    const { text, pages } = renderPdf(`summary-${check.checkId}`, response.bytes);
    expect(pages).toBe(1);
    expect(text).toContain(check.targetWallet);
    expect(text).toContain(`${check.amlScore} / 100`);
    expect(text).toContain(check.riskLevel);
    expect(text).toContain('ru (Russian)');
    expect(text).toContain('Summary report');
    const info = execFileSync('pdfinfo', [join(workDir, `summary-${check.checkId}.pdf`)], {
      encoding: 'utf8',
    });
    expect(info).toContain(`check ${check.checkId}`);
  });

  it('answers 409 while the check is still processing', async () => {
    const target = seededTwoAml(sandbox.world).slowCheckAddress as string;
    const check = (
      await sandbox.call('POST', `${AML}/checks`, {
        token: alice,
        body: { targetWallet: target, targetNetwork: 'tron' },
      })
    ).body;
    const early = await sandbox.call('GET', `${AML}/checks/${check.checkId}/report`, { token: alice });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toBe('The wallet check is not completed, so no report is available.');
    sandbox.advance(15);
    const ready = await sandbox.call('GET', `${AML}/checks/${check.checkId}/report-summary`, {
      token: alice,
    });
    expect(ready.status).toBe(200);
  });

  it('needs a session', async () => {
    const check = await completedCheck('auth');
    expect((await sandbox.call('GET', `${AML}/checks/${check.checkId}/report`)).status).toBe(401);
  });
});
