// Content negotiation: which body formats a request may send (Content-Type) and which the
// response may use (Accept), with the Table form kubectl asks for. Kept apart from the codecs so
// handlers can negotiate before reading a body.
import { notAcceptable, unsupportedMediaType } from './errors.js';

export type MediaType = 'application/json' | 'application/yaml';

export const SUPPORTED_MEDIA_TYPES: readonly MediaType[] = ['application/json', 'application/yaml'];

export interface ParsedMediaType {
  type: string; // lower-case, e.g. "application"
  subtype: string; // lower-case, e.g. "json"
  params: Record<string, string>; // lower-case names; values as sent (quotes removed)
}

/** Parses one media range such as `application/json;as=Table;v=v1;g=meta.k8s.io`. */
export function parseMediaType(text: string): ParsedMediaType | undefined {
  const parts = text.split(';');
  const full = parts[0].trim().toLowerCase();
  const slash = full.indexOf('/');
  if (slash <= 0 || slash === full.length - 1) return undefined;
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const raw of parts.slice(1)) {
    const eq = raw.indexOf('=');
    if (eq < 0) continue;
    const name = raw.slice(0, eq).trim().toLowerCase();
    let value = raw.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (name !== '') params[name] = value;
  }
  return { type: full.slice(0, slash), subtype: full.slice(slash + 1), params };
}

/** Request body Content-Type -> media type. An absent or empty header is JSON (kube-apiserver
 * does the same); anything else unknown is a 415. */
export function requestMediaType(contentType: string | undefined): MediaType {
  if (contentType === undefined || contentType.trim() === '') return 'application/json';
  const parsed = parseMediaType(contentType);
  const full = parsed ? `${parsed.type}/${parsed.subtype}` : '';
  if (full === 'application/json' || full === 'application/yaml') return full;
  throw unsupportedMediaType(contentType, [...SUPPORTED_MEDIA_TYPES]);
}

/** Kubernetes' protobuf media type: accepted as a create/update body for kinds with a decoder
 * (responses stay JSON; clients that send it also accept JSON). */
export const PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf';

/** What an object body (create, update) may be sent as. */
export type ObjectBodyMediaType = MediaType | typeof PROTOBUF_MEDIA_TYPE;

/** Content-Type of an object body -> media type; protobuf only when the kind has a decoder.
 * A 415 lists what this kind accepts. */
export function objectRequestMediaType(contentType: string | undefined, protobuf: boolean): ObjectBodyMediaType {
  const parsed = contentType === undefined ? undefined : parseMediaType(contentType);
  const full = parsed ? `${parsed.type}/${parsed.subtype}` : '';
  if (full === PROTOBUF_MEDIA_TYPE) {
    if (protobuf) return PROTOBUF_MEDIA_TYPE;
    throw unsupportedMediaType(contentType!, [...SUPPORTED_MEDIA_TYPES]);
  }
  try {
    return requestMediaType(contentType);
  } catch (err) {
    if (!protobuf) throw err;
    throw unsupportedMediaType(contentType!, [...SUPPORTED_MEDIA_TYPES, PROTOBUF_MEDIA_TYPE]);
  }
}

interface AcceptClause {
  media: ParsedMediaType;
  q: number;
  index: number;
}

function specificity(m: ParsedMediaType): number {
  if (m.type === '*') return 0;
  if (m.subtype === '*') return 1;
  return 2;
}

/** One Accept clause -> what we would send for it, or undefined when we cannot serve it. */
function serveClause(m: ParsedMediaType): { mediaType: MediaType; asTable: boolean } | undefined {
  let mediaType: MediaType;
  if (m.type === '*' && m.subtype === '*') mediaType = 'application/json';
  else if (m.type !== 'application') return undefined;
  else if (m.subtype === '*' || m.subtype === 'json') mediaType = 'application/json';
  else if (m.subtype === 'yaml') mediaType = 'application/yaml';
  else return undefined;

  const as = m.params['as'];
  if (as === undefined || as === '') {
    // A bare group/version without `as` names no transform we serve.
    return m.params['g'] || m.params['v'] ? undefined : { mediaType, asTable: false };
  }
  // Only meta.k8s.io/v1 Table is served; other transforms (PartialObjectMetadata, v1beta1 Table)
  // fall through to the next clause as kube-apiserver does when it lacks them.
  if (as === 'Table' && m.params['g'] === 'meta.k8s.io' && m.params['v'] === 'v1') return { mediaType, asTable: true };
  return undefined;
}

/** Accept header -> response media type, by q-value then specificity then order; 406 when no
 * clause can be served. Absent or empty means JSON. */
export function responseMediaType(accept: string | undefined): { mediaType: MediaType; asTable: boolean } {
  if (accept === undefined || accept.trim() === '') return { mediaType: 'application/json', asTable: false };
  const clauses: AcceptClause[] = [];
  accept.split(',').forEach((raw, index) => {
    const media = parseMediaType(raw);
    if (!media) return;
    const qText = media.params['q'];
    let q = 1;
    if (qText !== undefined) {
      q = Number(qText);
      if (!Number.isFinite(q)) q = 0;
    }
    if (q <= 0) return;
    delete media.params['q'];
    clauses.push({ media, q, index });
  });
  clauses.sort((a, b) => b.q - a.q || specificity(b.media) - specificity(a.media) || a.index - b.index);
  for (const c of clauses) {
    const served = serveClause(c.media);
    if (served) return served;
  }
  throw notAcceptable(`only the following media types are accepted: ${SUPPORTED_MEDIA_TYPES.join(', ')}`);
}
