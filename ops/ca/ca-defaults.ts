/** puppetserver's `ca_ttl` default: five 365-day years. */
export const DEFAULT_CA_TTL_SECONDS = 5 * 365 * 86_400;
/** puppetserver refuses a `ca_ttl` above fifty years. */
export const MAX_CA_TTL_SECONDS = 50 * 365 * 86_400;
/** puppetserver's `auto-renewal-cert-ttl` default: a renewed certificate lasts 90 days. */
export const RENEWAL_TTL_SECONDS = 90 * 86_400;
/** Puppet's `keylength`. */
export const DEFAULT_KEY_LENGTH = 4096;
