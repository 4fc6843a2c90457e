import type { FieldsOf, RecordDraft, RecordType, VaultRecord } from '../../../lib/vault/record-types';

/** Realistic records of every type, valid as stored (normalised), for the schema and crypto tests. */

export const IDS = {
  login: '0b8f2a5e-3c1d-4e6f-8a9b-1c2d3e4f5a6b',
  note: '1c9e3b6f-4d2e-4f70-9bac-2d3e4f5a6b7c',
  card: '2da04c70-5e3f-4081-8cbd-3e4f5a6b7c8d',
  identity: '3eb15d81-6f40-4192-9dce-4f5a6b7c8d9e',
} as const;

export const ACCOUNT_ID = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';
export const OTHER_ACCOUNT_ID = 'a08f7e6d-5c4b-4a39-8281-706f5e4d3c2b';
const AT = '2026-11-02T10:15:30.000Z';

const common = { notes: '', tags: [] as string[], favorite: false, customFields: [] };

export const FIELDS: FieldsOf = {
  login: {
    ...common,
    title: 'GitHub',
    notes: 'Work account; SSO via Okta.',
    tags: ['work', 'dev'],
    favorite: true,
    customFields: [{ id: 'f1', name: 'Recovery email', value: 'jane@example.org', kind: 'text' }],
    username: 'jane.doe',
    password: 'correct horse battery staple',
    urls: [
      { url: 'https://github.com/login', match: 'base-domain' },
      { url: 'https://gist.github.com', match: 'host' },
    ],
    totp: 'JBSWY3DPEHPK3PXP',
    passwordHistory: [{ password: 'hunter2', replacedAt: '2026-01-01T00:00:00.000Z' }],
  },
  note: { ...common, title: 'Wi-Fi at home', notes: 'SSID: Latchkey\nPassphrase: ünïcødé 🔑' },
  card: {
    ...common,
    title: 'Visa',
    cardholderName: 'Jane Doe',
    number: '4242424242424242',
    expiryMonth: '04',
    expiryYear: '2029',
    securityCode: '123',
    pin: '0000',
  },
  identity: {
    ...common,
    title: 'Me',
    firstName: 'Jane',
    middleName: 'Q.',
    lastName: 'Doe',
    email: 'jane@example.org',
    phone: '+44 20 7946 0000',
    company: 'Example Ltd',
    address1: '1 High Street',
    address2: '',
    city: 'London',
    region: '',
    postalCode: 'SW1A 1AA',
    country: 'GB',
  },
};

export function recordOf<T extends RecordType>(type: T, id: string = IDS[type]): VaultRecord {
  return {
    id,
    type,
    fields: structuredClone(FIELDS[type]),
    createdAt: AT,
    updatedAt: AT,
    conflict: null,
  } as VaultRecord;
}

export function draftOf<T extends RecordType>(type: T): RecordDraft {
  return { type, fields: structuredClone(FIELDS[type]) } as RecordDraft;
}

export const ALL_RECORDS: VaultRecord[] = (['login', 'note', 'card', 'identity'] as const).map((type) =>
  recordOf(type),
);
