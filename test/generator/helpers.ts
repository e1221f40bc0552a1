// Test helpers for the api-defs parser: fixture paths, and small api-defs trees written to a temp dir.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { GeneratorErrors } from '../../generator/model.js';
import { parseApiDefs } from '../../generator/parse/index.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const fixtures = path.join(repoRoot, 'test/fixtures/generator');

/** The api-defs folder of a fixture case. */
export function fixture(name: string): string {
  return path.join(fixtures, name, 'api-defs');
}

/** Parses and returns every error message; fails the test when parsing succeeds. */
export function parseErrors(inputDir: string): string[] {
  try {
    parseApiDefs(inputDir);
  } catch (error) {
    expect(error).to.be.instanceOf(GeneratorErrors);
    return (error as GeneratorErrors).errors.map((e) => e.message);
  }
  expect.fail(`expected ${inputDir} to fail`);
}

const META = fs.readFileSync(path.join(fixtures, 'good/api-defs/_meta/types.ts'), 'utf8');

export interface TempTree {
  dir: string;
  cleanup: () => void;
}

/**
 * An api-defs tree in a temp dir with the fixtures' minimal _meta and one group "example.com"
 * (versions v1, hub v1) unless `files` overrides group.ts. `files` keys are relative to api-defs/.
 */
export function tempTree(files: Record<string, string>): TempTree {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'apigen-test-'));
  const dir = path.join(base, 'api-defs');
  const all: Record<string, string> = {
    '_meta/types.ts': META,
    'example.com/group.ts': `export const group = { name: 'example.com', versions: ['v1'], hubVersion: 'v1' };\n`,
    ...files,
  };
  for (const [relative, content] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    fs.writeFileSync(path.join(dir, relative), content);
  }
  return { dir, cleanup: () => fs.rmSync(base, { recursive: true, force: true }) };
}

/** A v1 types.ts with a Widget kind whose spec is `WidgetSpec`, declared by `specBody`. */
export function widgetTypes(specBody: string, extra = ''): string {
  return `import type { int32, int64, IntOrString, Quantity, Time, ObjectMeta, TypeMeta, LabelSelector } from '../../_meta/types.js';

export interface Widget extends TypeMeta {
  metadata: ObjectMeta;
  spec: WidgetSpec;
}

export interface WidgetSpec {
${specBody}
}
${extra}`;
}
