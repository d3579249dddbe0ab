export default defineContentScript({
  matches: ['https://tronscan.org/*', 'https://*.tronscan.org/*'],
  main() {},
});
