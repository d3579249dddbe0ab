/** Closed sets of choices shared by stored settings and the messages that change them. */
export const NETWORK_PROFILES = ['production', 'sandbox', 'custom'] as const;
export const LOOKALIKE_SENSITIVITIES = ['strict', 'normal', 'loose'] as const;
