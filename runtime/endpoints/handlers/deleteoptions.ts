// The optional DeleteOptions body of DELETE requests: dryRun and preconditions are honoured;
// propagationPolicy and gracePeriodSeconds are accepted (nothing here is graceful yet).
import type { Context } from 'koa';
import { badRequest } from '../../machinery/errors.js';
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

export async function readDeleteOptions(ctx: Context): Promise<DeleteBody> {
  const body = await readBody(ctx.req, MAX_REQUEST_BYTES);
  if (body.length === 0 || body.toString('utf8').trim() === '') return { dryRun: false };
  const { obj } = decode(body, requestMediaType(ctx.get('content-type') || undefined));
  let dryRun = false;
  if (obj.dryRun !== undefined && obj.dryRun !== null) {
    if (!Array.isArray(obj.dryRun) || obj.dryRun.some((v) => v !== 'All')) {
      throw badRequest(`dryRun: Unsupported value: ${JSON.stringify(obj.dryRun)}: supported values: "All"`);
    }
    dryRun = obj.dryRun.length > 0;
  }
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
