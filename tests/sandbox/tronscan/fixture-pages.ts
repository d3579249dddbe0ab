/**
 * The page of each hash route, built from the address catalog (fixed content) and the chain (real
 * transfers of an address, real transactions by id). Every address form and every look-alike string
 * appears on the home page; the other pages show them where tronscan would.
 */
import type { ChainTx } from '../world';
import type { AddressCatalog } from './address-catalog';
import {
  addr,
  amount,
  bad,
  fixtureHash,
  fixtureIndex,
  formatBaseUnits,
  skip,
  text,
  tx,
  USDT_LABEL,
} from './cells';
import type { HashRoute } from './hash-route';
import type { AddressForm, Cell, PageModel } from './page-model';
import { isValidTronAddress } from './tron-address';
import { TRANSFER_COLUMNS } from './transfer-rows';

/** What the pages read from the chain; errors there (a node still starting) show as no rows. */
export interface ChainView {
  transfersOf(address: string): ChainTx[];
  transaction(hash: string): ChainTx | undefined;
}

/** The hash of the sample transaction linked from the seeded page list. */
export const SAMPLE_TX_HASH = fixtureHash('sample-transaction');
/** How long after a render the "live update" row arrives. */
export const TIMER_ROW_AFTER_MS = 1_500;

const token = (catalog: AddressCatalog): Cell => addr('token20', catalog.usdt, USDT_LABEL);

/** A transfer row with fixed forms: hash, age, from, to, amount, token. */
function transfer(
  catalog: AddressCatalog,
  label: string,
  from: [AddressForm, string],
  to: [AddressForm, string],
  value: string,
  age: string,
): Cell[] {
  return [
    tx(fixtureHash(label)),
    text(age),
    addr(from[0], from[1]),
    addr(to[0], to[1]),
    amount(value, 'USDT'),
    token(catalog),
  ];
}

function generated(catalog: AddressCatalog, sectionId: string, count = 0): PageModel['transfers'] {
  return { sectionId, count, pool: catalog.pool, tokenAddress: catalog.usdt };
}

function homePage(catalog: AddressCatalog, route: string): PageModel {
  const { tronlink, lookalike, usdt, knownBad, pool, invalid } = catalog;
  const bad0 = knownBad[0]!;
  const bad1 = knownBad[1 % knownBad.length]!;
  return {
    route,
    title: 'TRONSCAN | TRON BlockChain Explorer',
    heading: { title: 'TRON Blockchain Explorer' },
    sections: [
      {
        kind: 'details',
        id: 'overview',
        title: 'Overview',
        items: [
          { label: 'USDT contract', cell: addr('contract-code', usdt) },
          { label: 'Top token', cell: token(catalog) },
          { label: 'Featured contract', cell: addr('contract-js', usdt) },
          { label: 'Your account', cell: addr('copyable', tronlink) },
          { label: 'Signed in as', cell: addr('split-text', tronlink) },
          { label: 'Exchange tag', cell: addr('tag-text', pool[18]!, 'Exchange hot wallet, deposits') },
        ],
      },
      {
        kind: 'table',
        id: 'latest-transfers',
        title: 'Latest transfers',
        columns: TRANSFER_COLUMNS,
        rows: [
          // The poisoning pattern: dust from a lookalike, so the victim copies it from the history.
          transfer(
            catalog,
            'home/1',
            ['link-split-div', lookalike.address],
            ['link-split-div', tronlink],
            '0.000001',
            '3 secs ago',
          ),
          transfer(
            catalog,
            'home/2',
            ['link-short', tronlink],
            ['link-full', pool[0]!],
            '25.5',
            '9 secs ago',
          ),
          transfer(catalog, 'home/3', ['link-full', bad0], ['link-split', pool[1]!], '1000', '14 secs ago'),
          transfer(catalog, 'home/4', ['link-split', pool[2]!], ['link-short', bad1], '12.34', '20 secs ago'),
          transfer(
            catalog,
            'home/5',
            ['link-short', pool[3]!],
            ['link-split-div', tronlink],
            '100',
            '31 secs ago',
          ),
          transfer(catalog, 'home/6', ['link-full', pool[4]!], ['link-full', pool[5]!], '7', '47 secs ago'),
          transfer(catalog, 'home/7', ['name-tag', pool[6]!], ['link-short', pool[7]!], '3.2', '58 secs ago'),
        ],
      },
      {
        kind: 'table',
        id: 'top-accounts',
        title: 'Top accounts',
        columns: ['Rank', 'Address', 'Balance'],
        rows: [
          [text('1'), addr('table-cell', pool[12]!), amount('9,120,455.5', 'TRX')],
          [text('2'), addr('table-cell', knownBad[knownBad.length - 1]!), amount('4,007,112', 'TRX')],
          [text('3'), addr('table-cell', pool[13]!), amount('1,250,000', 'TRX')],
          [text('4'), addr('ellipsis-cell', pool[19]!), amount('990,000', 'TRX')],
        ],
      },
      {
        kind: 'details',
        id: 'not-occurrences',
        title: 'Notes and source',
        items: [
          { label: 'Your note', cell: skip('editable', pool[20]!) },
          { label: 'Source', cell: skip('code-editor', pool[21]!) },
          { label: 'Tooltip', cell: skip('hidden-tooltip', pool[12]!) },
        ],
      },
      {
        kind: 'table',
        id: 'search-examples',
        title: 'Recent searches',
        columns: ['Query', 'Result'],
        rows: [
          [bad('checksum-invalid', invalid['checksum-invalid'][0]!), text('Invalid address')],
          [bad('checksum-invalid-link', invalid['checksum-invalid-link'][0]!), text('Invalid address')],
          [bad('overlong-base58', invalid['overlong-base58'][0]!), text('No result')],
          [bad('hex-41', invalid['hex-41'][0]!), text('Hex format')],
          [bad('hex-0x', invalid['hex-0x'][0]!), text('Not a TRON address')],
        ],
      },
    ],
    loadMore: {
      sectionId: 'latest-transfers',
      rows: [
        transfer(
          catalog,
          'home/more/1',
          ['link-split-div', pool[15]!],
          ['link-short', pool[16]!],
          '88',
          '1 min ago',
        ),
        transfer(
          catalog,
          'home/more/2',
          ['link-short', bad0],
          ['link-split-div', tronlink],
          '3.5',
          '2 mins ago',
        ),
      ],
    },
    timer: {
      sectionId: 'latest-transfers',
      afterMs: TIMER_ROW_AFTER_MS,
      rows: [
        transfer(
          catalog,
          'home/live/1',
          ['link-split-div', pool[14]!],
          ['link-short', tronlink],
          '42',
          'just now',
        ),
      ],
    },
    transfers: generated(catalog, 'latest-transfers'),
  };
}

/** Real transfers of `address` on the sandbox chain, newest first, as tronscan's transfers tab shows them. */
function chainTransferRows(catalog: AddressCatalog, chain: ChainView, address: string): Cell[][] {
  return chain
    .transfersOf(address)
    .filter((t) => t.to && (t.kind === 'trx_transfer' || t.kind === 'usdt_transfer'))
    .slice(0, 20)
    .map((t) => [
      tx(t.txid),
      text(new Date(t.timestampMs).toISOString()),
      addr('link-split-div', t.from),
      addr('link-short', t.to!),
      amount(formatBaseUnits(t.amount ?? 0n), t.kind === 'usdt_transfer' ? 'USDT' : 'TRX'),
      t.kind === 'usdt_transfer' ? token(catalog) : text('TRX'),
    ]);
}

function addressPage(catalog: AddressCatalog, chain: ChainView, route: string, address: string): PageModel {
  const { tronlink, lookalike, knownBad, pool, invalid } = catalog;
  const pick = (salt: string) => pool[fixtureIndex(`${address}/${salt}`, pool.length)]!;
  const [a, b, c, d] = [pick('a'), pick('b'), pick('c'), pick('d')];
  const rows: Cell[][] = [];
  if (address === tronlink) {
    rows.push(
      transfer(
        catalog,
        `${address}/poison`,
        ['link-split-div', lookalike.address],
        ['link-split-div', address],
        '0.000001',
        '2 mins ago',
      ),
    );
  }
  rows.push(
    transfer(catalog, `${address}/1`, ['link-short', a], ['split-text', address], '500', '5 mins ago'),
    transfer(catalog, `${address}/2`, ['link-full', address], ['link-short', a], '120', '9 mins ago'),
    transfer(
      catalog,
      `${address}/3`,
      ['link-split', knownBad[0]!],
      ['link-split-div', address],
      '50',
      '1 hr ago',
    ),
    transfer(catalog, `${address}/4`, ['split-text', address], ['link-full', b], '19.99', '3 hrs ago'),
    transfer(catalog, `${address}/5`, ['ellipsis-cell', b], ['split-text', address], '7.5', '5 hrs ago'),
    transfer(catalog, `${address}/6`, ['split-text', address], ['name-tag', c], '2', '6 hrs ago'),
  );
  return {
    route,
    title: `Address ${address} | TRONSCAN`,
    heading: { title: 'Account', address },
    sections: [
      {
        kind: 'details',
        id: 'account',
        title: 'Account',
        items: [
          { label: 'View', cell: skip('tab-link', address) },
          { label: 'Address', cell: addr('copyable', address) },
          { label: 'Name', cell: text('-') },
          { label: 'Activated by', cell: addr('link-full', c) },
          { label: 'Owner permission', cell: addr('table-cell', address) },
          { label: 'Tag', cell: addr('tag-text', d, 'Sent from a tagged account') },
          { label: 'Full address', cell: skip('hidden-tooltip', a) },
        ],
      },
      { kind: 'table', id: 'transfers', title: 'Transfers', columns: TRANSFER_COLUMNS, rows },
      {
        kind: 'table',
        id: 'chain-transfers',
        title: 'On-chain transfers (sandbox node)',
        columns: TRANSFER_COLUMNS,
        rows: chainTransferRows(catalog, chain, address),
      },
      {
        kind: 'table',
        id: 'memos',
        title: 'Transaction notes',
        columns: ['Hash', 'Note'],
        rows: [
          [tx(fixtureHash(`${address}/memo/1`)), bad('overlong-base58', invalid['overlong-base58'][1]!)],
          [tx(fixtureHash(`${address}/memo/2`)), bad('hex-0x', invalid['hex-0x'][1]!)],
          [tx(fixtureHash(`${address}/memo/3`)), bad('checksum-invalid', invalid['checksum-invalid'][1]!)],
        ],
      },
    ],
    loadMore: {
      sectionId: 'transfers',
      rows: [
        transfer(
          catalog,
          `${address}/more/1`,
          ['link-short', d],
          ['link-split-div', address],
          '1.5',
          '1 day ago',
        ),
        transfer(
          catalog,
          `${address}/more/2`,
          ['link-split-div', address],
          ['link-full', c],
          '60',
          '2 days ago',
        ),
        transfer(
          catalog,
          `${address}/more/3`,
          ['link-split', pool[17]!],
          ['link-short', address],
          '0.25',
          '3 days ago',
        ),
      ],
    },
    timer: {
      sectionId: 'transfers',
      afterMs: TIMER_ROW_AFTER_MS,
      rows: [
        transfer(
          catalog,
          `${address}/live`,
          ['link-split-div', pool[22]!],
          ['link-short', address],
          '10',
          'just now',
        ),
      ],
    },
    transfers: generated(catalog, 'transfers'),
  };
}

function contractPage(catalog: AddressCatalog, route: string, address: string): PageModel {
  const isUsdt = address === catalog.usdt;
  const { pool, tronlink } = catalog;
  const callers: [AddressForm, string][] = [
    ['link-split-div', pool[32]!],
    ['link-short', tronlink],
    ['link-split-div', pool[33]!],
    ['link-short', pool[34]!],
    ['link-full', pool[35]!],
  ];
  return {
    route,
    title: `Contract ${address} | TRONSCAN`,
    heading: { title: 'Contract', address },
    sections: [
      {
        kind: 'details',
        id: 'contract',
        title: 'Contract',
        items: [
          { label: 'View', cell: skip('contract-tab', address) },
          { label: 'Contract name', cell: text(isUsdt ? 'TetherToken' : 'SandboxContract') },
          { label: 'Creator', cell: addr('link-full', pool[30]!) },
          ...(isUsdt ? [{ label: 'Token tracker', cell: token(catalog) }] : []),
          { label: 'Related contract', cell: addr('contract-js', catalog.usdt) },
          { label: 'Source', cell: skip('code-editor', pool[30]!) },
        ],
      },
      {
        kind: 'table',
        id: 'calls',
        title: 'Transactions',
        columns: ['Hash', 'Method', 'Caller', 'Age'],
        rows: callers.map(([form, caller], index) => [
          tx(fixtureHash(`${address}/call/${index}`)),
          text(index % 2 ? 'approve(address,uint256)' : 'transfer(address,uint256)'),
          addr(form, caller),
          text(`${index * 7 + 2} mins ago`),
        ]),
      },
    ],
    transfers: generated(catalog, 'calls'),
  };
}

function token20Page(catalog: AddressCatalog, route: string, address: string): PageModel {
  const { pool, tronlink, knownBad } = catalog;
  const holderForms: AddressForm[] = [
    'link-split-div',
    'link-short',
    'link-full',
    'table-cell',
    'ellipsis-cell',
  ];
  const holders = [
    pool[40]!,
    pool[41]!,
    knownBad[0]!,
    pool[42]!,
    pool[43]!,
    pool[44]!,
    tronlink,
    pool[45]!,
    pool[46]!,
    pool[47]!,
  ];
  return {
    route,
    title: `Token ${address} | TRONSCAN`,
    heading: { title: address === catalog.usdt ? USDT_LABEL : 'TRC20 token' },
    sections: [
      {
        kind: 'details',
        id: 'token',
        title: 'Token',
        items: [
          { label: 'Contract', cell: addr('contract-code', address) },
          { label: 'Issuer', cell: addr('link-full', pool[48]!) },
          { label: 'Holders', cell: text('71,302,118') },
        ],
      },
      {
        kind: 'table',
        id: 'holders',
        title: 'Holders',
        columns: ['Rank', 'Address', 'Quantity', 'Percentage'],
        rows: holders.map((holder, index) => [
          text(String(index + 1)),
          addr(holderForms[index % holderForms.length]!, holder),
          amount(`${10 - index}000000`, 'USDT'),
          text(`${10 - index}.0%`),
        ]),
      },
    ],
    transfers: generated(catalog, 'holders'),
  };
}

function transactionPage(catalog: AddressCatalog, chain: ChainView, route: string, hash: string): PageModel {
  const real = chain.transaction(hash);
  const sample = hash === SAMPLE_TX_HASH;
  const from =
    real?.from ??
    (sample ? catalog.tronlink : catalog.pool[fixtureIndex(`${hash}/from`, catalog.pool.length)]!);
  const to = real?.to ?? catalog.pool[fixtureIndex(`${hash}/to`, catalog.pool.length)]!;
  const isUsdt = real ? real.kind === 'usdt_transfer' : true;
  const value = real?.amount !== undefined ? formatBaseUnits(real.amount) : '250';
  const items = [
    { label: 'Hash', cell: text(hash) },
    { label: 'Status', cell: text(real ? real.status.toUpperCase() : 'CONFIRMED') },
    { label: 'Owner address', cell: addr('link-full', from) },
    ...(isUsdt ? [{ label: 'Contract', cell: addr('contract-js', catalog.usdt) }] : []),
    // The raw data shows the owner in hex; only the sample's owner is in the invalid list.
    ...(sample ? [{ label: 'Raw owner_address', cell: bad('hex-41', catalog.invalid['hex-41'][0]!) }] : []),
  ];
  return {
    route,
    title: `Transaction ${hash} | TRONSCAN`,
    heading: { title: 'Transaction Details' },
    sections: [
      { kind: 'details', id: 'transaction', title: 'Transaction', items },
      {
        kind: 'table',
        id: 'token-transfers',
        title: isUsdt ? 'TRC20 transfers' : 'TRX transfer',
        columns: ['From', 'To', 'Amount', 'Token'],
        rows: [
          [
            addr('link-short', from),
            addr('link-split', to),
            amount(value, isUsdt ? 'USDT' : 'TRX'),
            isUsdt ? token(catalog) : text('TRX'),
          ],
        ],
      },
    ],
    transfers: generated(catalog, 'token-transfers'),
  };
}

function transfersPage(catalog: AddressCatalog, route: string, rows: number): PageModel {
  return {
    route,
    title: 'Transfers | TRONSCAN',
    heading: { title: 'Transfers' },
    sections: [
      {
        kind: 'table',
        id: 'transfers',
        title: `Latest ${rows} transfers`,
        columns: TRANSFER_COLUMNS,
        rows: [],
      },
    ],
    transfers: generated(catalog, 'transfers', rows),
  };
}

function notFoundPage(catalog: AddressCatalog, route: string, reason: string): PageModel {
  return {
    route,
    title: 'TRONSCAN',
    heading: { title: 'Not found' },
    notFound: reason,
    sections: [],
    transfers: generated(catalog, 'none'),
  };
}

/** The page a hash route shows. */
export function buildPage(
  catalog: AddressCatalog,
  chain: ChainView,
  route: HashRoute,
  hash: string,
): PageModel {
  switch (route.page) {
    case 'home':
      return homePage(catalog, hash);
    case 'address':
      return isValidTronAddress(route.address)
        ? addressPage(catalog, chain, hash, route.address)
        : notFoundPage(catalog, hash, 'Invalid address');
    case 'contract':
      return isValidTronAddress(route.address)
        ? contractPage(catalog, hash, route.address)
        : notFoundPage(catalog, hash, 'Invalid contract address');
    case 'token20':
      return isValidTronAddress(route.address)
        ? token20Page(catalog, hash, route.address)
        : notFoundPage(catalog, hash, 'Invalid token address');
    case 'transaction':
      return /^[0-9a-fA-F]{64}$/.test(route.hash)
        ? transactionPage(catalog, chain, hash, route.hash.toLowerCase())
        : notFoundPage(catalog, hash, 'Invalid transaction hash');
    case 'transfers':
      return transfersPage(catalog, hash, route.rows);
    case 'unknown':
      return notFoundPage(catalog, hash, 'Page not found');
  }
}
