// A types.ts (a version's, or _meta's) -> TypeModels, and KindModels for interfaces that extend
// TypeMeta.
import { Node, type InterfaceDeclaration, type TypeNode } from 'ts-morph';
import type { KindModel, TypeModel, TypeRef } from '../model.js';
import type { ErrorSink } from './errors.js';
import { FIELD_MARKERS, IGNORED_TAGS, KIND_MARKERS } from './field-markers.js';
import { readFields, type FieldReader } from './fields.js';
import { readDocComment } from './jsdoc.js';
import { readKindMarkers } from './kind-markers.js';
import type { FileScope } from './scope.js';
import { checkProtobufNumbers } from './protobuf-numbers.js';
import { locationOf } from './source.js';

export interface TypesFileModel {
  types: TypeModel[];
  kinds: KindModel[];
}

export function readTypesFile(reader: FieldReader): TypesFileModel {
  const { scope, sink } = reader;
  const sourceFile = scope.file.sourceFile;
  const interfaces = sourceFile.getInterfaces().filter((i) => i.isExported());
  const kindNames = new Set(
    interfaces.filter((i) => checkHeritage(i, scope, sink) && scope.typeScope === 'version').map((i) => i.getName()),
  );
  const prefixes = fieldPathPrefixes(interfaces, kindNames);

  checkStatements(reader);
  for (const alias of sourceFile.getTypeAliases()) {
    if (alias.isExported()) reader.resolver.resolveAlias(alias, scope);
  }

  const types: TypeModel[] = [];
  const kinds: KindModel[] = [];
  for (const iface of interfaces) {
    const name = iface.getName();
    const source = locationOf(scope.file, iface);
    if (iface.getTypeParameters().length > 0) {
      sink.add(source, `generic interface '${name}' is not supported`, name);
      continue;
    }
    const { doc, tags } = readDocComment(iface);
    const fields = readFields(iface, prefixes.get(name) ?? name, reader);
    checkProtobufNumbers(name, fields, sink);
    types.push({ name, fields, doc, source });
    const report = (line: number, detail: string) => sink.add({ file: source.file, line }, detail, name);
    if (!kindNames.has(name)) {
      // Kind markers on a plain type would be silently ignored.
      for (const tag of tags) {
        if (IGNORED_TAGS.has(tag.name)) continue;
        const known = KIND_MARKERS.has(tag.name) || FIELD_MARKERS.has(tag.name);
        report(tag.line, known ? `@${tag.name} on ${name}: interface markers apply only to kinds (interfaces that extend TypeMeta)` : `unknown marker @${tag.name}`);
      }
      continue;
    }
    const kind = readKindMarkers(name, tags, source, report);
    const metadata = fields.find((f) => f.name === 'metadata');
    if (!metadata || metadata.type.kind !== 'ref' || metadata.type.scope !== 'meta' || metadata.type.name !== 'ObjectMeta') {
      sink.add(source, `kind ${name} has no metadata: ObjectMeta`, name);
    }
    if (kind.subresources.status && !fields.some((f) => f.name === 'status')) {
      sink.add(source, `kind ${name} has @subresource status but no status field`, name);
    }
    kinds.push(kind);
  }
  checkKindNames(kinds, types, reader);
  checkSelectableFields(kinds, types, reader);
  return { types, kinds };
}

const SELECTABLE_TYPES: ReadonlySet<TypeRef['kind']> = new Set(['string', 'integer', 'boolean', 'enum']);

/** `@selectableField` paths must reach a scalar field through named types of this version only
 * (Kubernetes: string, integer or boolean, never inside a list or map). */
function checkSelectableFields(kinds: KindModel[], types: TypeModel[], { sink }: FieldReader): void {
  for (const kind of kinds) {
    for (const field of kind.selectableFields) {
      let owner = types.find((t) => t.name === kind.name);
      let found: TypeRef | undefined;
      for (const step of field.split('.')) {
        const next = owner?.fields.find((f) => f.name === step);
        owner = undefined;
        found = next?.type;
        if (next?.type.kind === 'ref' && next.type.scope === 'version') {
          const refName = next.type.name;
          owner = types.find((t) => t.name === refName);
        }
        if (!found) break;
      }
      if (!found) {
        sink.add(kind.source, `@selectableField .${field}: ${kind.name} has no field .${field}`, kind.name);
      } else if (!SELECTABLE_TYPES.has(found.kind)) {
        const what = { ref: 'an object', array: 'a list', map: 'a map', json: 'any JSON', intOrString: 'an int-or-string', number: 'a number' }[found.kind as string] ?? found.kind;
        sink.add(kind.source, `@selectableField .${field}: must name a string, integer, boolean or enum field, not ${what}`, kind.name);
      }
    }
  }
}

/** True when the interface extends TypeMeta; reports any other `extends`. */
function checkHeritage(iface: InterfaceDeclaration, scope: FileScope, sink: ErrorSink): boolean {
  const bases = iface.getExtends();
  if (bases.length === 0) return false;
  const name = iface.getName();
  const found = bases.length === 1 ? scope.lookup(bases[0].getExpression().getText()) : undefined;
  const isTypeMeta =
    found?.kind === 'declaration' && found.owner.typeScope === 'meta' && found.name === 'TypeMeta' && bases[0].getTypeArguments().length === 0;
  if (!isTypeMeta) {
    sink.add(
      locationOf(scope.file, iface),
      `interface ${name} extends ${bases.map((b) => b.getText()).join(', ')}: only 'extends TypeMeta' (for kinds) is supported`,
      name,
    );
  }
  return isTypeMeta;
}

/** Reports declarations a types.ts may not export. */
function checkStatements({ scope, sink }: FieldReader): void {
  for (const statement of scope.file.sourceFile.getStatements()) {
    if (Node.isInterfaceDeclaration(statement) || Node.isTypeAliasDeclaration(statement)) continue;
    if (Node.isImportDeclaration(statement)) continue;
    const exported = Node.isExportable(statement) && statement.isExported();
    if (Node.isEnumDeclaration(statement) && exported) {
      sink.add(locationOf(scope.file, statement), `enum ${statement.getName()} is not supported; use a union of string literals`);
    } else if (exported || Node.isExportDeclaration(statement) || Node.isExportAssignment(statement)) {
      sink.add(locationOf(scope.file, statement), 'a types file may only export interfaces and type aliases');
    }
  }
}

/** Kind resource names must be unique and `<Kind>List` is generated, never declared. */
function checkKindNames(kinds: KindModel[], types: TypeModel[], { sink }: FieldReader): void {
  const plurals = new Map<string, string>();
  for (const kind of kinds) {
    const listType = types.find((t) => t.name === kind.listKind);
    if (listType) sink.add(listType.source, `${kind.listKind} is generated for kind ${kind.name}; do not declare it`, kind.listKind);
    const other = plurals.get(kind.plural);
    if (other) sink.add(kind.source, `kinds ${other} and ${kind.name} have the same plural '${kind.plural}'`, kind.name);
    plurals.set(kind.plural, kind.name);
  }
}

/**
 * The shortest path from a kind to each interface of the file, so an error in `WidgetSpec.color`
 * reads `Widget.spec.color`. Found from the syntax alone, before types are resolved.
 */
function fieldPathPrefixes(interfaces: InterfaceDeclaration[], kindNames: Set<string>): Map<string, string> {
  const byName = new Map(interfaces.map((i) => [i.getName(), i]));
  const prefixes = new Map<string, string>();
  const queue: string[] = [];
  for (const name of kindNames) {
    prefixes.set(name, name);
    queue.push(name);
  }
  while (queue.length > 0) {
    const name = queue.shift()!;
    for (const member of byName.get(name)!.getProperties()) {
      const typeNode = member.getTypeNode();
      if (!typeNode) continue;
      for (const { name: ref, inCollection } of referencedNames(typeNode, false)) {
        if (!byName.has(ref) || prefixes.has(ref)) continue;
        prefixes.set(ref, `${prefixes.get(name)}.${member.getName()}${inCollection ? '[*]' : ''}`);
        queue.push(ref);
      }
    }
  }
  return prefixes;
}

function referencedNames(node: TypeNode, inCollection: boolean): { name: string; inCollection: boolean }[] {
  if (Node.isParenthesizedTypeNode(node)) return referencedNames(node.getTypeNode(), inCollection);
  if (Node.isUnionTypeNode(node)) return node.getTypeNodes().flatMap((n) => referencedNames(n, inCollection));
  if (Node.isArrayTypeNode(node)) return referencedNames(node.getElementTypeNode(), true);
  if (Node.isTypeLiteral(node)) {
    return node.getIndexSignatures().flatMap((s) => referencedNames(s.getReturnTypeNodeOrThrow(), true));
  }
  if (Node.isTypeReference(node)) {
    const name = node.getTypeName().getText();
    if (name === 'Array' || name === 'Record') {
      return node.getTypeArguments().flatMap((a) => referencedNames(a, true));
    }
    return [{ name, inCollection }];
  }
  return [];
}
