// A kind's table columns: Name first, then the registration's printer columns (or an Age column
// from creationTimestamp when the kind declares none, as a CRD without printer columns gets).
// A kind that declares its own `format=name` column (an Event's Name, shown only with -o wide)
// gets that one in its place instead. Built once per kind and version, with descriptions taken
// from the kind's OpenAPI schema.
import type { GroupRegistration, KindRegistration, OpenAPISchema, PrinterColumn } from '../../machinery/registration.js';
import { type CellExpression, firstObjectPath, parseCellExpression } from './expression.js';
import { type PathStep, parseJSONPath } from './jsonpath.js';

/** One `columnDefinitions` entry of a meta.k8s.io/v1 Table (every field is always sent). */
export interface TableColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

export interface TableColumn {
  definition: TableColumnDefinition;
  /** Where cells come from: metadata.name, a parsed path, a computed value, or nowhere (a path
   * or value that does not parse). */
  source: { kind: 'name' } | { kind: 'path'; steps: PathStep[] } | { kind: 'value'; expr: CellExpression } | { kind: 'none' };
  type: string;
}

const NAME_DESCRIPTION =
  'Name of the object, unique within its namespace (or the cluster for cluster-scoped kinds). ' +
  'Set when the object is created and never changed.';
const AGE_DESCRIPTION = 'Time since the object was created (metadata.creationTimestamp, RFC 3339, UTC).';

const DEFAULT_COLUMNS: PrinterColumn[] = [
  { name: 'Age', type: 'date', priority: 0, jsonPath: '.metadata.creationTimestamp', description: AGE_DESCRIPTION },
];

const REF_PREFIX = '#/components/schemas/';

/** The schema `schema` stands for, following `$ref` and single-entry `allOf` wrappers. */
function resolve(schemas: Record<string, OpenAPISchema>, schema: OpenAPISchema | undefined, depth = 0): OpenAPISchema | undefined {
  if (schema === undefined || depth > 16) return schema;
  const ref = schema['$ref'];
  if (typeof ref === 'string' && ref.startsWith(REF_PREFIX)) return resolve(schemas, schemas[ref.slice(REF_PREFIX.length)], depth + 1);
  const allOf = schema['allOf'];
  if (Array.isArray(allOf) && allOf.length === 1) return resolve(schemas, allOf[0] as OpenAPISchema, depth + 1);
  return schema;
}

/** The description of the field a column's path ends at, when the schema has one. */
function describe(schemas: Record<string, OpenAPISchema> | undefined, root: string, steps: readonly PathStep[]): string | undefined {
  if (schemas === undefined) return undefined;
  let schema = resolve(schemas, schemas[root]);
  let description: string | undefined;
  for (const step of steps) {
    if (schema === undefined) return undefined;
    // The description sits on the property (next to its $ref) or on the schema it refers to.
    let next: OpenAPISchema | undefined;
    if (step.kind === 'field') {
      const props = schema['properties'] as Record<string, OpenAPISchema> | undefined;
      next = props?.[step.name];
      if (next === undefined) {
        const additional = schema['additionalProperties'];
        next = typeof additional === 'object' && additional !== null ? (additional as OpenAPISchema) : undefined;
      }
      const own = next?.['description'];
      description = typeof own === 'string' ? own : undefined;
    } else {
      next = schema['items'] as OpenAPISchema | undefined;
    }
    schema = resolve(schemas, next);
    if (description === undefined) {
      const resolved = schema?.['description'];
      if (typeof resolved === 'string') description = resolved;
    }
  }
  return description;
}

function parsedPath(text: string): PathStep[] | undefined {
  try {
    return parseJSONPath(text);
  } catch {
    return undefined; // an unparsable path reaches nothing: its cells stay empty
  }
}

function parsedValue(text: string): CellExpression | undefined {
  try {
    return parseCellExpression(text);
  } catch {
    return undefined; // the generator rejects these; a hand-made registration gets empty cells
  }
}

function sourceOf(col: PrinterColumn): TableColumn['source'] {
  const value = col.value;
  if (value !== undefined) {
    const expr = parsedValue(value);
    return expr ? { kind: 'value', expr } : { kind: 'none' };
  }
  const steps = parsedPath(col.jsonPath);
  return steps ? { kind: 'path', steps } : { kind: 'none' };
}

/** The path a column's description is looked up at: its jsonPath, or the first path its value reads. */
function describedPath(col: PrinterColumn, source: TableColumn['source']): PathStep[] | undefined {
  if (source.kind === 'path') return source.steps;
  if (source.kind === 'value') {
    const first = firstObjectPath(source.expr);
    return first === undefined ? undefined : parsedPath(first);
  }
  return parsedPath(col.jsonPath);
}

function fallbackDescription(col: PrinterColumn): string {
  const value = col.value;
  return value === undefined ? `Printer column (in JSONPath format): ${col.jsonPath}` : `Computed printer column: ${value}`;
}

function buildColumns(group: GroupRegistration, kind: KindRegistration): TableColumn[] {
  const declared = kind.printerColumns.length > 0 ? kind.printerColumns : DEFAULT_COLUMNS;
  const columns: TableColumn[] = [];
  if (!declared.some((col) => col.format === 'name')) {
    columns.push({
      definition: { name: 'Name', type: 'string', format: 'name', description: NAME_DESCRIPTION, priority: 0 },
      source: { kind: 'name' },
      type: 'string',
    });
  }
  // Printer columns are declared on the hub version's types: their descriptions come from there.
  const hub = kind.versions.find((v) => v.version === group.hubVersion) ?? kind.versions[0];
  const schemas = hub ? group.schemas[hub.version] : undefined;
  for (const col of declared) {
    const source = sourceOf(col);
    const steps = describedPath(col, source);
    const description =
      col.description ??
      (steps && describe(schemas, hub?.schemaName ?? '', steps)) ??
      fallbackDescription(col);
    columns.push({
      definition: { name: col.name, type: col.type, format: col.format ?? '', description, priority: col.priority },
      source,
      type: col.type,
    });
  }
  return columns;
}

const cache = new WeakMap<KindRegistration, TableColumn[]>();

/** The kind's columns (shared: callers do not mutate them). */
export function tableColumns(group: GroupRegistration, kind: KindRegistration): TableColumn[] {
  let columns = cache.get(kind);
  if (columns === undefined) {
    columns = buildColumns(group, kind);
    cache.set(kind, columns);
  }
  return columns;
}
