// The 409 an apply answers when it would change fields other managers own, worded as
// kube-apiserver words it: one line for a single conflict, grouped by manager for several, and a
// FieldManagerConflict cause per field.
import { StatusError, type StatusCause } from '../errors.js';
import { type FieldPath, pathString } from './fieldset.js';
import type { ManagerEntry } from './managed.js';

export interface Conflict {
  manager: Pick<ManagerEntry, 'manager' | 'operation' | 'apiVersion' | 'subresource'>;
  path: FieldPath;
}

/** `"name"`, with the subresource and, for Update managers, the apiVersion they wrote with. */
export function printManager(m: Conflict['manager']): string {
  let out = JSON.stringify(m.manager);
  if (m.subresource !== '') out += ` with subresource ${JSON.stringify(m.subresource)}`;
  if (m.operation === 'Update') out += ` using ${m.apiVersion}`;
  return out;
}

function conflictMessage(conflicts: Conflict[]): string {
  if (conflicts.length === 1) {
    return `Apply failed with 1 conflict: conflict with ${printManager(conflicts[0].manager)}: ${pathString(conflicts[0].path)}`;
  }
  const byManager = new Map<string, string[]>();
  for (const c of conflicts) {
    const key = printManager(c.manager);
    byManager.set(key, [...(byManager.get(key) ?? []), pathString(c.path)]);
  }
  const lines: string[] = [];
  for (const manager of [...byManager.keys()].sort()) {
    lines.push(`conflicts with ${manager}:`);
    for (const p of byManager.get(manager)!) lines.push(`- ${p}`);
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}

export function applyConflictError(conflicts: Conflict[]): StatusError {
  const causes: StatusCause[] = conflicts.map((c) => ({
    reason: 'FieldManagerConflict',
    message: `conflict with ${printManager(c.manager)}`,
    field: pathString(c.path),
  }));
  return new StatusError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: conflictMessage(conflicts),
    reason: 'Conflict',
    details: { causes },
    code: 409,
  } as StatusError['status']);
}
