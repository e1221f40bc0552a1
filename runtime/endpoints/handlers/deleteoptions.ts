// The optional DeleteOptions body of DELETE requests: dryRun and preconditions are honoured;
// propagationPolicy, gracePeriodSeconds and orphanDependents are checked (a typo must not delete
// anything) but otherwise accepted (nothing here is graceful yet). The same options as query
// parameters are checked the same way.
import type { Context } from 'koa';
import { badRequest, invalid } from '../../machinery/errors.js';
import { notSupported } from '../../machinery/validation.js';
import { isObject } from '../../machinery/objects.js';
import { MAX_REQUEST_BYTES, decode, requestMediaType } from '../../machinery/serializer.js';
import { readBody } from '../body.js';

export interface DeleteBody {
  dryRun: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
}

function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest(`DeleteOptions ${field} must be a string`);
  return value;
}

const PROPAGATION_POLICIES = ['Foreground', 'Background', 'Orphan'] as const;

function checkPropagationPolicy(value: unknown): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'string') throw badRequest('DeleteOptions propagationPolicy must be a string');
  if (!(PROPAGATION_POLICIES as readonly string[]).includes(value)) {
    throw invalid('meta.k8s.io', 'DeleteOptions', '', [notSupported('propagationPolicy', value, PROPAGATION_POLICIES)]);
  }
}

/** The query-parameter forms (`?propagationPolicy=`, `?gracePeriodSeconds=`, `?orphanDependents=`). */
function checkQueryOptions(ctx: Context): void {
  const query = new URLSearchParams(ctx.querystring);
  const grace = query.get('gracePeriodSeconds');
  if (grace !== null && grace !== '' && !/^-?\d+$/.test(grace)) {
    throw badRequest(`gracePeriodSeconds: invalid value ${JSON.stringify(grace)}: must be an integer`);
  }
  const orphan = query.get('orphanDependents');
  if (orphan !== null && orphan !== '' && !['true', 'false'].includes(orphan)) {
    throw badRequest(`orphanDependents: invalid value ${JSON.stringify(orphan)}: must be true or false`);
  }
  const policy = query.get('propagationPolicy');
  if (policy !== null && policy !== '') checkPropagationPolicy(policy);
}

export async function readDeleteOptions(ctx: Context): Promise<DeleteBody> {
  checkQueryOptions(ctx);
  const body = await readBody(ctx.req, MAX_REQUEST_BYTES);
  if (body.length === 0 || body.toString('utf8').trim() === '') return { dryRun: false };
  const { obj } = decode(body, requestMediaType(ctx.get('content-type') || undefined));
  let dryRun = false;
  if (obj.dryRun !== undefined && obj.dryRun !== null) {
    if (!Array.isArray(obj.dryRun)) throw badRequest('DeleteOptions dryRun must be a list of strings, e.g. ["All"]');
    for (const v of obj.dryRun) {
      if (v !== 'All') throw badRequest(`dryRun: Unsupported value: ${JSON.stringify(v)}: supported values: "All"`);
    }
    dryRun = obj.dryRun.length > 0;
  }
  if (obj.gracePeriodSeconds !== undefined && obj.gracePeriodSeconds !== null && !Number.isSafeInteger(obj.gracePeriodSeconds)) {
    throw badRequest('DeleteOptions gracePeriodSeconds must be an integer');
  }
  if (obj.orphanDependents !== undefined && obj.orphanDependents !== null && typeof obj.orphanDependents !== 'boolean') {
    throw badRequest('DeleteOptions orphanDependents must be a boolean');
  }
  checkPropagationPolicy(obj.propagationPolicy);
  const pre = obj.preconditions;
  if (pre === undefined || pre === null) return { dryRun };
  if (!isObject(pre)) throw badRequest('DeleteOptions preconditions must be an object');
  return {
    dryRun,
    preconditions: {
      uid: optionalString(pre.uid, 'preconditions.uid'),
      resourceVersion: optionalString(pre.resourceVersion, 'preconditions.resourceVersion'),
    },
  };
}
