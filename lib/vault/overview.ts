import type { RecordOverview, VaultRecord } from './record-types';

/**
 * A record's list fields (record-types.ts RecordOverview), sealed apart from its secrets (record-crypto.ts) so
 * the list, search and "matches for this site" work without opening a single secret. The subtitle is derived
 * here, once, when sealing; it carries nothing secret: a login's username, the last four digits of a card
 * (what the card itself prints and receipts show, PCI DSS 4.0 req. 3.4.1 allows at most the first six and last
 * four to be displayed), an identity's name or email.
 */
export function overviewOf(record: VaultRecord): RecordOverview {
  return {
    id: record.id,
    type: record.type,
    title: record.fields.title,
    subtitle: subtitleOf(record),
    urls: record.type === 'login' ? record.fields.urls.map((entry) => ({ ...entry })) : [],
    tags: [...record.fields.tags],
    favorite: record.fields.favorite,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    conflict: record.conflict === null ? null : { ...record.conflict },
  };
}

function subtitleOf(record: VaultRecord): string {
  switch (record.type) {
    case 'login':
      return record.fields.username;
    case 'card': {
      const digits = record.fields.number.replace(/\D/g, '');
      return digits.length >= 4 ? `•••• ${digits.slice(-4)}` : '';
    }
    case 'identity': {
      const { firstName, lastName, email } = record.fields;
      const name = [firstName.trim(), lastName.trim()].filter((part) => part !== '').join(' ');
      return name !== '' ? name : email;
    }
    case 'note':
      return '';
  }
}
