import { composedPath, owningForm } from './collect-fields';
import { isSearchField } from './field-signals';

/** Fields that belong together: one <form>, or a cluster of nearby fields outside any form. */
export interface FieldGroup {
  form: HTMLFormElement | null;
  /** The form, or the lowest common ancestor of a loose cluster: where its buttons and headings are looked for. */
  container: Element;
  fields: HTMLInputElement[];
}

/**
 * How far above a loose field its cluster may reach. Design-system inputs sit 3–6 wrappers deep (MUI, Vuetify,
 * X's div soup); two separate login and sign-up panels usually meet higher than that.
 */
const MAX_LEVELS_UP = 8;

/**
 * Groups fields (composed tree order, search boxes left out) by their <form>; fields outside any form are clustered by their lowest
 * common ancestor: a field joins the previous loose cluster when they meet at most MAX_LEVELS_UP levels above it
 * and not above where the cluster's own fields meet, so a sign-up panel next to a login panel stays apart.
 */
export function groupFields(fields: readonly HTMLInputElement[]): FieldGroup[] {
  const groups: FieldGroup[] = [];
  const byForm = new Map<HTMLFormElement, FieldGroup>();
  let loose: { group: FieldGroup; path: Element[]; meet: number } | null = null;
  for (const input of fields) {
    if (isSearchField(input)) continue;
    const form = owningForm(input);
    if (form) {
      let group = byForm.get(form);
      if (!group) {
        group = { form, container: form, fields: [] };
        byForm.set(form, group);
        groups.push(group);
      }
      group.fields.push(input);
      continue;
    }
    const path = composedPath(input);
    if (loose) {
      const meet = Math.min(loose.meet, commonDepth(loose.path, path));
      const single = loose.group.fields.length === 1;
      if (meet >= path.length - 1 - MAX_LEVELS_UP && (single || meet >= loose.meet)) {
        loose.group.fields.push(input);
        loose.meet = meet;
        loose.group.container = path[meet] ?? input;
        continue;
      }
    }
    const group: FieldGroup = { form: null, container: path[path.length - 2] ?? input, fields: [input] };
    groups.push(group);
    loose = { group, path, meet: path.length - 1 };
  }
  return groups;
}

/** The depth of the deepest element two root-first paths share. */
function commonDepth(a: readonly Element[], b: readonly Element[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i - 1;
}
