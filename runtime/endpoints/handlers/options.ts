// Query parameters shared by the write handlers (dryRun, fieldValidation) and the readers
// (labelSelector, limit, continue), checked the way kube-apiserver checks them (400 otherwise).
import type { Context } from 'koa';
import { badRequest } from '../../machinery/errors.js';
import { type LabelSelector, parseLabelSelector } from '../../registry/labelselector.js';

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

export function labelSelectorParam(ctx: Context): LabelSelector {
  return parseLabelSelector(single(ctx, 'labelSelector'));
}

/** `fieldSelector` on metadata.name / metadata.namespace (`=`, `==`, `!=`), the fields every kind has. */
export function fieldSelectorParam(ctx: Context): (meta: { name?: unknown; namespace?: unknown }) => boolean {
  const text = single(ctx, 'fieldSelector');
  if (text === undefined || text.trim() === '') return () => true;
  const tests = text.split(',').map((raw) => {
    const m = /^\s*(metadata\.name|metadata\.namespace)\s*(==|=|!=)\s*([^,]*?)\s*$/.exec(raw);
    if (!m) throw badRequest(`field label not supported: ${raw.split(/[=!]/)[0].trim()}`);
    const field = m[1] === 'metadata.name' ? 'name' : 'namespace';
    const negate = m[2] === '!=';
    return (meta: { name?: unknown; namespace?: unknown }) => ((meta[field] ?? '') === m[3]) !== negate;
  });
  return (meta) => tests.every((t) => t(meta));
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
