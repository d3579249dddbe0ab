/**
 * The static parts of the TronScan-like app: the HTML shell every route shares and its stylesheet.
 * The CSS mimics what makes tronscan hard to read from outside: truncated link text, addresses
 * split over flex boxes (so `innerText` has a line break where `textContent` has none).
 */

/** The page shell; `withTronLink` adds the TronLink emulator like the extension would inject it. */
export function shellHtml(options: { withTronLink: boolean }): string {
  const tronLink = options.withTronLink ? '    <script src="/tronlink/emulator.js"></script>\n' : '';
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>TRONSCAN | TRON BlockChain Explorer</title>
    <link rel="stylesheet" href="app.css" />
${tronLink}    <script src="app.js" defer></script>
  </head>
  <body data-page-ready="false">
    <header class="navbar">
      <a class="brand" href="#/">TRONSCAN <small>sandbox</small></a>
      <nav>
        <a href="#/">Home</a>
        <a href="#/transfers?rows=1000">Transfers</a>
      </nav>
      <form id="search" class="search" autocomplete="off">
        <input name="q" placeholder="Search by address / transaction hash" />
        <button type="submit">Search</button>
      </form>
    </header>
    <div id="root"><p class="loading">Loading…</p></div>
    <footer class="footer">Sandbox copy for development; not tronscan.org.</footer>
  </body>
</html>
`;
}

export const SHELL_CSS = `
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, sans-serif; color: #333; background: #f3f4f8; }
a { color: #c23631; text-decoration: none; }
.navbar { display: flex; gap: 24px; align-items: center; padding: 12px 24px; background: #1a1a2e; color: #fff; }
.navbar a { color: #fff; }
.navbar nav { display: flex; gap: 16px; }
.search { margin-left: auto; display: flex; gap: 4px; }
.search input { width: 360px; padding: 4px 8px; }
.container { max-width: 1200px; margin: 0 auto; padding: 16px; }
.page-header { margin-bottom: 16px; }
.page-title { font-size: 20px; margin: 0 0 4px; }
.address-title { display: flex; align-items: center; font-size: 16px; word-break: break-all; }
.card { background: #fff; border-radius: 4px; margin-bottom: 16px; padding: 12px 16px; }
.card-title { margin: 0 0 8px; font-size: 15px; }
.table { width: 100%; border-collapse: collapse; table-layout: fixed; }
.table th, .table td { padding: 6px 8px; border-bottom: 1px solid #eee; text-align: left; vertical-align: top; overflow: hidden; }
.table.details th { width: 180px; }
.d-flex { display: flex; }
.align-items-center { align-items: center; }
.ml-1 { margin-left: 4px; }
.text-truncate { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.truncate-ellipsis { overflow: hidden; white-space: nowrap; }
.address-link { display: inline-flex; max-width: 100%; }
.ellipsis_box { display: flex; min-width: 0; }
.ellipsis_box_start { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; min-width: 0; }
.ellipsis_box_end { white-space: nowrap; flex-shrink: 0; }
.copy-icon { cursor: pointer; color: #999; }
.copy-icon .fa-paste { display: inline-block; width: 7px; height: 9px; margin-left: 2px; border: 1.5px solid currentColor; border-radius: 2px; box-shadow: -3px 3px 0 -1.5px #fff, -3px 3px 0 0 currentColor; vertical-align: -1px; }
.break-all { word-break: break-all; }
.amount .symbol { color: #777; }
.load-more { margin-top: 8px; padding: 4px 12px; }
.live-row { background: #fff8e1; }
.not-found { color: #a00; }
.ant-table-cell-ellipsis { overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
.address-truncate { display: flex; min-width: 0; }
.tag-description { display: inline-block; max-width: 220px; vertical-align: bottom; }
.page-tabs { display: flex; gap: 16px; }
.note-input { width: 100%; }
.note-box { border: 1px dashed #ccc; padding: 2px 4px; margin-top: 4px; word-break: break-all; }
.ace_editor { font: 12px/1.4 monospace; background: #f7f7f7; padding: 4px 8px; }
.ant-tooltip-hidden { display: none; }
.footer { text-align: center; color: #888; padding: 24px; }
`;
