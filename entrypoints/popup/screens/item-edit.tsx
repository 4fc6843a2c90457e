import { useModel } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { BusyButton } from '../components/busy-button';
import { CustomFieldsEditor } from '../components/custom-fields-editor';
import { Form } from '../components/form';
import { GeneratedResult } from '../components/generated-result';
import { GeneratorPanel } from '../components/generator-panel';
import { ItemInput } from '../components/item-input';
import { MessageArea } from '../components/message-area';
import { PasswordMeter } from '../components/password-meter';
import { Screen } from '../components/screen';
import { UrlListEditor } from '../components/url-list-editor';
import { useFocusOnMount } from '../components/use-focus-on-mount';
import { ITEM_FIELD_IDS as ID } from '../models/item-draft';
import { ItemEditModel, type EditTarget } from '../models/item-edit-model';
import { editableFields, type FieldSpec } from '../models/item-fields';
import type { PopupDeps } from '../models/popup-deps';

/** Add or edit a record of any type: its fields, lists, favourite and custom fields; save or cancel. */
export function ItemEdit({ deps, target }: { deps: PopupDeps; target: EditTarget }) {
  const model = useModel(() => new ItemEditModel(deps, target));
  useEffect(() => void model.load(), [model]);
  const { task, loading } = model;
  const errors = model.fieldErrors.value;
  const loaded = !loading.busy.value && loading.error.value === null;
  return (
    <Screen title={model.heading.value} focus="field">
      {!loaded ? (
        <MessageArea error={loading.error} progress={loading.progress} />
      ) : (
        <Form onSubmit={() => void model.save()} error={task.error} label={model.heading.value}>
          {editableFields(model.type.value).map((spec, index) => (
            <FieldFor key={spec.key} model={model} spec={spec} first={index === 0} />
          ))}
          <ItemInput
            id={ID.tags}
            label="Tags"
            value={model.tags.value}
            onValue={model.setTags}
            error={errors.get(ID.tags)}
            describedBy="item-tags-hint"
          />
          <p id="item-tags-hint" class="description field-hint">
            Separate tags with commas, like “work, banking”.
          </p>
          <div class="checkbox">
            <input
              id="item-favorite"
              type="checkbox"
              checked={model.favorite.value}
              onChange={(event) => {
                model.favorite.value = event.currentTarget.checked;
              }}
            />
            <label for="item-favorite">Favorite</label>
          </div>
          <CustomFieldsEditor
            fields={model.customFields.value}
            errors={errors}
            revealed={model.revealed.value}
            onToggle={model.toggleReveal}
            onChange={model.updateCustomField}
            onAdd={model.addCustomField}
            onRemove={model.removeCustomField}
          />
          <MessageArea error={task.error} progress={task.progress} />
          <div class="actions">
            <BusyButton type="submit" variant="primary" busy={task.busy.value}>
              Save
            </BusyButton>
            <button type="button" class="button link" onClick={model.cancel} disabled={task.busy.value}>
              Cancel
            </button>
          </div>
          {model.confirmingDiscard.value ? <DiscardConfirm model={model} /> : null}
        </Form>
      )}
    </Screen>
  );
}

function FieldFor({ model, spec, first }: { model: ItemEditModel; spec: FieldSpec; first: boolean }) {
  const errors = model.fieldErrors.value;
  const id = ID.text(spec.key);
  const input = (
    <ItemInput
      id={id}
      label={spec.label}
      value={model.text[spec.key].value}
      onValue={(value) => model.setText(spec.key, value)}
      error={errors.get(id)}
      multiline={spec.multiline === true}
      secret={spec.secret === true}
      shown={model.revealed.value.has(spec.key)}
      onToggle={() => model.toggleReveal(spec.key)}
      autofocus={first}
      {...(spec.autoComplete === undefined ? {} : { autoComplete: spec.autoComplete })}
      {...(spec.inputMode === undefined ? {} : { inputMode: spec.inputMode })}
      {...(spec.key === 'password' ? { describedBy: 'item-password-meter' } : {})}
      {...(spec.key === 'number' && model.luhnWarning.value !== null ? { describedBy: 'item-luhn' } : {})}
      {...(spec.key === 'totp' ? { describedBy: 'item-totp-hint' } : {})}
    >
      {spec.key === 'password' ? (
        <button type="button" class="button small secondary" onClick={model.openGenerator}>
          Generate
        </button>
      ) : null}
    </ItemInput>
  );
  if (spec.key === 'password') return <PasswordExtras model={model}>{input}</PasswordExtras>;
  if (spec.key === 'number') {
    const warning = model.luhnWarning.value;
    return (
      <>
        {input}
        {warning !== null ? (
          <p id="item-luhn" class="caution field-hint">
            {warning}
          </p>
        ) : null}
      </>
    );
  }
  if (spec.key === 'totp') {
    return (
      <>
        {input}
        <p id="item-totp-hint" class="description field-hint">
          The secret key (base32) or the otpauth:// link the site showed when you set up two-step login.
        </p>
      </>
    );
  }
  return input;
}

/** Under the password: the strength meter, the inline generator when open, then the login's websites. */
function PasswordExtras({ model, children }: { model: ItemEditModel; children: ComponentChildren }) {
  const generator = model.generator.value;
  return (
    <>
      {children}
      <PasswordMeter id="item-password-meter" meter={model.meter} />
      {generator !== null ? (
        <div class="inline-generator" role="group" aria-label="Password generator">
          <GeneratedResult model={generator} />
          <GeneratorPanel model={generator} idPrefix="inline-generator" />
          <button type="button" class="button small link" onClick={model.closeGenerator}>
            Close generator
          </button>
        </div>
      ) : null}
      <UrlListEditor
        urls={model.urls.value}
        errors={model.fieldErrors.value}
        onChange={model.updateUrl}
        onAdd={model.addUrl}
        onRemove={model.removeUrl}
      />
    </>
  );
}

function DiscardConfirm({ model }: { model: ItemEditModel }) {
  useFocusOnMount('discard-question');
  return (
    <div class="confirm" role="group" aria-labelledby="discard-question">
      <p id="discard-question" tabIndex={-1}>
        <strong>Discard your changes?</strong>
      </p>
      <div class="actions">
        <button type="button" class="button danger" onClick={model.discard}>
          Discard
        </button>
        <button type="button" class="button link" onClick={model.keepEditing}>
          Keep editing
        </button>
      </div>
    </div>
  );
}
