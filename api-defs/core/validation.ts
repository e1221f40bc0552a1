// Hand-written validation of core/v1 objects (internal shape), run after the generated marker and
// metadata validation, for rules markers cannot express: the key rules of ConfigMap and Secret.
import type { FieldError, ValidationContext } from '../../runtime/machinery/registration.js';
import type * as internal from '../../generated/core/internal/types.js';

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const MAX_KEY_LENGTH = 253;
/** The data of one ConfigMap or Secret, as kube-apiserver bounds it. */
const MAX_DATA_BYTES = 1024 * 1024;

/** Kubernetes' rule for a ConfigMap or Secret key (a file name when mounted as a volume). */
function keyErrors(key: string, field: string): FieldError[] {
  const invalid = (detail: string): FieldError => ({ type: 'FieldValueInvalid', field, message: `Invalid value: ${JSON.stringify(key)}: ${detail}` });
  const errs: FieldError[] = [];
  if (key.length > MAX_KEY_LENGTH) errs.push(invalid(`must be no more than ${MAX_KEY_LENGTH} characters`));
  if (!CONFIG_KEY.test(key)) {
    errs.push(
      invalid(
        "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
      ),
    );
  }
  if (key === '.') errs.push(invalid("must not be '.'"));
  else if (key === '..') errs.push(invalid("must not be '..'"));
  else if (key.startsWith('..')) errs.push(invalid("must not start with '..'"));
  return errs;
}

/** The keys of each map; with `unique`, a key in two maps is an error on the second one's path. */
function dataErrors(maps: [string, Record<string, string> | undefined][], unique: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  let bytes = 0;
  for (const [name, map] of maps) {
    for (const [key, value] of Object.entries(map ?? {})) {
      const field = `${name}[${key}]`;
      errs.push(...keyErrors(key, field));
      if (unique && seen.has(key)) errs.push({ type: 'FieldValueDuplicate', field, message: `Duplicate value: ${JSON.stringify(key)}` });
      seen.add(key);
      bytes += Buffer.byteLength(value);
    }
  }
  if (bytes > MAX_DATA_BYTES) errs.push({ type: 'FieldValueTooLong', field: '', message: `Too long: must have at most ${MAX_DATA_BYTES} bytes` });
  return errs;
}

export function validateConfigMap(obj: internal.ConfigMap, _ctx: ValidationContext): FieldError[] {
  return dataErrors(
    [
      ['data', obj.data],
      ['binaryData', obj.binaryData],
    ],
    true,
  );
}

/** stringData has been written over data by conversion already (as in Kubernetes). */
export function validateSecret(obj: internal.Secret, _ctx: ValidationContext): FieldError[] {
  return dataErrors([['data', obj.data]], false);
}
