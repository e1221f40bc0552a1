// The request side of field management: which manager a write is recorded under, the
// `fieldManager` / `force` query parameters checked as kube-apiserver checks them (422 Invalid on
// CreateOptions / UpdateOptions / PatchOptions), and the FieldManager for a REST mapping.
import { badRequest, invalid } from '../errors.js';
import { formatApiVersion } from '../gvk.js';
import type { FieldError } from '../registration.js';
import type { RESTMapping } from '../restmapper.js';
import { FieldManager, type OtherVersion } from './fieldmanager.js';

const FIELD_MANAGER_MAX_LENGTH = 128;

/** Unicode "printable" as Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols, ASCII space. */
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

export type OptionsKind = 'CreateOptions' | 'UpdateOptions' | 'PatchOptions';

function fieldManagerErrors(value: string): FieldError[] {
  const errs: FieldError[] = [];
  if ([...value].length > FIELD_MANAGER_MAX_LENGTH) {
    errs.push({ type: 'FieldValueTooLong', field: 'fieldManager', message: `Too long: may not be more than ${FIELD_MANAGER_MAX_LENGTH} bytes` });
  }
  let i = 0;
  for (const ch of value) {
    if (!PRINTABLE.test(ch)) {
      const code = ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
      errs.push({ type: 'FieldValueInvalid', field: 'fieldManager', message: `Invalid value: ${JSON.stringify(value)}: invalid character U+${code} (at position ${i})` });
    }
    i += Buffer.byteLength(ch);
  }
  return errs;
}

function last(params: URLSearchParams, name: string): string | undefined {
  const all = params.getAll(name);
  return all.length === 0 ? undefined : all[all.length - 1];
}

/** Go's strconv.ParseBool. */
function parseBool(v: string): boolean {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  throw badRequest(`strconv.ParseBool: parsing ${JSON.stringify(v)}: invalid syntax`);
}

export interface ManagerParams {
  /** The `fieldManager` query parameter ('' when not given). */
  fieldManager: string;
  /** `force` (PATCH only); undefined when not given. */
  force?: boolean;
}

/** Reads and checks `fieldManager` (and `force` for PATCH). `apply`: the patch is an apply patch. */
export function managerParams(params: URLSearchParams, options: OptionsKind, apply = false): ManagerParams {
  const fieldManager = last(params, 'fieldManager') ?? '';
  const forceRaw = options === 'PatchOptions' ? last(params, 'force') : undefined;
  const force = forceRaw === undefined || forceRaw === '' ? undefined : parseBool(forceRaw);
  const errs: FieldError[] = [];
  if (options === 'PatchOptions') {
    if (!apply && force !== undefined) errs.push({ type: 'FieldValueForbidden', field: 'force', message: 'Forbidden: may not be specified for non-apply patch' });
    if (apply && fieldManager === '') errs.push({ type: 'FieldValueRequired', field: 'fieldManager', message: 'Required value: is required for apply patch' });
  }
  errs.push(...fieldManagerErrors(fieldManager));
  if (errs.length > 0) throw invalid('meta.k8s.io', options, '', errs);
  const out: ManagerParams = { fieldManager };
  if (force !== undefined) out.force = force;
  return out;
}

/** The manager an Update is recorded under: the parameter, else the user agent up to its first
 * `/` (printable characters only, at most 128 bytes), as kube-apiserver derives it. */
export function updateManager(fieldManager: string, userAgent: string | undefined): string {
  if (fieldManager !== '') return fieldManager;
  const prefix = (userAgent ?? '').split('/')[0];
  let out = '';
  for (const ch of prefix) {
    if (!PRINTABLE.test(ch)) continue;
    if (Buffer.byteLength(out + ch) > FIELD_MANAGER_MAX_LENGTH) break;
    out += ch;
  }
  return out;
}

/** The FieldManager of a kind at the mapping's version, for the main resource or a subresource. */
export function fieldManagerFor(mapping: RESTMapping, subresource: string): FieldManager {
  const here = mapping.versioned;
  // Managers that wrote in another served version own fields named in that version: their
  // changes are judged on the object converted there (through the internal form).
  const otherVersions: OtherVersion[] = mapping.kind.versions
    .filter((v) => v.version !== here.version)
    .map((v) => ({
      apiVersion: formatApiVersion({ group: mapping.group.group, version: v.version }),
      schemas: mapping.group.schemas[v.version] ?? {},
      schemaName: v.schemaName,
      convert: (obj) => v.fromInternal(here.toInternal(obj)),
    }));
  return new FieldManager({
    schemas: mapping.group.schemas[here.version] ?? {},
    schemaName: here.schemaName,
    apiVersion: formatApiVersion(mapping.gvk),
    subresource,
    statusSubresource: mapping.kind.subresources.status,
    otherVersions,
  });
}
