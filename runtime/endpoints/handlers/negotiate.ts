// Output negotiation, done before any work so an unacceptable Accept is a 406 with no side effect.
import type { Context } from 'koa';
import { type MediaType, responseMediaType } from '../../machinery/serializer.js';
import { type TableOptions, tableOptionsFromQuery } from '../table/options.js';

export function outputMediaType(ctx: Context): MediaType {
  return responseMediaType(ctx.get('accept') || undefined).mediaType;
}

export interface OutputNegotiation {
  mediaType: MediaType;
  /** Set when the client asked for a meta.k8s.io/v1 Table (kubectl get): how to build it. */
  table?: TableOptions;
}

/** The media type plus, for a Table request, its validated options (a bad includeObject is a 400
 * before any work). For the read verbs: get, list, watch. */
export function negotiateOutput(ctx: Context): OutputNegotiation {
  const { mediaType, asTable } = responseMediaType(ctx.get('accept') || undefined);
  if (!asTable) return { mediaType };
  return { mediaType, table: tableOptionsFromQuery(ctx.query) };
}
