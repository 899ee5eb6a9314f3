// `npm start`: build what is missing, then run the API (and, with DATABASE_URL + REDIS_URL, the mail
// worker as its own process). `npm run worker` runs only the worker.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildIfNeeded } from './build-if-needed.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const API = join(ROOT, 'dist/server/server/src/main.js');
const WORKER = join(ROOT, 'dist/server/server/src/worker.js');
const workerOnly = process.argv.includes('--worker');

if (existsSync(join(ROOT, '.env'))) process.loadEnvFile(join(ROOT, '.env'));
buildIfNeeded();

const children = [];
let stopping = false;

function run(name, entry) {
  const child = spawn(process.execPath, [entry], { cwd: ROOT, stdio: 'inherit', env: process.env });
  child.on('exit', (code, signal) => {
    children.splice(children.indexOf(child), 1);
    if (!stopping) {
      console.error(`[world-it] the ${name} exited (${signal ?? code}); stopping`);
      stop(code ?? 1);
    } else if (children.length === 0) {
      process.exit(0);
    }
  });
  children.push(child);
}

function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  if (children.length === 0) process.exit(code);
  for (const c of children) c.kill('SIGTERM');
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

const separateWorker = Boolean(process.env.REDIS_URL && process.env.DATABASE_URL);
if (workerOnly) {
  run('worker', WORKER);
} else {
  run('API', API);
  if (separateWorker) run('worker', WORKER);
}
