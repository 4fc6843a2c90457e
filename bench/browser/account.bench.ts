import { generateAccountKey } from '../../lib/account/account-key';
import {
  deriveDeviceSecret,
  deriveUnlockKey,
  derivePasswordKey,
  generateVaultKey,
  newKdfSpec,
  QR_KDF_DEFAULT,
  unwrapAccountKeyForDevices,
  unwrapVaultKey,
  wrapAccountKeyForDevices,
  wrapVaultKey,
} from '../../lib/account/key-hierarchy';
import { createKit, openKit } from '../../lib/account/kit-payload';
import { median, timeRuns, type Benchmark } from '../harness/types';

const PASSWORD = 'correct horse battery staple';
const ACCOUNT = { accountId: '0b9c2f6e-8a51-4c1e-9d7a-3f2b1c0d4e5f', keyEpoch: 1 };

export const benchmarks: Benchmark[] = [
  {
    // The unlock path's key work (DESIGN §3): one Argon2id, unwrap the device's AK, derive MUK, unwrap VK.
    name: 'account.unlock.keys.ms',
    async run() {
      const kdf = newKdfSpec();
      const ak = generateAccountKey();
      const pwk = await derivePasswordKey(PASSWORD, kdf);
      const deviceSecret = deriveDeviceSecret(ak);
      const deviceAk = await wrapAccountKeyForDevices(pwk, deviceSecret, ak, ACCOUNT);
      const wrappedVk = await wrapVaultKey(deriveUnlockKey(pwk, ak), generateVaultKey(), ACCOUNT);
      const times = await timeRuns(async () => {
        const p = await derivePasswordKey(PASSWORD, kdf);
        const a = await unwrapAccountKeyForDevices(p, deviceSecret, deviceAk, ACCOUNT);
        await unwrapVaultKey(deriveUnlockKey(p, a), wrappedVk, ACCOUNT);
      }, 5);
      return {
        name: 'account.unlock.keys.ms',
        value: median(times),
        unit: 'ms',
        runs: times.length,
        min: Math.min(...times),
        max: Math.max(...times),
      };
    },
  },
  {
    // What each offline guess against a kit costs (SECURITY.md, "the kit email"), next to an unlock guess.
    name: 'account.kit.open.ms',
    async run() {
      const kit = await createKit({
        ...ACCOUNT,
        email: 'john@example.com',
        password: PASSWORD,
        accountKey: generateAccountKey(),
      });
      const times = await timeRuns(() => openKit(kit, PASSWORD, { email: 'john@example.com' }), 5);
      return {
        name: 'account.kit.open.ms',
        value: median(times),
        unit: 'ms',
        runs: times.length,
        qrKdf: { ...QR_KDF_DEFAULT },
      };
    },
  },
];
