/**
 * Keeps storage.session (where the unlocked keys are mirrored) out of content scripts' reach (DESIGN §3).
 * Chromium's default is already TRUSTED_CONTEXTS; saying so explicitly means a future default, or another
 * part of the extension calling setAccessLevel, cannot silently widen it. Firefox never exposes
 * storage.session to content scripts unless setAccessLevel widens it, and older versions lack the method:
 * then there is nothing to do.
 */
export interface SessionAreaAccess {
  setAccessLevel?: (options: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void>;
}

export async function restrictToTrustedContexts(
  area: SessionAreaAccess,
  warn: (line: string) => void,
): Promise<void> {
  if (typeof area.setAccessLevel !== 'function') return;
  try {
    await area.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
  } catch (error) {
    // Both browsers' default is trusted contexts only, so a failure here leaves the safe default in place.
    warn(`storage.session.setAccessLevel failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
