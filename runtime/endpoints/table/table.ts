// meta.k8s.io/v1 Tables for get, list and watch: one row per object, cells from the kind's
// columns evaluated on the object in the hub version (where the printer columns are declared,
// so every served version shows the same cells), and each row's `object` in the form
// `includeObject` asks for.
import { formatApiVersion, type GroupVersionKind } from '../../machinery/gvk.js';
import type { JSONObject } from '../../machinery/registration.js';
import { CachedObject } from '../../registry/cachedobject.js';
import type { RequestScope } from '../handlers/scope.js';
import { type Cell, cellFor } from './cells.js';
import { type TableColumn, type TableColumnDefinition, tableColumns } from './columns.js';
import { evaluateCell } from './evaluate.js';
import { evaluateJSONPath } from './jsonpath.js';
import type { TableOptions } from './options.js';

export const TABLE_API_VERSION = 'meta.k8s.io/v1';

export interface TableRow {
  cells: Cell[];
  object: JSONObject | null;
}

export interface Table {
  kind: 'Table';
  apiVersion: typeof TABLE_API_VERSION;
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  /** null on every watch event after the first (the client keeps the first one's columns). */
  columnDefinitions: TableColumnDefinition[] | null;
  rows: TableRow[];
}

/** One object to turn into a row: in the URL's version (for `includeObject=Object`) and in the
 * hub version (for the cells). */
interface RowSource {
  requested(): JSONObject;
  hub(): JSONObject;
}

function hubGVK(scope: RequestScope): GroupVersionKind {
  const { group, kind, gvk } = scope.mapping;
  // The hub version is where printer columns are declared; a kind not served there (not
  // expected) reads them from the URL's version.
  const served = kind.versions.some((v) => v.version === group.hubVersion);
  return served ? { group: gvk.group, version: group.hubVersion, kind: gvk.kind } : gvk;
}

function cachedSource(scope: RequestScope, obj: CachedObject, hub: GroupVersionKind): RowSource {
  return { requested: () => obj.versioned(scope.mapping.gvk), hub: () => obj.versioned(hub) };
}

function metadataOf(obj: JSONObject): JSONObject {
  const m = obj['metadata'];
  return typeof m === 'object' && m !== null && !Array.isArray(m) ? (m as JSONObject) : {};
}

function cells(columns: readonly TableColumn[], hubObj: JSONObject, now: number): Cell[] {
  return columns.map((col) => {
    switch (col.source.kind) {
      case 'name': {
        const name = metadataOf(hubObj)['name'];
        return typeof name === 'string' ? name : '';
      }
      case 'path':
        return cellFor(col.type, evaluateJSONPath(hubObj, col.source.steps), now);
      case 'value':
        return cellFor(col.type, evaluateCell(col.source.expr, hubObj), now);
      case 'none':
        return null;
    }
  });
}

function rowObject(source: RowSource, opts: TableOptions): JSONObject | null {
  switch (opts.includeObject) {
    case 'None':
      return null;
    case 'Object':
      return source.requested();
    case 'Metadata':
      return { kind: 'PartialObjectMetadata', apiVersion: TABLE_API_VERSION, metadata: metadataOf(source.requested()) };
  }
}

function makeTable(scope: RequestScope, sources: readonly RowSource[], opts: TableOptions, metadata: Table['metadata'], headers: boolean): Table {
  const columns = tableColumns(scope.mapping.group, scope.mapping.kind);
  const now = Date.now();
  return {
    kind: 'Table',
    apiVersion: TABLE_API_VERSION,
    metadata,
    columnDefinitions: headers ? columns.map((c) => c.definition) : null,
    rows: sources.map((s) => ({ cells: cells(columns, s.hub(), now), object: rowObject(s, opts) })),
  };
}

/** GET of one object (an internal object from the Store). */
export function objectTable(scope: RequestScope, internal: JSONObject, opts: TableOptions): Table {
  const hub = hubGVK(scope);
  let requested: JSONObject | undefined;
  let hubObj: JSONObject | undefined;
  const source: RowSource = {
    requested: () => (requested ??= scope.scheme.fromInternal(internal, scope.mapping.gvk)),
    hub: () => (hubObj ??= scope.scheme.fromInternal(internal, hub)),
  };
  const rv = metadataOf(internal)['resourceVersion'];
  return makeTable(scope, [source], opts, typeof rv === 'string' && rv !== '' ? { resourceVersion: rv } : {}, true);
}

/** A list page from the watch cache, with its ListMeta. */
export function listTable(
  scope: RequestScope,
  result: { items: readonly CachedObject[]; resourceVersion: string; continue?: string; remainingItemCount?: number },
  opts: TableOptions,
): Table {
  const hub = hubGVK(scope);
  const metadata: Table['metadata'] = {};
  if (result.resourceVersion !== '') metadata.resourceVersion = result.resourceVersion;
  if (result.continue !== undefined && result.continue !== '') metadata.continue = result.continue;
  if (result.remainingItemCount !== undefined) metadata.remainingItemCount = result.remainingItemCount;
  return makeTable(scope, result.items.map((item) => cachedSource(scope, item, hub)), opts, metadata, true);
}

/** How a watch encodes each event's object as a one-row Table. The first object sent carries
 * the column definitions; later ones send null (kube-apiserver does the same: clients reuse
 * the columns they got first). */
export class WatchTableEncoder {
  private headers = true;
  private readonly hub: GroupVersionKind;

  constructor(
    private readonly scope: RequestScope,
    private readonly opts: TableOptions,
  ) {
    this.hub = hubGVK(scope);
  }

  /** Names the current encoding (it changes once the headers have gone out). */
  key(): string {
    return `table|${formatApiVersion(this.scope.mapping.gvk)}|${this.opts.includeObject}|${this.headers ? 'headers' : 'rows'}`;
  }

  /** An event's object (from the cache) or a bookmark object (already in the URL's version). */
  encode(obj: CachedObject | JSONObject): string {
    const source: RowSource =
      obj instanceof CachedObject ? cachedSource(this.scope, obj, this.hub) : { requested: () => obj, hub: () => obj };
    const rv = metadataOf(source.requested())['resourceVersion'];
    const metadata = typeof rv === 'string' && rv !== '' ? { resourceVersion: rv } : {};
    return JSON.stringify(makeTable(this.scope, [source], this.opts, metadata, this.headers));
  }

  /** Called after each object the stream sends. */
  afterObject(): void {
    this.headers = false;
  }
}
