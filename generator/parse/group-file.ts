// <group>/group.ts: the `group` object literal, read from the AST (never executed).
import { Node, type Expression } from 'ts-morph';
import type { SourceLocation } from '../model.js';
import type { ErrorSink } from './errors.js';
import { locationOf, type DefsFile } from './source.js';

export interface GroupDefinition {
  /** '' for the core group. */
  name: string;
  versions: string[];
  /** Undefined when group.ts names no valid hub version (already reported). */
  hubVersion: string | undefined;
  storageVersion: string | undefined;
  /** `strategicMergePatch: true|false` (default false). */
  strategicMergePatch: boolean;
  source: SourceLocation;
  /** Line of `versions`, for errors about version folders. */
  versionsLine: number;
}

const VERSION = /^v[1-9]\d*((alpha|beta)[1-9]\d*)?$/;

export function readGroupFile(file: DefsFile, sink: ErrorSink): GroupDefinition | undefined {
  const sourceFile = file.sourceFile;
  const declaration = sourceFile.getVariableDeclaration('group');
  if (!declaration || !declaration.getVariableStatement()?.isExported()) {
    sink.add(locationOf(file, 1), 'group.ts must export `const group: GroupDef = { ... }`');
    return undefined;
  }
  const source = locationOf(file, declaration);
  const literal = unwrap(declaration.getInitializer());
  if (!literal || !Node.isObjectLiteralExpression(literal)) {
    sink.add(source, 'group must be an object literal');
    return undefined;
  }
  const strings = new Map<string, string>();
  const lists = new Map<string, string[]>();
  const booleans = new Map<string, boolean>();
  const lines = new Map<string, number>();
  for (const property of literal.getProperties()) {
    const fail = (detail: string) => sink.add(locationOf(file, property), detail);
    if (!Node.isPropertyAssignment(property)) {
      fail(`unsupported group property '${property.getText()}' (write name: 'value')`);
      continue;
    }
    const key = property.getName().replace(/^['"]|['"]$/g, '');
    lines.set(key, property.getStartLineNumber());
    const value = unwrap(property.getInitializer());
    if (key === 'versions') {
      const items = value && Node.isArrayLiteralExpression(value) ? value.getElements().map(stringValue) : undefined;
      if (!items || items.some((i) => i === undefined)) fail('group versions must be an array of string literals');
      else lists.set(key, items as string[]);
    } else if (['name', 'hubVersion', 'storageVersion'].includes(key)) {
      const text = value && stringValue(value);
      if (text === undefined) fail(`group ${key} must be a string literal`);
      else strings.set(key, text);
    } else if (key === 'strategicMergePatch') {
      const flag = value && booleanValue(value);
      if (flag === undefined) fail(`group ${key} must be true or false`);
      else booleans.set(key, flag);
    } else {
      fail(`unknown group property '${key}' (expected name, versions, hubVersion, storageVersion, strategicMergePatch)`);
    }
  }

  const name = strings.get('name');
  const versions = lists.get('versions') ?? [];
  const hubVersion = strings.get('hubVersion');
  const fail = (detail: string, key?: string) => {
    sink.add(locationOf(file, (key && lines.get(key)) || source.line), detail);
  };
  if (!name) fail('group has no name');
  if (!lists.has('versions') || versions.length === 0) fail('group has no versions', 'versions');
  for (const version of versions) {
    if (!VERSION.test(version)) fail(`bad version name '${version}' (expected v1, v2beta1, v1alpha2, ...)`, 'versions');
  }
  if (new Set(versions).size !== versions.length) fail('group versions repeat', 'versions');
  if (!hubVersion) {
    fail(`missing hub version: group.ts has no hubVersion (one of ${versions.join(', ')})`);
  } else if (!versions.includes(hubVersion)) {
    fail(`missing hub version: hubVersion '${hubVersion}' is not one of the versions (${versions.join(', ')})`, 'hubVersion');
  }
  const storageVersion = strings.get('storageVersion') ?? hubVersion;
  if (storageVersion && !versions.includes(storageVersion)) {
    fail(`storageVersion '${storageVersion}' is not one of the versions (${versions.join(', ')})`, 'storageVersion');
  }
  // Versions are still read when the hub is wrong, so their errors are reported in the same run.
  if (name === undefined || versions.length === 0) return undefined;
  return {
    name: name === 'core' ? '' : name,
    versions: [...new Set(versions)],
    hubVersion: hubVersion && versions.includes(hubVersion) ? hubVersion : undefined,
    storageVersion: storageVersion && versions.includes(storageVersion) ? storageVersion : undefined,
    strategicMergePatch: booleans.get('strategicMergePatch') ?? false,
    source,
    versionsLine: lines.get('versions') ?? source.line,
  };
}

/** Looks through `as const`, `satisfies GroupDef` and parentheses. */
function unwrap(expression: Expression | undefined): Expression | undefined {
  let current = expression;
  while (
    current &&
    (Node.isAsExpression(current) || Node.isSatisfiesExpression(current) || Node.isParenthesizedExpression(current))
  ) {
    current = current.getExpression();
  }
  return current;
}

function stringValue(expression: Expression): string | undefined {
  const inner = unwrap(expression);
  if (inner && (Node.isStringLiteral(inner) || Node.isNoSubstitutionTemplateLiteral(inner))) return inner.getLiteralValue();
  return undefined;
}

function booleanValue(expression: Expression): boolean | undefined {
  const inner = unwrap(expression);
  if (inner && Node.isTrueLiteral(inner)) return true;
  if (inner && Node.isFalseLiteral(inner)) return false;
  return undefined;
}
