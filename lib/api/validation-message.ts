import * as v from 'valibot';

/**
 * Turns a valibot failure into one line that names the offending field ("keyset.kdf.memoryKiB: must be at least
 * 65536"), for the 400 answer's `detail`. Only the first issues are listed: enough to fix the request, and the
 * answer stays small whatever the input.
 */
const MAX_LISTED = 3;

export function describeIssues(issues: readonly v.BaseIssue<unknown>[], root = 'body'): string {
  const lines = issues.slice(0, MAX_LISTED).map((issue) => describeIssue(issue, root));
  const more = issues.length > MAX_LISTED ? ` (and ${issues.length - MAX_LISTED} more)` : '';
  return lines.join('; ') + more;
}

function describeIssue(issue: v.BaseIssue<unknown>, root: string): string {
  const path = v.getDotPath(issue);
  const where = path === null || path === '' ? root : `${root}.${path}`;
  // A strict object reports an unknown key as a failed "never" check on that key.
  if (issue.kind === 'schema' && issue.expected === 'never' && path !== null) {
    return `${where}: unknown field`;
  }
  if (issue.kind === 'schema' && issue.received === 'undefined') return `${where}: is required`;
  // valibot's default messages quote the received value; ours are written per field and quote nothing, so a
  // secret sent in the wrong field never comes back in an error (or lands in a client's log).
  return `${where}: ${issue.message.replace(/ but received .*$/, '')}`;
}
