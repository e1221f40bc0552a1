// Turns a TypeScript type annotation into a TypeRef, or reports why it cannot be one.
import {
  Node,
  SyntaxKind,
  type TypeAliasDeclaration,
  type TypeNode,
  type TypeReferenceNode,
  type UnionTypeNode,
} from 'ts-morph';
import type { TypeRef } from '../model.js';
import type { ErrorSink } from './errors.js';
import type { FileScope } from './scope.js';
import { locationOf } from './source.js';

export class TypeResolver {
  /** Resolved aliases; `null` means the alias is broken (already reported). */
  private readonly aliases = new Map<TypeAliasDeclaration, TypeRef | null>();
  private readonly inProgress = new Set<TypeAliasDeclaration>();

  constructor(private readonly sink: ErrorSink) {}

  /** The TypeRef of `node` (declared in `scope`'s file), or undefined after reporting an error. */
  resolve(node: TypeNode, scope: FileScope, fieldPath: string): TypeRef | undefined {
    const fail = (detail: string): undefined => {
      this.sink.add(locationOf(scope.file, node), detail, fieldPath);
      return undefined;
    };

    if (Node.isParenthesizedTypeNode(node)) return this.resolve(node.getTypeNode(), scope, fieldPath);
    switch (node.getKind()) {
      case SyntaxKind.StringKeyword:
        return { kind: 'string' };
      case SyntaxKind.NumberKeyword:
        return { kind: 'number' };
      case SyntaxKind.BooleanKeyword:
        return { kind: 'boolean' };
      case SyntaxKind.UnknownKeyword:
        return { kind: 'json' };
    }
    if (Node.isArrayTypeNode(node)) {
      const items = this.resolve(node.getElementTypeNode(), scope, fieldPath);
      return items && { kind: 'array', items };
    }
    if (Node.isLiteralTypeNode(node)) {
      const literal = node.getLiteral();
      if (Node.isStringLiteral(literal) || Node.isNoSubstitutionTemplateLiteral(literal)) {
        return { kind: 'enum', values: [literal.getLiteralValue()] };
      }
      return fail(`unsupported type '${textOf(node)}' (only string literal types are supported)`);
    }
    if (Node.isUnionTypeNode(node)) return this.resolveUnion(node, scope, fieldPath, fail);
    if (Node.isTypeLiteral(node)) {
      const members = node.getMembers();
      const index = members.length === 1 ? members[0] : undefined;
      if (index && Node.isIndexSignatureDeclaration(index)) {
        if (index.getKeyTypeNode().getKind() !== SyntaxKind.StringKeyword) {
          return fail(`unsupported type '${textOf(node)}' (index signatures need a string key)`);
        }
        const values = this.resolve(index.getReturnTypeNodeOrThrow(), scope, fieldPath);
        return values && { kind: 'map', values };
      }
      return fail(`unsupported type '${textOf(node)}' (inline object types are not supported; declare an exported interface)`);
    }
    if (Node.isTypeReference(node)) return this.resolveReference(node, scope, fieldPath, fail);
    if (Node.isTupleTypeNode(node)) return fail(`unsupported type '${textOf(node)}' (tuples are not supported)`);
    if (Node.isFunctionTypeNode(node) || Node.isConstructorTypeNode(node)) {
      return fail(`unsupported type '${textOf(node)}' (functions are not supported)`);
    }
    if (Node.isIntersectionTypeNode(node)) {
      return fail(`unsupported type '${textOf(node)}' (intersections are not supported)`);
    }
    return fail(`unsupported type '${textOf(node)}'`);
  }

  /** An exported alias on its own, so broken aliases are reported even when unused. */
  resolveAlias(alias: TypeAliasDeclaration, scope: FileScope): TypeRef | undefined {
    const cached = this.aliases.get(alias);
    if (cached !== undefined) return cached ?? undefined;
    const name = alias.getName();
    if (this.inProgress.has(alias)) {
      this.sink.add(locationOf(scope.file, alias), `type alias '${name}' refers to itself`, name);
      return undefined;
    }
    if (alias.getTypeParameters().length > 0) {
      this.sink.add(locationOf(scope.file, alias), `generic type alias '${name}' is not supported`, name);
      this.aliases.set(alias, null);
      return undefined;
    }
    this.inProgress.add(alias);
    const resolved = this.resolve(alias.getTypeNodeOrThrow(), scope, name);
    this.inProgress.delete(alias);
    this.aliases.set(alias, resolved ?? null);
    return resolved;
  }

  private resolveReference(
    node: TypeReferenceNode,
    scope: FileScope,
    fieldPath: string,
    fail: (detail: string) => undefined,
  ): TypeRef | undefined {
    const written = node.getTypeName().getText();
    const args = node.getTypeArguments();
    if (written === 'Array' && args.length === 1) {
      const items = this.resolve(args[0], scope, fieldPath);
      return items && { kind: 'array', items };
    }
    if (written === 'Record' && args.length === 2) {
      if (args[0].getKind() !== SyntaxKind.StringKeyword) {
        return fail(`unsupported type '${textOf(node)}' (Record keys must be string)`);
      }
      const values = this.resolve(args[1], scope, fieldPath);
      return values && { kind: 'map', values };
    }
    if (args.length > 0) return fail(`unsupported type '${textOf(node)}' (generic types other than Array and Record are not supported)`);

    const found = scope.lookup(written);
    if (found.kind === 'error') return fail(found.detail);
    if (found.kind === 'scalar') return found.type;
    const { declaration, owner, name } = found;
    if (declaration.kind === 'alias') {
      // A broken alias is reported once, at the alias.
      return this.resolveAlias(declaration.node, owner);
    }
    if (!owner.typeScope) return fail(`unknown type '${written}'`);
    if (!declaration.exported) return fail(`type '${written}' must be exported to be used as a field type`);
    if (declaration.node.getTypeParameters().length > 0) return fail(`generic interface '${written}' is not supported`);
    return { kind: 'ref', name, scope: owner.typeScope };
  }

  private resolveUnion(
    node: UnionTypeNode,
    scope: FileScope,
    fieldPath: string,
    fail: (detail: string) => undefined,
  ): TypeRef | undefined {
    const members = flattenUnion(node).map((member) => this.resolve(member, scope, fieldPath));
    if (members.some((m) => m === undefined)) return undefined;
    const types = members as TypeRef[];
    if (types.every((t) => t.kind === 'enum')) {
      const values: string[] = [];
      for (const t of types) {
        for (const value of (t as { values: string[] }).values) {
          if (values.includes(value)) return fail(`duplicate value '${value}' in '${textOf(node)}'`);
          values.push(value);
        }
      }
      return { kind: 'enum', values };
    }
    const kinds = types.map((t) => t.kind).sort();
    if (types.length === 2 && (kinds.join() === 'number,string' || kinds.join() === 'integer,string')) {
      return { kind: 'intOrString' };
    }
    if (types.some((t) => t.kind === 'ref' || t.kind === 'map' || t.kind === 'array')) {
      return fail(`unsupported type '${textOf(node)}' (unions of object types are not supported)`);
    }
    return fail(`unsupported type '${textOf(node)}' (only unions of string literals, or number | string, are supported)`);
  }
}

function flattenUnion(node: TypeNode): TypeNode[] {
  if (Node.isParenthesizedTypeNode(node)) return flattenUnion(node.getTypeNode());
  if (Node.isUnionTypeNode(node)) return node.getTypeNodes().flatMap(flattenUnion);
  return [node];
}

/** Source text on one line, shortened for messages. */
export function textOf(node: Node): string {
  const text = node.getText().replace(/\s+/g, ' ');
  return text.length > 60 ? text.slice(0, 57) + '...' : text;
}
