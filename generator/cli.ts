// apigen: `apigen generate --input api-defs --output generated [--verify]`.
// Exit codes: 0 ok; 1 problems in the input (every GeneratorError is printed) or --verify found
// drift; 2 anything unexpected.
import fs from 'node:fs';
import { Command, CommanderError } from 'commander';
import { GeneratorError, GeneratorErrors, type ApiModel } from './model.js';
import { compareGeneratedFiles, writeGeneratedFiles } from './files.js';
import { parseApiDefs } from './parse/index.js';

export interface CliOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

export type EmitAll = (model: ApiModel) => Map<string, string>;

const consoleOutput: CliOutput = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
};

/**
 * Runs the CLI on `argv` (as in process.argv) and returns the exit code. `emitAll` defaults to
 * generator/emit/index.ts.
 */
export async function main(argv: string[], output: CliOutput = consoleOutput, emitAll?: EmitAll): Promise<number> {
  let exitCode = 0;
  const program = new Command('apigen')
    .description('Generate a Kubernetes-style API server from declarative TypeScript API types')
    .exitOverride()
    .configureOutput({ writeOut: (s) => output.out(s.trimEnd()), writeErr: (s) => output.err(s.trimEnd()) });
  program
    .command('generate')
    .description('parse the api-defs folder and write (or with --verify, check) the generated code')
    .option('--input <dir>', 'folder of API definitions', 'api-defs')
    .option('--output <dir>', 'folder for generated code', 'generated')
    .option('--verify', 'write nothing; exit 1 if the output folder is not what would be generated')
    .action(async (options: { input: string; output: string; verify?: boolean }) => {
      exitCode = await generate(options, output, emitAll);
    });
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    throw error;
  }
  return exitCode;
}

async function generate(
  options: { input: string; output: string; verify?: boolean },
  io: CliOutput,
  emitter: EmitAll | undefined,
): Promise<number> {
  const outLabel = options.output.replace(/[\\/]+$/, '') || options.output;
  try {
    if (!fs.statSync(options.input, { throwIfNoEntry: false })?.isDirectory()) {
      io.err(`apigen: input folder ${options.input} does not exist`);
      return 1;
    }
    const model = parseApiDefs(options.input);
    const files = (emitter ?? (await loadEmitter()))(model);
    if (options.verify) {
      const drift = compareGeneratedFiles(options.output, files);
      if (drift.length === 0) {
        io.out(`${outLabel}/ is up to date`);
        return 0;
      }
      for (const { path, problem } of drift) io.out(`${outLabel}/${path}: ${problem}`);
      io.err(`apigen: ${outLabel}/ is out of date (${drift.length} ${drift.length === 1 ? 'file' : 'files'}); run apigen generate`);
      return 1;
    }
    writeGeneratedFiles(options.output, files);
    const versions = model.groups.reduce((n, g) => n + g.versions.length, 0);
    const kinds = model.groups.reduce((n, g) => n + g.versions.reduce((m, v) => m + v.kinds.length, 0), 0);
    io.out(
      `apigen: ${count(model.groups.length, 'group')}, ${count(versions, 'version')}, ${count(kinds, 'kind')}, ` +
        `${count(files.size, 'file')} written to ${outLabel}`,
    );
    return 0;
  } catch (error) {
    if (error instanceof GeneratorErrors) {
      for (const e of error.errors) io.err(e.message);
      io.err(`apigen: ${count(error.errors.length, 'error')}`);
      return 1;
    }
    if (error instanceof GeneratorError) {
      io.err(error.message);
      return 1;
    }
    io.err(`apigen: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

/** The emitters' entry point, loaded at run time (generator/emit/index.ts). */
async function loadEmitter(): Promise<EmitAll> {
  const url = new URL('./emit/index.js', import.meta.url).href;
  const module = (await import(url)) as { emitAll?: unknown };
  if (typeof module.emitAll !== 'function') throw new Error('generator/emit/index.ts does not export emitAll');
  return module.emitAll as EmitAll;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
