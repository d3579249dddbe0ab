/** Opens the extension's check page for an address in a new tab (extension pages may do this themselves). */
export function openCheckPage(address: string): void {
  const url = new URL(browser.runtime.getURL('/check.html'));
  url.searchParams.set('address', address);
  void browser.tabs.create({ url: url.toString(), active: true });
}
