// Query parameters shared by the write handlers (dryRun, fieldValidation) and the readers
// (labelSelector, fieldSelector, limit, continue), checked the way kube-apiserver checks them
// (400 otherwise).
import type { Context } from 'koa';
import { badRequest, invalid } from '../../machinery/errors.js';
import type { FieldError } from '../../machinery/registration.js';
import type { ResourceVersionMatch } from '../../registry/cachelist.js';
import { type SelectionPredicate, selectionPredicate } from '../../registry/predicate.js';
import type { ObjectFilter } from '../../registry/store.js';
import { type RequestScope, toRequestVersion } from './scope.js';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';
const FIELD_VALIDATION: readonly FieldValidation[] = ['Ignore', 'Warn', 'Strict'];

function values(ctx: Context, name: string): string[] {
  return new URLSearchParams(ctx.querystring).getAll(name);
}

function single(ctx: Context, name: string): string | undefined {
  const all = values(ctx, name);
  return all.length === 0 ? undefined : all[all.length - 1];
}

/** `dryRun=All` (repeatable); any other value is a 400. */
export function dryRunParam(ctx: Context): boolean {
  const all = values(ctx, 'dryRun');
  for (const v of all) {
    if (v !== 'All') throw badRequest(`dryRun: Unsupported value: ${JSON.stringify(v)}: supported values: "All"`);
  }
  return all.length > 0;
}

/** The fieldValidation directive; the server's default is Warn (kubectl sends Strict itself). */
export function fieldValidationParam(ctx: Context): FieldValidation {
  const v = single(ctx, 'fieldValidation');
  if (v === undefined || v === '') return 'Warn';
  const match = FIELD_VALIDATION.find((d) => d.toLowerCase() === v.toLowerCase());
  if (!match) {
    throw badRequest(`fieldValidation: Unsupported value: ${JSON.stringify(v)}: supported values: "Ignore", "Warn", "Strict"`);
  }
  return match;
}

/**
 * The request's `labelSelector` and `fieldSelector` for the URL's version of the kind (400 when
 * either is invalid), as a filter over internal objects for Store.list / deleteCollection, or
 * undefined when nothing is selected. Field selectors on version fields (`spec.color`) are
 * evaluated on the object converted to the URL's version; metadata-only ones on the internal
 * object itself (metadata is the same in every version).
 */
export function selectionParams(ctx: Context, scope: RequestScope): { predicate: SelectionPredicate; filter?: ObjectFilter } {
  const predicate = selectionPredicate(scope.mapping, single(ctx, 'labelSelector'), single(ctx, 'fieldSelector'));
  if (predicate.empty) return { predicate };
  const filter: ObjectFilter = predicate.metadataOnly
    ? (internal) => predicate.matches(internal)
    : (internal) => predicate.matches(toRequestVersion(scope, internal));
  return { predicate, filter };
}

export function limitParam(ctx: Context): number | undefined {
  const v = single(ctx, 'limit');
  if (v === undefined || v === '') return undefined;
  if (!/^\d+$/.test(v)) throw badRequest(`invalid limit ${JSON.stringify(v)}: must be a non-negative integer`);
  return Number(v);
}

export function continueParam(ctx: Context): string | undefined {
  const v = single(ctx, 'continue');
  return v === undefined || v === '' ? undefined : v;
}

/** The list and watch options that choose what state is read and how a watch runs. */
export interface ReadParams {
  resourceVersion?: string;
  resourceVersionMatch?: ResourceVersionMatch;
  limit?: number;
  continue?: string;
  /** Watch only: end the stream after this many seconds. */
  timeoutSeconds?: number;
  allowWatchBookmarks: boolean;
  /** Watch only: explicitly set (true or false), or undefined. */
  sendInitialEvents?: boolean;
}

/** Go's strconv.ParseBool, which kube-apiserver's query decoding uses. */
function boolParam(ctx: Context, name: string): boolean | undefined {
  const v = single(ctx, name);
  if (v === undefined || v === '') return undefined;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  throw badRequest(`strconv.ParseBool: parsing ${JSON.stringify(v)}: invalid syntax`);
}

function forbidden(field: string, detail: string): FieldError {
  return { type: 'FieldValueForbidden', field, message: `Forbidden: ${detail}` };
}

function notSupported(field: string, value: string, supported: string[]): FieldError {
  const list = supported.map((s) => JSON.stringify(s)).join(', ');
  return { type: 'FieldValueNotSupported', field, message: `Unsupported value: ${JSON.stringify(value)}: supported values: ${list}` };
}

/**
 * resourceVersion, resourceVersionMatch, limit, continue, timeoutSeconds, allowWatchBookmarks and
 * sendInitialEvents, checked as kube-apiserver's ValidateListOptions checks them: an invalid
 * combination is a 422 Invalid for ListOptions.meta.k8s.io.
 */
export function readParams(ctx: Context, watch: boolean): ReadParams {
  const resourceVersion = single(ctx, 'resourceVersion') || undefined;
  const match = single(ctx, 'resourceVersionMatch') || undefined;
  const cont = continueParam(ctx);
  const sendInitialEvents = boolParam(ctx, 'sendInitialEvents');
  const allowWatchBookmarks = boolParam(ctx, 'allowWatchBookmarks') ?? false;
  const errs: FieldError[] = [];
  const M = 'resourceVersionMatch';
  if (watch) {
    if (sendInitialEvents !== undefined && match !== 'NotOlderThan') {
      errs.push(forbidden(M, 'sendInitialEvents requires setting resourceVersionMatch to NotOlderThan'));
    }
    if (sendInitialEvents === true && !allowWatchBookmarks) {
      errs.push(forbidden('allowWatchBookmarks', 'sendInitialEvents requires setting allowWatchBookmarks to true'));
    }
    if (match !== undefined) {
      if (sendInitialEvents === undefined) errs.push(forbidden(M, 'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided'));
      if (match !== 'NotOlderThan') errs.push(notSupported(M, match, ['NotOlderThan']));
      if (cont !== undefined) errs.push(forbidden(M, 'resourceVersionMatch is forbidden when continue is provided'));
    }
  } else {
    if (match !== undefined) {
      if (resourceVersion === undefined) errs.push(forbidden(M, 'resourceVersionMatch is forbidden unless resourceVersion is provided'));
      if (cont !== undefined) errs.push(forbidden(M, 'resourceVersionMatch is forbidden when continue is provided'));
      if (match !== 'Exact' && match !== 'NotOlderThan') errs.push(notSupported(M, match, ['Exact', 'NotOlderThan', '']));
      if (match === 'Exact' && resourceVersion === '0') errs.push(forbidden(M, 'resourceVersionMatch "exact" is forbidden for resourceVersion "0"'));
    }
    if (sendInitialEvents !== undefined) errs.push(forbidden('sendInitialEvents', 'sendInitialEvents is forbidden for list'));
  }
  if (errs.length > 0) throw invalid('meta.k8s.io', 'ListOptions', '', errs);

  const params: ReadParams = { allowWatchBookmarks, limit: limitParam(ctx) };
  if (resourceVersion !== undefined) params.resourceVersion = resourceVersion;
  if (match !== undefined) params.resourceVersionMatch = match as ResourceVersionMatch;
  if (cont !== undefined) params.continue = cont;
  if (sendInitialEvents !== undefined) params.sendInitialEvents = sendInitialEvents;
  const timeout = single(ctx, 'timeoutSeconds');
  if (timeout !== undefined && timeout !== '') {
    if (!/^-?\d+$/.test(timeout)) throw badRequest(`strconv.ParseInt: parsing ${JSON.stringify(timeout)}: invalid syntax`);
    params.timeoutSeconds = Number(timeout);
  }
  return params;
}
