// Entry point of the API server: the generated groups + the runtime's command line.
// Runs as TypeScript through bin/apiserver (tsx), or compiled as dist/bin/apiserver.js (`make run`).
import { groups } from '../generated/index.js';
import { runApiServer } from '../runtime/server/main.js';

await runApiServer(groups);
