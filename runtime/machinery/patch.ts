// Patch documents applied to a versioned object: JSON patch (RFC 6902, through fast-json-patch)
// and JSON merge patch (RFC 7386). Strategic merge patch is in strategicpatch.ts.
// Both return a new object and never write through a prototype (`__proto__` stays data).
import fastJsonPatch from 'fast-json-patch';
import { StatusError, badRequest } from './errors.js';
import { scanJson } from './json-scan.js';
import { setOwn } from './objects.js';
import type { JSONObject } from './registration.js';
import { MAX_NESTING_DEPTH } from './serializer.js';

const { applyPatch, deepClone, JsonPatchError } = fastJsonPatch;

/** A patch that parsed but cannot be applied to this object (a failed `test`, a missing path). */
export class PatchApplyError extends Error {}

/** Parses a patch body: JSON only (both patch types are JSON documents), depth-capped. */
export function parsePatchBody(text: string): unknown {
  if (scanJson(text, MAX_NESTING_DEPTH).maxDepth > MAX_NESTING_DEPTH) {
    throw badRequest(`the patch exceeds the maximum nesting depth of ${MAX_NESTING_DEPTH}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw badRequest(`error decoding patch: ${(err as Error).message}`);
  }
}

/** RFC 6902. Operations that do not apply (failed test, unresolvable path) are PatchApplyErrors. */
export function applyJSONPatch(obj: JSONObject, patch: unknown): JSONObject {
  if (!Array.isArray(patch)) throw badRequest('json patch must be an array of operations');
  for (const [i, op] of patch.entries()) {
    if (op === null || typeof op !== 'object' || Array.isArray(op)) throw badRequest(`json patch operation ${i} is not an object`);
  }
  try {
    // validateOperation=true checks the operations' shape; prototype modifications stay banned.
    const { newDocument } = applyPatch(deepClone(obj) as JSONObject, patch, true, true, true);
    return newDocument;
  } catch (err) {
    if (err instanceof StatusError) throw err;
    if (err instanceof JsonPatchError) {
      const applyFailures = ['TEST_OPERATION_FAILED', 'OPERATION_PATH_UNRESOLVABLE', 'OPERATION_FROM_UNRESOLVABLE'];
      if (applyFailures.includes(err.name)) throw new PatchApplyError(err.message.split('\n')[0]);
      throw badRequest(`invalid json patch: ${err.message.split('\n')[0]}`);
    }
    // Anything else the library trips over while applying (a `move` into its own child, say) is
    // a patch that does not apply to this object, as kube-apiserver answers it.
    throw new PatchApplyError((err as Error).message);
  }
}

function isPlainObject(v: unknown): v is JSONObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** RFC 7386: objects merge recursively, `null` deletes, anything else replaces. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const result: JSONObject = isPlainObject(target) ? { ...target } : {};
  for (const key of Object.keys(patch)) {
    const value = patch[key];
    if (value === null) {
      delete result[key];
    } else {
      const current = Object.prototype.hasOwnProperty.call(result, key) ? result[key] : undefined;
      setOwn(result, key, applyMergePatch(current, value));
    }
  }
  return result;
}
