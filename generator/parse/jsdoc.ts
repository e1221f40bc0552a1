// Reads JSDoc comments as plain text. TypeScript's own JSDoc parser gives some tags a special
// syntax (`@enum a,b` loses `a` as a "type", `@see` eats the URL scheme), so markers are read from
// the raw comment: a tag starts at the beginning of a comment line, and runs until the next tag.
import type { JSDocableNode } from 'ts-morph';

export interface DocTag {
  /** Tag name without `@`. */
  name: string;
  /** The text after the tag name, continuation lines joined with "\n", trimmed. */
  value: string;
  /** 1-based line of the tag in its file. */
  line: number;
}

export interface DocComment {
  /** Text before the first tag, trimmed. */
  doc: string;
  tags: DocTag[];
}

const TAG_START = /^@([A-Za-z][\w-]*)(?:\s+|$)/;

/** All JSDoc blocks of a node, merged in source order. */
export function readDocComment(node: JSDocableNode): DocComment {
  const docParts: string[] = [];
  const tags: DocTag[] = [];
  for (const jsDoc of node.getJsDocs()) {
    const parsed = parseCommentText(jsDoc.getText(), jsDoc.getStartLineNumber());
    if (parsed.doc) docParts.push(parsed.doc);
    tags.push(...parsed.tags);
  }
  return { doc: docParts.join('\n\n'), tags };
}

/** Parses one `/** ... *\/` block that starts on `firstLine`. */
export function parseCommentText(text: string, firstLine: number): DocComment {
  const body = text.replace(/^\/\*\*/, '').replace(/\*\/$/, '');
  const lines = body.split(/\r?\n/);
  const docLines: string[] = [];
  const tags: { name: string; lines: string[]; line: number }[] = [];
  lines.forEach((raw, index) => {
    // Leading " * " of continuation lines; the first line has none.
    const content = (index === 0 ? raw : raw.replace(/^\s*\*(?!\/)\s?/, '')).replace(/\s+$/, '');
    const trimmed = content.trim();
    const match = TAG_START.exec(trimmed);
    if (match) {
      tags.push({ name: match[1], lines: [trimmed.slice(match[0].length)], line: firstLine + index });
    } else if (tags.length > 0) {
      tags[tags.length - 1].lines.push(trimmed);
    } else {
      docLines.push(trimmed);
    }
  });
  return {
    doc: docLines.join('\n').trim(),
    tags: tags.map((t) => ({ name: t.name, value: t.lines.join('\n').trim(), line: t.line })),
  };
}
