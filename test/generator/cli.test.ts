// The apigen CLI: bin/apigen as a child process, and main() in-process with a small emitter.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { main, type CliOutput, type EmitAll } from '../../generator/cli.js';
import { fixture, repoRoot } from './helpers.js';

const run = promisify(execFile);
const apigen = path.join(repoRoot, 'bin/apigen');

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs bin/apigen from `cwd` (never the repo root, to show it works from anywhere). */
async function runApigen(args: string[], cwd: string): Promise<Result> {
  try {
    const { stdout, stderr } = await run(apigen, args, { cwd });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('apigen CLI', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'apigen-cli-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  describe('bin/apigen (child process)', () => {
    it('prints help', async () => {
      const result = await runApigen(['--help'], tmp);
      expect(result.code).to.equal(0);
      expect(result.stdout).to.contain('Usage: apigen').and.to.contain('generate');
      const sub = await runApigen(['generate', '--help'], tmp);
      expect(sub.stdout).to.contain('--input <dir>').and.to.contain('--output <dir>').and.to.contain('--verify');
    });

    it('exits 1 and prints every error, without a stack trace, on bad api-defs', async () => {
      const output = path.join(tmp, 'generated');
      const result = await runApigen(['generate', '--input', fixture('unsupported-types'), '--output', output], tmp);
      expect(result.code).to.equal(1);
      expect(result.stdout).to.equal('');
      const lines = result.stderr.trimEnd().split('\n');
      expect(lines[0]).to.equal("api-defs/example.com/v1/types.ts:10: Widget.spec.foo: unsupported type 'any'");
      expect(lines[1]).to.match(/^api-defs\/example\.com\/v1\/types\.ts:11: Widget\.spec\.pair: unsupported type '\[string, number\]'/);
      expect(lines).to.have.length(9);
      expect(lines[8]).to.equal('apigen: 8 errors');
      expect(result.stderr).not.to.match(/^\s+at /m);
      expect(fs.existsSync(output)).to.equal(false);
    });

    it('exits 1 on a missing input folder', async () => {
      const result = await runApigen(['generate', '--input', 'nowhere', '--output', 'out'], tmp);
      expect(result.code).to.equal(1);
      expect(result.stderr).to.equal('apigen: input folder nowhere does not exist\n');
    });

    it('generates with the real emitters, then verifies', async () => {
      const input = fixture('good');
      const result = await runApigen(['generate', '--input', input, '--output', 'generated'], tmp);
      expect(result.stderr).to.equal('');
      expect(result.code).to.equal(0);
      expect(result.stdout).to.match(/^apigen: 2 groups, 3 versions, 5 kinds, \d+ files written to generated\n$/);

      const verify = await runApigen(['generate', '--input', input, '--output', 'generated', '--verify'], tmp);
      expect(verify).to.deep.equal({ code: 0, stdout: 'generated/ is up to date\n', stderr: '' });

      fs.appendFileSync(path.join(tmp, 'generated/index.ts'), '// edited\n');
      const drift = await runApigen(['generate', '--input', input, '--output', 'generated/', '--verify'], tmp);
      expect(drift.code).to.equal(1);
      expect(drift.stdout).to.equal('generated/index.ts: differs\n');
    });
  });

  describe("the repo's api-defs and generated/ (what `make verify` checks)", function () {
    this.timeout(120_000);
    /** The committed generated/ copied to the temp dir, with one file of it chosen to hand-edit. */
    let copy: string;
    let edited: string;
    beforeEach(() => {
      copy = path.join(tmp, 'generated');
      fs.cpSync(path.join(repoRoot, 'generated'), copy, { recursive: true });
      const files = (fs.readdirSync(copy, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).sort();
      edited = files.find((f) => f.includes(path.sep)) ?? files[0];
    });
    /** A hand edit in the middle of the file, not just at its end. */
    const handEdit = () => {
      const file = path.join(copy, edited);
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      lines.splice(Math.floor(lines.length / 2), 0, '// hand-edited');
      fs.writeFileSync(file, lines.join('\n'));
    };

    it('apigen --verify passes an unedited copy and names the one hand-edited file', async () => {
      const args = ['generate', '--input', path.join(repoRoot, 'api-defs'), '--output', copy, '--verify'];
      const clean = await runApigen(args, tmp);
      expect(clean, 'the committed generated/ is stale: run make generate').to.deep.equal({ code: 0, stdout: `${copy}/ is up to date\n`, stderr: '' });
      handEdit();
      const drift = await runApigen(args, tmp);
      expect(drift.code).to.equal(1);
      expect(drift.stdout).to.equal(`${copy}/${edited.split(path.sep).join('/')}: differs\n`);
      expect(drift.stderr).to.equal(`apigen: ${copy}/ is out of date (1 file); run apigen generate\n`);
    });

    it('the Makefile verify target fails after a hand edit and names the file', async () => {
      // The Makefile's own recipe, run by make in a tree of its own: the Makefile, api-defs/ and
      // the generated/ copy, bin/ linked to the repo's. No package-lock.json and `-o install`,
      // so the install prerequisite (npm ci) can never run.
      fs.copyFileSync(path.join(repoRoot, 'Makefile'), path.join(tmp, 'Makefile'));
      fs.cpSync(path.join(repoRoot, 'api-defs'), path.join(tmp, 'api-defs'), { recursive: true });
      fs.symlinkSync(path.join(repoRoot, 'bin'), path.join(tmp, 'bin'));
      const make = async (): Promise<Result> => {
        try {
          const { stdout, stderr } = await run('make', ['--no-print-directory', '-o', 'install', 'verify'], { cwd: tmp });
          return { code: 0, stdout, stderr };
        } catch (error) {
          const e = error as { code: number; stdout: string; stderr: string };
          return { code: e.code, stdout: e.stdout, stderr: e.stderr };
        }
      };
      const clean = await make();
      expect(clean.code, clean.stderr).to.equal(0);
      expect(clean.stdout).to.equal('generated/ is up to date\n');
      handEdit();
      const drift = await make();
      expect(drift.code).to.not.equal(0);
      const shown = `generated/${edited.split(path.sep).join('/')}`;
      expect(drift.stdout).to.match(new RegExp(`^diff -r ${shown.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\S+/generated/`, 'm'));
      expect(drift.stdout).to.contain('< // hand-edited');
      expect(drift.stdout.match(/^diff -r /gm)).to.have.length(1);
      expect(drift.stderr).to.contain("generated/ is stale or hand-edited: run 'make generate' and commit the result");
    });
  });

  describe('a new version that renames fields and has no conversion hook (bin/apigen)', () => {
    const input = fixture('renamed-field-no-hook');
    const v2 = 'api-defs/example.com/v2/types.ts';
    /** 1-based line in the fixture's v2/types.ts of the first line containing `text`. */
    const lineOf = (text: string): number => {
      const lines = fs.readFileSync(path.join(input, 'example.com/v2/types.ts'), 'utf8').split('\n');
      const i = lines.findIndex((l) => l.includes(text));
      expect(i, text).to.be.greaterThan(-1);
      return i + 1;
    };

    it('exits 1, writes nothing and prints every unconverted path, both directions, with file:line', async () => {
      const output = path.join(tmp, 'generated');
      const result = await runApigen(['generate', '--input', input, '--output', output], tmp);
      expect(result.code).to.equal(1);
      expect(result.stdout).to.equal('');
      expect(fs.existsSync(output)).to.equal(false);
      const hook = (type: string, dir: string) => `write hook ${type}${dir}(src, dst) in api-defs/example.com/v2/conversion.ts (or a hook on an enclosing type)`;
      expect(result.stderr.trimEnd().split('\n')).to.deep.equal([
        `${v2}:${lineOf('colour?:')}: spec.colour: not converted from v2 to internal: no field "colour" in internal WidgetSpec; ${hook('WidgetSpec', 'ToInternal')}`,
        `${v2}:${lineOf('picture?:')}: spec.template.picture: not converted from v2 to internal: no field "picture" in internal WidgetTemplate; ${hook('WidgetTemplate', 'ToInternal')}`,
        `${v2}:${lineOf('interface WidgetSpec')}: spec.color: not converted from internal to v2: no field "color" in v2 WidgetSpec; ${hook('WidgetSpec', 'FromInternal')}`,
        `${v2}:${lineOf('interface WidgetTemplate')}: spec.template.image: not converted from internal to v2: no field "image" in v2 WidgetTemplate; ${hook('WidgetTemplate', 'FromInternal')}`,
        'apigen: 4 errors',
      ]);
      // The fields both versions share convert on their own: no line for spec.replicas.
      expect(result.stderr).not.to.contain('replicas');
    });
  });

  describe('main() with a small emitter', () => {
    const header = '// Code generated by apigen from api-defs/example.com/v1/types.ts; DO NOT EDIT.\n';
    let files: Map<string, string>;
    const emitAll: EmitAll = () => files;
    let out: string[];
    let err: string[];
    const io: CliOutput = { out: (l) => out.push(l), err: (l) => err.push(l) };
    const generate = (...extra: string[]) =>
      main(['node', 'apigen', 'generate', '--input', fixture('good'), '--output', path.join(tmp, 'gen'), ...extra], io, emitAll);

    beforeEach(() => {
      out = [];
      err = [];
      files = new Map([
        ['index.ts', header + 'export {};\n'],
        ['example.com/v1/types.ts', header + 'export interface A {}\n'],
        ['example.com/v1alpha1/types.ts', header + 'export interface B {}\n'],
      ]);
    });

    it('writes files, creates folders and prints a summary', async () => {
      expect(await generate()).to.equal(0);
      expect(out).to.deep.equal([`apigen: 2 groups, 3 versions, 5 kinds, 3 files written to ${path.join(tmp, 'gen')}`]);
      expect(fs.readFileSync(path.join(tmp, 'gen/example.com/v1alpha1/types.ts'), 'utf8')).to.equal(files.get('example.com/v1alpha1/types.ts'));
    });

    it('removes stale generated files (and their empty folders) but never hand-written ones', async () => {
      expect(await generate()).to.equal(0);
      fs.writeFileSync(path.join(tmp, 'gen/example.com/v1/notes.md'), 'hand-written\n');
      files.delete('example.com/v1alpha1/types.ts');
      files.delete('example.com/v1/types.ts');
      expect(await generate()).to.equal(0);
      expect(fs.existsSync(path.join(tmp, 'gen/example.com/v1alpha1'))).to.equal(false);
      expect(fs.existsSync(path.join(tmp, 'gen/example.com/v1/types.ts'))).to.equal(false);
      expect(fs.readFileSync(path.join(tmp, 'gen/example.com/v1/notes.md'), 'utf8')).to.equal('hand-written\n');
    });

    it('--verify reports missing, differing and extra files and exits 1', async () => {
      expect(await generate()).to.equal(0);
      fs.writeFileSync(path.join(tmp, 'gen/hand.ts'), 'export const mine = 1;\n');
      fs.writeFileSync(path.join(tmp, 'gen/old.ts'), header);
      fs.rmSync(path.join(tmp, 'gen/index.ts'));
      files.set('example.com/v1/types.ts', header + 'export interface A2 {}\n');
      out = [];
      expect(await generate('--verify')).to.equal(1);
      const gen = path.join(tmp, 'gen');
      expect(out).to.deep.equal([`${gen}/example.com/v1/types.ts: differs`, `${gen}/index.ts: missing`, `${gen}/old.ts: extra`]);
      expect(err).to.deep.equal([`apigen: ${gen}/ is out of date (3 files); run apigen generate`]);
      expect(fs.existsSync(path.join(tmp, 'gen/index.ts'))).to.equal(false);
    });

    it('exits 2 with the message on unexpected errors', async () => {
      files.set('../escape.ts', header);
      expect(await generate()).to.equal(2);
      expect(err).to.deep.equal(["apigen: emitter produced a bad output path '../escape.ts'"]);
      expect(fs.existsSync(path.join(tmp, 'escape.ts'))).to.equal(false);
    });
  });
});
