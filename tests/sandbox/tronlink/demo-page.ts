/** A small dapp page carrying the TronLink emulator, to try connect / sign / send by hand (1 TRX = 1,000,000 sun). */
export function demoDappHtml(): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>TronLink emulator (sandbox)</title>
    <script src="/tronlink/emulator.js"></script>
    <style>
      body { font: 14px/1.5 system-ui, sans-serif; margin: 24px; max-width: 760px; }
      button { margin: 0 8px 8px 0; }
      pre { background: #f4f4f4; padding: 12px; white-space: pre-wrap; word-break: break-all; }
    </style>
  </head>
  <body>
    <h1>TronLink emulator</h1>
    <p>Sandbox stand-in for TronLink. Policy: <code id="policy"></code></p>
    <button id="connect">Connect (eth_requestAccounts)</button>
    <button id="sign">Sign a message</button>
    <input id="to" placeholder="Recipient T-address" size="40" /> <button id="send">Send 1 TRX</button>
    <pre id="log"></pre>
    <script>
      const log = (label, value) => {
        document.getElementById('log').textContent += label + ': ' + (typeof value === 'string' ? value : JSON.stringify(value)) + '\\n';
      };
      const describe = (error) => (typeof error === 'string' ? error : { code: error && error.code, message: error && error.message });
      const showPolicy = () => {
        const state = window.__tronlinkEmulator && window.__tronlinkEmulator.state();
        document.getElementById('policy').textContent = state ? JSON.stringify(state) : 'TronLink absent';
      };
      showPolicy();
      document.getElementById('connect').onclick = () =>
        window.tron.request({ method: 'eth_requestAccounts' }).then((a) => log('accounts', a), (e) => log('connect failed', describe(e))).finally(showPolicy);
      document.getElementById('sign').onclick = () =>
        window.tronWeb.trx.signMessageV2('hello from the sandbox').then((s) => log('signature', s), (e) => log('sign failed', describe(e)));
      document.getElementById('send').onclick = () =>
        window.tronWeb.trx.sendTransaction(document.getElementById('to').value.trim(), 1000000).then((r) => log('sent', r), (e) => log('send failed', describe(e)));
    </script>
  </body>
</html>
`;
}
