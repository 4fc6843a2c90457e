import type { RequestInput } from '../../../lib/messaging/protocol';
import type { LoginFields, NoteFields } from '../../../lib/vault/record-types';

/** Drafts as the popup's editor sends them (every field present: the schema is strict). */

type Draft = RequestInput<'vault.save'>['draft'];

export function loginDraft(fields: Partial<LoginFields> = {}, id?: string): Draft {
  return {
    ...(id === undefined ? {} : { id }),
    type: 'login',
    fields: {
      title: 'Example',
      notes: '',
      tags: [],
      favorite: false,
      customFields: [],
      username: 'jane@example.com',
      password: 'correct horse battery staple',
      urls: [{ url: 'https://example.com/login', match: 'base-domain' }],
      totp: '',
      passwordHistory: [],
      ...fields,
    },
  };
}

export function noteDraft(fields: Partial<NoteFields> = {}, id?: string): Draft {
  return {
    ...(id === undefined ? {} : { id }),
    type: 'note',
    fields: {
      title: 'A note',
      notes: 'remember the milk',
      tags: [],
      favorite: false,
      customFields: [],
      ...fields,
    },
  };
}
