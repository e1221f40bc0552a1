// A Swagger 2.0 document (JSON form) -> the gnostic `openapi.v2.Document` protobuf message, which
// is what client-go's OpenAPISchema() asks /openapi/v2 for and the only form it can parse. Field
// numbers are those of gnostic's OpenAPIv2.proto. Only the parts kapi's documents use are encoded;
// vendor extensions, defaults and enums travel as `Any{yaml}` (JSON text is valid YAML).
import type { JSONObject } from '../machinery/registration.js';

/** A tiny protobuf writer: fields are appended in the order they are written. */
class Writer {
  private parts: Uint8Array[] = [];
  private size = 0;

  private push(bytes: Uint8Array): void {
    this.parts.push(bytes);
    this.size += bytes.length;
  }

  private varint(value: number): void {
    const out: number[] = [];
    let v = BigInt(value);
    if (v < 0n) v += 1n << 64n;
    do {
      let byte = Number(v & 0x7fn);
      v >>= 7n;
      if (v > 0n) byte |= 0x80;
      out.push(byte);
    } while (v > 0n);
    this.push(Uint8Array.from(out));
  }

  private tag(field: number, wire: number): void {
    this.varint(field * 8 + wire);
  }

  string(field: number, value: unknown): void {
    if (typeof value !== 'string' || value === '') return;
    this.bytes(field, Buffer.from(value, 'utf8'));
  }

  strings(field: number, values: unknown): void {
    if (!Array.isArray(values)) return;
    for (const v of values) if (typeof v === 'string') this.bytes(field, Buffer.from(v, 'utf8'));
  }

  bool(field: number, value: unknown): void {
    if (value !== true) return;
    this.tag(field, 0);
    this.varint(1);
  }

  int64(field: number, value: unknown): void {
    if (typeof value !== 'number' || !Number.isInteger(value) || value === 0) return;
    this.tag(field, 0);
    this.varint(value);
  }

  double(field: number, value: unknown): void {
    if (typeof value !== 'number' || value === 0) return;
    this.tag(field, 1);
    const b = Buffer.alloc(8);
    b.writeDoubleLE(value);
    this.push(b);
  }

  bytes(field: number, payload: Uint8Array): void {
    this.tag(field, 2);
    this.varint(payload.length);
    this.push(payload);
  }

  message(field: number, build: (w: Writer) => void): void {
    const inner = new Writer();
    build(inner);
    this.bytes(field, inner.finish());
  }

  finish(): Uint8Array {
    return Buffer.concat(this.parts, this.size);
  }
}

type Obj = JSONObject;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Any { yaml = 2 }. */
function any(w: Writer, field: number, value: unknown): void {
  w.message(field, (a) => a.string(2, JSON.stringify(value)));
}

/** Vendor extensions (`x-...` keys) as repeated NamedAny. */
function extensions(w: Writer, field: number, obj: Obj): void {
  for (const [key, value] of Object.entries(obj)) {
    if (!key.startsWith('x-')) continue;
    w.message(field, (n) => {
      n.string(1, key);
      any(n, 2, value);
    });
  }
}

function schema(w: Writer, s: Obj): void {
  w.string(1, s.$ref);
  w.string(2, s.format);
  w.string(3, s.title);
  w.string(4, s.description);
  if (s.default !== undefined) any(w, 5, s.default);
  w.double(6, s.multipleOf);
  w.double(7, s.maximum);
  w.bool(8, s.exclusiveMaximum);
  w.double(9, s.minimum);
  w.bool(10, s.exclusiveMinimum);
  w.int64(11, s.maxLength);
  w.int64(12, s.minLength);
  w.string(13, s.pattern);
  w.int64(14, s.maxItems);
  w.int64(15, s.minItems);
  w.bool(16, s.uniqueItems);
  w.int64(17, s.maxProperties);
  w.int64(18, s.minProperties);
  w.strings(19, s.required);
  if (Array.isArray(s.enum)) for (const v of s.enum) any(w, 20, v);
  if (isObj(s.additionalProperties)) {
    const ap = s.additionalProperties;
    w.message(21, (a) => a.message(1, (x) => schema(x, ap)));
  } else if (typeof s.additionalProperties === 'boolean') {
    const flag = s.additionalProperties;
    w.message(21, (a) => {
      a.bool(2, flag);
    });
  }
  if (typeof s.type === 'string') {
    const type = s.type;
    w.message(22, (t) => t.string(1, type));
  }
  if (isObj(s.items)) {
    const items = s.items;
    w.message(23, (i) => i.message(1, (x) => schema(x, items)));
  }
  if (Array.isArray(s.allOf)) for (const sub of s.allOf) if (isObj(sub)) w.message(24, (x) => schema(x, sub));
  if (isObj(s.properties)) {
    const props = s.properties;
    w.message(25, (p) => {
      for (const [name, value] of Object.entries(props)) {
        if (!isObj(value)) continue;
        p.message(1, (n) => {
          n.string(1, name);
          n.message(2, (x) => schema(x, value));
        });
      }
    });
  }
  w.bool(27, s.readOnly);
  extensions(w, 31, s);
}

function parameter(w: Writer, p: Obj): void {
  // ParametersItem { parameter = 1 } -> Parameter { body_parameter = 1 | non_body_parameter = 2 }
  w.message(1, (param) => {
    if (p.in === 'body') {
      param.message(1, (b) => {
        b.string(1, p.description);
        b.string(2, p.name);
        b.string(3, p.in);
        b.bool(4, p.required);
        if (isObj(p.schema)) {
          const s = p.schema;
          b.message(5, (x) => schema(x, s));
        }
        extensions(b, 6, p);
      });
      return;
    }
    param.message(2, (nb) => {
      const f = p.in === 'path' ? PATH_PARAMETER : p.in === 'header' ? HEADER_PARAMETER : QUERY_PARAMETER;
      nb.message(f.message, (q) => {
        q.bool(1, p.required);
        q.string(2, p.in);
        q.string(3, p.description);
        q.string(4, p.name);
        q.string(f.type, p.type);
        q.string(f.format, p.format);
        q.bool(f.uniqueItems, p.uniqueItems);
        extensions(q, f.extensions, p);
      });
    });
  });
}

/** Where a non-body parameter's fields go: its sub-message in NonBodyParameter, and the numbers
 * that differ between them (the query sub-schema has allowEmptyValue at 5, so its later fields
 * are one further on). Other fields are unused by kube's documents and not written. */
interface SimpleParameterFields {
  message: number;
  type: number;
  format: number;
  uniqueItems: number;
  extensions: number;
}
const HEADER_PARAMETER: SimpleParameterFields = { message: 1, type: 5, format: 6, uniqueItems: 19, extensions: 22 };
const QUERY_PARAMETER: SimpleParameterFields = { message: 3, type: 6, format: 7, uniqueItems: 20, extensions: 23 };
const PATH_PARAMETER: SimpleParameterFields = { message: 4, type: 5, format: 6, uniqueItems: 19, extensions: 22 };

function operation(w: Writer, op: Obj): void {
  w.strings(1, op.tags);
  w.string(2, op.summary);
  w.string(3, op.description);
  w.string(5, op.operationId);
  w.strings(6, op.produces);
  w.strings(7, op.consumes);
  if (Array.isArray(op.parameters)) for (const p of op.parameters) if (isObj(p)) w.message(8, (x) => parameter(x, p));
  if (isObj(op.responses)) {
    const responses = op.responses;
    w.message(9, (rs) => {
      for (const [code, r] of Object.entries(responses)) {
        if (!isObj(r)) continue;
        rs.message(1, (named) => {
          named.string(1, code);
          // ResponseValue { response = 1 } -> Response { description = 1, schema = 2 (SchemaItem { schema = 1 }) }
          named.message(2, (rv) =>
            rv.message(1, (resp) => {
              resp.string(1, r.description);
              if (isObj(r.schema)) {
                const s = r.schema;
                resp.message(2, (item) => item.message(1, (x) => schema(x, s)));
              }
              extensions(resp, 5, r);
            }),
          );
        });
      }
    });
  }
  w.strings(10, op.schemes);
  w.bool(11, op.deprecated);
  extensions(w, 13, op);
}

const METHOD_FIELDS: [string, number][] = [
  ['get', 2],
  ['put', 3],
  ['post', 4],
  ['delete', 5],
  ['options', 6],
  ['head', 7],
  ['patch', 8],
];

function pathItem(w: Writer, item: Obj): void {
  for (const [method, field] of METHOD_FIELDS) {
    const op = item[method];
    if (isObj(op)) w.message(field, (x) => operation(x, op));
  }
  if (Array.isArray(item.parameters)) for (const p of item.parameters) if (isObj(p)) w.message(9, (x) => parameter(x, p));
  extensions(w, 10, item);
}

/** Encodes a Swagger 2.0 document (as openapi-v2.ts builds it) as gnostic's Document message. */
export function encodeOpenAPIV2(doc: JSONObject): Uint8Array {
  const w = new Writer();
  w.string(1, doc.swagger);
  if (isObj(doc.info)) {
    const info = doc.info;
    w.message(2, (i) => {
      i.string(1, info.title);
      i.string(2, info.version);
      i.string(3, info.description);
    });
  }
  w.strings(6, doc.consumes);
  w.strings(7, doc.produces);
  if (isObj(doc.paths)) {
    const paths = doc.paths;
    w.message(8, (ps) => {
      for (const [path, item] of Object.entries(paths)) {
        if (!isObj(item)) continue;
        ps.message(2, (named) => {
          named.string(1, path);
          named.message(2, (x) => pathItem(x, item));
        });
      }
    });
  }
  if (isObj(doc.definitions)) {
    const defs = doc.definitions;
    w.message(9, (d) => {
      for (const [name, s] of Object.entries(defs)) {
        if (!isObj(s)) continue;
        d.message(1, (named) => {
          named.string(1, name);
          named.message(2, (x) => schema(x, s));
        });
      }
    });
  }
  if (Array.isArray(doc.security)) {
    for (const req of doc.security) {
      if (!isObj(req)) continue;
      w.message(12, (r) => {
        for (const [name, scopes] of Object.entries(req)) {
          r.message(1, (named) => {
            named.string(1, name);
            named.message(2, (arr) => arr.strings(1, scopes));
          });
        }
      });
    }
  }
  if (isObj(doc.securityDefinitions)) {
    const defs = doc.securityDefinitions;
    w.message(13, (sd) => {
      for (const [name, def] of Object.entries(defs)) {
        if (!isObj(def) || def.type !== 'apiKey') continue;
        sd.message(1, (named) => {
          named.string(1, name);
          named.message(2, (item) =>
            item.message(2, (k) => {
              k.string(1, def.type);
              k.string(2, def.name);
              k.string(3, def.in);
              k.string(4, def.description);
            }),
          );
        });
      }
    });
  }
  return w.finish();
}
