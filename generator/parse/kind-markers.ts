// Kind markers (JSDoc tags on an interface that extends TypeMeta) -> KindModel.
import type { KindModel, NameFormat, PrintColumnModel, ScaleModel, Scope, SourceLocation } from '../model.js';
import { CellExpressionError, firstObjectPath, parseCellExpression, resultOf } from '../../runtime/endpoints/table/expression.js';
import { FIELD_MARKERS, IGNORED_TAGS, KIND_MARKERS, type ReportAt } from './field-markers.js';
import type { DocTag } from './jsdoc.js';
import { parseCount, parseKeyValues, parseList } from './marker-values.js';
import { pluralOf, singularOf } from './naming.js';

export const ALL_VERBS = ['get', 'list', 'create', 'update', 'patch', 'delete', 'deletecollection', 'watch'];
const SCOPES: Scope[] = ['Namespaced', 'Cluster'];
const NAME_FORMATS: NameFormat[] = ['dns1123subdomain', 'dns1123label', 'dns1035label'];
const COLUMN_TYPES = ['integer', 'number', 'string', 'boolean', 'date'];
const REPEATABLE = new Set(['shortName', 'categories', 'printColumn', 'subresource', 'selectableField']);
/** Kubernetes allows at most this many selectableFields per CRD version. */
const MAX_SELECTABLE_FIELDS = 8;
/** A simple JSON path: `.spec.color`. */
const SIMPLE_PATH = /^(\.[A-Za-z_$][\w$]*)+$/;
/** Resource names, short names and categories: lower-case DNS labels. */
const RESOURCE_NAME = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

export function readKindMarkers(name: string, tags: DocTag[], source: SourceLocation, report: ReportAt): KindModel {
  const kind: KindModel = {
    name,
    listKind: `${name}List`,
    plural: pluralOf(name),
    singular: singularOf(name),
    shortNames: [],
    categories: [],
    scope: 'Namespaced',
    verbs: [...ALL_VERBS],
    subresources: { status: false },
    printColumns: [],
    nameFormat: 'dns1123subdomain',
    selectableFields: [],
    source,
  };
  const seen = new Set<string>();
  let virtualLine = source.line;
  for (const { name: marker, value, line } of tags) {
    const fail = (detail: string) => report(line, detail);
    const badValue = (expected: string) => fail(`bad value for @${marker}: '${value}' (${expected})`);
    if (IGNORED_TAGS.has(marker)) continue;
    if (FIELD_MARKERS.has(marker)) {
      fail(`@${marker} is a field marker: put it on a property, not on the kind ${name}`);
      continue;
    }
    if (!KIND_MARKERS.has(marker)) {
      fail(`unknown marker @${marker}`);
      continue;
    }
    if (seen.has(marker) && !REPEATABLE.has(marker)) {
      fail(`duplicate marker @${marker}`);
      continue;
    }
    seen.add(marker);
    switch (marker) {
      case 'scope':
        if (!(SCOPES as string[]).includes(value)) badValue(`expected ${SCOPES.join(' or ')}`);
        else kind.scope = value as Scope;
        break;
      case 'plural':
      case 'singular':
        if (!RESOURCE_NAME.test(value)) badValue('expected a lower-case name');
        else kind[marker] = value;
        break;
      case 'shortName':
      case 'categories': {
        const names = parseList(value);
        if (!names || !names.every((n) => RESOURCE_NAME.test(n))) badValue('expected lower-case names separated by commas');
        else {
          const list = marker === 'shortName' ? kind.shortNames : kind.categories;
          for (const n of names) if (!list.includes(n)) list.push(n);
        }
        break;
      }
      case 'verbs': {
        const verbs = parseList(value);
        const unknown = verbs?.filter((v) => !ALL_VERBS.includes(v)) ?? [];
        if (!verbs) badValue('expected verbs separated by commas');
        else if (unknown.length > 0) badValue(`unknown verb ${unknown.join(', ')}; verbs are ${ALL_VERBS.join(', ')}`);
        else if (new Set(verbs).size !== verbs.length) badValue('verbs repeat');
        else kind.verbs = verbs;
        break;
      }
      case 'nameFormat':
        if (!(NAME_FORMATS as string[]).includes(value)) badValue(`expected one of ${NAME_FORMATS.join(', ')}`);
        else kind.nameFormat = value as NameFormat;
        break;
      case 'printColumn': {
        const column = parsePrintColumn(value, fail);
        if (!column) break;
        if (kind.printColumns.some((c) => c.name === column.name)) fail(`duplicate print column '${column.name}'`);
        else if (column.format === 'name' && kind.printColumns.some((c) => c.format === 'name')) {
          fail(`bad value for @printColumn: only one column can have format=name (it takes the place of the Name column)`);
        } else kind.printColumns.push(column);
        break;
      }
      case 'subresource':
        readSubresource(kind, value, fail);
        break;
      case 'selectableField': {
        const field = value.slice(1);
        if (!SIMPLE_PATH.test(value)) badValue("expected a field path such as '.spec.color'");
        else if (field === 'metadata' || field.startsWith('metadata.')) {
          badValue('metadata fields cannot be selectable fields; metadata.name and metadata.namespace always are');
        } else if (kind.selectableFields.includes(field)) fail(`duplicate @selectableField ${value}`);
        else if (kind.selectableFields.length === MAX_SELECTABLE_FIELDS) fail(`more than ${MAX_SELECTABLE_FIELDS} @selectableField markers`);
        else kind.selectableFields.push(field);
        break;
      }
      case 'virtual':
        if (value !== '') badValue('this marker takes no value');
        else {
          kind.virtual = true;
          virtualLine = line;
        }
        break;
    }
  }
  if (kind.virtual) checkVirtual(kind, seen.has('verbs'), (detail) => report(virtualLine, detail));
  return kind;
}

/** A `@virtual` kind is only ever created (an access review): verbs `create`, no subresources. */
function checkVirtual(kind: KindModel, verbsGiven: boolean, fail: (detail: string) => void): void {
  if (verbsGiven && (kind.verbs.length !== 1 || kind.verbs[0] !== 'create')) {
    fail(`@virtual kind ${kind.name} serves only create; drop @verbs or set it to create`);
  }
  kind.verbs = ['create'];
  if (kind.subresources.status || kind.subresources.scale) fail(`@virtual kind ${kind.name} cannot have subresources`);
  if (kind.selectableFields.length > 0) fail(`@virtual kind ${kind.name} is never listed: @selectableField does not apply`);
}

/** Column types a computed value of each kind can fill: a count is a number, a join is text. */
const VALUE_TYPES: Record<'integer' | 'string', string[]> = {
  integer: ['integer', 'number', 'string'],
  string: ['string'],
};

function parsePrintColumn(value: string, fail: (detail: string) => void): PrintColumnModel | undefined {
  const parsed = parseKeyValues(value);
  const usage = 'expected name=NAME type=TYPE jsonPath=.PATH [priority=N] [description="..."] [format=F]';
  if (!parsed.ok) {
    fail(`bad value for @printColumn near '${parsed.at}' (${usage})`);
    return undefined;
  }
  const values = new Map<string, string>();
  let ok = true;
  for (const [key, v] of parsed.entries) {
    if (!['name', 'type', 'jsonPath', 'value', 'priority', 'description', 'format'].includes(key)) {
      fail(`bad value for @printColumn: unknown key '${key}' (${usage})`);
      ok = false;
    } else if (values.has(key)) {
      fail(`bad value for @printColumn: '${key}' is given twice`);
      ok = false;
    }
    values.set(key, v);
  }
  // A column reads one JSONPath, or computes its cells with value= (never both).
  const computed = values.has('value');
  const required = computed ? ['name', 'type'] : ['name', 'type', 'jsonPath'];
  for (const key of required) {
    if (!values.get(key)) {
      fail(`bad value for @printColumn: missing ${key}= (${usage})`);
      ok = false;
    }
  }
  const type = values.get('type');
  if (type && !COLUMN_TYPES.includes(type)) {
    fail(`bad value for @printColumn: type '${type}' (expected one of ${COLUMN_TYPES.join(', ')})`);
    ok = false;
  }
  let jsonPath = values.get('jsonPath');
  if (computed && jsonPath !== undefined) {
    fail(`bad value for @printColumn: give jsonPath= or value=, not both (value= names its own paths)`);
    ok = false;
  } else if (jsonPath && !jsonPath.startsWith('.')) {
    fail(`bad value for @printColumn: jsonPath '${jsonPath}' must start with '.'`);
    ok = false;
  }
  if (computed) {
    const checked = checkValue(values.get('value')!, type && COLUMN_TYPES.includes(type) ? type : undefined, fail);
    if (checked === undefined) ok = false;
    else jsonPath = checked;
  }
  const priorityText = values.get('priority');
  const priority = priorityText === undefined ? 0 : parseCount(priorityText);
  if (priority === undefined) {
    fail(`bad value for @printColumn: priority '${priorityText}' (expected a non-negative integer)`);
    ok = false;
  }
  if (!ok) return undefined;
  const column: PrintColumnModel = { name: values.get('name')!, type: type!, jsonPath: jsonPath!, priority: priority! };
  if (values.has('description')) column.description = values.get('description');
  if (values.has('format')) column.format = values.get('format');
  if (computed) column.value = values.get('value');
  return column;
}

/** Checks a `value=` expression; returns the first path it reads (the column's jsonPath). */
function checkValue(text: string, type: string | undefined, fail: (detail: string) => void): string | undefined {
  const bad = (why: string): undefined => {
    fail(`bad value for @printColumn: value '${text}': ${why}`);
    return undefined;
  };
  let expr;
  try {
    expr = parseCellExpression(text);
  } catch (error) {
    if (error instanceof CellExpressionError) return bad(error.message);
    throw error;
  }
  const first = firstObjectPath(expr);
  if (first === undefined) return bad("it reads no field (use a path such as '.spec.color')");
  const result = resultOf(expr);
  if (type !== undefined && result !== 'any' && !VALUE_TYPES[result].includes(type)) {
    const what = result === 'integer' ? 'a number' : 'text';
    const article = /^[aeiou]/.test(type) ? 'an' : 'a';
    return bad(`it gives ${what}, which ${article} ${type} column cannot show (use type=${VALUE_TYPES[result][0]})`);
  }
  return first;
}

function readSubresource(kind: KindModel, value: string, fail: (detail: string) => void): void {
  const [which, ...rest] = value.split(/\s+/);
  const usage = "expected 'status' or 'scale specReplicasPath=.spec.replicas statusReplicasPath=.status.replicas [labelSelectorPath=.status.selector]'";
  if (which === 'status' && rest.length === 0) {
    if (kind.subresources.status) fail('duplicate @subresource status');
    kind.subresources.status = true;
    return;
  }
  if (which !== 'scale') {
    fail(`bad value for @subresource: '${value}' (${usage})`);
    return;
  }
  if (kind.subresources.scale) {
    fail('duplicate @subresource scale');
    return;
  }
  const parsed = parseKeyValues(rest.join(' '));
  if (!parsed.ok) {
    fail(`bad value for @subresource near '${parsed.at}' (${usage})`);
    return;
  }
  const paths = new Map(parsed.entries);
  const scale: Partial<ScaleModel> = {};
  let ok = true;
  for (const [key, path] of paths) {
    const prefix = key === 'specReplicasPath' ? '.spec.' : key === 'statusReplicasPath' || key === 'labelSelectorPath' ? '.status.' : undefined;
    if (!prefix) {
      fail(`bad value for @subresource scale: unknown key '${key}' (${usage})`);
      ok = false;
    } else if (!path.startsWith(prefix)) {
      fail(`bad value for @subresource scale: ${key} '${path}' must start with '${prefix}'`);
      ok = false;
    } else {
      scale[key as keyof ScaleModel] = path;
    }
  }
  for (const key of ['specReplicasPath', 'statusReplicasPath'] as const) {
    if (!paths.has(key)) {
      fail(`bad value for @subresource scale: missing ${key}= (${usage})`);
      ok = false;
    }
  }
  if (ok) kind.subresources.scale = scale as ScaleModel;
}
