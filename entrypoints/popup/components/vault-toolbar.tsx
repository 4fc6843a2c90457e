import { useState } from 'preact/hooks';
import type { RecordType } from '../../../lib/vault/record-types';
import type { HomeModel } from '../models/home-model';
import { BusyButton } from './busy-button';

const NEW_ITEM_TYPES: readonly { type: RecordType; label: string }[] = [
  { type: 'login', label: 'Login' },
  { type: 'note', label: 'Secure note' },
  { type: 'card', label: 'Card' },
  { type: 'identity', label: 'Identity' },
];

/**
 * The vault's actions: "New item" (a disclosure listing the four record types: a plain group of buttons, so
 * Tab reaches them without a menu's arrow-key contract), the generator, Lock and Settings.
 */
export function VaultToolbar({ model }: { model: HomeModel }) {
  const [menuOpen, setMenuOpen] = useState(false);
  return (
    <div class="vault-toolbar">
      <div class="new-item">
        <button
          type="button"
          class="button primary small"
          aria-expanded={menuOpen ? 'true' : 'false'}
          aria-controls="new-item-types"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          New item
        </button>
        {menuOpen ? (
          <div
            id="new-item-types"
            class="new-item-types"
            role="group"
            aria-label="New item"
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                event.preventDefault();
                setMenuOpen(false);
              }
            }}
          >
            {NEW_ITEM_TYPES.map(({ type, label }) => (
              <button
                key={type}
                type="button"
                class="button secondary small"
                onClick={() => model.newItem(type)}
              >
                {label}
              </button>
            ))}
          </div>
        ) : null}
      </div>
      <button type="button" class="button secondary small" onClick={model.generator}>
        Generator
      </button>
      <BusyButton onClick={() => void model.lock()} busy={model.task.busy.value} variant="secondary">
        Lock
      </BusyButton>
      <button type="button" class="button secondary small" onClick={model.settings}>
        Settings
      </button>
    </div>
  );
}
