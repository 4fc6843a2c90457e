export { ACCOUNT_KEY_BYTES, formatAccountKey, generateAccountKey, parseAccountKey } from './account-key';
export { accountIdFromBytes, accountIdToBytes, isAccountId } from './account-id';
export { isPlausibleEmail, maskEmail, normalizeEmail } from './email';
export * from './errors';
export * from './key-hierarchy';
export * from './kit-payload';
export * from './key-file';
export * from './recovery-key';
export * from './recovery-kit';
