/**
 * The `@/` alias for dependency-cruiser. The generated `.wxt/tsconfig.json` declares its paths
 * without a `baseUrl`, which the cruiser's tsconfig resolver does not follow, so every `@/` import
 * was left unresolved and neither rule saw it.
 */
module.exports = { resolve: { alias: { '@': `${__dirname}/..` } } };
