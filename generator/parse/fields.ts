// Interface properties -> FieldModels (type, optionality, markers, doc).
import { Node, type InterfaceDeclaration, type PropertySignature } from 'ts-morph';
import type { FieldModel } from '../model.js';
import type { ErrorSink } from './errors.js';
import { FIELD_MARKERS, IGNORED_TAGS, readFieldMarkers, type FieldMarkerResult } from './field-markers.js';
import { readDocComment } from './jsdoc.js';
import type { FileScope } from './scope.js';
import { locationOf } from './source.js';
import type { TypeResolver } from './type-ref.js';

/** A field whose cross-type checks (see field-checks.ts) run once all types are known. */
export interface PendingFieldCheck {
  field: FieldModel;
  lines: FieldMarkerResult['lines'];
  scope: FileScope;
  fieldPath: string;
}

export interface FieldReader {
  scope: FileScope;
  resolver: TypeResolver;
  sink: ErrorSink;
  pending: PendingFieldCheck[];
}

/** The fields of `iface`; `pathPrefix` starts every field path ("Widget.spec"). */
export function readFields(iface: InterfaceDeclaration, pathPrefix: string, reader: FieldReader): FieldModel[] {
  const { scope, sink } = reader;
  const fields: FieldModel[] = [];
  for (const member of iface.getMembers()) {
    if (!Node.isPropertySignature(member)) {
      sink.add(locationOf(scope.file, member), `only properties are supported in an interface, not '${firstLine(member)}'`, `${pathPrefix}`);
      continue;
    }
    const field = readField(member, pathPrefix, reader);
    if (field) fields.push(field);
  }
  return fields;
}

function readField(prop: PropertySignature, pathPrefix: string, reader: FieldReader): FieldModel | undefined {
  const { scope, resolver, sink } = reader;
  const nameNode = prop.getNameNode();
  const name = Node.isIdentifier(nameNode)
    ? nameNode.getText()
    : Node.isStringLiteral(nameNode)
      ? nameNode.getLiteralValue()
      : undefined;
  const location = locationOf(scope.file, prop);
  if (name === undefined) {
    sink.add(location, `unsupported property name '${nameNode.getText()}'`, pathPrefix);
    return undefined;
  }
  const fieldPath = `${pathPrefix}.${name}`;
  const { doc, tags } = readDocComment(prop);
  const typeNode = prop.getTypeNode();
  if (!typeNode) {
    sink.add(location, 'field has no type', fieldPath);
    return undefined;
  }
  const report = (line: number, detail: string) => sink.add({ file: scope.file.displayPath, line }, detail, fieldPath);
  const declaredType = resolver.resolve(typeNode, scope, fieldPath);
  if (!declaredType) {
    // The type is broken; still name the markers that would be rejected whatever the type.
    for (const tag of tags) {
      if (!FIELD_MARKERS.has(tag.name) && !IGNORED_TAGS.has(tag.name)) report(tag.line, `unknown marker @${tag.name}`);
    }
    return undefined;
  }
  const { markers, type, optional, lines } = readFieldMarkers(tags, declaredType, prop.hasQuestionToken(), report);
  const field: FieldModel = { name, type, optional, markers, doc, source: location };
  reader.pending.push({ field, lines, scope, fieldPath });
  return field;
}

function firstLine(node: Node): string {
  const text = node.getText().split('\n')[0];
  return text.length > 50 ? text.slice(0, 47) + '...' : text;
}
