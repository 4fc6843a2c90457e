import type { CustomField } from '../../../lib/vault/record-types';
import { ITEM_FIELD_IDS as ID } from '../models/item-draft';
import { ItemInput } from './item-input';

interface CustomFieldsEditorProps {
  fields: readonly CustomField[];
  errors: ReadonlyMap<string, string>;
  revealed: ReadonlySet<string>;
  onToggle: (key: string) => void;
  onChange: (index: number, change: Partial<Omit<CustomField, 'id'>>) => void;
  onAdd: (kind: CustomField['kind']) => void;
  onRemove: (index: number) => void;
}

/** Custom fields: a name and a value each; a hidden one is masked like a password and never searched. */
export function CustomFieldsEditor(props: CustomFieldsEditorProps) {
  const { fields, errors, revealed } = props;
  return (
    <fieldset class="custom-fields">
      <legend>Custom fields</legend>
      {fields.map((field, index) => {
        const n = index + 1;
        const name = field.name === '' ? `Field ${n}` : field.name;
        return (
          <div class="custom-field" key={field.id}>
            <ItemInput
              id={ID.customName(index)}
              label={`Name of field ${n}`}
              value={field.name}
              onValue={(value) => props.onChange(index, { name: value })}
              error={errors.get(ID.customName(index))}
            />
            <ItemInput
              id={ID.customValue(index)}
              label={`Value of ${name}`}
              value={field.value}
              onValue={(value) => props.onChange(index, { value })}
              error={errors.get(ID.customValue(index))}
              secret={field.kind === 'hidden'}
              shown={revealed.has(`custom:${field.id}`)}
              onToggle={() => props.onToggle(`custom:${field.id}`)}
            >
              <button
                type="button"
                class="button small link"
                aria-label={`Remove ${name}`}
                onClick={() => props.onRemove(index)}
              >
                Remove
              </button>
            </ItemInput>
          </div>
        );
      })}
      <div class="actions">
        <button type="button" class="button small secondary" onClick={() => props.onAdd('text')}>
          Add text field
        </button>
        <button type="button" class="button small secondary" onClick={() => props.onAdd('hidden')}>
          Add hidden field
        </button>
      </div>
    </fieldset>
  );
}
