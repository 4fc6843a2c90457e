export { toBase64url, fromBase64url } from '../encoding/base64url';
export { changePassword } from './change-password';
export { checkAccount } from './check-account';
export type { AccountServiceDeps } from './deps';
export {
  buildDeviceState,
  DEVICE_STATE_VERSION,
  DeviceStateSchema,
  type DeviceState,
  type DeviceStateFields,
} from './device-state';
export { listDevices, revokeDevice } from './devices';
export { AccountChangedError, KeysetMismatchError, RecoveryKitGivenError, SignInAgainError } from './errors';
export { makeKit } from './make-kit';
export { unlock } from './open-account-key';
export { prelogin, type PreloginInfo } from './prelogin';
export { toProtocolError } from './protocol-error';
export { createRecoveryKit, removeRecoveryKit } from './recovery-kit-setup';
export { finishReset, startReset } from './reset';
export { signInWithKit } from './sign-in-with-kit';
export { signOut } from './sign-out';
export { signUp } from './sign-up';
export { unlockAfterPasswordChange } from './unlock-after-password-change';
export {
  restoreKeys,
  storeKeys,
  StoredKeysSchema,
  type StoredKeys,
  type UnlockedKeys,
} from './unlocked-keys';
export { useRecoveryKit } from './use-recovery-kit';
