import { describe, expect, test } from 'vitest';
import { overviewOf } from '../../../lib/vault/overview';
import type { VaultRecord } from '../../../lib/vault/record-types';
import { FIELDS, IDS, recordOf } from './record-fixtures';

function withFields(type: 'login' | 'card' | 'identity' | 'note', fields: object): VaultRecord {
  const record = recordOf(type);
  return { ...record, fields: { ...record.fields, ...fields } } as VaultRecord;
}

describe('overviewOf', () => {
  test('copies the list fields of a login and uses the username as subtitle', () => {
    const record = recordOf('login');
    expect(overviewOf(record)).toEqual({
      id: IDS.login,
      type: 'login',
      title: 'GitHub',
      subtitle: 'jane.doe',
      urls: FIELDS.login.urls,
      tags: ['work', 'dev'],
      favorite: true,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
      conflict: null,
    });
  });

  test('a card shows only its last four digits', () => {
    expect(overviewOf(recordOf('card')).subtitle).toBe('•••• 4242');
    expect(overviewOf(withFields('card', { number: '378282246310005' })).subtitle).toBe('•••• 0005');
    expect(overviewOf(withFields('card', { number: '' })).subtitle).toBe('');
    expect(overviewOf(recordOf('card')).urls).toEqual([]);
  });

  test('an identity shows the name, else the email', () => {
    expect(overviewOf(recordOf('identity')).subtitle).toBe('Jane Doe');
    expect(overviewOf(withFields('identity', { firstName: ' ', lastName: 'Doe' })).subtitle).toBe('Doe');
    expect(overviewOf(withFields('identity', { firstName: '', lastName: '' })).subtitle).toBe(
      'jane@example.org',
    );
  });

  test('a note has no subtitle, and the overview does not alias the record', () => {
    expect(overviewOf(recordOf('note')).subtitle).toBe('');
    const record = {
      ...recordOf('login'),
      conflict: { of: IDS.note, at: '2026-11-01T00:00:00.000Z' },
    } as VaultRecord;
    const overview = overviewOf(record);
    overview.tags.push('x');
    overview.urls.pop();
    overview.conflict!.of = 'changed';
    expect(record.fields.tags).toEqual(['work', 'dev']);
    expect(record.type === 'login' && record.fields.urls).toHaveLength(2);
    expect(record.conflict?.of).toBe(IDS.note);
  });
});
